import { randomUUID } from 'node:crypto';
import { shiftPeriod, todayInParis } from '@carnet/domain';
import { parse } from 'csv-parse/sync';
import type request from 'supertest';
import { DEMO_BENEFICIARIES, DEMO_LAGGING_COMMUNE } from '#src/seed/demo-beneficiaries.js';
import { DEMO_HISTORY_MONTHS } from '#src/seed/demo-calendar.js';
import { bootApp, login, type Session, type TestApp } from './utils.js';

const LENS = '62498';
const LIEVIN = '62510';
const ADDRESS = '4 rue de la Paix, 62300 Lens';
const SERVICE = 'Aide aux démarches administratives';

const binary: Extract<Parameters<request.Test['parse']>[0], (res: never, cb: never) => void> = (
  res,
  done,
) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

interface Holder {
  carnets: number;
  handed_out: number;
}

/**
 * The hand-out of a carnet to a beneficiary (issue 11): from the agent's structure stock, one per
 * household (the database's rule, whatever the concurrency), idempotent, undone within 24 h by a
 * compensating ledger row; a manager's written permission for a second carnet.
 */
describe('hand-outs (e2e)', () => {
  let t: TestApp;
  let manager: Session;
  let ccasLens: Session;
  let jaures: Session;
  let ccasLievin: Session;
  let aragon: Session;
  let venue: Session;
  let programmeId: string;
  let structures: Record<string, string>;

  /** Serials held now by a structure, lowest first. */
  const stockOf = async (name: string): Promise<number[]> => {
    const rows = await t.dataSource.query<{ serial: number }[]>(
      `SELECT k.serial::int AS serial FROM carnet k JOIN custody_holder h ON h.id = k.holder_id
       WHERE h.kind = 'PRESCRIBER' AND h.prescriber_id = $1 ORDER BY k.serial`,
      [structures[name]],
    );
    return rows.map((r) => r.serial);
  };
  const holderOf = async (name: string): Promise<Holder> => {
    const [row] = await t.dataSource.query<Holder[]>(
      `SELECT carnets, handed_out FROM custody_holder WHERE kind = 'PRESCRIBER' AND prescriber_id = $1`,
      [structures[name]],
    );
    return row;
  };
  const register = async (session: Session, address = ADDRESS, inseeCode = LENS) => {
    const person = await t.http
      .post('/api/v1/beneficiaries')
      .set(session.auth)
      .send({ programmeId, inseeCode, ageBand: '60_74', situation: 'RETRAITE', address })
      .expect(201);
    const diagnostic = await t.http
      .post(`/api/v1/beneficiaries/${person.body.id}/diagnostics`)
      .set(session.auth)
      .send({ services: [SERVICE], procedures: ['CAF'], autonomy: 2, equipment: ['PHONE'] })
      .expect(201);
    return { id: person.body.id as string, diagnosticId: diagnostic.body.id as string };
  };
  const handOut = (
    session: Session,
    person: { id: string; diagnosticId: string },
    body: Record<string, unknown>,
    key: string = randomUUID(),
  ) =>
    t.http
      .post(`/api/v1/beneficiaries/${person.id}/carnets`)
      .set(session.auth)
      .set('Idempotency-Key', key)
      .send({ diagnosticId: person.diagnosticId, ...body });

  beforeAll(async () => {
    t = await bootApp();
    manager = await login(t.http, 'manager@demo.carnet.fr');
    ccasLens = await login(t.http, 'prescriber@demo.carnet.fr');
    jaures = await login(t.http, 'agent.jaures@demo.carnet.fr');
    ccasLievin = await login(t.http, 'agent.ccas-lievin@demo.carnet.fr');
    aragon = await login(t.http, 'agent.aragon@demo.carnet.fr');
    venue = await login(t.http, 'venue@demo.carnet.fr');
    programmeId = (await t.http.get('/api/v1/programmes').set(manager.auth)).body.data[0].id;
    const rows = await t.dataSource.query<{ id: string; name: string }[]>(
      `SELECT id, name FROM prescriber`,
    );
    structures = Object.fromEntries(rows.map((r) => [r.name, r.id]));
  }, 300_000);

  afterAll(async () => {
    await t.close();
  });

  it('leaves the audit log and the custody ledger append-only after the demo dated its past', async () => {
    // The demo's history is dated back with these triggers off inside one transaction: they must
    // be on again, and refuse an edit.
    const triggers = await t.dataSource.query<{ name: string; enabled: string }[]>(
      `SELECT tgname AS name, tgenabled AS enabled FROM pg_trigger
       WHERE tgname IN ('audit_event_no_update_delete', 'custody_movement_no_update_delete')`,
    );
    expect(triggers).toHaveLength(2);
    for (const trigger of triggers) expect(trigger.enabled).toBe('O');
    await expect(
      t.dataSource.query(
        `UPDATE audit_event SET action = action WHERE id = (SELECT min(id) FROM audit_event)`,
      ),
    ).rejects.toThrow();
    await expect(
      t.dataSource.query(
        `DELETE FROM custody_movement WHERE id = (SELECT min(id) FROM custody_movement)`,
      ),
    ).rejects.toThrow();
  });

  it("seeds the demo's ~300 beneficiaries, most of them holding a carnet", async () => {
    const [demo] = await t.dataSource.query<{ people: number; holding: number }[]>(
      `SELECT (SELECT count(*)::int FROM beneficiary) AS people,
              (SELECT count(*)::int FROM hand_out WHERE status = 'ACTIVE') AS holding`,
    );
    expect(demo.people).toBe(DEMO_BENEFICIARIES);
    expect(demo.holding).toBeGreaterThan(0.7 * DEMO_BENEFICIARIES);
    expect(demo.holding).toBeLessThan(DEMO_BENEFICIARIES);
    // Every carnet held by a beneficiary has its cheques DISTRIBUTED, payable at venues, or
    // already spent at one (the demo's redemptions, below): REDEEMED, or IN_BATCH / REIMBURSED by
    // the demo's reimbursement batches.
    const [cheques] = await t.dataSource.query<
      { distributed: number; redeemed: number; held: number }[]
    >(
      `SELECT count(*) FILTER (WHERE q.status = 'DISTRIBUTED')::int AS distributed,
              count(*) FILTER (WHERE q.status IN ('REDEEMED', 'IN_BATCH', 'REIMBURSED'))::int AS redeemed,
              count(*)::int AS held
       FROM cheque q JOIN carnet k ON k.id = q.carnet_id JOIN custody_holder h ON h.id = k.holder_id
       WHERE h.kind = 'BENEFICIARY'`,
    );
    expect(cheques.held).toBe(demo.holding * 10);
    expect(cheques.distributed + cheques.redeemed).toBe(cheques.held);
    // Enough left for the tests that redeem demo cheques (redemptions.e2e-spec.ts takes ~500).
    expect(cheques.distributed).toBeGreaterThan(600);
  });

  it('seeds fourteen months of redemptions at qualified venues, after the hand-outs, each cheque paid once', async () => {
    const monthsAgo = (n: number) => shiftPeriod(todayInParis().slice(0, 7), -n);
    const periods = await t.dataSource.query<{ period: string; n: number; venues: number }[]>(
      `SELECT period, count(*)::int AS n, count(DISTINCT venue_id)::int AS venues
       FROM redemption GROUP BY period ORDER BY period`,
    );
    // Last month (what the next reimbursement batch pays), the one before, and this month (at
    // least today's); over twelve months at least, none before the programme's start.
    for (const period of [monthsAgo(2), monthsAgo(1)]) {
      expect(periods.find((p) => p.period === period)?.n).toBeGreaterThan(10);
    }
    expect(periods.find((p) => p.period === monthsAgo(0))?.n).toBeGreaterThan(0);
    expect(periods.length).toBeGreaterThanOrEqual(12);
    expect(periods.every((p) => p.period >= monthsAgo(DEMO_HISTORY_MONTHS))).toBe(true);
    const [programme] = await t.dataSource.query<
      { start: string; end: string; openData: boolean }[]
    >(
      `SELECT to_char(start_date, 'YYYY-MM-DD') AS start, to_char(validity_end_date, 'YYYY-MM-DD') AS end,
              open_data AS "openData" FROM programme`,
    );
    expect(programme.start).toBe(`${monthsAgo(DEMO_HISTORY_MONTHS)}-01`);
    expect(programme.end > todayInParis()).toBe(true);
    expect(programme.openData).toBe(true);
    const [totals] = await t.dataSource.query<
      { redemptions: number; cheques: number; venues: number; carnets: number; started: number }[]
    >(
      `SELECT (SELECT count(*)::int FROM redemption) AS redemptions,
              (SELECT count(*)::int FROM redemption_cheque) AS cheques,
              (SELECT count(DISTINCT venue_id)::int FROM redemption) AS venues,
              (SELECT count(*)::int FROM hand_out WHERE status = 'ACTIVE') AS carnets,
              (SELECT count(DISTINCT q.carnet_id)::int FROM redemption_cheque r
               JOIN cheque q ON q.number = r.cheque_number) AS started`,
    );
    expect(totals.redemptions).toBeGreaterThan(150);
    expect(totals.venues).toBeGreaterThanOrEqual(4);
    // About 60 % of the carnets handed out are started, some used up.
    expect(totals.started / totals.carnets).toBeGreaterThan(0.45);
    expect(totals.started / totals.carnets).toBeLessThan(0.8);
    const [usedUp] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM (SELECT q.carnet_id FROM cheque q
       WHERE q.status IN ('REDEEMED', 'IN_BATCH', 'REIMBURSED')
       GROUP BY q.carnet_id HAVING count(*) = 10) c`,
    );
    expect(usedUp.n).toBeGreaterThan(0);

    // Each cheque redeemed once: every spent cheque (REDEEMED, or IN_BATCH / REIMBURSED in the
    // demo's batches) in exactly one redemption, and back.
    const once = await t.dataSource.query<{ number: string; status: string; lines: number }[]>(
      `SELECT q.number, q.status, count(r.redemption_id)::int AS lines
       FROM cheque q LEFT JOIN redemption_cheque r ON r.cheque_number = q.number
       WHERE q.status IN ('REDEEMED', 'IN_BATCH', 'REIMBURSED') OR r.cheque_number IS NOT NULL
       GROUP BY q.number, q.status
       HAVING q.status NOT IN ('REDEEMED', 'IN_BATCH', 'REIMBURSED') OR count(r.redemption_id) <> 1`,
    );
    expect(once).toEqual([]);
    expect(totals.cheques).toBeGreaterThan(totals.redemptions);

    // Amounts, periods, dates, venues, and the audit entry of each, consistent.
    const wrong = await t.dataSource.query<{ id: string; why: string }[]>(
      `SELECT r.id, concat_ws(' ',
         CASE WHEN r.cheque_count <> (SELECT count(*) FROM redemption_cheque c WHERE c.redemption_id = r.id)
                OR r.amount_cents <> r.cheque_count * 1000
                OR r.amount_cents <> (SELECT sum(c.face_value_cents) FROM redemption_cheque c
                                      WHERE c.redemption_id = r.id) THEN 'amount' END,
         CASE WHEN r.cheque_count NOT BETWEEN 1 AND 3 THEN 'size' END,
         CASE WHEN r.period <> to_char(r.created_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM') THEN 'period' END,
         CASE WHEN r.service_date > (r.created_at AT TIME ZONE 'Europe/Paris')::date THEN 'service after' END,
         CASE WHEN r.created_at > now() THEN 'future' END,
         CASE WHEN v.qualification_status <> 'QUALIFIED' OR NOT (r.service = ANY(v.services)) THEN 'venue' END,
         CASE WHEN e.id IS NULL OR e.occurred_at < r.created_at
                OR e.occurred_at > r.created_at + interval '1 minute'
                OR e.after->>'period' <> r.period OR e.after->>'serviceDate' <> r.service_date::text
                OR (e.after->>'amountCents')::int <> r.amount_cents THEN 'audit' END,
         CASE WHEN EXISTS (SELECT 1 FROM redemption_cheque c JOIN cheque q ON q.number = c.cheque_number
                           WHERE c.redemption_id = r.id
                             AND CASE WHEN q.status = 'REDEEMED' THEN q.status_changed_at <> r.created_at
                                      ELSE q.status_changed_at <= r.created_at END)
              THEN 'cheque date' END,
         CASE WHEN EXISTS (SELECT 1 FROM redemption_cheque c JOIN cheque q ON q.number = c.cheque_number
                           JOIN hand_out h ON h.carnet_id = q.carnet_id AND h.status = 'ACTIVE'
                           WHERE c.redemption_id = r.id
                             AND (h.created_at >= r.created_at
                                  OR r.service_date < (h.created_at AT TIME ZONE 'Europe/Paris')::date))
              THEN 'before hand-out' END) AS why
       FROM redemption r JOIN venue v ON v.id = r.venue_id
       LEFT JOIN audit_event e ON e.entity_type = 'redemption' AND e.entity_id = r.id::text
                              AND e.action = 'redemption.created'`,
    );
    expect(wrong.filter((w) => w.why !== '')).toEqual([]);

    // A cheque's history reads in order: issued, transferred, handed out, redeemed, reimbursed.
    const [sample] = await t.dataSource.query<{ number: string }[]>(
      `SELECT r.cheque_number AS number FROM redemption_cheque r JOIN redemption x ON x.id = r.redemption_id
       WHERE x.created_at < now() - interval '30 days' ORDER BY x.created_at LIMIT 1`,
    );
    const events = await t.http
      .get(`/api/v1/cheques/${sample.number}/events`)
      .set(manager.auth)
      .expect(200);
    const history = events.body.data as { action: string; occurredAt: string }[];
    const times = history.map((e) => new Date(e.occurredAt).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(history[0].action).toBe('issuance.requested');
    expect(history.map((e) => e.action)).toContain('carnet.hand-out');
    // Then, for the oldest (paid by the demo's batches), the batch that took it.
    const redeemed = history.map((e) => e.action).lastIndexOf('redemption.created');
    expect(redeemed).toBeGreaterThan(0);
    expect(
      history.slice(redeemed + 1).every((e) => e.action.startsWith('reimbursement-batch.')),
    ).toBe(true);
    expect(history.map((e) => e.action)).toContain('reimbursement-batch.closed');

    // The tallies follow: each structure's started carnets are those with a used cheque.
    const tallies = await t.dataSource.query<{ started: number; recomputed: number }[]>(
      `SELECT p.started, (SELECT count(*)::int FROM carnet c
         JOIN custody_holder b ON b.id = c.holder_id AND b.kind = 'BENEFICIARY'
         WHERE b.programme_id = p.programme_id AND b.prescriber_id = p.prescriber_id
           AND EXISTS (SELECT 1 FROM cheque q WHERE q.carnet_id = c.id
                       AND q.status IN ('REDEEMED', 'IN_BATCH', 'REIMBURSED'))) AS recomputed
       FROM custody_holder p WHERE p.kind = 'PRESCRIBER'`,
    );
    for (const row of tallies) expect(row.started).toBe(row.recomputed);
    expect(tallies.reduce((sum, r) => sum + r.started, 0)).toBe(totals.started);

    // Today's, at venue@'s venue, can still be cancelled; an older one no longer.
    const own = await t.http.get('/api/v1/redemptions').set(venue.auth).expect(200);
    const listed = own.body.data as { id: string; cancellableUntil: string; createdAt: string }[];
    const open = listed.filter((r) => new Date(r.cancellableUntil).getTime() > Date.now());
    expect(open.length).toBeGreaterThan(0);
    const closed = listed.find((r) => new Date(r.cancellableUntil).getTime() < Date.now());
    const late = await t.http
      .post(`/api/v1/redemptions/${closed!.id}/cancel`)
      .set(venue.auth)
      .expect(409);
    expect(late.body).toMatchObject({
      code: 'REDEMPTION_NOT_CANCELLABLE',
      errors: [{ field: 'id', message: 'TOO_LATE' }],
    });
    const cancelled = await t.http
      .post(`/api/v1/redemptions/${open[0].id}/cancel`)
      .set(venue.auth)
      .expect(200);
    expect(cancelled.body.status).toBe('CANCELLED');
  });

  it("tells the programme's story: growing, a summer dip, a winter peak, one commune lagging behind", async () => {
    const current = todayInParis().slice(0, 7);
    const back = (n: number) => shiftPeriod(current, -n);
    const months = await t.dataSource.query<
      { period: string; handedOut: number; redemptions: number }[]
    >(
      `SELECT m.period,
              (SELECT count(*)::int FROM hand_out h WHERE h.status = 'ACTIVE'
                 AND to_char(h.created_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM') = m.period) AS "handedOut",
              (SELECT count(*)::int FROM redemption r WHERE r.period = m.period) AS redemptions
       FROM unnest($1::text[]) AS m(period)`,
      [Array.from({ length: DEMO_HISTORY_MONTHS + 1 }, (_, i) => back(DEMO_HISTORY_MONTHS - i))],
    );
    type Month = (typeof months)[number];
    const total = (rows: Month[], key: 'handedOut' | 'redemptions') =>
      rows.reduce((sum, m) => sum + m[key], 0);
    const mean = (rows: Month[], key: 'handedOut' | 'redemptions') =>
      total(rows, key) / rows.length;
    const of = (...periods: string[]) => months.filter((m) => periods.includes(m.period));
    // Growing: its first two months against the same two a year later.
    const start = back(DEMO_HISTORY_MONTHS);
    for (const key of ['handedOut', 'redemptions'] as const) {
      expect(total(of(back(2), back(1)), key)).toBeGreaterThan(
        2 * total(of(start, shiftPeriod(start, 1)), key),
      );
    }
    // Seasons, over the whole months after the set-up's: July and August quiet, January to
    // March busier than the rest of the year.
    const whole = months.filter((m) => m.period > start && m.period < current);
    const inMonths = (...numbers: number[]) =>
      whole.filter((m) => numbers.includes(Number(m.period.slice(5))));
    const summer = inMonths(7, 8);
    const winter = inMonths(1, 2, 3);
    const besides = (rows: Month[]) => whole.filter((m) => !rows.includes(m));
    expect(mean(summer, 'handedOut')).toBeLessThan(0.5 * mean(besides(summer), 'handedOut'));
    expect(mean(summer, 'redemptions')).toBeLessThan(0.75 * mean(besides(summer), 'redemptions'));
    expect(mean(winter, 'handedOut')).toBeGreaterThan(mean(besides(winter), 'handedOut'));

    // The communes that received carnets: the lagging one did, but hands out far fewer for its
    // population, and its residents use far fewer of their cheques.
    const communes = await t.dataSource.query<
      { inseeCode: string; perThousand: number; usedShare: number }[]
    >(
      `SELECT c.insee_code AS "inseeCode",
              (1000.0 * (SELECT count(*) FROM hand_out h JOIN beneficiary b ON b.id = h.beneficiary_id
                        WHERE h.status = 'ACTIVE' AND b.insee_code = c.insee_code) / c.population)::float8
                AS "perThousand",
              (SELECT count(*) FILTER (WHERE q.status IN ('REDEEMED', 'IN_BATCH', 'REIMBURSED'))::float
                      / nullif(count(*), 0)
               FROM hand_out h JOIN beneficiary b ON b.id = h.beneficiary_id
               JOIN cheque q ON q.carnet_id = h.carnet_id
               WHERE h.status = 'ACTIVE' AND b.insee_code = c.insee_code) AS "usedShare"
       FROM custody_holder k JOIN commune c ON c.insee_code = k.insee_code
       WHERE k.kind = 'COMMUNE' AND k.received > 0`,
    );
    const lagging = communes.find((c) => c.inseeCode === DEMO_LAGGING_COMMUNE)!;
    const others = communes.filter((c) => c !== lagging);
    expect(others.length).toBeGreaterThanOrEqual(2);
    for (const other of others) {
      expect(lagging.perThousand).toBeLessThan(0.5 * other.perThousand);
      expect(lagging.usedShare).toBeLessThan(0.5 * other.usedShare);
    }
    expect(lagging.perThousand).toBeGreaterThan(0);
  });

  it('runs a whole prescription: register, diagnose, orient, hand out a carnet of the structure stock — cheques DISTRIBUTED, payable at a venue', async () => {
    const person = await register(ccasLens);
    // Oriented first: qualified venues of the programme offering the need, in or visiting Lens.
    const oriented = await t.http
      .get(`/api/v1/beneficiaries/${person.id}/orientation`)
      .set(ccasLens.auth)
      .expect(200);
    expect(oriented.body.meta).toEqual({ diagnosticId: person.diagnosticId, services: [SERVICE] });
    expect(oriented.body.data.length).toBeGreaterThan(0);
    for (const place of oriented.body.data) expect(place.services).toEqual([SERVICE]);
    const [serial] = await stockOf('CCAS de Lens');
    const before = await holderOf('CCAS de Lens');
    const given = await handOut(ccasLens, person, {
      carnetSerial: String(serial).padStart(7, '0'),
    }).expect(201);
    expect(given.body).toMatchObject({
      beneficiaryId: person.id,
      programmeId,
      carnetSerial: serial,
      cheques: 10,
      valueCents: 10_000,
      prescriberName: 'CCAS de Lens',
      agentName: 'Nadia Benali',
      diagnosticId: person.diagnosticId,
      status: 'ACTIVE',
      exceptionId: null,
      undoneAt: null,
    });
    expect(
      new Date(given.body.undoableUntil).getTime() - new Date(given.body.createdAt).getTime(),
    ).toBe(24 * 3_600_000);
    // The structure's stock went down by one, its hand-outs up by one (the ledger's trigger).
    expect(await holderOf('CCAS de Lens')).toEqual({
      carnets: before.carnets - 1,
      handed_out: before.handed_out + 1,
    });
    const statuses = await t.dataSource.query<{ status: string; n: number }[]>(
      `SELECT status, count(*)::int AS n FROM cheque WHERE carnet_id = $1 GROUP BY status`,
      [given.body.carnetId],
    );
    expect(statuses).toEqual([{ status: 'DISTRIBUTED', n: 10 }]);
    const ledger = await t.dataSource.query<{ kind: string; to_kind: string; actor: string }[]>(
      `SELECT m.kind, h.kind AS to_kind, m.actor_label AS actor FROM custody_movement m
       JOIN custody_holder h ON h.id = m.to_holder_id WHERE m.carnet_id = $1 ORDER BY m.id DESC LIMIT 1`,
      [given.body.carnetId],
    );
    expect(ledger).toEqual([
      { kind: 'HAND_OUT', to_kind: 'BENEFICIARY', actor: expect.any(String) },
    ]);
    // One audit entry for the hand-out, naming the prescription and no personal data.
    const audited = await t.dataSource.query<{ action: string; after: Record<string, unknown> }[]>(
      `SELECT action, after FROM audit_event WHERE after->>'handOutId' = $1`,
      [given.body.id],
    );
    expect(audited).toEqual([
      {
        action: 'carnet.hand-out',
        after: expect.objectContaining({ beneficiaryId: person.id, count: 1 }),
      },
    ]);
    expect(JSON.stringify(audited)).not.toMatch(/paix/i);

    const listed = await t.http
      .get(`/api/v1/beneficiaries/${person.id}/carnets`)
      .set(ccasLens.auth)
      .expect(200);
    expect(listed.body.data).toEqual([given.body]);

    // A venue checking one of its cheques now reads it payable.
    const [run] = await t.dataSource.query<{ id: string }[]>(
      `SELECT issuance_id AS id FROM carnet WHERE id = $1`,
      [given.body.carnetId],
    );
    const csv = await t.http
      .get(`/api/v1/issuances/${run.id}/files/csv`)
      .set(manager.auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const printed = parse<{ carnetSerial: string; chequeNumber: string; securityCode: string }>(
      csv.body as Buffer,
      { columns: true },
    ).find((r) => Number(r.carnetSerial) === serial)!;
    const check = await t.http
      .get(`/api/v1/cheques/${printed.chequeNumber}`)
      .set(venue.auth)
      .set('X-Security-Code', printed.securityCode)
      .expect(200);
    expect(check.body).toMatchObject({ status: 'DISTRIBUTED', payableHere: true, reason: null });
  });

  it('refuses a carnet outside the structure stock, a foreign diagnostic, another structure, and no key', async () => {
    const person = await register(ccasLens, '9 rue Diderot, 62300 Lens');
    const [jauresSerial] = await stockOf('Centre social Jean Jaurès');
    const foreign = await handOut(ccasLens, person, { carnetSerial: String(jauresSerial) }).expect(
      404,
    );
    expect(foreign.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(foreign.body.code).toBe('CARNET_NOT_FOUND');
    await handOut(ccasLens, person, { carnetSerial: '99999999' }).expect(404);
    const [serial] = await stockOf('CCAS de Lens');
    const other = await register(ccasLens, '10 rue Diderot, 62300 Lens');
    const wrongDiagnostic = await handOut(
      ccasLens,
      { id: person.id, diagnosticId: other.diagnosticId },
      { carnetSerial: String(serial) },
    ).expect(404);
    expect(wrongDiagnostic.body.code).toBe('DIAGNOSTIC_NOT_FOUND');
    // An agent of another structure does not see the person (nor hands out to it).
    const stranger = await handOut(jaures, person, { carnetSerial: String(jauresSerial) }).expect(
      404,
    );
    expect(stranger.body.code).toBe('BENEFICIARY_NOT_FOUND');
    await t.http.get(`/api/v1/beneficiaries/${person.id}/carnets`).set(jaures.auth).expect(404);
    // A manager and a référent do not hand out (no structure stock).
    await handOut(manager, person, { carnetSerial: String(serial) }).expect(403);
    const noKey = await t.http
      .post(`/api/v1/beneficiaries/${person.id}/carnets`)
      .set(ccasLens.auth)
      .send({ diagnosticId: person.diagnosticId, carnetSerial: String(serial) })
      .expect(400);
    expect(noKey.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    const both = await handOut(ccasLens, person, {
      carnetSerial: String(serial),
      chequeNumber: '000000000013',
    }).expect(400);
    expect(both.body.code).toBe('HAND_OUT_SELECTION_INVALID');
    const letters = await handOut(ccasLens, person, { carnetSerial: '12a' }).expect(400);
    expect(letters.body.code).toBe('HAND_OUT_SELECTION_INVALID');
    // Nothing was handed out by any refusal.
    expect((await stockOf('CCAS de Lens'))[0]).toBe(serial);
    const none = await t.dataSource.query(`SELECT 1 FROM hand_out WHERE beneficiary_id = $1`, [
      person.id,
    ]);
    expect(none).toHaveLength(0);
  });

  it('names a carnet by one of its cheques, as the camera reads it', async () => {
    const person = await register(ccasLens, '3 place Jean Jaurès, 62300 Lens');
    const [serial] = await stockOf('CCAS de Lens');
    const [cheque] = await t.dataSource.query<{ number: string }[]>(
      `SELECT q.number FROM cheque q JOIN carnet k ON k.id = q.carnet_id WHERE k.serial = $1 AND q.position = 3`,
      [serial],
    );
    const given = await handOut(ccasLens, person, { chequeNumber: cheque.number }).expect(201);
    expect(given.body.carnetSerial).toBe(serial);
  });

  it('gives one carnet per household: a second one, at the same or another structure, is a 409', async () => {
    const address = '25 rue Émile Zola, 62300 Lens';
    const first = await register(ccasLens, address);
    const [s1, s2] = await stockOf('CCAS de Lens');
    await handOut(ccasLens, first, { carnetSerial: String(s1) }).expect(201);
    const again = await handOut(ccasLens, first, { carnetSerial: String(s2) }).expect(409);
    expect(again.body.code).toBe('HOUSEHOLD_LIMIT_REACHED');
    // Another member of the household, registered at another structure (written differently).
    const spouse = await register(jaures, '25 r. Emile-Zola 62300 LENS');
    const [j1] = await stockOf('Centre social Jean Jaurès');
    const elsewhere = await handOut(jaures, spouse, { carnetSerial: String(j1) }).expect(409);
    expect(elsewhere.body.code).toBe('HOUSEHOLD_LIMIT_REACHED');
    expect((await stockOf('CCAS de Lens'))[0]).toBe(s2);
    expect((await stockOf('Centre social Jean Jaurès'))[0]).toBe(j1);
  });

  it('lets a programme manager allow one more carnet for a household, in writing', async () => {
    const address = '8 avenue Raoul Briquet, 62300 Lens';
    const first = await register(ccasLens, address);
    const [s1, s2, s3] = await stockOf('CCAS de Lens');
    await handOut(ccasLens, first, { carnetSerial: String(s1) }).expect(201);
    const short = await t.http
      .post(`/api/v1/beneficiaries/${first.id}/household-exceptions`)
      .set(manager.auth)
      .send({ justification: 'trop court' })
      .expect(201);
    // Ten characters is the floor: "trop court" has exactly ten.
    expect(short.body.justification).toBe('trop court');
    await t.http
      .post(`/api/v1/beneficiaries/${first.id}/household-exceptions`)
      .set(ccasLens.auth)
      .send({ justification: 'Je me l’autorise moi-même.' })
      .expect(403);
    const second = await handOut(ccasLens, first, { carnetSerial: String(s2) }).expect(201);
    expect(second.body.exceptionId).toBe(short.body.id);
    const third = await handOut(ccasLens, first, { carnetSerial: String(s3) }).expect(409);
    expect(third.body.code).toBe('HOUSEHOLD_LIMIT_REACHED');
    const listed = await t.http
      .get(`/api/v1/beneficiaries/${first.id}/household-exceptions`)
      .set(ccasLens.auth)
      .expect(200);
    expect(listed.body.data).toEqual([
      expect.objectContaining({
        id: short.body.id,
        grantedByName: expect.any(String),
        usedAt: second.body.createdAt,
      }),
    ]);
    const audited = await t.dataSource.query<{ action: string; after: Record<string, unknown> }[]>(
      `SELECT action, after FROM audit_event WHERE entity_id = $1`,
      [short.body.id],
    );
    expect(audited).toEqual([
      {
        action: 'beneficiary.household-exception-granted',
        after: { beneficiaryId: first.id, justificationLength: 10 },
      },
    ]);
  });

  it('undoes a hand-out within 24 h while no cheque is used: a compensating row, the stock back', async () => {
    const person = await register(ccasLens, '1 rue de Liévin, 62300 Lens');
    const [serial] = await stockOf('CCAS de Lens');
    const before = await holderOf('CCAS de Lens');
    const given = await handOut(ccasLens, person, { carnetSerial: String(serial) }).expect(201);
    await t.http
      .post(`/api/v1/beneficiaries/${person.id}/carnets/${given.body.carnetId}/undo`)
      .set(jaures.auth)
      .expect(404);
    const undone = await t.http
      .post(`/api/v1/beneficiaries/${person.id}/carnets/${given.body.carnetId}/undo`)
      .set(ccasLens.auth)
      .expect(200);
    expect(undone.body).toMatchObject({ id: given.body.id, status: 'UNDONE' });
    expect(undone.body.undoneAt).toEqual(expect.any(String));
    expect(await holderOf('CCAS de Lens')).toEqual(before);
    expect((await stockOf('CCAS de Lens'))[0]).toBe(serial);
    const statuses = await t.dataSource.query<{ status: string }[]>(
      `SELECT DISTINCT status FROM cheque WHERE carnet_id = $1`,
      [given.body.carnetId],
    );
    expect(statuses).toEqual([{ status: 'ISSUED' }]);
    const ledger = await t.dataSource.query<{ kind: string }[]>(
      `SELECT kind FROM custody_movement WHERE carnet_id = $1 ORDER BY id DESC LIMIT 2`,
      [given.body.carnetId],
    );
    expect(ledger.map((m) => m.kind)).toEqual(['HAND_BACK', 'HAND_OUT']);
    // Sent again (a lost answer): the same answer, nothing moved twice.
    const again1 = await t.http
      .post(`/api/v1/beneficiaries/${person.id}/carnets/${given.body.carnetId}/undo`)
      .set(ccasLens.auth)
      .expect(200);
    expect(again1.body).toEqual(undone.body);
    expect(await holderOf('CCAS de Lens')).toEqual(before);
    // The household may now receive a carnet again.
    const again = await handOut(ccasLens, person, { carnetSerial: String(serial) }).expect(201);
    expect(again.body.id).not.toBe(given.body.id);
  });

  it('refuses to undo after 24 h, or once a cheque is used', async () => {
    const person = await register(ccasLens, '5 rue Paul Bert, 62300 Lens');
    const [s1, s2] = await stockOf('CCAS de Lens');
    const late = await handOut(ccasLens, person, { carnetSerial: String(s1) }).expect(201);
    await t.dataSource.query(
      `UPDATE hand_out SET created_at = now() - interval '25 hours' WHERE id = $1`,
      [late.body.id],
    );
    const tooLate = await t.http
      .post(`/api/v1/beneficiaries/${person.id}/carnets/${late.body.carnetId}/undo`)
      .set(ccasLens.auth)
      .expect(409);
    expect(tooLate.body.code).toBe('HAND_OUT_NOT_UNDOABLE');

    const other = await register(ccasLens, '6 rue Paul Bert, 62300 Lens');
    const used = await handOut(ccasLens, other, { carnetSerial: String(s2) }).expect(201);
    await t.dataSource.query(
      `UPDATE cheque SET status = 'REDEEMED' WHERE carnet_id = $1 AND position = 1`,
      [used.body.carnetId],
    );
    const spent = await t.http
      .post(`/api/v1/beneficiaries/${other.id}/carnets/${used.body.carnetId}/undo`)
      .set(ccasLens.auth)
      .expect(409);
    expect(spent.body.code).toBe('HAND_OUT_NOT_UNDOABLE');
    const [row] = await t.dataSource.query<{ status: string }[]>(
      `SELECT status FROM hand_out WHERE id = $1`,
      [used.body.id],
    );
    expect(row.status).toBe('ACTIVE');
  });

  it('hands nothing out to an erased beneficiary, whose household is no longer known', async () => {
    const person = await register(ccasLens, '2 rue Romuald Pruvost, 62300 Lens');
    await t.http
      .post(`/api/v1/beneficiaries/${person.id}/erase`)
      .set(manager.auth)
      .send({ reason: 'PERSON_REQUEST' })
      .expect(200);
    const [serial] = await stockOf('CCAS de Lens');
    const refused = await handOut(ccasLens, person, { carnetSerial: String(serial) }).expect(422);
    expect(refused.body.code).toBe('HOUSEHOLD_UNKNOWN');
    expect((await stockOf('CCAS de Lens'))[0]).toBe(serial);
  });

  it('follows a person who moves: their carnet counts in their new household', async () => {
    const mover = await register(ccasLens, '40 rue Gambetta, 62300 Lens');
    const [s1, s2, s3] = await stockOf('CCAS de Lens');
    await handOut(ccasLens, mover, { carnetSerial: String(s1) }).expect(201);
    // Same address, another household name: a new household key, the carnet follows it.
    await t.http
      .patch(`/api/v1/beneficiaries/${mover.id}`)
      .set(ccasLens.auth)
      .send({ address: '40 rue Gambetta, 62300 Lens', householdName: 'Famille B' })
      .expect(200);
    const twice = await handOut(ccasLens, mover, { carnetSerial: String(s2) }).expect(409);
    expect(twice.body.code).toBe('HOUSEHOLD_LIMIT_REACHED');
    // Moving in with a household that has its carnet already: that household is full now.
    const host = await register(ccasLens, '41 rue Gambetta, 62300 Lens');
    await handOut(ccasLens, host, { carnetSerial: String(s2) }).expect(201);
    await t.http
      .patch(`/api/v1/beneficiaries/${mover.id}`)
      .set(ccasLens.auth)
      .send({ address: '41 rue Gambetta, 62300 Lens' })
      .expect(200);
    const slots = await t.dataSource.query<{ slot: number }[]>(
      `SELECT slot FROM hand_out WHERE beneficiary_id = ANY($1) AND status = 'ACTIVE' ORDER BY slot`,
      [[mover.id, host.id]],
    );
    expect(slots).toEqual([{ slot: 1 }, { slot: 2 }]);
    const child = await register(jaures, '41 rue Gambetta 62300 Lens');
    const [j1] = await stockOf('Centre social Jean Jaurès');
    const full = await handOut(jaures, child, { carnetSerial: String(j1) }).expect(409);
    expect(full.body.code).toBe('HOUSEHOLD_LIMIT_REACHED');
    expect((await stockOf('CCAS de Lens'))[0]).toBe(s3);
  });

  it("gives a household the programme's number of carnets when it allows more than one", async () => {
    const set = (maxCarnetsPerHousehold: number) =>
      t.http
        .patch(`/api/v1/programmes/${programmeId}`)
        .set(manager.auth)
        .send({ maxCarnetsPerHousehold })
        .expect(200);
    await set(2);
    try {
      const address = '50 rue Gambetta, 62300 Lens';
      const people = [
        await register(ccasLens, address),
        await register(ccasLens, address),
        await register(ccasLens, address),
      ];
      const [s1, s2, s3] = await stockOf('CCAS de Lens');
      await handOut(ccasLens, people[0], { carnetSerial: String(s1) }).expect(201);
      await handOut(ccasLens, people[1], { carnetSerial: String(s2) }).expect(201);
      const third = await handOut(ccasLens, people[2], { carnetSerial: String(s3) }).expect(409);
      expect(third.body.code).toBe('HOUSEHOLD_LIMIT_REACHED');
    } finally {
      await set(1);
    }
  });

  it('refuses an untrained agent when the programme requires training, and a carnet with no valid cheque', async () => {
    const untrained = await login(t.http, 'agent2.jaures@demo.carnet.fr');
    const person = await register(untrained, '60 rue Gambetta, 62300 Lens');
    const [serial] = await stockOf('Centre social Jean Jaurès');
    const require = (requireTrainedAgent: boolean) =>
      t.http
        .patch(`/api/v1/programmes/${programmeId}`)
        .set(manager.auth)
        .send({ requireTrainedAgent })
        .expect(200);
    await require(true);
    try {
      const refused = await handOut(untrained, person, { carnetSerial: String(serial) }).expect(
        403,
      );
      expect(refused.body.code).toBe('AGENT_NOT_TRAINED');
    } finally {
      await require(false);
    }
    // Every cheque of the carnet expired (as the nightly job leaves them): nothing to hand out.
    await t.dataSource.query(
      `UPDATE cheque SET status = 'EXPIRED' WHERE carnet_id = (SELECT id FROM carnet WHERE serial = $1)`,
      [serial],
    );
    const spent = await handOut(untrained, person, { carnetSerial: String(serial) }).expect(422);
    expect(spent.body.code).toBe('CARNET_NOT_USABLE');
    expect((await stockOf('Centre social Jean Jaurès'))[0]).toBe(serial);
    // Written off, as a structure does with a carnet nobody can use any more.
    const [{ id }] = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM carnet WHERE serial = $1`,
      [serial],
    );
    await t.http
      .post(`/api/v1/carnets/${id}/cancel`)
      .set(manager.auth)
      .send({ reason: 'WITHDRAWN' })
      .expect(201);
  });

  it('replaces a carnet its beneficiary lost with a payable one, in their hands; the hand-out is then final', async () => {
    const person = await register(ccasLens, '70 rue Gambetta, 62300 Lens');
    const [serial] = await stockOf('CCAS de Lens');
    const given = await handOut(ccasLens, person, { carnetSerial: String(serial) }).expect(201);
    const before = await holderOf('CCAS de Lens');
    await t.http
      .post(`/api/v1/carnets/${given.body.carnetId}/cancel`)
      .set(manager.auth)
      .send({ reason: 'LOST', comment: 'Perdu dans le bus' })
      .expect(201);
    const replacement = await t.http
      .post(`/api/v1/carnets/${given.body.carnetId}/replacement`)
      .set(manager.auth)
      .expect(201);
    const [held] = await t.dataSource.query<{ kind: string; beneficiary: string }[]>(
      `SELECT h.kind, h.beneficiary_id AS beneficiary FROM carnet k JOIN custody_holder h ON h.id = k.holder_id WHERE k.id = $1`,
      [replacement.body.id],
    );
    expect([held]).toEqual([{ kind: 'BENEFICIARY', beneficiary: person.id }]);
    const statuses = await t.dataSource.query<{ status: string }[]>(
      `SELECT DISTINCT status FROM cheque WHERE carnet_id = $1 AND status <> 'CANCELLED'`,
      [replacement.body.id],
    );
    expect(statuses).toEqual([{ status: 'DISTRIBUTED' }]);
    // Still one carnet handed out by the CCAS for this person.
    expect(await holderOf('CCAS de Lens')).toEqual(before);
    const late = await t.http
      .post(`/api/v1/beneficiaries/${person.id}/carnets/${given.body.carnetId}/undo`)
      .set(ccasLens.auth)
      .expect(409);
    expect(late.body.code).toBe('HAND_OUT_NOT_UNDOABLE');
  });

  it('shows a structure only the permissions granted through the people it registered', async () => {
    const address = '80 rue Gambetta, 62300 Lens';
    const x = await register(ccasLens, address);
    const y = await register(jaures, address);
    const granted = await t.http
      .post(`/api/v1/beneficiaries/${y.id}/household-exceptions`)
      .set(manager.auth)
      .send({ justification: 'Deux adultes aux besoins distincts, accord de la commission.' })
      .expect(201);
    const seenByCcas = await t.http
      .get(`/api/v1/beneficiaries/${x.id}/household-exceptions`)
      .set(ccasLens.auth)
      .expect(200);
    expect(seenByCcas.body.data).toEqual([]);
    const seenByManager = await t.http
      .get(`/api/v1/beneficiaries/${x.id}/household-exceptions`)
      .set(manager.auth)
      .expect(200);
    expect(seenByManager.body.data.map((e: { id: string }) => e.id)).toEqual([granted.body.id]);
    const tooShort = await t.http
      .post(`/api/v1/beneficiaries/${x.id}/household-exceptions`)
      .set(manager.auth)
      .send({ justification: 'neuf car.' })
      .expect(400);
    expect(tooShort.body.errors).toEqual([expect.objectContaining({ field: 'justification' })]);
  });

  it('answers the same Idempotency-Key with the same hand-out, and refuses it for another body', async () => {
    const person = await register(ccasLens, '14 rue Berthelot, 62300 Lens');
    const [s1, s2] = await stockOf('CCAS de Lens');
    const key = randomUUID();
    const first = await handOut(ccasLens, person, { carnetSerial: String(s1) }, key).expect(201);
    const replay = await handOut(ccasLens, person, { carnetSerial: String(s1) }, key).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    const reused = await handOut(ccasLens, person, { carnetSerial: String(s2) }, key).expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('makes exactly one hand-out of 20 requests sent at once with the same key', async () => {
    const person = await register(ccasLens, '30 rue de Douai, 62300 Lens');
    const [serial] = await stockOf('CCAS de Lens');
    const key = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        handOut(ccasLens, person, { carnetSerial: String(serial) }, key),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const rows = await t.dataSource.query(`SELECT 1 FROM hand_out WHERE beneficiary_id = $1`, [
      person.id,
    ]);
    expect(rows).toHaveLength(1);
  });

  it('lets exactly one of four structures handing out to one household at the same moment succeed', async () => {
    const address = '77 rue Arthur Lamendin, 62300 Lens';
    const agents = [
      { session: ccasLens, structure: 'CCAS de Lens' },
      { session: jaures, structure: 'Centre social Jean Jaurès' },
      { session: ccasLievin, structure: 'CCAS de Liévin' },
      { session: aragon, structure: 'Médiathèque Louis Aragon' },
    ];
    const people = await Promise.all(agents.map((a) => register(a.session, address, LENS)));
    const serials = await Promise.all(agents.map(async (a) => (await stockOf(a.structure))[0]));
    const before = await Promise.all(agents.map((a) => holderOf(a.structure)));
    const answers = await Promise.all(
      agents.map((a, i) => handOut(a.session, people[i], { carnetSerial: String(serials[i]) })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409]);
    for (const refused of answers.filter((a) => a.status === 409)) {
      expect(refused.body.code).toBe('HOUSEHOLD_LIMIT_REACHED');
    }
    const after = await Promise.all(agents.map((a) => holderOf(a.structure)));
    const moved = after.map((h, i) => before[i].carnets - h.carnets);
    expect(moved.sort()).toEqual([0, 0, 0, 1]);
    const [active] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM hand_out WHERE beneficiary_id = ANY($1) AND status = 'ACTIVE'`,
      [people.map((p) => p.id)],
    );
    expect(active.n).toBe(1);
    void LIEVIN;
  });
});
