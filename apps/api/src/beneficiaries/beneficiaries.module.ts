import { Module } from '@nestjs/common';
import { HouseholdKey } from '#src/config/household-key.js';
import { BeneficiariesController } from './beneficiaries.controller.js';
import { BeneficiariesRepository } from './beneficiaries.repository.js';
import { BeneficiariesService } from './beneficiaries.service.js';
import { DiagnosticsController } from './diagnostics.controller.js';
import { DiagnosticsService } from './diagnostics.service.js';

/** Beneficiaries (minimal by design, household key) and their diagnostics. */
@Module({
  controllers: [BeneficiariesController, DiagnosticsController],
  providers: [HouseholdKey, BeneficiariesRepository, BeneficiariesService, DiagnosticsService],
  exports: [BeneficiariesService],
})
export class BeneficiariesModule {}
