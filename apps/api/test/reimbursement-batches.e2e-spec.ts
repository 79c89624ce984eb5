import { getQueueToken } from '@nestjs/bullmq';
import { type Queue, QueueEvents } from 'bullmq';
import { randomUUID } from 'node:crypto';
import {
  periodCutoff,
  periodOf,
  previousPeriod,
  sepaEndToEndId,
  shiftPeriod,
} from '@carnet/domain';
import { UsersService } from '#src/auth/users.service.js';
import { QUEUES } from '#src/queues/queues.js';
import { BatchGenerationService } from '#src/reimbursements/batch-generation.service.js';
import { BatchesRepository } from '#src/reimbursements/batches.repository.js';
import { BatchesService } from '#src/reimbursements/batches.service.js';
import { demoRib } from '#src/seed/demo-rib.js';
import { BankAccountsService } from '#src/venues/bank-accounts.service.js';
import { createProgramme, principalOf } from './factories.js';
import { bootApp, login, runChild, testEnv, type Session, type TestApp } from './utils.js';

const PROBLEM = /application\/problem\+json/;

/**
 * Monthly reimbursement batches against real PostgreSQL and Redis, on the demo's three months of
 * redemptions (issue 13): one batch per programme and month whatever the concurrency, a worker
 * killed mid-generation (a real process exit) then run again, late redemptions and venues on
 * hold carried into the next batch, four eyes, reconciliation to the cent, what a venue sees,
 * and the monthly job. The tests run in order: each batch takes what the earlier ones left.
 */
