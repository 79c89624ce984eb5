import { Module } from '@nestjs/common';
import { IdempotencyModule } from '#src/common/idempotency/idempotency.module.js';
import { FundersModule } from '#src/funders/funders.module.js';
import { VenuesModule } from '#src/venues/venues.module.js';
import { BatchGenerationRepository } from './batch-generation.repository.js';
import { BatchGenerationService } from './batch-generation.service.js';
import { BatchesController } from './batches.controller.js';
import { BatchesRepository } from './batches.repository.js';
import { BatchesService } from './batches.service.js';

/** Monthly reimbursement batches: creation, generation (worker), views, approval. */
@Module({
  imports: [FundersModule, VenuesModule, IdempotencyModule],
  controllers: [BatchesController],
  providers: [BatchesRepository, BatchesService, BatchGenerationRepository, BatchGenerationService],
  exports: [BatchesService, BatchGenerationService],
})
export class ReimbursementsModule {}
