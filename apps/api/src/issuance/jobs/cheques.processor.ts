import { Processor } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { QueueProcessor } from '#src/queues/queue-processor.js';
import { QUEUES } from '#src/queues/queues.js';
import { ExpiryService } from '#src/expiry/expiry.service.js';
import { IssuanceService } from '../issuance.service.js';

@Processor(QUEUES.cheques.name)
export class ChequesProcessor extends QueueProcessor {
  private readonly logger = new Logger(ChequesProcessor.name);
  readonly queue = QUEUES.cheques.name;

  constructor(
    private readonly issuance: IssuanceService,
    private readonly expiry: ExpiryService,
  ) {
    super();
  }

  protected readonly handlers = {
    [QUEUES.cheques.jobs.issue]: async (job: Job<{ issuanceId: string }>) => {
      const done = await this.issuance.run(job.data.issuanceId, (carnets, total) =>
        job.updateProgress({ carnets, total }),
      );
      return { issuanceId: done.id, status: done.status, carnets: done.carnetsDone };
    },
    [QUEUES.cheques.jobs.reprint]: async (job: Job<{ issuanceId: string; generation: number }>) => {
      const done = await this.issuance.runRegeneration(job.data.issuanceId, job.data.generation);
      return { issuanceId: done.id, generation: done.printGeneration };
    },
    [QUEUES.cheques.jobs.expire]: async () => {
      const expired = await this.expiry.expire();
      this.logger.log(`Expired ${expired} cheques`);
      return { expired };
    },
  };
}
