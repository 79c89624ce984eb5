import { AllocationsService } from '#src/communes/allocations.service.js';
import { IdempotencyService } from '#src/common/idempotency/idempotency.service.js';
import { AppConfig } from '#src/config/app-config.js';
import {
  createProgramme,
  importCommunes,
  issueCarnets,
  LENS,
  LIEVIN,
  principalOf,
} from './factories.js';
import { bootApp, login, type Session, type TestApp } from './utils.js';

/**
 * Idempotency keys on a real PostgreSQL, through the custody transfers: concurrent replays wait on
 * the key's unique index, so one transfer happens and every request gets its answer.
 */
describe('idempotency keys (PostgreSQL)', () => {
  let t: TestApp;
  let manager: Session;
  let managerId: string;
  let carnetIds: string[];
  let next = 0;
  const KEY = 'Idempotency-Key';

  /** A carnet of the programme stock not used by another test. */
  const freshCarnet = (): string => carnetIds[next++];
  const toLens = { to: { kind: 'COMMUNE', inseeCode: LENS } };

  const transfer = (carnetId: string, key: string | null, body: object = toLens) => {
    const req = t.http.post(`/api/v1/carnets/${carnetId}/transfers`).set(manager.auth);
    return (key === null ? req : req.set(KEY, key)).send(body);
  };

  /** Transfers of a carnet in the ledger (its issuance is a movement too). */
  async function movementsOf(carnetId: string): Promise<number> {
    const [row] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM custody_movement WHERE carnet_id = $1 AND kind = 'TRANSFER'`,
      [carnetId],
    );
    return row.n;
  }

  async function keyRows(key: string): Promise<number> {
    const [row] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM idempotency_key WHERE key = $1`,
      [key],
    );
    return row.n;
  }

  beforeAll(async () => {
    t = await bootApp({ seed: 'accounts' });
    manager = await login(t.http, 'manager@demo.carnet.fr');
    const actor = await principalOf(t, 'manager@demo.carnet.fr');
    managerId = actor.id;
    await importCommunes(t);
    const programme = await createProgramme(t, { enrol: [LENS, LIEVIN] });
    await t.app
      .get(AllocationsService)
      .allocate(
        actor,
        programme.id,
        { totalCarnets: 200, fixedPerCommune: 100, weights: {} },
        false,
      );
    const run = await issueCarnets(t, programme.id, 40);
    carnetIds = (
      await t.dataSource.query<{ id: string }[]>(
        `SELECT id FROM carnet WHERE issuance_id = $1 ORDER BY serial`,
        [run.id],
      )
    ).map((c) => c.id);
  });

  afterAll(async () => {
    await t.close();
  });

  it('moves a carnet once for the same key sent 20 times at once, and answers all 20 the same', async () => {
    const carnetId = freshCarnet();
    const key = 'same-key-20-times';
    const responses = await Promise.all(Array.from({ length: 20 }, () => transfer(carnetId, key)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    // The same bytes: the first answer is the stored one too.
    expect(new Set(responses.map((r) => r.text)).size).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    expect(responses[0].body).toMatchObject({ kind: 'TRANSFER', count: 1 });
    expect(await movementsOf(carnetId)).toBe(1);
    const [audit] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_event WHERE entity_type = 'transfer' AND entity_id = $1`,
      [(responses[0].body as { transferId: string }).transferId],
    );
    expect(audit.n).toBe(1);

    // Later, the same key still answers the stored response and moves nothing.
    const replay = await transfer(carnetId, key).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.text).toBe(responses[0].text);
    expect(await movementsOf(carnetId)).toBe(1);
  });

  it('refuses the same key for another request: other body, other route, other carnet', async () => {
    const carnetId = freshCarnet();
    const key = 'reused-key';
    await transfer(carnetId, key).expect(201);
    for (const response of [
      await transfer(carnetId, key, { ...toLens, note: 'another body' }),
      await t.http
        .post('/api/v1/carnets/transfers')
        .set(manager.auth)
        .set(KEY, key)
        .send({ carnetIds: [carnetId], ...toLens }),
      await transfer(freshCarnet(), key),
    ]) {
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    }
    expect(await movementsOf(carnetId)).toBe(1);
  });

  it('keeps keys apart per caller, and the bulk route takes keys too', async () => {
    const carnetId = freshCarnet();
    const body = { carnetIds: [carnetId], ...toLens };
    const bulk = () =>
      t.http.post('/api/v1/carnets/transfers').set(manager.auth).set(KEY, 'bulk-key').send(body);
    const first = await bulk().expect(201);
    const second = await bulk().expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(await movementsOf(carnetId)).toBe(1);
    const [row] = await t.dataSource.query<{ caller: string; operation: string }[]>(
      `SELECT caller, operation FROM idempotency_key WHERE key = 'bulk-key'`,
    );
    expect(row).toEqual({
      caller: `user:${managerId}`,
      operation: 'POST /api/v1/carnets/transfers',
    });
  });

  it('keeps no key for a refusal: the same request sent again is decided again', async () => {
    const carnetId = freshCarnet();
    const key = 'refused-key';
    const body = { to: { kind: 'PROGRAMME' } };
    for (let i = 0; i < 2; i++) {
      const refused = await transfer(carnetId, key, body).expect(422);
      expect(refused.body.code).toBe('TRANSFER_NOT_ALLOWED');
      expect(refused.headers['idempotent-replayed']).toBeUndefined();
    }
    expect(await keyRows(key)).toBe(0);
    expect(await movementsOf(carnetId)).toBe(0);
  });

  it('changes nothing without the header', async () => {
    const carnetId = freshCarnet();
    const response = await transfer(carnetId, null).expect(201);
    expect(response.headers['idempotent-replayed']).toBeUndefined();
    // Sent again, it is a new request, refused as before (the carnet is with Lens already).
    const again = await transfer(carnetId, null).expect(422);
    expect(again.body.code).toBe('TRANSFER_NOT_ALLOWED');
    const [row] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM idempotency_key WHERE response_body->>'transferId' = $1`,
      [(response.body as { transferId: string }).transferId],
    );
    expect(row.n).toBe(0);
  });

  it('answers 409 IDEMPOTENCY_KEY_IN_USE when the first request runs longer than the lock timeout', async () => {
    const config = t.app.get(AppConfig);
    const before = config.IDEMPOTENCY_LOCK_TIMEOUT_MS;
    config.IDEMPOTENCY_LOCK_TIMEOUT_MS = 200;
    const carnetId = freshCarnet();
    const key = 'in-flight-key';
    let started!: () => void;
    let release!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    // A first request holding the key in its transaction, as a slow transfer would.
    const first = t.dataSource.transaction((manager) =>
      t.app.get(IdempotencyService).execute(
        manager,
        {
          caller: `user:${managerId}`,
          key,
          operation: 'POST /api/v1/carnets/:id/transfers',
          fingerprint: 'f'.repeat(64),
        },
        async () => {
          started();
          await released;
          return { status: 201, body: { slow: true } };
        },
      ),
    );
    try {
      await running;
      const startedAt = Date.now();
      const busy = await transfer(carnetId, key).expect(409);
      expect(busy.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_USE', status: 409 });
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(190);
    } finally {
      release();
      config.IDEMPOTENCY_LOCK_TIMEOUT_MS = before;
    }
    expect(await first).toEqual({ status: 201, body: { slow: true }, replayed: false });
    expect(await movementsOf(carnetId)).toBe(0);
  });

  it('lets a waiting replay do the write itself when the first request rolls back', async () => {
    const carnetId = freshCarnet();
    const key = 'rolled-back-key';
    let started!: () => void;
    let fail!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const failing = new Promise<void>((resolve) => (fail = resolve));
    const first = t.dataSource.transaction((manager) =>
      t.app.get(IdempotencyService).execute(
        manager,
        {
          caller: `user:${managerId}`,
          key,
          operation: 'POST /api/v1/carnets/:id/transfers',
          fingerprint: 'f'.repeat(64),
        },
        async () => {
          started();
          await failing;
          throw new Error('refused');
        },
      ),
    );
    await running;
    const waiting = transfer(carnetId, key).then((r) => r);
    // Until the request is seen waiting on the key (PostgreSQL's own view of it).
    for (let i = 0; ; i++) {
      const [row] = await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock'
           AND query LIKE '%INSERT INTO idempotency_key%'`,
      );
      if (row.n === 1) break;
      if (i > 100) throw new Error('the replay never waited on the key');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    fail();
    await expect(first).rejects.toThrow('refused');
    const response = await waiting;
    expect(response.status).toBe(201);
    expect(response.headers['idempotent-replayed']).toBeUndefined();
    expect(await movementsOf(carnetId)).toBe(1);
  });

  it('refuses a malformed header with 400 naming it', async () => {
    const carnetId = freshCarnet();
    for (const bad of ['', 'x'.repeat(256), 'clé']) {
      const response = await transfer(carnetId, bad).expect(400);
      expect(response.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'Idempotency-Key' }],
      });
    }
    await transfer(carnetId, 'k'.repeat(255)).expect(201);
    expect(await movementsOf(carnetId)).toBe(1);
  });

  it('takes over an expired key not yet purged as a new one', async () => {
    const carnetId = freshCarnet();
    const key = 'expired-key';
    await t.dataSource.query(
      `INSERT INTO idempotency_key (caller, key, operation, fingerprint, response_status, response_body, created_at, expires_at)
       VALUES ($1, $2, 'POST /x', $3, 201, '{"old":true}', now() - interval '2 days', now() - interval '1 day')`,
      [`user:${managerId}`, key, 'e'.repeat(64)],
    );
    const response = await transfer(carnetId, key).expect(201);
    expect(response.headers['idempotent-replayed']).toBeUndefined();
    expect(response.body).toMatchObject({ kind: 'TRANSFER', count: 1 });
    expect(await movementsOf(carnetId)).toBe(1);
  });

  it('purges only expired keys, in batches', async () => {
    await t.dataSource.query(`DELETE FROM idempotency_key`);
    await t.dataSource.query(
      `INSERT INTO idempotency_key (caller, key, operation, fingerprint, response_status, response_body, expires_at)
       SELECT 'user:purge', 'old-' || i, 'POST /x', repeat('a', 64), 201, '{}'::jsonb, now() - interval '1 minute'
       FROM generate_series(1, 2500) i
       UNION ALL
       SELECT 'user:purge', 'live-' || i, 'POST /x', repeat('a', 64), 201, '{}'::jsonb, now() + interval '1 hour'
       FROM generate_series(1, 3) i`,
    );
    expect(await t.app.get(IdempotencyService).purgeExpired()).toBe(2500);
    const rows = await t.dataSource.query<{ key: string }[]>(
      `SELECT key FROM idempotency_key ORDER BY key`,
    );
    expect(rows.map((r) => r.key)).toEqual(['live-1', 'live-2', 'live-3']);
  });
});
