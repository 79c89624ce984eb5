import { Module } from '@nestjs/common';
import { IdempotencyModule } from '#src/common/idempotency/idempotency.module.js';
import { FundersModule } from '#src/funders/funders.module.js';
import { VenuesModule } from '#src/venues/venues.module.js';
import { BatchExportRepository } from './batch-export.repository.js';
import { BatchExportService } from './batch-export.service.js';
import { BatchFilesController } from './batch-files.controller.js';
import { BatchFilesRepository } from './batch-files.repository.js';
import { BatchFilesService } from './batch-files.service.js';
import { BatchGenerationRepository } from './batch-generation.repository.js';
import { BatchGenerationService } from './batch-generation.service.js';
import { BatchesController } from './batches.controller.js';
import { BatchesRepository } from './batches.repository.js';
import { BatchesService } from './batches.service.js';
import { BatchPaymentsController } from './batch-payments.controller.js';
import { BatchPaymentsRepository } from './batch-payments.repository.js';
import { BatchPaymentsService } from './batch-payments.service.js';
import { BatchFileStore } from './file-store.js';

/**
 * Monthly reimbursement batches: creation, generation (worker), views, approval, export of the
 * files (worker) and their downloads, the bank's outcomes.
 */
@Module({
  imports: [FundersModule, VenuesModule, IdempotencyModule],
  controllers: [BatchesController, BatchFilesController, BatchPaymentsController],
  providers: [
    BatchesRepository,
    BatchesService,
    BatchGenerationRepository,
    BatchGenerationService,
    BatchFilesRepository,
    BatchFileStore,
    BatchExportRepository,
    BatchExportService,
    BatchFilesService,
    BatchPaymentsRepository,
    BatchPaymentsService,
  ],
  exports: [BatchesService, BatchGenerationService, BatchExportService, BatchPaymentsService],
})
export class ReimbursementsModule {}
