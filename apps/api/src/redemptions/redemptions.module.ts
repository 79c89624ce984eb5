import { Module } from '@nestjs/common';
import { ChequesModule } from '#src/cheques/cheques.module.js';
import { IdempotencyModule } from '#src/common/idempotency/idempotency.module.js';
import { VenuesModule } from '#src/venues/venues.module.js';
import { RedemptionThrottleGuard } from './redemption-throttle.guard.js';
import { RedemptionsController } from './redemptions.controller.js';
import { RedemptionsRepository } from './redemptions.repository.js';
import { RedemptionsService } from './redemptions.service.js';

/** Redemption of cheques at venues, its cancellation, and the venues' statements. */
@Module({
  imports: [ChequesModule, VenuesModule, IdempotencyModule],
  controllers: [RedemptionsController],
  providers: [RedemptionsRepository, RedemptionsService, RedemptionThrottleGuard],
})
export class RedemptionsModule {}
