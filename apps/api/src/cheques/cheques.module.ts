import { Module } from '@nestjs/common';
import { AuthModule } from '#src/auth/auth.module.js';
import { CustodyModule } from '#src/custody/custody.module.js';
import { ExpiryModule } from '#src/expiry/expiry.module.js';
import { FundersModule } from '#src/funders/funders.module.js';
import { VenuesModule } from '#src/venues/venues.module.js';
import { CarnetsController } from './carnets.controller.js';
import { CarnetsService } from './carnets.service.js';
import { ChequeCheckThrottleGuard } from './cheque-check-throttle.guard.js';
import { ChequeKeys } from '#src/config/cheque-keys.js';
import { ChequesController } from './cheques.controller.js';
import { ChequesRepository } from './cheques.repository.js';
import { ChequesService } from './cheques.service.js';

/** Carnets and cheques as people read and act on them: reads, check, cancellation, replacement. */
@Module({
  imports: [AuthModule, FundersModule, CustodyModule, ExpiryModule, VenuesModule],
  controllers: [CarnetsController, ChequesController],
  providers: [
    ChequeKeys,
    ChequesRepository,
    CarnetsService,
    ChequesService,
    ChequeCheckThrottleGuard,
  ],
  exports: [ChequesService],
})
export class ChequesModule {}
