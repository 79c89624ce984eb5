import { Logger } from '@nestjs/common';
import { Processor } from '@nestjs/bullmq';
import { IdempotencyService } from '#src/common/idempotency/idempotency.service.js';
import { QueueProcessor } from '../queue-processor.js';
import { QUEUES } from '../queues.js';

/**
 * Housekeeping of the shared HTTP machinery of common/. It lives here, not in common/jobs/,
 * because queues/ already imports common/ (the request context of every job).
 */
@Processor(QUEUES.maintenance.name)
export class MaintenanceProcessor extends QueueProcessor {
  private readonly logger = new Logger(MaintenanceProcessor.name);
  readonly queue = QUEUES.maintenance.name;

  constructor(private readonly idempotency: IdempotencyService) {
    super();
  }

  protected readonly handlers = {
    [QUEUES.maintenance.jobs.purgeExpiredIdempotencyKeys]: async () => {
      const deleted = await this.idempotency.purgeExpired();
      this.logger.log(`Purged ${deleted} expired idempotency keys`);
      return { deleted };
    },
  };
}
