import { createHash, randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { previousPeriod, sepaMessageId, shiftPeriod, todayInParis } from '@carnet/domain';
import { BatchExportService } from '#src/reimbursements/batch-export.service.js';
import { BatchesService } from '#src/reimbursements/batches.service.js';
import { createProgramme } from './factories.js';
import { bootApp, login, type Session, type TestApp } from './utils.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

type Batch = Record<string, unknown> & {
  id: string;
  status: string;
  files: { name: string; sha256: string; venueId: string | null }[];
  progress: { done: number; total: number } | null;
};

/** A gate a paused export waits at until the test opens it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let reached!: () => void;
  const arrived = new Promise<void>((resolve) => (reached = resolve));
  return { opened, open, arrived, reached };
}

/**
 * The edges of reimbursement batches against real PostgreSQL and Redis, on the demo's
 * redemptions: a month whose venues are all on hold and a month without a redemption (nothing to
 * pay: approved, exported without a transfer file, closed at once), the monthly job skipping a
 * programme with nothing waiting, the live progress of an export, and two exports of one batch
 * at once (one writes, the other waits and finds it done). The tests run in order.
 */
describe('reimbursement batch edges (e2e)', () => {
  let t: TestApp;
  let finance: Session;
  let finance2: Session;
  let manager: Session;
  let programmeId: string;
  /** The redemptions the all-on-hold batch left free, for the next batch. */
  let heldRedemptions: string[];
  let lastBatchId: string;
  const now = new Date();
  const older = shiftPeriod(previousPeriod(now), -1);
  const last = previousPeriod(now);
  const today = todayInParis(now);

  const binary = (res: Response, done: (e: Error | null, body: Buffer) => void) => {
    const stream = res as unknown as NodeJS.ReadableStream;
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => done(null, Buffer.concat(chunks)));
  };
  const download = (id: string, name: string) =>
    t.http
      .get(`/api/v1/reimbursement-batches/${id}/files/${name}`)
      .set(finance.auth)
      .buffer(true)
      .parse(binary);
  const batchOf = async (id: string) =>
    (await t.http.get(`/api/v1/reimbursement-batches/${id}`).set(finance.auth).expect(200))
      .body as Batch;
  const until = async (id: string, done: (b: Batch) => boolean) => {
    for (let i = 0; i < 400; i++) {
      const batch = await batchOf(id);
      if (done(batch)) return batch;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Batch ${id} never got there`);
  };
  const create = async (period: string) => {
    const res = await t.http
      .post('/api/v1/reimbursement-batches')
      .set(finance.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ programmeId, period })
      .expect(202);
    return until(res.body.id as string, (b) => b.status !== 'GENERATING');
  };
  const approve = (id: string) =>
    t.http.post(`/api/v1/reimbursement-batches/${id}/approve`).set(finance2.auth).expect(200);
  const askExport = (id: string) =>
    t.http
      .post(`/api/v1/reimbursement-batches/${id}/export`)
      .set(finance.auth)
      .send({ requestedExecutionDate: today })
      .expect(202);
  const auditOf = (id: string) =>
    t.dataSource.query<{ action: string; after: Record<string, unknown> }[]>(
      `SELECT action, after FROM audit_event WHERE entity_type = 'reimbursement-batch'
         AND entity_id = $1 ORDER BY id`,
      [id],
    );
  const storedFiles = (id: string) =>
    t.dataSource.query<{ name: string; sha256: string | null; complete: boolean }[]>(
      `SELECT name, sha256, complete FROM reimbursement_file WHERE batch_id = $1 ORDER BY name`,
      [id],
    );
  /** The worker's own export service: the one the queue's jobs run. */
  const workerExports = () => t.worker!.get(BatchExportService);

  beforeAll(async () => {
    t = await bootApp({ worker: true, demoBatches: false });
    [finance, finance2, manager] = await Promise.all(
      ['finance', 'finance2', 'manager'].map((n) => login(t.http, `${n}@demo.carnet.fr`)),
    );
    programmeId = (await t.http.get('/api/v1/programmes').set(manager.auth)).body.data[0].id;
  }, 600_000);

  afterAll(async () => {
    if (t.worker) workerExports().afterFileWritten = null;
    await t.close();
  });

  it('approves, exports and closes at once a month whose venues are all on hold', async () => {
    // Every venue suspended while the batch is made: each line on hold.
    const venues = await t.dataSource.query<{ id: string; status: string }[]>(
      `SELECT id, qualification_status AS status FROM venue`,
    );
    await t.dataSource.query(`UPDATE venue SET qualification_status = 'SUSPENDED'`);
    let sealed: Batch;
    try {
      sealed = await create(older);
    } finally {
      for (const venue of venues) {
        await t.dataSource.query(`UPDATE venue SET qualification_status = $2 WHERE id = $1`, [
          venue.id,
          venue.status,
        ]);
      }
    }
    expect(sealed).toMatchObject({ status: 'DRAFT', payableCents: 0, nothingToPay: true });
    expect(sealed.lineCount).toBeGreaterThan(1);
    expect(sealed.onHoldCents).toBeGreaterThan(0);
    const id = sealed.id;
    heldRedemptions = (
      await t.dataSource.query<{ id: string }[]>(
        `SELECT lr.redemption_id AS id FROM reimbursement_line l
         JOIN reimbursement_line_redemption lr ON lr.line_id = l.id WHERE l.batch_id = $1`,
        [id],
      )
    ).map((r) => r.id);
    expect(heldRedemptions.length).toBe(sealed.redemptionCount);

    await approve(id);
    const asked = await askExport(id);
    expect(asked.body).toMatchObject({ status: 'APPROVED', nothingToPay: true });
    const closed = await until(id, (b) => b.status === 'PAID');
    expect(closed).toMatchObject({ nothingToPay: true, progress: null, paidCents: 0 });
    expect(closed.exportedAt).not.toBeNull();
    expect(closed.closedAt).not.toBeNull();
    // Only the files that make sense: the summary with the lines on hold, and the manifest.
    expect(closed.files.map((f) => f.name)).toEqual(['manifest.json', 'synthese.pdf']);
    const manifestBytes = (await download(id, 'manifest.json').expect(200)).body as Buffer;
    const summary = (await download(id, 'synthese.pdf').expect(200)).body as Buffer;
    expect(summary.subarray(0, 5).toString()).toBe('%PDF-');
    const manifest = JSON.parse(manifestBytes.toString()) as {
      nothingToPay: boolean;
      counts: { lines: number; payableLines: number; onHoldLines: number };
      controlTotals: Record<string, unknown>;
      files: { name: string; sha256: string }[];
    };
    expect(manifest).toMatchObject({
      nothingToPay: true,
      counts: { lines: sealed.lineCount, payableLines: 0, onHoldLines: sealed.lineCount },
      controlTotals: {
        payableCents: 0,
        onHoldCents: sealed.onHoldCents,
        sepaNumberOfTransactions: null,
        sepaControlSum: null,
      },
    });
    expect(manifest.files).toEqual([
      expect.objectContaining({ name: 'synthese.pdf', sha256: sha256(summary) }),
    ]);
    for (const name of ['sepa.xml', 'etat-liquidatif.csv', 'etat-liquidatif.xlsx', 'cheques.csv']) {
      const missing = await download(id, name).expect(404);
      expect(JSON.parse((missing.body as Buffer).toString()).code).toBe('FILE_NOT_FOUND');
    }
    // No outcome to record: the batch is closed.
    const pay = await t.http
      .post(`/api/v1/reimbursement-batches/${id}/payments`)
      .set(finance.auth)
      .send({ outcomes: [{ lineId: randomUUID(), status: 'PAID', paidOn: today }] })
      .expect(409);
    expect(pay.body.code).toBe('BATCH_NOT_EXPORTED');

    const audit = await auditOf(id);
    expect(audit.map((e) => e.action).filter((a) => !a.endsWith('file-downloaded'))).toEqual([
      'reimbursement-batch.created',
      'reimbursement-batch.generated',
      'reimbursement-batch.approved',
      'reimbursement-batch.export-requested',
      'reimbursement-batch.exported',
      'reimbursement-batch.closed',
    ]);
    expect(audit.find((e) => e.action === 'reimbursement-batch.closed')!.after).toMatchObject({
      status: 'PAID',
      nothingToPay: true,
    });
    // Nothing was paid: the redemptions wait, free, their cheques REDEEMED.
    const [free] = await t.dataSource.query<{ inBatch: number; notRedeemed: number }[]>(
      `SELECT count(*) FILTER (WHERE r.reimbursement_batch_id IS NOT NULL)::int AS "inBatch",
              count(*) FILTER (WHERE c.status <> 'REDEEMED')::int AS "notRedeemed"
       FROM redemption r
       JOIN redemption_cheque rc ON rc.redemption_id = r.id AND rc.active
       JOIN cheque c ON c.number = rc.cheque_number
       WHERE r.id = ANY($1::uuid[])`,
      [heldRedemptions],
    );
    expect(free).toEqual({ inBatch: 0, notRedeemed: 0 });
  });

  it('lets a finance officer make, approve and export a month without redemptions; it closes at once', async () => {
    // The month before the demo's first redemption.
    const [first] = await t.dataSource.query<{ period: string }[]>(
      `SELECT min(period) AS period FROM redemption WHERE programme_id = $1`,
      [programmeId],
    );
    const empty = await create(shiftPeriod(first.period, -1));
    expect(empty).toMatchObject({
      status: 'DRAFT',
      lineCount: 0,
      payableCents: 0,
      onHoldCents: 0,
      nothingToPay: true,
    });
    await approve(empty.id);
    await askExport(empty.id);
    const closed = await until(empty.id, (b) => b.status === 'PAID');
    expect(closed.files.map((f) => f.name)).toEqual(['manifest.json', 'synthese.pdf']);
    const manifest = JSON.parse(
      ((await download(empty.id, 'manifest.json').expect(200)).body as Buffer).toString(),
    ) as { nothingToPay: boolean; counts: { lines: number } };
    expect(manifest).toMatchObject({ nothingToPay: true, counts: { lines: 0 } });
  });

  it('makes no monthly batch for a programme with nothing waiting, and carries the held redemptions', async () => {
    const quiet = await createProgramme(t);
    const monthly = await t.app.get(BatchesService).createMonthly(now);
    expect(monthly.skipped).toContain(quiet.id);
    expect(monthly.skipped).not.toContain(programmeId);
    expect(monthly.created).toHaveLength(1);
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM reimbursement_batch WHERE programme_id = $1`,
      [quiet.id],
    );
    expect(n).toBe(0);
    lastBatchId = monthly.created[0];
    const sealed = await until(lastBatchId, (b) => b.status !== 'GENERATING');
    expect(sealed).toMatchObject({ status: 'DRAFT', period: last, nothingToPay: false });
    // The venues are back: what the all-on-hold batch held is in this one, each redemption once,
    // paid unless its venue is held for another reason (no verified bank details).
    const [carried] = await t.dataSource.query<{ n: number; distinct: number; paid: number }[]>(
      `SELECT count(*)::int AS n, count(DISTINCT lr.redemption_id)::int AS distinct,
              count(*) FILTER (WHERE lr.active)::int AS paid
       FROM reimbursement_line l JOIN reimbursement_line_redemption lr ON lr.line_id = l.id
       WHERE l.batch_id = $1 AND lr.redemption_id = ANY($2::uuid[])`,
      [lastBatchId, heldRedemptions],
    );
    expect(carried).toMatchObject({ n: heldRedemptions.length, distinct: heldRedemptions.length });
    expect(carried.paid).toBeGreaterThan(0);
  });

  it('shows the export’s progress in the batch while the worker writes its files', async () => {
    await approve(lastBatchId);
    const paused = gate();
    workerExports().afterFileWritten = async (name) => {
      if (name !== 'sepa.xml') return;
      paused.reached();
      await paused.opened;
    };
    try {
      await askExport(lastBatchId);
      await paused.arrived;
      const running = await batchOf(lastBatchId);
      const payableLines = (
        await t.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM reimbursement_line WHERE batch_id = $1 AND status = 'PAYABLE'`,
          [lastBatchId],
        )
      )[0].n;
      expect(running).toMatchObject({
        status: 'APPROVED',
        progress: { done: 1, total: 6 + payableLines },
        files: [],
      });
      // The list shows it too.
      const list = await t.http
        .get(`/api/v1/reimbursement-batches?filter[period]=${last}`)
        .set(finance.auth)
        .expect(200);
      expect(list.body.data[0]).toMatchObject({
        id: lastBatchId,
        progress: { done: 1, total: 6 + payableLines },
      });
      const notReady = await download(lastBatchId, 'sepa.xml').expect(409);
      expect(JSON.parse((notReady.body as Buffer).toString()).code).toBe('FILE_NOT_READY');
    } finally {
      paused.open();
    }
    const done = await until(lastBatchId, (b) => b.status === 'EXPORTED');
    expect(done.progress).toBeNull();
    expect(done.nothingToPay).toBe(false);
    workerExports().afterFileWritten = null;
  });

  it('lets one of two exports of a batch at once write its files; the other waits and finds it done', async () => {
    const single = await storedFiles(lastBatchId);
    expect(single.every((f) => f.complete)).toBe(true);
    expect(single.map((f) => f.name)).toContain('sepa.xml');
    // The batch as if its export had not run yet (its request kept): files gone, APPROVED.
    await t.dataSource.query(`DELETE FROM reimbursement_file WHERE batch_id = $1`, [lastBatchId]);
    await t.dataSource.query(
      `UPDATE reimbursement_batch SET status = 'APPROVED', exported_at = NULL WHERE id = $1`,
      [lastBatchId],
    );
    const [asked] = await t.dataSource.query<{ messageId: string }[]>(
      `SELECT message_id AS "messageId" FROM reimbursement_batch WHERE id = $1`,
      [lastBatchId],
    );
    expect(asked.messageId).toBe(sepaMessageId(lastBatchId, last));

    // Two workers (the API's and the worker's own instances, each with its pool): the first
    // pauses after its first file, long enough for the second to start, which must wait.
    const first = t.app.get(BatchExportService);
    const second = workerExports();
    const paused = gate();
    first.afterFileWritten = async (name) => {
      if (name !== 'sepa.xml') return;
      paused.reached();
      await paused.opened;
    };
    const secondFiles: string[] = [];
    second.afterFileWritten = (name) => void secondFiles.push(name);
    try {
      const one = first.export(lastBatchId);
      await paused.arrived;
      const other = second.export(lastBatchId);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      // The second has written nothing, nor deleted the first's file: it waits for the lock.
      expect(secondFiles).toEqual([]);
      expect((await storedFiles(lastBatchId)).map((f) => [f.name, f.complete])).toEqual([
        ['sepa.xml', true],
      ]);
      paused.open();
      const outcomes = await Promise.all([one, other]);
      expect(outcomes.map((o) => [o.exported, o.status])).toEqual([
        [true, 'EXPORTED'],
        [false, 'EXPORTED'],
      ]);
    } finally {
      paused.open();
      first.afterFileWritten = null;
      second.afterFileWritten = null;
    }
    // One complete set: the same files, byte for byte, as the single run wrote.
    expect(await storedFiles(lastBatchId)).toEqual(single);
    expect(secondFiles).toEqual([]);
    const exported = (await auditOf(lastBatchId)).filter(
      (e) => e.action === 'reimbursement-batch.exported',
    );
    expect(exported).toHaveLength(2); // the single run's, then the winner's
  }, 120_000);

  it('lets two exports race from the start: still one set of files', async () => {
    const single = await storedFiles(lastBatchId);
    await t.dataSource.query(`DELETE FROM reimbursement_file WHERE batch_id = $1`, [lastBatchId]);
    await t.dataSource.query(
      `UPDATE reimbursement_batch SET status = 'APPROVED', exported_at = NULL WHERE id = $1`,
      [lastBatchId],
    );
    const outcomes = await Promise.all([
      t.app.get(BatchExportService).export(lastBatchId),
      workerExports().export(lastBatchId),
    ]);
    expect(outcomes.filter((o) => o.exported)).toHaveLength(1);
    expect(await storedFiles(lastBatchId)).toEqual(single);
    expect((await batchOf(lastBatchId)).status).toBe('EXPORTED');
  }, 120_000);
});
