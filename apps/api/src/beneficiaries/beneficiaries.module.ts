import { Module } from '@nestjs/common';
import { HouseholdKey } from '#src/config/household-key.js';
import { BeneficiariesController } from './beneficiaries.controller.js';
import { BeneficiariesRepository } from './beneficiaries.repository.js';
import { BeneficiariesService } from './beneficiaries.service.js';
import { DiagnosticsController } from './diagnostics.controller.js';
import { DiagnosticsService } from './diagnostics.service.js';
import { HandOutsController } from './hand-outs.controller.js';
import { HandOutsRepository } from './hand-outs.repository.js';
import { HandOutsService } from './hand-outs.service.js';
import { OrientationController } from './orientation.controller.js';
import { OrientationRepository } from './orientation.repository.js';
import { OrientationService } from './orientation.service.js';
import { PrivacyController } from './privacy.controller.js';
import { PrivacyRepository } from './privacy.repository.js';
import { PrivacyService } from './privacy.service.js';
import { ChequesModule } from '#src/cheques/cheques.module.js';
import { IdempotencyModule } from '#src/common/idempotency/idempotency.module.js';
import { CustodyModule } from '#src/custody/custody.module.js';
import { PrescribersModule } from '#src/prescribers/prescribers.module.js';

/**
 * Beneficiaries (minimal by design, household key), their diagnostics and hand-outs; their
 * orientation to venues; their data's export, erasure and retention purge (PrivacyService, also
 * for the worker).
 */
@Module({
  imports: [CustodyModule, ChequesModule, PrescribersModule, IdempotencyModule],
  controllers: [
    BeneficiariesController,
    DiagnosticsController,
    HandOutsController,
    OrientationController,
    PrivacyController,
  ],
  providers: [
    HouseholdKey,
    BeneficiariesRepository,
    BeneficiariesService,
    DiagnosticsService,
    HandOutsRepository,
    HandOutsService,
    OrientationRepository,
    OrientationService,
    PrivacyRepository,
    PrivacyService,
  ],
  exports: [BeneficiariesService, PrivacyService],
})
export class BeneficiariesModule {}
