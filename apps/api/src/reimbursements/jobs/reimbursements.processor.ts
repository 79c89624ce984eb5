import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { QueueProcessor } from '#src/queues/queue-processor.js';
import { QUEUES } from '#src/queues/queues.js';
import { BatchExportService } from '../batch-export.service.js';
import { BatchGenerationService } from '../batch-generation.service.js';
import { BatchesService } from '../batches.service.js';

@Processor(QUEUES.reimbursements.name)
export class ReimbursementsProcessor extends QueueProcessor {
  readonly queue = QUEUES.reimbursements.name;

  constructor(
    private readonly batches: BatchesService,
    private readonly generation: BatchGenerationService,
    private readonly exports: BatchExportService,
  ) {
    super();
  }

  protected readonly handlers = {
    [QUEUES.reimbursements.jobs.createMonthlyBatches]: async () => {
      const { created, skipped, queued } = await this.batches.createMonthly();
      // Exports asked whose job was lost (Redis flushed) are queued again too.
      const exports = await this.exports.requeueAsked();
      return { created: created.length, skipped: skipped.length, queued, exports };
    },
    [QUEUES.reimbursements.jobs.generateBatch]: async (job: Job<{ batchId: string }>) =>
      this.generation.generate(job.data.batchId, (done, total) =>
        job.updateProgress({ done, total }),
      ),
    [QUEUES.reimbursements.jobs.exportBatch]: async (job: Job<{ batchId: string }>) =>
      this.exports.export(job.data.batchId, (done, total) => job.updateProgress({ done, total })),
  };
}
