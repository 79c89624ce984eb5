import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { previousPeriod, todayInParis } from '@carnet/domain';
import type { Queue } from 'bullmq';
import { QUEUES } from '#src/queues/queues.js';
import { BatchExportService } from '#src/reimbursements/batch-export.service.js';
import { exportJobId } from '#src/reimbursements/batches.service.js';
import { bootApp, login, type Session, type TestApp } from './utils.js';

type Batch = Record<string, unknown> & {
  id: string;
  status: string;
  job: { state: string; failedReason: string | null } | null;
};

/**
 * A job that failed for good, seen and run again: an export that throws on each of its three
 * attempts shows `job.state` failed (the batch stays APPROVED, nothing polls forever), and
 * POST …/retry queues it again once the cause is gone; the batch gets EXPORTED. A batch with no
 * job due (DRAFT, EXPORTED) refuses the retry. The tests run in order.
 */
describe('reimbursement batch retry (e2e)', () => {
  let t: TestApp;
  let finance: Session;
  let finance2: Session;
  let manager: Session;
  let batchId: string;
  const now = new Date();

  const batchOf = async (id: string, session = finance) =>
    (await t.http.get(`/api/v1/reimbursement-batches/${id}`).set(session.auth).expect(200))
      .body as Batch;
  const until = async (id: string, done: (b: Batch) => boolean | Promise<boolean>) => {
    for (let i = 0; i < 400; i++) {
      const batch = await batchOf(id);
      if (await done(batch)) return batch;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Batch ${id} never got there`);
  };
  const retry = (id: string, session = finance) =>
    t.http.post(`/api/v1/reimbursement-batches/${id}/retry`).set(session.auth);
  /** The worker's own export service: the one the queue's jobs run. */
  const workerExports = () => t.worker!.get(BatchExportService);
  const queue = () =>
    t.app.get<Queue>(getQueueToken(QUEUES.reimbursements.name), { strict: false });

  beforeAll(async () => {
    t = await bootApp({ worker: true, demoBatches: false });
    [finance, finance2, manager] = await Promise.all(
      ['finance', 'finance2', 'manager'].map((n) => login(t.http, `${n}@demo.carnet.fr`)),
    );
    const programmeId = (await t.http.get('/api/v1/programmes').set(manager.auth)).body.data[0]
      .id as string;
    const res = await t.http
      .post('/api/v1/reimbursement-batches')
      .set(finance.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ programmeId, period: previousPeriod(now) })
      .expect(202);
    batchId = res.body.id as string;
  }, 600_000);

  afterAll(async () => {
    if (t.worker) workerExports().afterFileWritten = null;
    await t.close();
  });

  it('refuses to retry a DRAFT batch: no job is due', async () => {
    const sealed = await until(batchId, (b) => b.status !== 'GENERATING');
    expect(sealed).toMatchObject({ status: 'DRAFT', job: null, nothingToPay: false });
    const refused = await retry(batchId).expect(409);
    expect(refused.body.code).toBe('BATCH_NOTHING_TO_RETRY');
    // Only finance officers run jobs again.
    await retry(batchId, manager).expect(403);
  });

  it('shows an export failed for good, then retries it to EXPORTED', async () => {
    await t.http
      .post(`/api/v1/reimbursement-batches/${batchId}/approve`)
      .set(finance2.auth)
      .expect(200);
    let attempts = 0;
    workerExports().afterFileWritten = () => {
      attempts++;
      throw new Error('File store unavailable (test)');
    };
    await t.http
      .post(`/api/v1/reimbursement-batches/${batchId}/export`)
      .set(finance.auth)
      .send({ requestedExecutionDate: todayInParis(now) })
      .expect(202);

    // Each failed attempt backs off (5 s, then 10 s): the test runs the next one at once.
    const seen = new Set<string>();
    const failed = await until(batchId, async (b) => {
      if (b.job) seen.add(b.job.state);
      if (b.job?.state === 'delayed') await (await queue().getJob(exportJobId(batchId)))?.promote();
      return b.job?.state === 'failed';
    });
    expect(attempts).toBe(3);
    expect(seen).toContain('delayed');
    expect(failed).toMatchObject({
      status: 'APPROVED',
      exportedAt: null,
      files: [],
      job: { state: 'failed', failedReason: 'File store unavailable (test)' },
    });
    // It stays failed: nothing runs it again by itself.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await batchOf(batchId)).job?.state).toBe('failed');
    expect((await batchOf(batchId, manager)).job?.state).toBe('failed');
    await retry(batchId, manager).expect(403);

    workerExports().afterFileWritten = null;
    const retried = await retry(batchId).expect(202);
    expect(retried.body).toMatchObject({ id: batchId, status: 'APPROVED' });
    expect(retried.body.job?.state).not.toBe('failed');
    const exported = await until(batchId, (b) => b.status === 'EXPORTED');
    expect(exported).toMatchObject({ job: null, progress: null });
    expect((exported.files as unknown[]).length).toBeGreaterThan(6);
    expect(attempts).toBe(3);

    // Done: nothing left to retry.
    const refused = await retry(batchId).expect(409);
    expect(refused.body.code).toBe('BATCH_NOTHING_TO_RETRY');
  });
});
