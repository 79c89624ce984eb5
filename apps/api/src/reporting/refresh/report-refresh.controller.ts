import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import { Roles } from '#src/access/auth.decorators.js';
import { QUEUES } from '#src/queues/queues.js';
import { enqueueOnce, jobStatus } from '#src/reimbursements/jobs/enqueue-once.js';
import { ReportStatusDto } from '../dto/report-status.dto.js';
import { ReportRefreshService } from './report-refresh.service.js';

/** The on-demand refresh's job id: asking again while it waits or runs changes nothing. */
const ON_DEMAND_JOB_ID = 'refresh-reports-on-demand';

/**
 * How fresh the reports are, and a refresh on demand. The worker also refreshes on its schedule
 * (REPORT_REFRESH_CRON, every 5 minutes by default).
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportRefreshController {
  constructor(
    private readonly refresher: ReportRefreshService,
    @InjectQueue(QUEUES.reports.name) private readonly queue: Queue,
  ) {}

  /** When the figures were last brought up to date, and whether a refresh is on its way. */
  @Get('status')
  @Roles(
    'ADMIN',
    'PROGRAMME_MANAGER',
    'FINANCE_OFFICER',
    'FUNDER_VIEWER',
    'COMMUNE_REFERENT',
    'VENUE_STAFF',
  )
  @ApiOkResponse({ type: ReportStatusDto })
  status(): Promise<ReportStatusDto> {
    return this.describe();
  }

  /**
   * Asks the worker to bring the figures up to date now (it reads only what changed since the
   * last refresh). Answers 202 with the status; poll `GET /reports/status` until `refreshing` is
   * false and `asOf` has moved. Asking again while one is on its way starts no second one.
   */
  @Post('refresh')
  @HttpCode(HttpStatus.ACCEPTED)
  @Roles('ADMIN', 'PROGRAMME_MANAGER', 'FINANCE_OFFICER')
  @ApiAcceptedResponse({ type: ReportStatusDto })
  async refresh(): Promise<ReportStatusDto> {
    await enqueueOnce(this.queue, QUEUES.reports.jobs.refresh, {}, ON_DEMAND_JOB_ID);
    return this.describe();
  }

  private async describe(): Promise<ReportStatusDto> {
    const [state, job] = await Promise.all([
      this.refresher.state(),
      jobStatus(this.queue, ON_DEMAND_JOB_ID),
    ]);
    return {
      asOf: state.asOf?.toISOString() ?? null,
      refreshing: job !== null && job.state !== 'failed',
      lastDurationMs: state.lastDurationMs,
      lastCarnets: state.lastCarnets,
      lastPeriods: state.lastPeriods,
    };
  }
}