describe('reimbursement batches (e2e)', () => {
  let t: TestApp;
  let finance: Session;
  let finance2: Session;
  let manager: Session;
  let venue: Session;
  let programmeId: string;
  /** venue@'s venue (EPN de Liévin). */
  let venueId: string;
  /** A venue whose new bank details wait for verification while the first batch is made. */
  let heldVenueId: string;
  /** A redemption made at the cutoff exactly, and one just before it. */
  let late: string;
  let lastIn: string;
  let first: { id: string };
  let second: { id: string };
  const now = new Date();
  // The demo redeems over the last 91 days: the month before last (older ones with it) first,
  // then last month.
  const older = shiftPeriod(previousPeriod(now), -1);
  const last = previousPeriod(now);

  const create = (session: Session, body: Record<string, unknown>, key: string = randomUUID()) =>
    t.http
      .post('/api/v1/reimbursement-batches')
      .set(session.auth)
      .set('Idempotency-Key', key)
      .send(body);

  const sealed = async (id: string): Promise<Record<string, unknown>> => {
    for (let i = 0; i < 200; i++) {
      const { body } = await t.http
        .get(`/api/v1/reimbursement-batches/${id}`)
        .set(finance.auth)
        .expect(200);
      if (body.status !== 'GENERATING') return body as Record<string, unknown>;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    throw new Error(`Batch ${id} still GENERATING`);
  };

  /** What a batch of the programme made now with this cutoff would take, per venue. */
  const waiting = (cutoff: Date) =>
    t.dataSource.query<{ venueId: string; redemptions: number; cents: number; cheques: number }[]>(
      `SELECT venue_id AS "venueId", count(*)::int AS redemptions,
              sum(amount_cents)::int AS cents, sum(cheque_count)::int AS cheques
       FROM redemption WHERE programme_id = $1 AND status = 'ACTIVE'
         AND reimbursement_batch_id IS NULL AND created_at < $2
       GROUP BY venue_id ORDER BY venue_id`,
      [programmeId, cutoff],
    );

  /** Reconciliation to the cent, and each cheque in one paying line at most. */
  const reconcile = async (batchId: string) => {
    const [batch] = await t.dataSource.query<
      { payable: number; onHold: number; lines: number; cheques: number; status: string }[]
    >(
      `SELECT payable_cents::int AS payable, on_hold_cents::int AS "onHold",
              line_count AS lines, cheque_count AS cheques, status
       FROM reimbursement_batch WHERE id = $1`,
      [batchId],
    );
    const [lines] = await t.dataSource.query<{ total: number; payable: number; n: number }[]>(
      `SELECT COALESCE(sum(amount_cents), 0)::int AS total, count(*)::int AS n,
              COALESCE(sum(amount_cents) FILTER (WHERE status = 'PAYABLE'), 0)::int AS payable
       FROM reimbursement_line WHERE batch_id = $1`,
      [batchId],
    );
    const [cheques] = await t.dataSource.query<
      { cents: number; n: number; distinct: number; inBatch: number; payableCents: number }[]
    >(
      `SELECT COALESCE(sum(c.face_value_cents), 0)::int AS cents, count(*)::int AS n,
              count(DISTINCT c.number)::int AS distinct,
              count(*) FILTER (WHERE lr.active AND c.status = 'IN_BATCH')::int AS "inBatch",
              COALESCE(sum(c.face_value_cents) FILTER (WHERE lr.active), 0)::int AS "payableCents"
       FROM reimbursement_line l
       JOIN reimbursement_line_redemption lr ON lr.line_id = l.id
       JOIN redemption_cheque rc ON rc.redemption_id = lr.redemption_id AND rc.active
       JOIN cheque c ON c.number = rc.cheque_number
       WHERE l.batch_id = $1`,
      [batchId],
    );
    const [payableCheques] = await t.dataSource.query<{ n: number }[]>(
      `SELECT COALESCE(sum(cheque_count), 0)::int AS n FROM reimbursement_line
       WHERE batch_id = $1 AND status = 'PAYABLE'`,
      [batchId],
    );
    const [funders] = await t.dataSource.query<{ cents: number }[]>(
      `SELECT COALESCE(sum(cents), 0)::int AS cents FROM reimbursement_batch_funder WHERE batch_id = $1`,
      [batchId],
    );
    const uneven = await t.dataSource.query<{ id: string }[]>(
      `SELECT l.id FROM reimbursement_line l
       LEFT JOIN reimbursement_line_funder f ON f.line_id = l.id
       WHERE l.batch_id = $1 AND l.status = 'PAYABLE'
       GROUP BY l.id, l.amount_cents HAVING COALESCE(sum(f.cents), 0) <> l.amount_cents`,
      [batchId],
    );
    const twice = await t.dataSource.query<{ number: string }[]>(
      `SELECT rc.cheque_number AS number FROM reimbursement_line_redemption lr
       JOIN redemption_cheque rc ON rc.redemption_id = lr.redemption_id AND rc.active
       WHERE lr.active GROUP BY rc.cheque_number HAVING count(*) > 1`,
    );
    expect(batch.status).not.toBe('GENERATING');
    expect(lines.n).toBe(batch.lines);
    expect(lines.total).toBe(batch.payable + batch.onHold);
    expect(lines.payable).toBe(batch.payable);
    expect(cheques.cents).toBe(lines.total);
    expect(cheques.n).toBe(batch.cheques);
    expect(cheques.distinct).toBe(cheques.n);
    expect(cheques.payableCents).toBe(batch.payable);
    expect(cheques.inBatch).toBe(payableCheques.n);
    expect(funders.cents).toBe(batch.payable);
    expect(uneven).toEqual([]);
    expect(twice).toEqual([]);
    return batch;
  };

  beforeAll(async () => {
    t = await bootApp({ worker: true, demoBatches: false });
    [finance, finance2, manager, venue] = await Promise.all(
      ['finance', 'finance2', 'manager', 'venue'].map((n) => login(t.http, `${n}@demo.carnet.fr`)),
    );
    programmeId = (await t.http.get('/api/v1/programmes').set(manager.auth)).body.data[0].id;
    const [own] = await t.dataSource.query<{ id: string }[]>(
      `SELECT v.id FROM venue v JOIN user_account u ON u.organisation_id = v.organisation_id
       WHERE u.email = 'venue@demo.carnet.fr'`,
    );
    venueId = own.id;
  }, 600_000);

  afterAll(async () => {
    await t.close();
  });

  it('refuses a month not over, a draft programme, bad input and other roles with problem+json', async () => {
    const thisMonth = periodOf(now);
    const notOver = await create(finance, { programmeId, period: thisMonth }).expect(422);
    expect(notOver.headers['content-type']).toMatch(PROBLEM);
    expect(notOver.body).toMatchObject({ code: 'PERIOD_NOT_OVER', status: 422 });

    const draft = await createProgramme(t, { draft: true });
    const drafted = await create(finance, { programmeId: draft.id, period: older }).expect(422);
    expect(drafted.body.code).toBe('PROGRAMME_NOT_REIMBURSABLE');

    for (const body of [
      { programmeId, period: '2026-13' },
      { programmeId, period: '2026-1' },
      { programmeId: 'not-a-uuid', period: older },
      { programmeId },
      { programmeId, period: older, extra: true },
      { programmeId, period: '1800-01' },
    ]) {
      const refused = await create(finance, body).expect(400);
      expect(refused.headers['content-type']).toMatch(PROBLEM);
      expect(refused.body.code).toBe('VALIDATION_FAILED');
    }
    const noKey = await t.http
      .post('/api/v1/reimbursement-batches')
      .set(finance.auth)
      .send({ programmeId, period: older })
      .expect(400);
    expect(noKey.body.errors).toEqual([{ field: 'Idempotency-Key', message: 'required' }]);
    const unknown = await create(finance, { programmeId: randomUUID(), period: older }).expect(404);
    expect(unknown.body.code).toBe('PROGRAMME_NOT_FOUND');
    await create(manager, { programmeId, period: older }).expect(403);
    await create(venue, { programmeId, period: older }).expect(403);

    const missing = await t.http
      .get(`/api/v1/reimbursement-batches/${randomUUID()}`)
      .set(finance.auth)
      .expect(404);
    expect(missing.headers['content-type']).toMatch(PROBLEM);
    expect(missing.body.code).toBe('BATCH_NOT_FOUND');
    await t.http.get('/api/v1/reimbursement-batches/nope').set(finance.auth).expect(400);
    const badSort = await t.http
      .get('/api/v1/reimbursement-batches?sort=amount')
      .set(finance.auth)
      .expect(400);
    expect(badSort.body.code).toBe('VALIDATION_FAILED');
    await t.http
      .get('/api/v1/reimbursement-batches?filter[status]=LOST')
      .set(finance.auth)
      .expect(400);
    // Nothing was created by any of these.
    expect(await t.dataSource.query(`SELECT id FROM reimbursement_batch`)).toEqual([]);
  });

  it('makes one batch of two concurrent creations; the same key answers it again', async () => {
    const cutoff = periodCutoff(older);
    // A venue with a verified account enters new bank details: its line waits (ON_HOLD).
    const [held] = await t.dataSource.query<{ venueId: string }[]>(
      `SELECT r.venue_id AS "venueId" FROM redemption r
       JOIN venue_bank_account a ON a.venue_id = r.venue_id AND a.valid_to IS NULL AND a.status = 'VERIFIED'
       JOIN venue v ON v.id = r.venue_id AND v.qualification_status = 'QUALIFIED'
       WHERE r.programme_id = $1 AND r.status = 'ACTIVE' AND r.created_at < $2 AND r.venue_id <> $3
       GROUP BY r.venue_id ORDER BY count(*) DESC, r.venue_id LIMIT 1`,
      [programmeId, cutoff, venueId],
    );
    heldVenueId = held.venueId;
    const newDetails = {
      holderName: 'NOUVEAU TITULAIRE',
      iban: 'FR76 3000 6000 0112 3456 7890 189',
      bic: 'AGRIFRPP',
    };
    const entering = await principalOf(t, 'finance@demo.carnet.fr');
    const accounts = t.app.get(BankAccountsService);
    await accounts.set(entering, heldVenueId, newDetails);
    // Verified later against its RIB, which the entering officer attaches.
    await accounts.attachDocument(
      entering,
      heldVenueId,
      await demoRib(newDetails),
      'application/pdf',
    );
    // A payable venue's redemption made at the cutoff exactly belongs to the next month; one
    // made a millisecond before belongs to this one.
    const [a, b] = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM redemption WHERE programme_id = $1 AND venue_id = $2 AND status = 'ACTIVE'
         AND created_at < $3 ORDER BY created_at DESC LIMIT 2`,
      [programmeId, venueId, cutoff],
    );
    [late, lastIn] = [a.id, b.id];
    await t.dataSource.query(`UPDATE redemption SET created_at = $2, period = $3 WHERE id = $1`, [
      late,
      cutoff,
      periodOf(cutoff),
    ]);
    await t.dataSource.query(`UPDATE redemption SET created_at = $2 WHERE id = $1`, [
      lastIn,
      new Date(cutoff.getTime() - 1),
    ]);
    const expected = await waiting(cutoff);
    expect(expected.map((v) => v.venueId)).toEqual(expect.arrayContaining([venueId, heldVenueId]));

    const key = randomUUID();
    const body = { programmeId, period: older };
    const answers = await Promise.all([create(finance, body, key), create(finance2, body)]);
    expect(answers.map((r) => r.status).sort()).toEqual([202, 409]);
    const won = answers.find((r) => r.status === 202)!;
    const lost = answers.find((r) => r.status === 409)!;
    expect(lost.headers['content-type']).toMatch(PROBLEM);
    expect(lost.body.code).toBe('BATCH_ALREADY_EXISTS');
    expect(lost.body.detail).toContain(won.body.id);
    expect(won.headers.location).toBe(`/api/v1/reimbursement-batches/${won.body.id}`);
    expect(won.body).toMatchObject({
      programmeId,
      period: older,
      cutoff: cutoff.toISOString(),
      currency: 'EUR',
      files: [],
    });
    first = { id: won.body.id as string };
    // The loser was finance2@ (another key) or finance@ under the key: whichever, a replay of the
    // winner's key answers the same batch, and a third creation is refused.
    if (won.body.createdBy.name === 'Sophie Lefebvre') {
      const replay = await create(finance, body, key).expect(202);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body.id).toBe(first.id);
    }
    await create(finance, body).expect(409);
    expect(
      await t.dataSource.query(`SELECT id FROM reimbursement_batch WHERE period = $1`, [older]),
    ).toEqual([{ id: first.id }]);

    const batch = await sealed(first.id);
    expect(batch).toMatchObject({ status: 'DRAFT', progress: null });
    const totals = await reconcile(first.id);
    expect(totals.lines).toBe(expected.length);
    expect(totals.payable + totals.onHold).toBe(expected.reduce((s, v) => s + v.cents, 0));
    expect(totals.cheques).toBe(expected.reduce((s, v) => s + v.cheques, 0));
    const audit = await t.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_event WHERE entity_type = 'reimbursement-batch' AND entity_id = $1 ORDER BY id`,
      [first.id],
    );
    expect(audit.map((e) => e.action)).toEqual([
      'reimbursement-batch.created',
      'reimbursement-batch.generated',
    ]);
  });

  it('holds the line of a venue without verified bank details and leaves its redemptions free', async () => {
    const { body } = await t.http
      .get(`/api/v1/reimbursement-batches/${first.id}/lines?pageSize=200`)
      .set(finance.auth)
      .expect(200);
    const lines = body.data as Record<string, unknown>[];
    const held = lines.find((l) => l.venueId === heldVenueId)!;
    expect(held).toMatchObject({
      status: 'ON_HOLD',
      holdReasons: ['NO_VERIFIED_BANK_ACCOUNT'],
      holderName: null,
      ibanMasked: null,
      endToEndId: null,
      funders: [],
    });
    const own = lines.find((l) => l.venueId === venueId)!;
    expect(own).toMatchObject({
      status: 'PAYABLE',
      holdReasons: [],
      holderName: 'TRESOR PUBLIC COMMUNE DE LIEVIN',
      ibanMasked: 'FR76 **** … 0092',
      endToEndId: sepaEndToEndId(first.id, venueId),
    });
    expect((own.funders as { cents: number }[]).reduce((s, f) => s + f.cents, 0)).toBe(
      own.amountCents,
    );
    const [heldState] = await t.dataSource.query<{ inBatch: number; redeemed: number }[]>(
      `SELECT count(*) FILTER (WHERE r.reimbursement_batch_id IS NOT NULL)::int AS "inBatch",
              count(*) FILTER (WHERE c.status = 'REDEEMED')::int AS redeemed
       FROM reimbursement_line l
       JOIN reimbursement_line_redemption lr ON lr.line_id = l.id AND NOT lr.active
       JOIN redemption r ON r.id = lr.redemption_id
       JOIN redemption_cheque rc ON rc.redemption_id = r.id AND rc.active
       JOIN cheque c ON c.number = rc.cheque_number
       WHERE l.id = $1`,
      [held.id],
    );
    expect(heldState).toEqual({ inBatch: 0, redeemed: held.chequeCount });
    // The cutoff: the redemption made at it waits for next month, the one just before is in.
    const batchOf = async (id: string) =>
      (
        await t.dataSource.query<{ b: string | null }[]>(
          `SELECT reimbursement_batch_id AS b FROM redemption WHERE id = $1`,
          [id],
        )
      )[0].b;
    expect(await batchOf(late)).toBeNull();
    expect(await batchOf(lastIn)).toBe(first.id);
  });

  it('lets only another finance officer approve (four eyes)', async () => {
    const mine = await t.http
      .get(`/api/v1/reimbursement-batches/${first.id}`)
      .set(finance.auth)
      .expect(200);
    const theirs = await t.http
      .get(`/api/v1/reimbursement-batches/${first.id}`)
      .set(finance2.auth)
      .expect(200);
    const creator = mine.body.createdBy.name === 'Sophie Lefebvre' ? finance : finance2;
    const other = creator === finance ? finance2 : finance;
    const creatorView = creator === finance ? mine.body : theirs.body;
    expect(creatorView.approval).toEqual({ allowed: false, refusal: 'FOUR_EYES_REQUIRED' });
    expect((creator === finance ? theirs : mine).body.approval).toEqual({
      allowed: true,
      refusal: null,
    });
    const read = await t.http
      .get(`/api/v1/reimbursement-batches/${first.id}`)
      .set(manager.auth)
      .expect(200);
    expect(read.body.approval).toEqual({ allowed: false, refusal: 'ROLE' });
    await t.http
      .post(`/api/v1/reimbursement-batches/${first.id}/approve`)
      .set(manager.auth)
      .expect(403);

    const refused = await t.http
      .post(`/api/v1/reimbursement-batches/${first.id}/approve`)
      .set(creator.auth)
      .expect(403);
    expect(refused.headers['content-type']).toMatch(PROBLEM);
    expect(refused.body.code).toBe('FOUR_EYES_REQUIRED');
    const approved = await t.http
      .post(`/api/v1/reimbursement-batches/${first.id}/approve`)
      .set(other.auth)
      .expect(200);
    expect(approved.body).toMatchObject({
      status: 'APPROVED',
      approval: { allowed: false, refusal: 'NOT_DRAFT' },
    });
    expect(approved.body.approvedBy.id).not.toBe(mine.body.createdBy.id);
    const again = await t.http
      .post(`/api/v1/reimbursement-batches/${first.id}/approve`)
      .set(other.auth)
      .expect(409);
    expect(again.body.code).toBe('BATCH_NOT_DRAFT');
    // The database's own rule, whatever the code: the creator never approves.
    await expect(
      t.dataSource.query(`UPDATE reimbursement_batch SET approved_by = created_by WHERE id = $1`, [
        first.id,
      ]),
    ).rejects.toThrow(/CHK_reimbursement_batch_four_eyes/);
  });

  it('shows a venue only the batches with its line, and only that line', async () => {
    const { body: all } = await t.http
      .get(`/api/v1/reimbursement-batches/${first.id}`)
      .set(finance.auth)
      .expect(200);
    const own = (
      await t.dataSource.query<{ id: string; amount: number; cheques: number; n: number }[]>(
        `SELECT id, amount_cents::int AS amount, cheque_count AS cheques, redemption_count AS n
         FROM reimbursement_line WHERE batch_id = $1 AND venue_id = $2`,
        [first.id, venueId],
      )
    )[0];
    const list = await t.http.get('/api/v1/reimbursement-batches').set(venue.auth).expect(200);
    expect(list.body.data.map((b: { id: string }) => b.id)).toEqual([first.id]);
    const seen = await t.http
      .get(`/api/v1/reimbursement-batches/${first.id}`)
      .set(venue.auth)
      .expect(200);
    expect(seen.body).toMatchObject({
      lineCount: 1,
      redemptionCount: own.n,
      chequeCount: own.cheques,
      payableCents: own.amount,
      onHoldCents: 0,
      approval: { allowed: false, refusal: 'ROLE' },
    });
    expect(all.lineCount).toBeGreaterThan(1);
    expect(seen.body.funders.reduce((s: number, f: { cents: number }) => s + f.cents, 0)).toBe(
      own.amount,
    );
    const lines = await t.http
      .get(`/api/v1/reimbursement-batches/${first.id}/lines`)
      .set(venue.auth)
      .expect(200);
    expect(lines.body.data.map((l: { venueId: string }) => l.venueId)).toEqual([venueId]);
    expect(lines.body.meta.total).toBe(1);

    // The venue's own software (an API client with redemptions:read) reads the same.
    const admin = await login(t.http, 'admin@demo.carnet.fr');
    const [{ organisationId }] = await t.dataSource.query<{ organisationId: string }[]>(
      `SELECT organisation_id AS "organisationId" FROM venue WHERE id = $1`,
      [venueId],
    );
    const client = await t.http
      .post('/api/v1/api-clients')
      .set(admin.auth)
      .send({ name: 'Caisse du lieu', organisationId, scopes: ['redemptions:read'] })
      .expect(201);
    const token = await t.http
      .post('/api/v1/auth/token')
      .send({ clientId: client.body.clientId, clientSecret: client.body.clientSecret })
      .expect(200);
    const software = { Authorization: `Bearer ${token.body.accessToken}` };
    const read = await t.http.get('/api/v1/reimbursement-batches').set(software).expect(200);
    expect(read.body.data).toEqual([seen.body]);
    const readLines = await t.http
      .get(`/api/v1/reimbursement-batches/${first.id}/lines`)
      .set(software)
      .expect(200);
    expect(readLines.body).toEqual(lines.body);

    // Staff of a venue with no line in it: nothing, 404 on the batch itself.
    const [outsider] = await t.dataSource.query<{ organisationId: string }[]>(
      `SELECT v.organisation_id AS "organisationId" FROM venue v
       WHERE NOT EXISTS (SELECT 1 FROM reimbursement_line l WHERE l.venue_id = v.id)
       ORDER BY v.id LIMIT 1`,
    );
    await t.app.get(UsersService).create(await principalOf(t, 'admin@demo.carnet.fr'), {
      email: 'outsider@demo.carnet.fr',
      displayName: 'Hors lot',
      password: 'a-long-enough-password',
      role: 'VENUE_STAFF',
      organisationId: outsider.organisationId,
    });
    const stranger = await login(t.http, 'outsider@demo.carnet.fr', 'a-long-enough-password');
    const none = await t.http.get('/api/v1/reimbursement-batches').set(stranger.auth).expect(200);
    expect(none.body).toEqual({ data: [], meta: { page: 1, pageSize: 50, total: 0 } });
    const hidden = await t.http
      .get(`/api/v1/reimbursement-batches/${first.id}`)
      .set(stranger.auth)
      .expect(404);
    expect(hidden.body.code).toBe('BATCH_NOT_FOUND');
    await t.http
      .get(`/api/v1/reimbursement-batches/${first.id}/lines`)
      .set(stranger.auth)
      .expect(404);
  });

  it('survives a worker killed mid-generation: the run again gives the same totals, nothing twice', async () => {
    // The held venue's bank details are verified now: its waiting redemptions get paid.
    await t.app
      .get(BankAccountsService)
      .decide(await principalOf(t, 'finance2@demo.carnet.fr'), heldVenueId, {
        status: 'VERIFIED',
      });
    const cutoff = periodCutoff(last);
    const expected = await waiting(cutoff);
    const heldBefore = await t.dataSource.query<{ id: string }[]>(
      `SELECT lr.redemption_id AS id FROM reimbursement_line l
       JOIN reimbursement_line_redemption lr ON lr.line_id = l.id
       WHERE l.batch_id = $1 AND l.venue_id = $2 ORDER BY 1`,
      [first.id, heldVenueId],
    );
    // A batch whose job the test runs itself: in a child process that dies inside it.
    const id = await t.dataSource.transaction((m) =>
      t.app.get(BatchesRepository).insert(m, {
        programmeId,
        period: last,
        cutoff,
        createdBy: null,
        createdByLabel: null,
      }),
    );
    second = { id: id! };
    const inBatchBefore = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM cheque WHERE status = 'IN_BATCH'`,
    );
    const { exit, output } = await runChild('crash-generation.mjs', [second.id], t.database.url);
    expect({ exit, output }).toEqual({
      exit: { code: null, signal: 'SIGKILL' },
      output: expect.stringContaining('lines-written\n'),
    });
    expect(output).not.toContain('generated without crashing');

    // Nothing of the dead transaction is left: no line, no redemption taken, no cheque moved.
    const left = async () =>
      (
        await t.dataSource.query<
          { lines: number; taken: number; inBatch: number; status: string }[]
        >(
          `SELECT (SELECT count(*) FROM reimbursement_line WHERE batch_id = $1)::int AS lines,
                  (SELECT count(*) FROM redemption WHERE reimbursement_batch_id = $1)::int AS taken,
                  (SELECT count(*) FROM cheque WHERE status = 'IN_BATCH')::int AS "inBatch",
                  (SELECT status FROM reimbursement_batch WHERE id = $1) AS status`,
          [second.id],
        )
      )[0];
    expect(await left()).toEqual({
      lines: 0,
      taken: 0,
      inBatch: inBatchBefore[0].n,
      status: 'GENERATING',
    });

    // The job runs again (here in this process): the batch as if nothing had happened.
    const generation = t.app.get(BatchGenerationService);
    const outcome = await generation.generate(second.id);
    expect(outcome).toMatchObject({ status: 'DRAFT', generated: true });
    const totals = await reconcile(second.id);
    expect(totals.lines).toBe(expected.length);
    expect(totals.payable + totals.onHold).toBe(expected.reduce((s, v) => s + v.cents, 0));
    expect(totals.cheques).toBe(expected.reduce((s, v) => s + v.cheques, 0));
    // Once more: a no-op.
    expect(await generation.generate(second.id)).toMatchObject({
      status: 'DRAFT',
      generated: false,
    });
    expect(await reconcile(second.id)).toEqual(totals);
    // No redemption in two batches; every redemption of a paying line holds that batch.
    const [mismatch] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM reimbursement_line_redemption lr
       JOIN reimbursement_line l ON l.id = lr.line_id
       JOIN redemption r ON r.id = lr.redemption_id
       WHERE lr.active AND r.reimbursement_batch_id IS DISTINCT FROM l.batch_id`,
    );
    expect(mismatch.n).toBe(0);

    // The held venue is paid now, for the redemptions that waited too; the late one is in.
    const [line] = await t.dataSource.query<
      { id: string; status: string; holdReasons: string[] }[]
    >(
      `SELECT id, status, hold_reasons AS "holdReasons" FROM reimbursement_line
       WHERE batch_id = $1 AND venue_id = $2`,
      [second.id, heldVenueId],
    );
    expect(line).toMatchObject({ status: 'PAYABLE', holdReasons: [] });
    const paid = await t.dataSource.query<{ id: string }[]>(
      `SELECT redemption_id AS id FROM reimbursement_line_redemption WHERE line_id = $1 AND active`,
      [line.id],
    );
    expect(paid.map((r) => r.id)).toEqual(expect.arrayContaining(heldBefore.map((r) => r.id)));
    expect(paid.length).toBeGreaterThan(heldBefore.length);
    const [lateNow] = await t.dataSource.query<{ b: string }[]>(
      `SELECT reimbursement_batch_id AS b FROM redemption WHERE id = $1`,
      [late],
    );
    expect(lateNow.b).toBe(second.id);
  }, 120_000);

  it('makes last month’s batch of active and recently closed programmes monthly, once', async () => {
    // A programme closed a month ago still pays its last redemptions; one closed 4 months ago,
    // or still a draft, does not; an active one with nothing waiting gets no batch.
    const recent = await createProgramme(t);
    const old = await createProgramme(t);
    const draft = await createProgramme(t, { draft: true });
    const quiet = await createProgramme(t);
    const today = new Date();
    const ago = (months: number) =>
      new Date(today.getFullYear(), today.getMonth() - months, 15).toISOString().slice(0, 10);
    await t.dataSource.query(
      `UPDATE programme SET status = 'CLOSED', start_date = '2020-01-01', end_date = $2 WHERE id = $1`,
      [recent.id, ago(1)],
    );
    await t.dataSource.query(
      `UPDATE programme SET status = 'CLOSED', start_date = '2020-01-01', end_date = $2 WHERE id = $1`,
      [old.id, ago(4)],
    );
    // Something for the recently closed one to pay: one of this month's demo redemptions, moved
    // to it and into last month (the whole hand-out chain of a new programme is beyond this test).
    const [moved] = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM redemption WHERE programme_id = $1 AND status = 'ACTIVE'
         AND reimbursement_batch_id IS NULL AND created_at >= $2 ORDER BY created_at LIMIT 1`,
      [programmeId, periodCutoff(last)],
    );
    await t.dataSource.query(
      `UPDATE redemption SET programme_id = $2, created_at = $3, period = $4 WHERE id = $1`,
      [moved.id, recent.id, new Date(periodCutoff(last).getTime() - 60_000), last],
    );
    // The demo programme's batch for last month exists (the crash test's): the job leaves it.
    const queue = t.app.get<Queue>(getQueueToken(QUEUES.reimbursements.name));
    const events = new QueueEvents(QUEUES.reimbursements.name, {
      connection: { url: testEnv().redisUrl },
      prefix: queue.opts.prefix,
    });
    await events.waitUntilReady();
    try {
      const run = async () => {
        const job = await queue.add(QUEUES.reimbursements.jobs.createMonthlyBatches, {});
        return (await job.waitUntilFinished(events, 30_000)) as {
          created: number;
          skipped: number;
        };
      };
      const ran = await run();
      expect(ran.created).toBe(1);
      expect(ran.skipped).toBeGreaterThanOrEqual(1);
      const batches = await t.dataSource.query<{ programmeId: string; period: string }[]>(
        `SELECT programme_id AS "programmeId", period FROM reimbursement_batch
         WHERE programme_id = ANY($1::uuid[])`,
        [[recent.id, old.id, draft.id, quiet.id, programmeId]],
      );
      expect(batches).toEqual(
        expect.arrayContaining([
          { programmeId: recent.id, period: last },
          { programmeId, period: last },
        ]),
      );
      expect(batches).toHaveLength(3);
      const [made] = await t.dataSource.query<{ id: string; createdBy: string | null }[]>(
        `SELECT id, created_by AS "createdBy" FROM reimbursement_batch WHERE programme_id = $1`,
        [recent.id],
      );
      expect(made.createdBy).toBeNull();
      expect(await sealed(made.id)).toMatchObject({
        status: 'DRAFT',
        lineCount: 1,
        redemptionCount: 1,
        nothingToPay: false,
      });
      expect(await run()).toMatchObject({ created: 0 });
      const [count] = await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM reimbursement_batch`,
      );
      expect(count.n).toBe(3);
    } finally {
      await events.close();
    }
    // The service says what it made, and makes nothing the second time either; the programme
    // with nothing waiting is skipped each time, never given an empty batch.
    const again = await t.app.get(BatchesService).createMonthly();
    expect(again.created).toEqual([]);
    expect(again.skipped).toEqual(expect.arrayContaining([quiet.id]));
  });
});
