import { Processor } from '@nestjs/bullmq';
import { QueueProcessor } from '#src/queues/queue-processor.js';
import { QUEUES } from '#src/queues/queues.js';
import { ReportRefreshService } from '../refresh/report-refresh.service.js';

/** The reporting store's refresh: on its schedule and when a manager asks for it. */
@Processor(QUEUES.reports.name)
export class ReportsProcessor extends QueueProcessor {
  readonly queue = QUEUES.reports.name;

  constructor(private readonly refresher: ReportRefreshService) {
    super();
  }

  protected readonly handlers = {
    [QUEUES.reports.jobs.refresh]: async () => {
      const { asOf, rebuilt, durationMs, carnets, periods } = await this.refresher.refresh();
      return { asOf: asOf.toISOString(), rebuilt, durationMs, carnets, periods };
    },
  };
}
