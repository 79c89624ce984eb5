import type { INestApplicationContext } from '@nestjs/common';
import { addCalendarDays, periodOf, shiftPeriod, todayInParis } from '@carnet/domain';
import { DataSource } from 'typeorm';
import { BatchExportService } from '#src/reimbursements/batch-export.service.js';
import { BatchGenerationService } from '#src/reimbursements/batch-generation.service.js';
import { BatchPaymentsService } from '#src/reimbursements/batch-payments.service.js';
import { BatchesService } from '#src/reimbursements/batches.service.js';
import { workingDayFrom } from './demo-calendar.js';
import { DemoHistoryRepository, type TimeSlot } from './demo-history.repository.js';
import { ownerPrincipal } from './demo-principals.js';

/**
 * The demo's reimbursement batches, over the demo's redemptions, as finance would have run them
 * month after month (a month without redemptions gets none, as the monthly job skips it):
 * 1. every month up to three months back, PAID: created by Sophie Lefebvre (finance@) on the
 *    first working day of the next month at 08:30 and generated, approved the next working day
 *    by Thomas Morel (finance2@), exported for execution two working days later, every transfer
 *    recorded paid the working day after (a venue without verified bank details would stay
 *    ON_HOLD, carried into the next batch: the demo's redeeming venues all have theirs);
 * 2. two months back, DRAFT: created and generated on the first working day of the next month,
 *    waiting for finance2@'s approval (finance@ created it: the four-eyes rule shows on its page);
 * 3. last month is left without a batch, for a demo user (and the browser test) to create.
 * Each step runs through the services (state checks, cheque moves, audit), then its span of time
 * is moved to its day with the rest of the demo's history, in three goes: the batches up to
 * their export's request (its time goes into the files), the exports, then the payments (their
 * day is checked against the export's). A second run finds batches and does nothing.
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
  const exports = app.get(BatchExportService);
  const current = periodOf(new Date());
  const draftPeriod = shiftPeriod(current, -2);
  const periods = (await history.redemptionPeriods(programmeId)).filter((p) => p <= draftPeriod);

  /** Runs `step`, and keeps its span of time to move to `day` at `minute` (France). */
  const slots: TimeSlot[] = [];
  const at = async <T>(day: string, minute: number, step: () => Promise<T>): Promise<T> => {
    const from = await history.now();
    const result = await step();
    slots.push({ from, to: await history.now(), day, minute });
    return result;
  };
  const moveThem = () => history.moveInTime(slots.splice(0));
  const create = async (period: string) => {
    const payday = workingDayFrom(`${shiftPeriod(period, 1)}-01`);
    return at(payday, 8 * 60 + 30, async () => {
      const { body } = await batches.createOnce(creator, { programmeId, period }, null);
      await generation.generate(body.id);
      return { id: body.id, payday };
    });
  };

  const paid: { id: string; approvedOn: string; executedOn: string; recordedOn: string }[] = [];
  for (const period of periods.filter((p) => p < draftPeriod)) {
    const { id, payday } = await create(period);
    const approvedOn = workingDayFrom(addCalendarDays(payday, 1));
    await at(approvedOn, 9 * 60 + 40, () => batches.approve(approver, id));
    const executedOn = workingDayFrom(addCalendarDays(approvedOn, 2));
    // Asked as on its day (the execution date is checked against that day).
    const requestedAt = new Date(`${approvedOn}T14:00:00Z`);
    await at(approvedOn, 15 * 60, () => exports.request(creator, id, executedOn, requestedAt));
    paid.push({
      id,
      approvedOn,
      executedOn,
      recordedOn: workingDayFrom(addCalendarDays(executedOn, 1)),
    });
  }
  if (periods.includes(draftPeriod)) await create(draftPeriod);
  await moveThem();

  // Written by the job, a couple of minutes after the request.
  for (const { id, approvedOn } of paid) {
    await at(approvedOn, 15 * 60 + 2, () => exports.export(id));
  }
  await moveThem();

  for (const { id, executedOn, recordedOn } of paid) {
    const lines = await history.payableLines(id);
    await at(recordedOn, 10 * 60, () =>
      app.get(BatchPaymentsService).recordOnce(
        creator,
        id,
        lines.map((lineId) => ({ lineId, status: 'PAID' as const, paidOn: executedOn })),
        null,
        new Date(`${recordedOn}T10:00:00Z`),
      ),
    );
  }
  await moveThem();
  // Today must stay after every moved step (the demo is seeded at any time of the month).
  const last = paid.at(-1);
  if (last && last.recordedOn >= todayInParis()) {
    throw new Error(
      `The demo's paid batch would be recorded on ${last.recordedOn}, not in the past`,
    );
  }
}
