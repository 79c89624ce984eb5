import { Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import {
  ReportRefreshRepository,
  WATERMARK_MARGIN_SECONDS,
  type RefreshCounts,
} from './report-refresh.repository.js';

export interface RefreshOutcome extends RefreshCounts {
  /** The instant the figures now reflect. */
  asOf: Date;
  /** Whether the whole store was rebuilt (first run, or asked). */
  rebuilt: boolean;
  durationMs: number;
}

/**
 * Brings the reporting store up to date, incrementally: only the carnets whose cheques changed
 * status or whose beneficiary was edited (or erased, or purged), and the months whose redemptions
 * were made or cancelled since the watermark, are recomputed, with the roll-ups they feed, from
 * the base tables (ReportRefreshRepository).
 *
 * One refresh at a time (an advisory lock, waited for); each runs in one REPEATABLE READ
 * transaction, so the figures of a report are all of one instant, `asOf`, and a failed refresh
 * changes nothing (the next one reads the same changes again). Called by the worker's job
 * (REPORT_REFRESH_CRON, or POST /reports/refresh), by `cli refresh-reports`, by the demo seed and
 * by tests.
 */
@Injectable()
export class ReportRefreshService {
  private readonly logger = new Logger(ReportRefreshService.name);

  constructor(private readonly repository: ReportRefreshRepository) {}

  /**
   * `rebuild`: empty the store and compute everything again. `marginSeconds`: how far before the
   * oldest running transaction the next refresh starts reading (WATERMARK_MARGIN_SECONDS; tests
   * set 0 to show that the running transactions alone are enough).
   */
  async refresh(
    options: { rebuild?: boolean; marginSeconds?: number } = {},
  ): Promise<RefreshOutcome> {
    const started = performance.now();
    const runner = this.repository.queryRunner();
    await runner.connect();
    try {
      await this.repository.lock(runner);
      try {
        await runner.startTransaction('REPEATABLE READ');
        try {
          const manager = runner.manager;
          const { watermark, asOf, nextWatermark } = await this.repository.begin(
            manager,
            options.marginSeconds ?? WATERMARK_MARGIN_SECONDS,
          );
          const rebuilt = options.rebuild === true || watermark === null;
          if (rebuilt) await this.repository.clear(manager);
          const counts = await this.repository.findDirty(manager, rebuilt ? null : watermark);
          await this.repository.refreshCarnets(manager);
          await this.repository.refreshRollups(manager);
          await this.repository.refreshPeriods(manager);
          await this.repository.refreshExpiry(manager);
          const durationMs = Math.round(performance.now() - started);
          await this.repository.finish(manager, {
            asOf,
            watermark: nextWatermark,
            durationMs,
            ...counts,
          });
          await runner.commitTransaction();
          this.logger.log(
            `Reports refreshed${rebuilt ? ' (rebuilt)' : ''}: ${counts.carnets} carnets, ` +
              `${counts.periods} months in ${durationMs} ms`,
          );
          return { asOf, rebuilt, durationMs, ...counts };
        } catch (error) {
          await runner.rollbackTransaction();
          throw error;
        }
      } finally {
        await this.repository.unlock(runner);
      }
    } finally {
      await runner.release();
    }
  }

  state() {
    return this.repository.state();
  }
}
