import { Module } from '@nestjs/common';
import { AuthModule } from '#src/auth/auth.module.js';
import { ChequeKeys } from '#src/config/cheque-keys.js';
import { CustodyModule } from '#src/custody/custody.module.js';
import { FilesModule } from '#src/files/files.module.js';
import { FundersModule } from '#src/funders/funders.module.js';
import { IssuanceRepository } from './issuance.repository.js';
import { IssuanceWriter } from './issuance-writer.service.js';
import { IssuancesController } from './issuances.controller.js';
import { IssuanceService } from './issuance.service.js';
import { PrintCoverRepository } from './print-cover.repository.js';
import { PrintRenderer } from './print-renderer.service.js';

/** Issuance runs: request and resume, numbering, the chunk writer, print files (CSV, PDF). */
@Module({
  imports: [AuthModule, FundersModule, CustodyModule, FilesModule],
  controllers: [IssuancesController],
  providers: [
    ChequeKeys,
    IssuanceRepository,
    IssuanceWriter,
    PrintCoverRepository,
    PrintRenderer,
    IssuanceService,
  ],
  exports: [IssuanceService],
})
export class IssuanceModule {}
