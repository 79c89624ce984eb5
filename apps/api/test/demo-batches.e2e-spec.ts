import { createHash } from 'node:crypto';
import { periodOf, shiftPeriod } from '@carnet/domain';
import { bootApp, login, type Session, type TestApp } from './utils.js';

interface Batch {
  id: string;
  period: string;
  status: string;
  payableCents: number;
  onHoldCents: number;
  paidCents: number;
  chequeCount: number;
  createdAt?: string;
  createdBy: { name: string } | null;
  approvedBy: { name: string } | null;
  approvedAt: string | null;
  requestedExecutionDate: string | null;
  files: { name: string; sha256: string; sizeBytes: number }[];
  funders: { cents: number }[];
}

/** The demo's reimbursement batches (demo-batches.ts), as a finance officer finds them. */
describe('demo reimbursement batches (e2e)', () => {
  let t: TestApp;
  let finance: Session;
  let finance2: Session;

  beforeAll(async () => {
    t = await bootApp();
    [finance, finance2] = await Promise.all([
      login(t.http, 'finance@demo.carnet.fr'),
      login(t.http, 'finance2@demo.carnet.fr'),
    ]);
  }, 600_000);

  afterAll(async () => {
    await t.close();
  });

  it('has a PAID batch for every month with redemptions up to three months back, a DRAFT two months back, last month left free', async () => {
    const current = periodOf(new Date());
    const list = await t.http
      .get('/api/v1/reimbursement-batches?sort=-period')
      .set(finance.auth)
      .expect(200);
    const batches = list.body.data as Batch[];
    // One per month that has redemptions (the monthly job skips a month without), as far back
    // as the demo's history goes: its twelve months or more of redemptions but the last two.
    const months = await t.dataSource.query<{ period: string }[]>(
      `SELECT DISTINCT period FROM redemption WHERE status = 'ACTIVE' AND period <= $1
       ORDER BY period DESC`,
      [shiftPeriod(current, -2)],
    );
    expect(months.length).toBeGreaterThanOrEqual(10);
    expect(months[0].period).toBe(shiftPeriod(current, -2));
    expect(batches.map((b) => [b.period, b.status])).toEqual(
      months.map((m, i) => [m.period, i === 0 ? 'DRAFT' : 'PAID']),
    );
    const [draft, paid, ...older] = batches;
    const allPaid = [paid, ...older];

    // Every redemption made before the draft's cutoff is in one of them, to the cent; each
    // batch took its own month's, the earlier ones being paid already.
    const [waiting] = await t.dataSource.query<{ cents: number; cheques: number }[]>(
      `SELECT COALESCE(sum(rc.face_value_cents), 0)::int AS cents, count(*)::int AS cheques
       FROM redemption r JOIN redemption_cheque rc ON rc.redemption_id = r.id AND rc.active
       JOIN reimbursement_batch b ON b.id = $1
       WHERE r.status = 'ACTIVE' AND r.created_at < b.cutoff AND r.programme_id = b.programme_id`,
      [draft.id],
    );
    const sum = (key: 'payableCents' | 'onHoldCents' | 'chequeCount') =>
      batches.reduce((total, b) => total + b[key], 0);
    expect(sum('payableCents') + sum('onHoldCents')).toBe(waiting.cents);
    expect(sum('chequeCount')).toBe(waiting.cheques);
    const ofMonth = await t.dataSource.query<{ period: string; cheques: number }[]>(
      `SELECT r.period, count(*)::int AS cheques
       FROM redemption r JOIN redemption_cheque rc ON rc.redemption_id = r.id AND rc.active
       WHERE r.status = 'ACTIVE' GROUP BY r.period`,
    );
    for (const batch of batches) {
      expect(batch.chequeCount).toBe(ofMonth.find((m) => m.period === batch.period)?.cheques);
      expect(batch.payableCents).toBeGreaterThan(0);
    }

    // The paid ones: their cheques reimbursed, the draft's in it; each batch's funders' shares
    // add up to it.
    const [cheques] = await t.dataSource.query<{ reimbursed: number; inBatch: number }[]>(
      `SELECT count(*) FILTER (WHERE c.status = 'REIMBURSED')::int AS reimbursed,
              count(*) FILTER (WHERE c.status = 'IN_BATCH')::int AS "inBatch"
       FROM cheque c JOIN redemption_cheque rc ON rc.cheque_number = c.number AND rc.active
       JOIN redemption r ON r.id = rc.redemption_id`,
    );
    expect(cheques.reimbursed * 1000).toBe(allPaid.reduce((total, b) => total + b.payableCents, 0));
    expect(cheques.inBatch).toBe(draft.payableCents / 1000);
    for (const batch of allPaid) {
      expect(batch.funders.reduce((total, f) => total + f.cents, 0)).toBe(batch.payableCents);
      expect(batch.paidCents).toBe(batch.payableCents);
      expect(batch.files.map((f) => f.name)).toEqual(
        expect.arrayContaining([
          'sepa.xml',
          'etat-liquidatif.xlsx',
          'etat-liquidatif.csv',
          'cheques.csv',
          'synthese.pdf',
          'manifest.json',
        ]),
      );
    }

    // The latest paid one's transfer file, with the SHA-256 of its bytes.
    const sepa = paid.files.find((f) => f.name === 'sepa.xml')!;
    const download = await t.http
      .get(`/api/v1/reimbursement-batches/${paid.id}/files/sepa.xml`)
      .set(finance.auth)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(
      createHash('sha256')
        .update(download.body as Buffer)
        .digest('hex'),
    ).toBe(sepa.sha256);
    // Executed as asked at its export, in the month after its period, like everything it did.
    const executed = /<ReqdExctnDt>\s*<Dt>(\d{4}-\d{2}-\d{2})<\/Dt>/.exec(
      (download.body as Buffer).toString('utf8'),
    );
    expect(executed?.[1]).toBe(paid.requestedExecutionDate);
    expect(paid.requestedExecutionDate?.slice(0, 7)).toBe(shiftPeriod(current, -2));

    // A reimbursed cheque's history goes on past its redemption, to the batch that paid it.
    const [reimbursed] = await t.dataSource.query<{ number: string }[]>(
      `SELECT number FROM cheque WHERE status = 'REIMBURSED' ORDER BY number LIMIT 1`,
    );
    const history = await t.http
      .get(`/api/v1/cheques/${reimbursed.number}/events`)
      .set(finance.auth)
      .expect(200);
    const actions = (history.body.data as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'redemption.created',
        'reimbursement-batch.generated',
        'reimbursement-batch.approved',
        'reimbursement-batch.exported',
        'reimbursement-batch.payments-recorded',
        'reimbursement-batch.closed',
      ]),
    );
    expect(actions).not.toContain('reimbursement-batch.file-downloaded');

    // The draft waits for the second officer: its creator may not approve it, finance2@ may.
    const asCreator = await t.http
      .get(`/api/v1/reimbursement-batches/${draft.id}`)
      .set(finance.auth)
      .expect(200);
    expect(asCreator.body.approval).toEqual({ allowed: false, refusal: 'FOUR_EYES_REQUIRED' });
    const asOther = await t.http
      .get(`/api/v1/reimbursement-batches/${draft.id}`)
      .set(finance2.auth)
      .expect(200);
    expect(asOther.body.approval).toEqual({ allowed: true, refusal: null });

    // Dated as finance would have run them: each step in the month after its period, on a
    // working day, before today; created by finance@, approved by finance2@.
    const steps = await t.dataSource.query<
      { period: string; months: string[]; weekdays: number[]; last: string }[]
    >(
      `SELECT b.period,
              array_remove(ARRAY[to_char(b.created_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM'),
                                 to_char(b.approved_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM'),
                                 to_char(b.exported_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM'),
                                 to_char(b.closed_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM')], NULL) AS months,
              array_remove(ARRAY[extract(isodow FROM b.created_at AT TIME ZONE 'Europe/Paris')::int,
                                 extract(isodow FROM b.approved_at AT TIME ZONE 'Europe/Paris')::int,
                                 extract(isodow FROM b.closed_at AT TIME ZONE 'Europe/Paris')::int], NULL)
                AS weekdays,
              greatest(b.created_at, b.approved_at, b.exported_at, b.closed_at)::text AS last
       FROM reimbursement_batch b ORDER BY b.period`,
    );
    for (const step of steps) {
      expect(new Set(step.months)).toEqual(new Set([shiftPeriod(step.period, 1)]));
      expect(step.weekdays.every((day) => day <= 5)).toBe(true);
      expect(new Date(step.last).getTime()).toBeLessThan(Date.now());
    }
    expect(steps.map((s) => s.months.length)).toEqual(
      [...batches].reverse().map((b) => (b.status === 'PAID' ? 4 : 1)),
    );
    for (const batch of batches) {
      expect(batch.createdBy?.name).toBe('Sophie Lefebvre');
      expect(batch.approvedBy?.name).toBe(batch.status === 'PAID' ? 'Thomas Morel' : undefined);
    }
  });
});
