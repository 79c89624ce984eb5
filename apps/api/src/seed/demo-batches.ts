import type { INestApplicationContext } from '@nestjs/common';
import { addCalendarDays, dayOfWeek, periodOf, shiftPeriod, todayInParis } from '@carnet/domain';
import { DataSource } from 'typeorm';
import { BatchExportService } from '#src/reimbursements/batch-export.service.js';
import { BatchGenerationService } from '#src/reimbursements/batch-generation.service.js';
import { BatchPaymentsService } from '#src/reimbursements/batch-payments.service.js';
import { BatchesService } from '#src/reimbursements/batches.service.js';
import { DemoHistoryRepository, type Instant } from './demo-history.repository.js';
import { ownerPrincipal } from './demo-principals.js';

/**
 * The demo's reimbursement batches, over the demo's redemptions, as finance would have run them:
 * 1. three months back, PAID: created by Sophie Lefebvre (finance@) on the 1st of the next month
 *    at 06:00 and generated, approved the next working day by Thomas Morel (finance2@), exported
 *    for execution two working days later, every transfer recorded paid that day (a venue
 *    without verified bank details would stay ON_HOLD, carried into the next batch: the demo's
 *    redeeming venues all have theirs);
 * 2. two months back, DRAFT: created and generated on the 1st of the next month, waiting for
 *    finance2@'s approval (finance@ created it: the four-eyes rule shows on its page);
 * 3. last month is left without a batch, for a demo user (and the browser test) to create.
 * Each step runs through the services (state checks, cheque moves, audit), then its span of time
 * is moved to its day with the rest of the demo's history. A second run finds batches and does
 * nothing.
 */
export async function seedBatches(
  app: INestApplicationContext,
  programmeId: string,
): Promise<void> {
  const dataSource = app.get(DataSource);
  const history = new DemoHistoryRepository(dataSource);
  if (await history.hasBatches(programmeId)) return;
  const creator = await ownerPrincipal(app, 'finance@demo.carnet.fr');
  const approver = await ownerPrincipal(app, 'finance2@demo.carnet.fr');
  const batches = app.get(BatchesService);
  const generation = app.get(BatchGenerationService);
  const current = periodOf(new Date());

  /** Runs `step`, then moves what it wrote to `day` at `minute` (France). */
  const at = async <T>(day: string, minute: number, step: () => Promise<T>): Promise<T> => {
    const from: Instant = await history.now();
    const result = await step();
    await history.moveInTime([{ from, to: await history.now(), day, minute }]);
    return result;
  };
  const create = async (period: string) => {
    const payday = `${shiftPeriod(period, 1)}-01`;
    return at(payday, 6 * 60, async () => {
      const { body } = await batches.createOnce(creator, { programmeId, period }, null);
      await generation.generate(body.id);
      return { id: body.id, payday };
    });
  };

  const paid = await create(shiftPeriod(current, -3));
  const approvedOn = workingDayFrom(addCalendarDays(paid.payday, 1));
  await at(approvedOn, 9 * 60 + 40, () => batches.approve(approver, paid.id));
  const executedOn = workingDayFrom(addCalendarDays(approvedOn, 2));
  // Asked as on its day (the execution date is checked against that day), written by the job.
  const requestedAt = new Date(`${approvedOn}T14:00:00Z`);
  await at(approvedOn, 15 * 60, () =>
    app.get(BatchExportService).request(creator, paid.id, executedOn, requestedAt),
  );
  await at(approvedOn, 15 * 60 + 2, () => app.get(BatchExportService).export(paid.id));
  const lines = await history.payableLines(paid.id);
  const recordedOn = workingDayFrom(addCalendarDays(executedOn, 1));
  await at(recordedOn, 10 * 60, () =>
    app.get(BatchPaymentsService).recordOnce(
      creator,
      paid.id,
      lines.map((lineId) => ({ lineId, status: 'PAID' as const, paidOn: executedOn })),
      null,
      new Date(`${recordedOn}T10:00:00Z`),
    ),
  );

  await create(shiftPeriod(current, -2));
  // Today must stay after every moved step (the demo is seeded at any time of the month).
  if (recordedOn >= todayInParis()) {
    throw new Error(`The demo's paid batch would be recorded on ${recordedOn}, not in the past`);
  }
}

/** `day`, or the Monday after when it is a Saturday or a Sunday. */
function workingDayFrom(day: string): string {
  const weekday = dayOfWeek(day);
  return weekday === 6 ? addCalendarDays(day, 2) : weekday === 0 ? addCalendarDays(day, 1) : day;
}
