import { createHash } from 'node:crypto';
import { periodOf, shiftPeriod } from '@carnet/domain';
import { bootApp, login, type Session, type TestApp } from './utils.js';

interface Batch {
  id: string;
  period: string;
  status: string;
  payableCents: number;
  onHoldCents: number;
  chequeCount: number;
  createdAt?: string;
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

  it('has a PAID batch three months back and a DRAFT two months back, last month left free', async () => {
    const current = periodOf(new Date());
    const list = await t.http
      .get('/api/v1/reimbursement-batches?sort=-period')
      .set(finance.auth)
      .expect(200);
    const batches = list.body.data as Batch[];
    expect(batches.map((b) => [b.period, b.status])).toEqual([
      [shiftPeriod(current, -2), 'DRAFT'],
      [shiftPeriod(current, -3), 'PAID'],
    ]);
    const [draft, paid] = batches;

    // Every redemption made before the draft's cutoff is in one of the two, to the cent.
    const [waiting] = await t.dataSource.query<{ cents: number; cheques: number }[]>(
      `SELECT COALESCE(sum(rc.face_value_cents), 0)::int AS cents, count(*)::int AS cheques
       FROM redemption r JOIN redemption_cheque rc ON rc.redemption_id = r.id AND rc.active
       JOIN reimbursement_batch b ON b.id = $1
       WHERE r.status = 'ACTIVE' AND r.created_at < b.cutoff AND r.programme_id = b.programme_id`,
      [draft.id],
    );
    expect(paid.payableCents + paid.onHoldCents + draft.payableCents).toBe(waiting.cents);
    expect(paid.chequeCount + draft.chequeCount).toBe(waiting.cheques);
    expect(paid.payableCents).toBeGreaterThan(0);
    expect(draft.payableCents).toBeGreaterThan(0);

    // The paid one: its cheques reimbursed, its files there with the SHA-256 of their bytes.
    const [cheques] = await t.dataSource.query<{ reimbursed: number; inBatch: number }[]>(
      `SELECT count(*) FILTER (WHERE c.status = 'REIMBURSED')::int AS reimbursed,
              count(*) FILTER (WHERE c.status = 'IN_BATCH')::int AS "inBatch"
       FROM cheque c JOIN redemption_cheque rc ON rc.cheque_number = c.number AND rc.active
       JOIN redemption r ON r.id = rc.redemption_id`,
    );
    expect(cheques.reimbursed).toBe(paid.payableCents / 1000);
    expect(cheques.inBatch).toBe(draft.payableCents / 1000);
    expect(paid.funders.reduce((sum, f) => sum + f.cents, 0)).toBe(paid.payableCents);
    const names = paid.files.map((f) => f.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'sepa.xml',
        'etat-liquidatif.xlsx',
        'etat-liquidatif.csv',
        'cheques.csv',
        'synthese.pdf',
        'manifest.json',
      ]),
    );
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

    // Dated as finance would have run them: in the month after each period, before today.
    const [dates] = await t.dataSource.query<{ paidCreated: string; draftCreated: string }[]>(
      `SELECT to_char(p.created_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM') AS "paidCreated",
              to_char(d.created_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM') AS "draftCreated"
       FROM reimbursement_batch p, reimbursement_batch d WHERE p.id = $1 AND d.id = $2`,
      [paid.id, draft.id],
    );
    expect(dates).toEqual({
      paidCreated: shiftPeriod(current, -2),
      draftCreated: shiftPeriod(current, -1),
    });
  });
});
