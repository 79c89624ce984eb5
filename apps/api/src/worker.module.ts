import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuthModule } from './auth/auth.module.js';
import { AuthProcessor } from './auth/jobs/auth.processor.js';
import { ChequesModule } from './cheques/cheques.module.js';
import { ChequesProcessor } from './cheques/jobs/cheques.processor.js';
import { CoreModule } from './core.module.js';
import { WorkerReadinessService } from './queues/worker-readiness.service.js';

/** The worker: BullMQ processors and schedules over the same services as the API. */
@Module({
  imports: [CoreModule, DiscoveryModule, AuthModule, ChequesModule],
  providers: [AuthProcessor, ChequesProcessor, WorkerReadinessService],
})
export class WorkerModule {}
