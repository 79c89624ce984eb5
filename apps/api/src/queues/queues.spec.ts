import {
  declaredQueueNames,
  missingHandlers,
  QUEUES,
  schedulePattern,
  SCHEDULES,
} from './queues.js';

describe('queue declarations', () => {
  it('reports the declared jobs a processor does not handle', () => {
    const { purgeExpiredRefreshTokens, sendAccountLink } = QUEUES.auth.jobs;
    expect(missingHandlers(QUEUES.auth.name, [])).toEqual([
      purgeExpiredRefreshTokens,
      sendAccountLink,
    ]);
    expect(missingHandlers(QUEUES.auth.name, [purgeExpiredRefreshTokens])).toEqual([
      sendAccountLink,
    ]);
    expect(missingHandlers(QUEUES.auth.name, [purgeExpiredRefreshTokens, sendAccountLink])).toEqual(
      [],
    );
  });

  it('schedules only declared jobs on declared queues', () => {
    for (const schedule of SCHEDULES) {
      expect(declaredQueueNames()).toContain(schedule.queue);
      expect(missingHandlers(schedule.queue, [])).toContain(schedule.job);
    }
  });

  it('takes the monthly batches’ and the reports’ crons from the config, the others as written', () => {
    const config = { REIMBURSEMENT_CRON: '30 7 2 * *', REPORT_REFRESH_CRON: '*/10 * * * *' };
    const monthly = SCHEDULES.find(
      (s) => s.job === QUEUES.reimbursements.jobs.createMonthlyBatches,
    );
    expect(monthly && schedulePattern(monthly, config)).toBe('30 7 2 * *');
    const reports = SCHEDULES.find((s) => s.job === QUEUES.reports.jobs.refresh);
    expect(reports && schedulePattern(reports, config)).toBe('*/10 * * * *');
    const expiry = SCHEDULES.find((s) => s.job === QUEUES.cheques.jobs.expire)!;
    expect(schedulePattern(expiry, config)).toBe('5 0 * * *');
  });
});
