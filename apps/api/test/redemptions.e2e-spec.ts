import { randomUUID } from 'node:crypto';
import { chequeNumber, qrPayload, todayInParis } from '@carnet/domain';
import { parse } from 'csv-parse/sync';
import type request from 'supertest';
import { ChequesRepository } from '#src/cheques/cheques.repository.js';
import { bootApp, login, type Session, type TestApp } from './utils.js';

const binary: Extract<Parameters<request.Test['parse']>[0], (res: never, cb: never) => void> = (
  res,
  done,
) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

const SERVICE = 'Aide aux démarches administratives';

interface Printed {
  number: string;
  code: string;
}

/**
 * Redemption over HTTP against real PostgreSQL (issue 12): each cheque paid once whatever the
 * concurrency and the retries, all cheques of a request or none, every refusal, the lock after
 * five wrong codes, the cancellation, and a network of venues' API client.
 */
describe('redemptions (e2e)', () => {
  let t: TestApp;
  let manager: Session;
  let admin: Session;
  let venue: Session;
  let venueId: string;
  let programmeId: string;
  /** DISTRIBUTED cheques of the demo (held by beneficiaries) not used yet by a test, with codes. */
  let spare: Printed[];
  let issued: Printed;
  const today = todayInParis();

  const take = (n: number): Printed[] => {
    const taken = spare.slice(0, n);
    spare = spare.slice(n);
    expect(taken).toHaveLength(n);
    return taken;
  };
  const body = (cheques: Printed[], extra: Record<string, unknown> = {}) => ({
    venueId,
    cheques: cheques.map((c) => ({ number: c.number, securityCode: c.code })),
    service: SERVICE,
    serviceDate: today,
    durationMinutes: 90,
    ...extra,
  });
  const redeem = (
    session: { auth: { Authorization: string } },
    payload: Record<string, unknown>,
    key: string = randomUUID(),
  ) =>
    t.http.post('/api/v1/redemptions').set(session.auth).set('Idempotency-Key', key).send(payload);
  const statusOf = async (number: string): Promise<string> => {
    const [row] = await t.dataSource.query<{ status: string }[]>(
      `SELECT status FROM cheque WHERE number = $1`,
      [number],
    );
    return row.status;
  };

  beforeAll(async () => {
    // The 1,000 parallel requests come from one account: lift redemption's throttles.
    t = await bootApp({
      config: { REDEMPTION_LIMIT_PER_CALLER: '100000', REDEMPTION_LIMIT_PER_IP: '100000' },
    });
    manager = await login(t.http, 'manager@demo.carnet.fr');
    admin = await login(t.http, 'admin@demo.carnet.fr');
    venue = await login(t.http, 'venue@demo.carnet.fr');
    programmeId = (await t.http.get('/api/v1/programmes').set(manager.auth)).body.data[0].id;
    const [own] = await t.dataSource.query<{ id: string }[]>(
      `SELECT v.id FROM venue v JOIN user_account u ON u.organisation_id = v.organisation_id
       WHERE u.email = 'venue@demo.carnet.fr'`,
    );
    venueId = own.id;
    // The codes are printed, never stored: read them from the run's print file, as a venue
    // reads them from the paper.
    const runs = await t.dataSource.query<{ id: string }[]>(
      `SELECT DISTINCT issuance_id AS id FROM carnet`,
    );
    const codes = new Map<string, string>();
    for (const run of runs) {
      const csv = await t.http
        .get(`/api/v1/issuances/${run.id}/files/csv`)
        .set(manager.auth)
        .buffer(true)
        .parse(binary)
        .expect(200);
      for (const row of parse<{ chequeNumber: string; securityCode: string }>(csv.body as Buffer, {
        columns: true,
      })) {
        codes.set(row.chequeNumber.replace(/\s/g, ''), row.securityCode);
      }
    }
    const distributed = await t.dataSource.query<{ number: string }[]>(
      `SELECT number FROM cheque WHERE status = 'DISTRIBUTED' ORDER BY carnet_id, position`,
    );
    spare = distributed.map((c) => ({ number: c.number, code: codes.get(c.number)! }));
    expect(spare.length).toBeGreaterThan(500);
    const [stock] = await t.dataSource.query<{ number: string }[]>(
      `SELECT number FROM cheque WHERE status = 'ISSUED' LIMIT 1`,
    );
    issued = { number: stock.number, code: codes.get(stock.number)! };
  }, 300_000);

  afterAll(async () => {
    await t.close();
  });

  it('redeems cheques typed as printed or scanned, once, for the month it is made in', async () => {
    const [a, b] = take(2);
    const printed = a.number.replace(/(\d{4})(?=\d)/g, '$1 ');
    const made = await redeem(venue, {
      ...body([]),
      cheques: [
        { number: printed, securityCode: `${a.code.slice(0, 5)}-${a.code.slice(5)}` },
        { number: qrPayload(b.number, b.code) },
      ],
      participants: 3,
    }).expect(201);
    expect(made.body).toMatchObject({
      venueId,
      programmeId,
      cheques: [
        { number: a.number, faceValueCents: 1000 },
        { number: b.number, faceValueCents: 1000 },
      ],
      amountCents: 2000,
      currency: 'EUR',
      service: SERVICE,
      serviceDate: today,
      durationMinutes: 90,
      participants: 3,
      period: today.slice(0, 7),
      status: 'ACTIVE',
      redeemedBy: 'venue@demo.carnet.fr',
      cancelledAt: null,
      reimbursementBatchId: null,
    });
    expect(await statusOf(a.number)).toBe('REDEEMED');
    expect(await statusOf(b.number)).toBe('REDEEMED');

    const one = await t.http.get(`/api/v1/redemptions/${made.body.id}`).set(venue.auth).expect(200);
    expect(one.body).toEqual(made.body);
    const listed = await t.http
      .get(`/api/v1/redemptions?filter[period]=${today.slice(0, 7)}`)
      .set(manager.auth)
      .expect(200);
    expect(listed.body.data.map((r: { id: string }) => r.id)).toContain(made.body.id);

    // The event is the cheque's history, and no security code reaches the audit log.
    const events = await t.http.get(`/api/v1/cheques/${a.number}/events`).set(manager.auth);
    const created = events.body.data.find(
      (e: { action: string }) => e.action === 'redemption.created',
    );
    expect(created).toMatchObject({ entityType: 'redemption', entityId: made.body.id });
    const [leak] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_event WHERE after::text LIKE $1 OR after::text LIKE $2`,
      [`%${a.code}%`, `%${b.code}%`],
    );
    expect(leak.n).toBe(0);
  });

  it('pays each of 100 cheques exactly once under 1,000 parallel requests', async () => {
    const cheques = take(100);
    const statuses: number[] = [];
    const losers: string[] = [];
    const requests = Array.from({ length: 1000 }, (_, i) => cheques[Math.floor(i / 10)]);
    // Waves of 50 concurrent requests (a 2-core machine copes), each racing 10 for each of 5 cheques.
    for (let i = 0; i < requests.length; i += 50) {
      const wave = await Promise.all(
        requests.slice(i, i + 50).map((c) => redeem(venue, body([c]))),
      );
      statuses.push(...wave.map((r) => r.status));
      losers.push(...wave.filter((r) => r.status !== 201).map((r) => `${r.status} ${r.body.code}`));
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(100);
    // Every loser is told the cheque is spent: not a key in use, a deadlock's generic conflict or
    // a unique violation.
    expect(losers).toEqual(Array(900).fill('409 CHEQUE_ALREADY_REDEEMED'));
    const ledger = await t.dataSource.query<{ redeemed: number; lines: number; live: number }[]>(
      `SELECT count(*) FILTER (WHERE q.status = 'REDEEMED')::int AS redeemed,
              (SELECT count(*)::int FROM redemption_cheque r WHERE r.cheque_number = ANY($1::char(12)[])) AS lines,
              (SELECT count(DISTINCT r.cheque_number)::int FROM redemption_cheque r
               WHERE r.cheque_number = ANY($1::char(12)[]) AND r.active) AS live
       FROM cheque q WHERE q.number = ANY($1::char(12)[])`,
      [cheques.map((c) => c.number)],
    );
    expect(ledger).toEqual([{ redeemed: 100, lines: 100, live: 100 }]);
  }, 300_000);

  it('answers the same redemption to 20 requests sent at once with one key', async () => {
    const [c] = take(1);
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => redeem(venue, body([c]), key)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.body.id as string)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    const [count] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM redemption_cheque WHERE cheque_number = $1`,
      [c.number],
    );
    expect(count.n).toBe(1);
    // Same key, another body: refused, nothing redeemed.
    const [other] = take(1);
    const reused = await redeem(venue, body([other]), key).expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await statusOf(other.number)).toBe('DISTRIBUTED');
  });

  it('redeems none of three cheques when the third is already redeemed', async () => {
    const three = take(3);
    await redeem(venue, body([three[2]])).expect(201);
    const refused = await redeem(venue, body(three)).expect(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({
      code: 'CHEQUE_ALREADY_REDEEMED',
      errors: [{ field: 'cheques[2]' }],
    });
    expect(await statusOf(three[0].number)).toBe('DISTRIBUTED');
    expect(await statusOf(three[1].number)).toBe('DISTRIBUTED');
  });

  it('refuses with one code per reason, naming the cheque concerned', async () => {
    const expectRefusal = async (
      payload: Record<string, unknown>,
      status: number,
      code: string,
      field?: string,
    ) => {
      const answer = await redeem(venue, payload);
      expect({ status: answer.status, code: answer.body.code }).toEqual({ status, code });
      if (field) expect(answer.body.errors).toEqual([expect.objectContaining({ field })]);
    };
    const [ok, wrong, cancelled, expired, past, late, closed] = take(7);
    const next = new Date(`${today}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    const tomorrow = next.toISOString().slice(0, 10);
    const unknown = { number: chequeNumber(99_999_999), code: 'AAAAABBBBB' };
    await expectRefusal(body([ok, unknown]), 404, 'CHEQUE_NOT_FOUND', 'cheques[1]');
    await expectRefusal(
      body([{ number: wrong.number, code: 'AAAAABBBBB' }]),
      404,
      'CHEQUE_NOT_FOUND',
      'cheques[0]',
    );
    await expectRefusal(body([issued]), 422, 'CHEQUE_NOT_HANDED_OUT', 'cheques[0]');
    await t.http
      .post(`/api/v1/cheques/${cancelled.number}/cancel`)
      .set(manager.auth)
      .send({ reason: 'LOST' })
      .expect(201);
    await expectRefusal(body([cancelled]), 422, 'CHEQUE_CANCELLED', 'cheques[0]');
    await t.dataSource.query(`UPDATE cheque SET status = 'EXPIRED' WHERE number = $1`, [
      expired.number,
    ]);
    await expectRefusal(body([expired]), 422, 'CHEQUE_EXPIRED', 'cheques[0]');
    await t.dataSource.query(
      `UPDATE cheque SET valid_until = CAST($2 AS date) - 1 WHERE number = $1`,
      [past.number, today],
    );
    await expectRefusal(body([past]), 422, 'CHEQUE_PAST_VALIDITY', 'cheques[0]');
    await expectRefusal(body([ok, ok]), 422, 'DUPLICATE_CHEQUE', 'cheques[1].number');
    const typo = `${ok.number.slice(0, 11)}${(Number(ok.number[11]) + 1) % 10}`;
    await expectRefusal(
      body([{ number: typo, code: ok.code }]),
      400,
      'INVALID_CHEQUE_NUMBER',
      'cheques[0].number',
    );
    await expectRefusal(
      { ...body([]), cheques: [{ number: ok.number }] },
      422,
      'SECURITY_CODE_REQUIRED',
      'cheques[0].securityCode',
    );
    await expectRefusal(
      body([ok], { serviceDate: tomorrow }),
      422,
      'SERVICE_DATE_IN_FUTURE',
      'serviceDate',
    );
    await expectRefusal(
      body([late], { serviceDate: '2000-01-01' }),
      422,
      'SERVICE_DATE_BEFORE_HAND_OUT',
      'cheques[0]',
    );
    await expectRefusal(
      body([ok], { service: 'Acquisition de matériel informatique à prix solidaire' }),
      422,
      'SERVICE_NOT_OFFERED',
      'service',
    );
    const [{ services }] = await t.dataSource.query<{ services: string[] }[]>(
      `SELECT payable_services AS services FROM programme WHERE id = $1`,
      [programmeId],
    );
    await t.dataSource.query(
      `UPDATE programme SET payable_services = array_remove(payable_services, $2) WHERE id = $1`,
      [programmeId, SERVICE],
    );
    await expectRefusal(body([ok]), 422, 'SERVICE_NOT_PAYABLE', 'service');
    await t.dataSource.query(`UPDATE programme SET payable_services = $2 WHERE id = $1`, [
      programmeId,
      services,
    ]);
    const [place] = await t.dataSource.query<{ insee: string; served: string[] }[]>(
      `SELECT insee_code AS insee, served_insee_codes AS served FROM venue WHERE id = $1`,
      [venueId],
    );
    await t.dataSource.query(
      `UPDATE venue SET insee_code = NULL, served_insee_codes = '{}' WHERE id = $1`,
      [venueId],
    );
    await expectRefusal(body([ok]), 422, 'PROGRAMME_NOT_SERVED', 'cheques[0]');
    await t.dataSource.query(
      `UPDATE venue SET insee_code = $2, served_insee_codes = $3 WHERE id = $1`,
      [venueId, place.insee, place.served],
    );
    await t.dataSource.query(`UPDATE programme SET status = 'CLOSED' WHERE id = $1`, [programmeId]);
    await expectRefusal(body([closed]), 422, 'PROGRAMME_NOT_ACTIVE', 'cheques[0]');
    await t.dataSource.query(`UPDATE programme SET status = 'ACTIVE' WHERE id = $1`, [programmeId]);
    const [elsewhere] = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM venue WHERE id <> $1 AND qualification_status = 'QUALIFIED' LIMIT 1`,
      [venueId],
    );
    await expectRefusal(body([ok], { venueId: elsewhere.id }), 403, 'VENUE_NOT_YOURS', 'venueId');
    // Every refusal left the cheques as they were: the last one still pays.
    await redeem(venue, body([ok])).expect(201);
  });

  it('applies a suspension to the next request', async () => {
    const [a, b] = take(2);
    await redeem(venue, body([a])).expect(201);
    await t.dataSource.query(`UPDATE venue SET qualification_status = 'SUSPENDED' WHERE id = $1`, [
      venueId,
    ]);
    const refused = await redeem(venue, body([b])).expect(403);
    expect(refused.body.code).toBe('VENUE_NOT_QUALIFIED');
    await t.dataSource.query(`UPDATE venue SET qualification_status = 'QUALIFIED' WHERE id = $1`, [
      venueId,
    ]);
    await redeem(venue, body([b])).expect(201);
  });

  it('locks a cheque after five wrong codes, by check or redemption, until a manager unlocks it', async () => {
    const [c] = take(1);
    const wrong = { number: c.number, code: 'AAAAABBBBB' };
    for (let i = 0; i < 4; i++) {
      // A refused request rolls back; the count survives it.
      expect((await redeem(venue, body([wrong]))).status).toBe(404);
    }
    await t.http
      .get(`/api/v1/cheques/${c.number}`)
      .set(venue.auth)
      .set('X-Security-Code', wrong.code)
      .expect(404);
    const locked = await redeem(venue, body([c])).expect(423);
    expect(locked.body).toMatchObject({ code: 'CHEQUE_LOCKED', errors: [{ field: 'cheques[0]' }] });
    await t.http
      .get(`/api/v1/cheques/${c.number}`)
      .set(venue.auth)
      .set('X-Security-Code', c.code)
      .expect(423);
    // Only the right code hears of the lock: a wrong one answers as for any unknown number.
    const guessed = await redeem(venue, body([wrong])).expect(404);
    expect(guessed.body.code).toBe('CHEQUE_NOT_FOUND');
    await t.http
      .get(`/api/v1/cheques/${c.number}`)
      .set(venue.auth)
      .set('X-Security-Code', wrong.code)
      .expect(404);
    await t.http.post(`/api/v1/cheques/${c.number}/unlock`).set(venue.auth).expect(403);
    // The programme's managers see the lock when they look the cheque up, then lift it.
    const seen = await t.http.get(`/api/v1/cheques/${c.number}`).set(manager.auth).expect(200);
    expect(seen.body.lockedAt).not.toBeNull();
    const unlocked = await t.http
      .post(`/api/v1/cheques/${c.number}/unlock`)
      .set(manager.auth)
      .expect(200);
    expect(unlocked.body.lockedAt).toBeNull();
    const again = await t.http
      .post(`/api/v1/cheques/${c.number}/unlock`)
      .set(manager.auth)
      .expect(409);
    expect(again.body.code).toBe('CHEQUE_NOT_LOCKED');
    await redeem(venue, body([c])).expect(201);
    const events = await t.http.get(`/api/v1/cheques/${c.number}/events`).set(manager.auth);
    expect(events.body.data.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['cheque.locked', 'cheque.unlocked', 'redemption.created']),
    );
    const [leak] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM audit_event
       WHERE coalesce(after::text, '') || coalesce(before::text, '') LIKE '%AAAAABBBBB%'`,
    );
    expect(leak.n).toBe(0);
  });

  /**
   * Another transaction holds the cheque's row (not its carnet): the redemption reads the cheque
   * as it was, then its conditional UPDATE waits; `change` runs meanwhile and commits, and the
   * UPDATE, re-checking its WHERE, moves nothing. Answers what the redemption answered.
   */
  const raceTheUpdate = async (cheque: Printed, change: string): Promise<request.Response> => {
    const other = t.dataSource.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    try {
      await other.query(`SELECT 1 FROM cheque WHERE number = $1 FOR UPDATE`, [cheque.number]);
      const pending = redeem(venue, body([cheque])).then((r) => r);
      const waiting = async (): Promise<boolean> => {
        const [row] = await t.dataSource.query<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE wait_event_type = 'Lock' AND query LIKE '%UPDATE cheque SET status = ''REDEEMED''%'
             AND datname = current_database()`,
        );
        return row.n > 0;
      };
      for (let i = 0; i < 200 && !(await waiting()); i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(await waiting()).toBe(true);
      await other.query(change, [cheque.number]);
      await other.commitTransaction();
      return await pending;
    } finally {
      if (other.isTransactionActive) await other.rollbackTransaction();
      await other.release();
    }
  };

  it('refuses with 423 a cheque locked between the read and the conditional UPDATE', async () => {
    const [c] = take(1);
    // Wrong codes sent meanwhile lock it.
    const answer = await raceTheUpdate(
      c,
      `UPDATE cheque SET code_failures = 5, locked_at = now() WHERE number = $1`,
    );
    expect({ status: answer.status, code: answer.body.code }).toEqual({
      status: 423,
      code: 'CHEQUE_LOCKED',
    });
    expect(await statusOf(c.number)).toBe('DISTRIBUTED');
  });

  it('refuses a cheque that the expiry or a cancellation took between the read and the UPDATE', async () => {
    const [expired, cancelled] = take(2);
    const late = await raceTheUpdate(
      expired,
      `UPDATE cheque SET status = 'EXPIRED' WHERE number = $1`,
    );
    expect({ status: late.status, code: late.body.code }).toEqual({
      status: 422,
      code: 'CHEQUE_EXPIRED',
    });
    const gone = await raceTheUpdate(
      cancelled,
      `UPDATE cheque SET status = 'CANCELLED', cancellation_reason = 'LOST' WHERE number = $1`,
    );
    expect({ status: gone.status, code: gone.body.code }).toEqual({
      status: 422,
      code: 'CHEQUE_CANCELLED',
    });
    const [count] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM redemption_cheque WHERE cheque_number = ANY($1::char(12)[])`,
      [[expired.number, cancelled.number]],
    );
    expect(count.n).toBe(0);
  });

  it('counts no wrong code from a venue that is suspended or does not serve the programme', async () => {
    const [c] = take(1);
    const wrong = { number: c.number, code: 'AAAAABBBBB' };
    const failures = async (): Promise<number> => {
      const [row] = await t.dataSource.query<{ n: number }[]>(
        `SELECT code_failures AS n FROM cheque WHERE number = $1`,
        [c.number],
      );
      return row.n;
    };
    const check = (code: string) =>
      t.http.get(`/api/v1/cheques/${c.number}`).set(venue.auth).set('X-Security-Code', code);
    const [place] = await t.dataSource.query<{ insee: string; served: string[] }[]>(
      `SELECT insee_code AS insee, served_insee_codes AS served FROM venue WHERE id = $1`,
      [venueId],
    );
    try {
      await t.dataSource.query(
        `UPDATE venue SET insee_code = NULL, served_insee_codes = '{}' WHERE id = $1`,
        [venueId],
      );
      for (let i = 0; i < 6; i++) {
        expect((await redeem(venue, body([wrong]))).body.code).toBe('CHEQUE_NOT_FOUND');
        expect((await check(wrong.code)).body.code).toBe('CHEQUE_NOT_FOUND');
      }
      // Even the right code learns nothing from a venue that does not serve the programme.
      expect((await check(c.code)).body.code).toBe('CHEQUE_NOT_FOUND');
    } finally {
      await t.dataSource.query(
        `UPDATE venue SET insee_code = $2, served_insee_codes = $3 WHERE id = $1`,
        [venueId, place.insee, place.served],
      );
    }
    expect(await failures()).toBe(0);
    try {
      await t.dataSource.query(
        `UPDATE venue SET qualification_status = 'SUSPENDED' WHERE id = $1`,
        [venueId],
      );
      for (let i = 0; i < 6; i++) await check(wrong.code).expect(404);
    } finally {
      await t.dataSource.query(
        `UPDATE venue SET qualification_status = 'QUALIFIED' WHERE id = $1`,
        [venueId],
      );
    }
    expect(await failures()).toBe(0);
    // The same venue, qualified and serving: its wrong code counts.
    await redeem(venue, body([wrong])).expect(404);
    expect(await failures()).toBe(1);
    await redeem(venue, body([c])).expect(201);
  });

  it('cancels within 24 h by a compensating state, and not once a batch holds it', async () => {
    const [a, b, c] = take(3);
    const made = await redeem(venue, body([a, b])).expect(201);
    const cancelled = await t.http
      .post(`/api/v1/redemptions/${made.body.id}/cancel`)
      .set(venue.auth)
      .expect(200);
    expect(cancelled.body).toMatchObject({
      id: made.body.id,
      status: 'CANCELLED',
      cancelledBy: 'venue@demo.carnet.fr',
    });
    expect(await statusOf(a.number)).toBe('DISTRIBUTED');
    const twice = await t.http
      .post(`/api/v1/redemptions/${made.body.id}/cancel`)
      .set(venue.auth)
      .expect(409);
    expect(twice.body.code).toBe('REDEMPTION_NOT_CANCELLABLE');
    // The cheque is spendable again; both redemptions stay in the history.
    await redeem(venue, body([a])).expect(201);
    const events = await t.http.get(`/api/v1/cheques/${a.number}/events`).set(manager.auth);
    expect(
      events.body.data
        .map((e: { action: string }) => e.action)
        .filter((x: string) => x.startsWith('redemption.')),
    ).toEqual(['redemption.created', 'redemption.cancelled', 'redemption.created']);

    const old = await redeem(venue, body([b])).expect(201);
    await t.dataSource.query(
      `UPDATE redemption SET created_at = now() - interval '25 hours' WHERE id = $1`,
      [old.body.id],
    );
    await t.http.post(`/api/v1/redemptions/${old.body.id}/cancel`).set(venue.auth).expect(409);
    const held = await redeem(venue, body([c])).expect(201);
    await t.dataSource.query(
      `UPDATE redemption SET reimbursement_batch_id = gen_random_uuid() WHERE id = $1`,
      [held.body.id],
    );
    const inBatch = await t.http
      .post(`/api/v1/redemptions/${held.body.id}/cancel`)
      .set(venue.auth)
      .expect(409);
    expect(inBatch.body.errors).toEqual([{ field: 'id', message: 'IN_BATCH' }]);
    expect(await statusOf(c.number)).toBe('REDEEMED');
    await t.http.post(`/api/v1/redemptions/${randomUUID()}/cancel`).set(venue.auth).expect(404);
  });

  it('never makes a cheque of a cancelled and replaced carnet payable again', async () => {
    const [x] = take(1);
    const [{ carnetId }] = await t.dataSource.query<{ carnetId: string }[]>(
      `SELECT carnet_id AS "carnetId" FROM cheque WHERE number = $1`,
      [x.number],
    );
    // The carnet's other cheques are cancelled with it: no later test may take them.
    const siblings = await t.dataSource.query<{ number: string }[]>(
      `SELECT number FROM cheque WHERE carnet_id = $1`,
      [carnetId],
    );
    const gone = new Set(siblings.map((c) => c.number));
    spare = spare.filter((c) => !gone.has(c.number));

    const made = await redeem(venue, body([x])).expect(201);
    await t.http
      .post(`/api/v1/carnets/${carnetId}/cancel`)
      .set(manager.auth)
      .send({ reason: 'STOLEN' })
      .expect(201);
    await t.http.post(`/api/v1/carnets/${carnetId}/replacement`).set(manager.auth).expect(201);
    const refused = await t.http
      .post(`/api/v1/redemptions/${made.body.id}/cancel`)
      .set(venue.auth)
      .expect(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body.code).toBe('REDEMPTION_CARNET_CANCELLED');
    expect(await statusOf(x.number)).toBe('REDEEMED');
    const still = await t.http.get(`/api/v1/redemptions/${made.body.id}`).set(venue.auth);
    expect(still.body.status).toBe('ACTIVE');

    // Even a cheque left DISTRIBUTED in a cancelled carnet (as the bug did) is never paid: the
    // read refuses it, and so does the conditional UPDATE on its own.
    await t.dataSource.query(`UPDATE cheque SET status = 'DISTRIBUTED' WHERE number = $1`, [
      x.number,
    ]);
    try {
      const again = await redeem(venue, body([x])).expect(422);
      expect(again.body.code).toBe('CHEQUE_CANCELLED');
      const moved = await t.dataSource.transaction((m) =>
        t.app.get(ChequesRepository).redeem(m, [x.number]),
      );
      expect(moved).toEqual([]);
      expect(await statusOf(x.number)).toBe('DISTRIBUTED');
    } finally {
      await t.dataSource.query(`UPDATE cheque SET status = 'REDEEMED' WHERE number = $1`, [
        x.number,
      ]);
    }
  });

  it("lets a network's API client redeem for its venues, and only for them", async () => {
    const network = await t.http
      .post('/api/v1/organisations')
      .set(admin.auth)
      .send({ kind: 'VENUE_NETWORK', name: 'Réseau des EPN du Pas-de-Calais' })
      .expect(201);
    await t.http
      .put(`/api/v1/venue-networks/${network.body.id}/venues/${venueId}`)
      .set(manager.auth)
      .expect(200);
    const members = await t.http
      .get(`/api/v1/venue-networks/${network.body.id}/venues`)
      .set(manager.auth)
      .expect(200);
    expect(members.body.data.map((v: { id: string }) => v.id)).toEqual([venueId]);
    const client = await t.http
      .post('/api/v1/api-clients')
      .set(admin.auth)
      .send({
        name: 'Réservations du réseau',
        organisationId: network.body.id,
        scopes: ['cheques:check', 'redemptions:write', 'redemptions:read'],
      })
      .expect(201);
    const token = await t.http
      .post('/api/v1/auth/token')
      .send({ clientId: client.body.clientId, clientSecret: client.body.clientSecret })
      .expect(200);
    const software = { auth: { Authorization: `Bearer ${token.body.accessToken}` } };
    const [a, b] = take(2);

    await t.http
      .get(`/api/v1/cheques/${a.number}?venueId=${venueId}`)
      .set(software.auth)
      .set('X-Security-Code', a.code)
      .expect(200);
    const unnamed = await t.http
      .get(`/api/v1/cheques/${a.number}`)
      .set(software.auth)
      .set('X-Security-Code', a.code)
      .expect(400);
    expect(unnamed.body.code).toBe('VENUE_REQUIRED');

    const made = await redeem(software, body([a])).expect(201);
    expect(made.body.redeemedBy).toBe('api-client:Réservations du réseau');
    const [elsewhere] = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM venue WHERE id <> $1 AND qualification_status = 'QUALIFIED' LIMIT 1`,
      [venueId],
    );
    const other = await redeem(software, body([b], { venueId: elsewhere.id })).expect(403);
    expect(other.body.code).toBe('VENUE_NOT_YOURS');
    const listed = await t.http.get('/api/v1/redemptions').set(software.auth).expect(200);
    expect(new Set(listed.body.data.map((r: { venueId: string }) => r.venueId))).toEqual(
      new Set([venueId]),
    );

    // Cancel: the network's client only what it made; never a staff member's e-mail to it.
    const [s1, s2, s3] = take(3);
    const byStaff = await redeem(venue, body([s1])).expect(201);
    const seen = await t.http
      .get(`/api/v1/redemptions/${byStaff.body.id}`)
      .set(software.auth)
      .expect(200);
    expect(seen.body.redeemedBy).toBe('VENUE_STAFF');
    const notYours = await t.http
      .post(`/api/v1/redemptions/${byStaff.body.id}/cancel`)
      .set(software.auth)
      .expect(403);
    expect(notYours.body.code).toBe('REDEMPTION_NOT_YOURS');
    const page = await t.http.get('/api/v1/redemptions').set(software.auth).expect(200);
    expect(JSON.stringify(page.body)).not.toContain('@');
    const own = await t.http
      .post(`/api/v1/redemptions/${made.body.id}/cancel`)
      .set(software.auth)
      .expect(200);
    expect(own.body.cancelledBy).toBe('api-client:Réservations du réseau');
    // The programme owner's staff never cancel, ADMIN included.
    const byAdmin = await t.http
      .post(`/api/v1/redemptions/${byStaff.body.id}/cancel`)
      .set(admin.auth)
      .expect(403);
    expect(byAdmin.body.code).toBe('REDEMPTION_NOT_YOURS');
    await t.http
      .post(`/api/v1/redemptions/${byStaff.body.id}/cancel`)
      .set(manager.auth)
      .expect(403);
    // The venue's own API client cancels its staff's redemption, and reads no e-mail.
    const [{ organisationId }] = await t.dataSource.query<{ organisationId: string }[]>(
      `SELECT organisation_id AS "organisationId" FROM venue WHERE id = $1`,
      [venueId],
    );
    const clientOf = async (orgId: string, name: string) => {
      const made = await t.http
        .post('/api/v1/api-clients')
        .set(admin.auth)
        .send({ name, organisationId: orgId, scopes: ['redemptions:write', 'redemptions:read'] })
        .expect(201);
      const issued = await t.http
        .post('/api/v1/auth/token')
        .send({ clientId: made.body.clientId, clientSecret: made.body.clientSecret })
        .expect(200);
      return { auth: { Authorization: `Bearer ${issued.body.accessToken}` } };
    };
    const till = await clientOf(organisationId, 'Caisse du lieu');
    const [{ otherOrg }] = await t.dataSource.query<{ otherOrg: string }[]>(
      `SELECT organisation_id AS "otherOrg" FROM venue WHERE id <> $1 LIMIT 1`,
      [venueId],
    );
    const stranger = await clientOf(otherOrg, 'Caisse d’un autre lieu');
    await t.http
      .post(`/api/v1/redemptions/${byStaff.body.id}/cancel`)
      .set(stranger.auth)
      .expect(404);
    const byTill = await t.http
      .post(`/api/v1/redemptions/${byStaff.body.id}/cancel`)
      .set(till.auth)
      .expect(200);
    expect(byTill.body).toMatchObject({
      redeemedBy: 'VENUE_STAFF',
      cancelledBy: 'api-client:Caisse du lieu',
    });
    // The venue's staff cancel what its clients made.
    const byClient = await redeem(till, body([s2])).expect(201);
    await t.http.post(`/api/v1/redemptions/${byClient.body.id}/cancel`).set(venue.auth).expect(200);
    const staffCancel = await redeem(venue, body([s3])).expect(201);
    const mine = await t.http
      .post(`/api/v1/redemptions/${staffCancel.body.id}/cancel`)
      .set(venue.auth)
      .expect(200);
    expect(mine.body.cancelledBy).toBe('venue@demo.carnet.fr');

    // Out of the network, the client no longer acts for the venue at its next request.
    await t.http
      .delete(`/api/v1/venue-networks/${network.body.id}/venues/${venueId}`)
      .set(manager.auth)
      .expect(200);
    await redeem(software, body([b])).expect(403);
  });

  it('counts a wrong code once per Idempotency-Key, however often or concurrently it is retried', async () => {
    const failures = async (number: string): Promise<number> => {
      const [row] = await t.dataSource.query<{ n: number }[]>(
        `SELECT code_failures AS n FROM cheque WHERE number = $1`,
        [number],
      );
      return row.n;
    };
    const [c, d] = take(2);
    const typo = body([{ number: c.number, code: 'AAAAABBBBB' }]);
    const key = randomUUID();
    const first = await redeem(venue, typo, key).expect(404);
    expect(first.body.code).toBe('CHEQUE_NOT_FOUND');
    for (let i = 0; i < 6; i++) {
      // A lost answer retried, as the issue asks of every client: the same refusal, counted once.
      const again = await redeem(venue, typo, key).expect(404);
      expect(again.body).toMatchObject({
        code: 'CHEQUE_NOT_FOUND',
        errors: [{ field: 'cheques[0]' }],
      });
      expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect(await failures(c.number)).toBe(1);
    // The same code spelled otherwise is the same request (its fingerprint keeps a keyed hash of
    // the code as read, never the code).
    await redeem(venue, body([{ number: c.number, code: 'aaaaa-bbbbb' }]), key).expect(404);
    expect(await failures(c.number)).toBe(1);
    const stored = await t.dataSource.query<{ fingerprint: string; body: string }[]>(
      `SELECT fingerprint, response_body::text AS body FROM idempotency_key WHERE key = $1`,
      [key],
    );
    expect(stored).toHaveLength(1);
    expect(`${stored[0].fingerprint} ${stored[0].body}`).not.toMatch(/AAAAABBBBB/i);
    // Concurrent duplicates of one request: one count.
    const other = randomUUID();
    const racing = await Promise.all(
      Array.from({ length: 8 }, () =>
        redeem(venue, body([{ number: d.number, code: 'CCCCCDDDDD' }]), other),
      ),
    );
    for (const r of racing) expect([r.status, r.body.code]).toEqual([404, 'CHEQUE_NOT_FOUND']);
    expect(await failures(d.number)).toBe(1);
    // The right code, under a new key, is redeemed and clears the count.
    await redeem(venue, body([c])).expect(201);
    expect(await failures(c.number)).toBe(0);
  });

  it('checks a cheque by its scanned QR payload, and never repeats what was sent in a refusal', async () => {
    const [c] = take(1);
    const checked = await t.http
      .get(`/api/v1/cheques/${encodeURIComponent(qrPayload(c.number, c.code))}`)
      .set(venue.auth)
      .expect(200);
    expect(checked.body).toMatchObject({ number: c.number, payableHere: true });
    const typo = `PN1:${c.number.slice(0, 11)}${(Number(c.number[11]) + 1) % 10}:${c.code}`;
    const refused = await t.http
      .get(`/api/v1/cheques/${encodeURIComponent(typo)}`)
      .set(venue.auth)
      .expect(400);
    expect(refused.body.code).toBe('INVALID_CHEQUE_NUMBER');
    expect(JSON.stringify(refused.body)).not.toContain(c.code);
  });

  it('answers a replay of a redemption cancelled since with 409, never a stale "redeemed"', async () => {
    const [a] = take(1);
    const key = randomUUID();
    const made = await redeem(venue, body([a]), key).expect(201);
    expect(made.body.status).toBe('ACTIVE');
    await t.http.post(`/api/v1/redemptions/${made.body.id}/cancel`).set(venue.auth).expect(200);
    // Never a 201 for cheques that will not be paid.
    const replay = await redeem(venue, body([a]), key).expect(409);
    expect(replay.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(replay.body.code).toBe('REDEMPTION_CANCELLED');
    // Still the same redemption, and it says so.
    const seen = await t.http.get(`/api/v1/redemptions/${made.body.id}`).set(venue.auth);
    expect(seen.body).toMatchObject({ status: 'CANCELLED' });
    // Nothing was redeemed again: the cheque stays spendable.
    expect(await statusOf(a.number)).toBe('DISTRIBUTED');
  });

  /** The custody row of the prescriber who handed out a cheque's carnet, and that carnet. */
  const prescriberRowOf = async (
    number: string,
  ): Promise<{ holderId: string; carnetId: string }> => {
    const [row] = await t.dataSource.query<{ holderId: string; carnetId: string }[]>(
      `SELECT p.id AS "holderId", k.id AS "carnetId" FROM cheque q JOIN carnet k ON k.id = q.carnet_id
       JOIN custody_holder b ON b.id = k.holder_id
       JOIN custody_holder p ON p.programme_id = b.programme_id AND p.kind = 'PRESCRIBER'
                            AND p.prescriber_id = b.prescriber_id
       WHERE q.number = $1`,
      [number],
    );
    return row;
  };

  /**
   * Holds the prescriber's row as another transaction taking custody's order would (the row, then
   * the carnet), sends the request, waits until it waits on a lock, then takes the carnet with
   * NOWAIT: were the request holding the carnet while it waits for the row (the wrong order, a
   * deadlock), this fails at once (55P03). Answers the request's response.
   */
  const inCustodyOrder = async (
    { holderId, carnetId }: { holderId: string; carnetId: string },
    send: () => request.Test,
  ): Promise<request.Response> => {
    const other = t.dataSource.createQueryRunner();
    await other.connect();
    await other.startTransaction();
    const sent: Promise<request.Response>[] = [];
    try {
      await other.query(`SELECT 1 FROM custody_holder WHERE id = $1 FOR UPDATE`, [holderId]);
      sent.push(Promise.resolve(send()));
      for (let i = 0; ; i++) {
        const [{ waiting }] = await t.dataSource.query<{ waiting: number }[]>(
          `SELECT count(*)::int AS waiting FROM pg_locks WHERE NOT granted`,
        );
        if (waiting > 0) break;
        expect(i).toBeLessThan(100);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await other.query(`SELECT 1 FROM carnet WHERE id = $1 FOR UPDATE NOWAIT`, [carnetId]);
      await other.commitTransaction();
    } finally {
      if (other.isTransactionActive) await other.rollbackTransaction();
      await other.release();
    }
    expect(sent).toHaveLength(1);
    const [response] = await Promise.all(sent);
    return response;
  };

  it("takes the prescriber's row before the carnet, as a hand-out's undo does: they wait, never deadlock", async () => {
    // A carnet with no used cheque: its first redemption moves its prescriber's "started" tally.
    const unstarted = new Set(
      (
        await t.dataSource.query<{ number: string }[]>(
          `SELECT q.number FROM cheque q WHERE q.status = 'DISTRIBUTED' AND NOT EXISTS (
             SELECT 1 FROM cheque u WHERE u.carnet_id = q.carnet_id
               AND u.status IN ('REDEEMED', 'IN_BATCH', 'REIMBURSED'))`,
        )
      ).map((r) => r.number),
    );
    const index = spare.findIndex((c) => unstarted.has(c.number));
    expect(index).toBeGreaterThanOrEqual(0);
    const [c] = spare.splice(index, 1);
    // A hand-out's undo takes the prescriber's row, then the carnet.
    const made = await inCustodyOrder(await prescriberRowOf(c.number), () =>
      redeem(venue, body([c])),
    );
    expect(made.status).toBe(201);
    expect(await statusOf(c.number)).toBe('REDEEMED');
  });

  it("cancels a person's carnet taking its prescriber's row before the carnet, as a redemption does", async () => {
    const [c] = take(1);
    // A redemption takes the prescriber's row, then the carnet.
    const rows = await prescriberRowOf(c.number);
    const { carnetId } = rows;
    const cancelled = await inCustodyOrder(rows, () =>
      t.http
        .post(`/api/v1/carnets/${carnetId}/cancel`)
        .set(manager.auth)
        .send({ reason: 'STOLEN' }),
    );
    expect(cancelled.status).toBe(201);
    expect(await statusOf(c.number)).toBe('CANCELLED');
    // The rest of this carnet is no longer spare.
    const gone = new Set(
      (
        await t.dataSource.query<{ number: string }[]>(
          `SELECT number FROM cheque WHERE carnet_id = $1`,
          [carnetId],
        )
      ).map((r) => r.number),
    );
    spare = spare.filter((s) => !gone.has(s.number));
  });

  it("never shows nor lets another venue's staff cancel a venue's redemptions", async () => {
    const [a] = take(1);
    const made = await redeem(venue, body([a])).expect(201);
    const [elsewhere] = await t.dataSource.query<{ id: string; organisationId: string }[]>(
      `SELECT id, organisation_id AS "organisationId" FROM venue
       WHERE id <> $1 AND qualification_status = 'QUALIFIED' ORDER BY name LIMIT 1`,
      [venueId],
    );
    const email = `staff-${randomUUID().slice(0, 8)}@elsewhere.test`;
    await t.http
      .post('/api/v1/users')
      .set(admin.auth)
      .send({
        email,
        displayName: 'Autre Lieu',
        password: 'another-venue-password',
        role: 'VENUE_STAFF',
        organisationId: elsewhere.organisationId,
      })
      .expect(201);
    const other = await login(t.http, email, 'another-venue-password');
    const read = await t.http
      .get(`/api/v1/redemptions/${made.body.id}`)
      .set(other.auth)
      .expect(404);
    expect(read.body.code).toBe('REDEMPTION_NOT_FOUND');
    const list = await t.http.get('/api/v1/redemptions').set(other.auth).expect(200);
    expect(list.body.data.map((r: { id: string }) => r.id)).not.toContain(made.body.id);
    const filtered = await t.http
      .get('/api/v1/redemptions')
      .query({ 'filter[venueId]': venueId })
      .set(other.auth)
      .expect(200);
    expect(filtered.body.data).toEqual([]);
    const cancel = await t.http
      .post(`/api/v1/redemptions/${made.body.id}/cancel`)
      .set(other.auth)
      .expect(404);
    expect(cancel.body.code).toBe('REDEMPTION_NOT_FOUND');
    expect(await statusOf(a.number)).toBe('REDEEMED');
    // Its own venue's list holds it.
    const own = await t.http.get('/api/v1/redemptions').set(venue.auth).expect(200);
    expect(own.body.data.map((r: { id: string }) => r.id)).toContain(made.body.id);
  });

  it("keeps every prescriber's started carnets equal to a recomputation", async () => {
    const rows = await t.dataSource.query<{ started: number; recomputed: number }[]>(
      `SELECT p.started, (
         SELECT count(*)::int FROM carnet c
         JOIN custody_holder b ON b.id = c.holder_id AND b.kind = 'BENEFICIARY'
         WHERE b.programme_id = p.programme_id AND b.prescriber_id = p.prescriber_id
           AND EXISTS (SELECT 1 FROM cheque q WHERE q.carnet_id = c.id
                       AND q.status IN ('REDEEMED', 'IN_BATCH', 'REIMBURSED'))) AS recomputed
       FROM custody_holder p WHERE p.kind = 'PRESCRIBER'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    // The 100 raced cheques alone are ten whole carnets, now started.
    expect(rows.reduce((sum, r) => sum + r.started, 0)).toBeGreaterThanOrEqual(10);
    for (const row of rows) expect(row.started).toBe(row.recomputed);
  });
});
