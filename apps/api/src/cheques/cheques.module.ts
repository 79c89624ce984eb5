import { Module } from '@nestjs/common';
import { AuthModule } from '#src/auth/auth.module.js';
import { CommunesModule } from '#src/communes/communes.module.js';
import { FundersModule } from '#src/funders/funders.module.js';
import { CarnetsController } from './carnets.controller.js';
import { CarnetsService } from './carnets.service.js';
import { ChequeCheckThrottleGuard } from './cheque-check-throttle.guard.js';
import { ChequeKeys } from './cheque-keys.js';
import { ChequesController } from './cheques.controller.js';
import { ChequesService } from './cheques.service.js';
import { ExpiryService } from './expiry.service.js';
import { CustodyModule } from '#src/custody/custody.module.js';
import { IssuancesController } from './issuances.controller.js';
import { IssuanceService } from './issuance.service.js';
import { PrintStore } from './print-store.service.js';

/** Carnets and cheques: issuance and print files, custody ledger, check, cancellation, expiry. */
@Module({
  imports: [AuthModule, FundersModule, CommunesModule, CustodyModule],
  controllers: [IssuancesController, CarnetsController, ChequesController],
  providers: [
    ChequeKeys,
    PrintStore,
    IssuanceService,
    CarnetsService,
    ChequesService,
    ExpiryService,
    ChequeCheckThrottleGuard,
  ],
  exports: [IssuanceService, ChequesService, ExpiryService],
})
export class ChequesModule {}
