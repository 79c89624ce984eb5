import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QueueProcessor } from '#src/queues/queue-processor.js';
import { QUEUES } from '#src/queues/queues.js';
import { BatchGenerationService } from '../batch-generation.service.js';
import { BatchesService } from '../batches.service.js';

@Processor(QUEUES.reimbursements.name)
export class ReimbursementsProcessor extends QueueProcessor {
  readonly queue = QUEUES.reimbursements.name;

  constructor(
    private readonly batches: BatchesService,
    private readonly generation: BatchGenerationService,
  ) {
    super();
  }

  protected readonly handlers = {
    [QUEUES.reimbursements.jobs.createMonthlyBatches]: async () => {
      const { created, queued } = await this.batches.createMonthly();
      return { created: created.length, queued };
    },
    [QUEUES.reimbursements.jobs.generateBatch]: async (job: Job<{ batchId: string }>) =>
      this.generation.generate(job.data.batchId, (done, total) =>
        job.updateProgress({ done, total }),
      ),
  };
}
