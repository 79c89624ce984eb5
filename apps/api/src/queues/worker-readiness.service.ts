import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { AppConfig } from '#src/config/app-config.js';
import { QueueProcessor } from './queue-processor.js';
import { declaredQueueNames, missingHandlers, schedulePattern, SCHEDULES } from './queues.js';

export class MissingJobHandlersError extends Error {
  constructor(readonly missing: string[]) {
    super(`The worker has no handler for these declared jobs: ${missing.join(', ')}`);
    this.name = 'MissingJobHandlersError';
  }
}

/** At worker start: refuse to run with a declared job nobody handles, then (re)schedule repeatable jobs. */
@Injectable()
export class WorkerReadinessService implements OnApplicationBootstrap {
  private readonly logger = new Logger(WorkerReadinessService.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly moduleRef: ModuleRef,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.assertEveryJobHasHandler();
    for (const schedule of SCHEDULES) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(schedule.queue), { strict: false });
      const pattern = schedulePattern(schedule, this.config);
      await queue.upsertJobScheduler(
        schedule.job,
        { pattern, tz: 'Europe/Paris' },
        { name: schedule.job },
      );
      this.logger.log(`Scheduled ${schedule.queue}/${schedule.job} at "${pattern}"`);
    }
  }

  assertEveryJobHasHandler(): void {
    const processors = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is QueueProcessor => instance instanceof QueueProcessor);
    const missing = declaredQueueNames().flatMap((queue) => {
      const handled = processors.filter((p) => p.queue === queue).flatMap((p) => p.handledJobs());
      return missingHandlers(queue, handled).map((job) => `${queue}/${job}`);
    });
    if (missing.length > 0) throw new MissingJobHandlersError(missing);
  }
}
