import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuthModule } from './auth/auth.module.js';
import { AuthProcessor } from './auth/jobs/auth.processor.js';
import { BeneficiariesModule } from './beneficiaries/beneficiaries.module.js';
import { BeneficiariesProcessor } from './beneficiaries/jobs/beneficiaries.processor.js';
import { ChequesModule } from './cheques/cheques.module.js';
import { IdempotencyModule } from './common/idempotency/idempotency.module.js';
import { CoreModule } from './core.module.js';
import { ExpiryModule } from './expiry/expiry.module.js';
import { IssuanceModule } from './issuance/issuance.module.js';
import { ChequesProcessor } from './issuance/jobs/cheques.processor.js';
import { MaintenanceProcessor } from './queues/jobs/maintenance.processor.js';
import { WorkerReadinessService } from './queues/worker-readiness.service.js';
import { ReimbursementsProcessor } from './reimbursements/jobs/reimbursements.processor.js';
import { ReimbursementsModule } from './reimbursements/reimbursements.module.js';
import { ReportsProcessor } from './reporting/jobs/reports.processor.js';
import { ReportingModule } from './reporting/reporting.module.js';

/** The worker: BullMQ processors and schedules over the same services as the API. */
@Module({
  imports: [
    CoreModule,
    DiscoveryModule,
    AuthModule,
    ChequesModule,
    IssuanceModule,
    ExpiryModule,
    IdempotencyModule,
    BeneficiariesModule,
    ReimbursementsModule,
    ReportingModule,
  ],
  providers: [
    AuthProcessor,
    BeneficiariesProcessor,
    ChequesProcessor,
    MaintenanceProcessor,
    ReimbursementsProcessor,
    ReportsProcessor,
    WorkerReadinessService,
  ],
})
export class WorkerModule {}
