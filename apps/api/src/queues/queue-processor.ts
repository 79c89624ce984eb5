import { WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { runWithRequestContext } from '#src/common/request-context.js';
import type { QueueName } from './queues.js';

export type JobHandler = (job: Job) => Promise<unknown>;

/**
 * Base of every processor: one per queue, routing each job name to a service method. Processors
 * stay thin; the work and its transaction live in the services.
 */
export abstract class QueueProcessor extends WorkerHost {
  abstract readonly queue: QueueName;
  protected abstract readonly handlers: Readonly<Record<string, JobHandler>>;

  handledJobs(): string[] {
    return Object.keys(this.handlers);
  }

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name];
    if (!handler) throw new Error(`Queue ${this.queue} has no handler for job ${job.name}`);
    return runWithRequestContext({ requestId: `job:${job.queueName}:${job.id ?? '?'}` }, () =>
      handler(job),
    );
  }
}
