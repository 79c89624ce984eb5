import { declaredQueueNames, missingHandlers, QUEUES, SCHEDULES } from './queues.js';

describe('queue declarations', () => {
  it('reports the declared jobs a processor does not handle', () => {
    expect(missingHandlers(QUEUES.auth.name, [])).toEqual([
      QUEUES.auth.jobs.purgeExpiredRefreshTokens,
    ]);
    expect(missingHandlers(QUEUES.auth.name, [QUEUES.auth.jobs.purgeExpiredRefreshTokens])).toEqual(
      [],
    );
  });

  it('schedules only declared jobs on declared queues', () => {
    for (const schedule of SCHEDULES) {
      expect(declaredQueueNames()).toContain(schedule.queue);
      expect(missingHandlers(schedule.queue, [])).toContain(schedule.job);
    }
  });
});
