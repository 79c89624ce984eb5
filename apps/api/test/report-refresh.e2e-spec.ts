import { Client } from 'pg';
import { ReportRefreshService } from '#src/reporting/refresh/report-refresh.service.js';
import { bootApp, login, type Session, type TestApp } from './utils.js';

/** The store's tables, each with the columns that order its rows. */
const STORE: Record<string, string> = {
  report_carnet: 'carnet_id',
  report_handout_month: 'programme_id, period, insee_code, prescriber_id, situation, age_band',
  report_handout_origin: 'programme_id, insee_code, prescriber_id, situation, age_band',
  report_handout_commune_month: 'programme_id, insee_code, period',
  report_first_use: 'programme_id, insee_code, prescriber_id, delay_days',
  report_need: 'programme_id, insee_code, kind, need',
  report_venue_month: 'programme_id, period, venue_id, service',
  report_venue_service: 'programme_id, venue_id, service',
  report_origin_month: 'programme_id, period, insee_code, prescriber_id, service',
  report_expiry: 'programme_id, valid_until, holder_kind, location',
};

/**
 * The reporting store's refresh on the demo (12+ months of hand-outs, redemptions and batches):
 * what an incremental refresh leaves equals a rebuild from scratch, after changes made through the
 * API and after a transaction that committed late; and the store's totals equal the same figures
 * counted directly on the base tables (independently of the refresh's SQL).
 */
describe('reporting store refresh (e2e)', () => {
  let t: TestApp;
  let refresher: ReportRefreshService;
  let manager: Session;
  let venueStaff: Session;

  beforeAll(async () => {
    t = await bootApp();
    refresher = t.app.get(ReportRefreshService);
    [manager, venueStaff] = await Promise.all([
      login(t.http, 'manager@demo.carnet.fr'),
      login(t.http, 'mediateur@demo.carnet.fr'),
    ]);
  }, 600_000);

  afterAll(async () => {
    await t.close();
  });

  async function snapshot(): Promise<Record<string, unknown[]>> {
    const tables: Record<string, unknown[]> = {};
    for (const [table, order] of Object.entries(STORE))
      tables[table] = await t.dataSource.query(`SELECT * FROM ${table} ORDER BY ${order}`);
    return tables;
  }

  /** The store after a rebuild from scratch, the store itself left as the rebuild made it. */
  async function rebuilt(): Promise<Record<string, unknown[]>> {
    const outcome = await refresher.refresh({ rebuild: true });
    expect(outcome.rebuilt).toBe(true);
    return snapshot();
  }

  /**
   * The coarser roll-ups the reports read, each against its finer table summed again: the rows
   * found in one and not in the other (both ways), per roll-up; zeros when they agree.
   */
  async function rollupDifferences(): Promise<Record<string, number>> {
    const SUMS = `sum(carnets)::int, sum(households)::int, sum(started)::int, sum(completed)::int,
      sum(unused)::int, sum(redeemed)::int, sum(in_batch)::int, sum(reimbursed)::int,
      sum(expired)::int, sum(cancelled)::int, sum(used_cents)::bigint`;
    const pairs: Record<string, [string, string]> = {
      report_handout_origin: [
        `SELECT programme_id, insee_code, prescriber_id, situation, age_band, carnets, households,
                started, completed, unused, redeemed, in_batch, reimbursed, expired, cancelled,
                used_cents FROM report_handout_origin`,
        `SELECT programme_id, insee_code, prescriber_id, situation, age_band, ${SUMS}
         FROM report_handout_month GROUP BY 1, 2, 3, 4, 5`,
      ],
      report_handout_commune_month: [
        `SELECT programme_id, insee_code, period, carnets FROM report_handout_commune_month`,
        `SELECT programme_id, insee_code, period, sum(carnets)::int
         FROM report_handout_month GROUP BY 1, 2, 3`,
      ],
      report_venue_service: [
        `SELECT programme_id, venue_id, service, redemptions, cheques, amount_cents, participants,
                minutes FROM report_venue_service`,
        `SELECT programme_id, venue_id, service, sum(redemptions)::int, sum(cheques)::int,
                sum(amount_cents)::bigint, sum(participants)::int, sum(minutes)::int
         FROM report_venue_month GROUP BY 1, 2, 3`,
      ],
    };
    const differences: Record<string, number> = {};
    for (const [table, [coarse, fine]] of Object.entries(pairs)) {
      const [row] = await t.dataSource.query<{ n: number }[]>(
        `SELECT (SELECT count(*) FROM ((${coarse}) EXCEPT ALL (${fine})) a)::int
              + (SELECT count(*) FROM ((${fine}) EXCEPT ALL (${coarse})) b)::int AS n`,
      );
      differences[table] = row.n;
    }
    return differences;
  }

  const AGREE = {
    report_handout_origin: 0,
    report_handout_commune_month: 0,
    report_venue_service: 0,
  };

  /** Totals counted on the base tables, and the same totals summed from the store. */
  async function totals(): Promise<{ base: unknown; store: unknown }> {
    // Households: the beneficiaries of a programme sharing a household key are one household; a
    // beneficiary without a key (erased or purged) is one alone.
    const [base] = await t.dataSource.query(
      `WITH handed AS (
         SELECT ca.id, h.beneficiary_id, b.programme_id,
                COALESCE('key:' || encode(b.household_key, 'hex'), 'person:' || b.id::text)
                  AS household
         FROM carnet ca
         JOIN custody_holder h ON h.id = COALESCE(ca.holder_id, ca.last_holder_id)
         JOIN beneficiary b ON b.id = h.beneficiary_id
         WHERE h.kind = 'BENEFICIARY'),
       per_carnet AS (
         SELECT hd.id, hd.programme_id, hd.household, count(*) AS cheques,
                count(*) FILTER (WHERE q.status IN ('REDEEMED', 'IN_BATCH', 'REIMBURSED')) AS used,
                count(*) FILTER (WHERE q.status = 'CANCELLED') AS cancelled,
                count(*) FILTER (WHERE q.status = 'EXPIRED') AS expired
         FROM handed hd JOIN cheque q ON q.carnet_id = hd.id
         GROUP BY hd.id, hd.programme_id, hd.household)
       SELECT count(*)::int AS carnets,
              count(DISTINCT (programme_id, household))::int AS households,
              count(*) FILTER (WHERE used > 0)::int AS started,
              count(*) FILTER (WHERE used = cheques)::int AS completed,
              sum(used)::int AS used, sum(cancelled)::int AS cancelled, sum(expired)::int AS expired,
              (SELECT count(*)::int FROM redemption WHERE status = 'ACTIVE') AS redemptions,
              (SELECT sum(amount_cents)::int FROM redemption WHERE status = 'ACTIVE') AS amount,
              (SELECT count(*)::int FROM redemption r
               JOIN redemption_cheque rc ON rc.redemption_id = r.id AND rc.active
               WHERE r.status = 'ACTIVE') AS redeemed_cheques
       FROM per_carnet`,
    );
    const [store] = await t.dataSource.query(
      `SELECT sum(carnets)::int AS carnets, sum(households)::int AS households,
              sum(started)::int AS started, sum(completed)::int AS completed,
              sum(redeemed + in_batch + reimbursed)::int AS used, sum(cancelled)::int AS cancelled,
              sum(expired)::int AS expired,
              (SELECT sum(redemptions)::int FROM report_venue_month) AS redemptions,
              (SELECT sum(amount_cents)::int FROM report_venue_month) AS amount,
              (SELECT sum(cheques)::int FROM report_origin_month) AS redeemed_cheques
       FROM report_handout_origin`,
    );
    return { base, store };
  }

  it('builds the whole store from scratch, its totals equal to the base tables’', async () => {
    const first = await refresher.refresh({ rebuild: true });
    expect(first.rebuilt).toBe(true);
    expect(first.carnets).toBeGreaterThan(100);
    const [months] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(DISTINCT (programme_id, period))::int AS n FROM redemption`,
    );
    expect(first.periods).toBe(months.n);
    expect(first.periods).toBeGreaterThan(1);
    const { base, store } = await totals();
    expect(store).toEqual(base);
    expect((base as { started: number }).started).toBeGreaterThan(0);

    // Every started carnet has a delay to its first use; the venues' and origins' months agree.
    const [check] = await t.dataSource.query(
      `SELECT (SELECT sum(carnets)::int FROM report_first_use) AS delays,
              (SELECT sum(started)::int FROM report_handout_month) AS started,
              (SELECT sum(cheques)::int FROM report_venue_month) AS venue_cheques,
              (SELECT sum(cheques)::int FROM report_origin_month) AS origin_cheques`,
    );
    expect(check.delays).toBe(check.started);
    expect(check.venue_cheques).toBe(check.origin_cheques);
    expect(await rollupDifferences()).toEqual(AGREE);
    const [filled] = await t.dataSource.query<
      { origins: number; months: number; venues: number }[]
    >(
      `SELECT (SELECT count(*)::int FROM report_handout_origin) AS origins,
              (SELECT count(*)::int FROM report_handout_commune_month) AS months,
              (SELECT count(*)::int FROM report_venue_service) AS venues`,
    );
    expect(filled.origins).toBeGreaterThan(0);
    expect(filled.months).toBeGreaterThan(1);
    expect(filled.venues).toBeGreaterThan(0);
  });

  it('recomputes only what changed, and ends equal to a rebuild', async () => {
    await refresher.refresh();
    const quiet = await refresher.refresh();
    expect(quiet.rebuilt).toBe(false);

    // Through the API: a venue cancels one of today's redemptions, the manager cancels a cheque
    // a beneficiary holds and a whole carnet a beneficiary holds.
    const [today] = await t.dataSource.query<{ id: string }[]>(
      `SELECT r.id FROM redemption r JOIN venue v ON v.id = r.venue_id
       JOIN user_account u ON u.organisation_id = v.organisation_id
       WHERE u.email = 'mediateur@demo.carnet.fr' AND r.status = 'ACTIVE'
         AND r.reimbursement_batch_id IS NULL AND r.created_at > now() - interval '20 hours'
       ORDER BY r.created_at DESC LIMIT 1`,
    );
    expect(today).toBeDefined();
    await t.http.post(`/api/v1/redemptions/${today.id}/cancel`).set(venueStaff.auth).expect(200);
    const held = await t.dataSource.query<{ number: string; carnet_id: string }[]>(
      `SELECT q.number, q.carnet_id FROM cheque q JOIN carnet ca ON ca.id = q.carnet_id
       JOIN custody_holder h ON h.id = ca.holder_id AND h.kind = 'BENEFICIARY'
       WHERE q.status = 'DISTRIBUTED' AND ca.status = 'ACTIVE'
       ORDER BY q.number LIMIT 40`,
    );
    const cheque = held[0];
    const carnet = held.find((h) => h.carnet_id !== cheque.carnet_id)!;
    await t.http
      .post(`/api/v1/cheques/${cheque.number}/cancel`)
      .set(manager.auth)
      .send({ reason: 'LOST' })
      .expect(201);
    await t.http
      .post(`/api/v1/carnets/${carnet.carnet_id}/cancel`)
      .set(manager.auth)
      .send({ reason: 'STOLEN' })
      .expect(201);

    const incremental = await refresher.refresh();
    expect(incremental.rebuilt).toBe(false);
    expect(incremental.carnets).toBeGreaterThanOrEqual(3);
    expect(incremental.carnets).toBeLessThan(quiet.carnets + 40);
    expect(incremental.periods).toBeGreaterThanOrEqual(1);
    const after = await snapshot();
    const { base, store } = await totals();
    expect(store).toEqual(base);
    expect(await rollupDifferences()).toEqual(AGREE);
    expect(await rebuilt()).toEqual(after);
  });

  /** An incremental refresh, then: the store's totals equal the base tables', and a rebuild. */
  async function expectIncrementalEqualsRebuild(): Promise<void> {
    const incremental = await refresher.refresh();
    expect(incremental.rebuilt).toBe(false);
    const after = await snapshot();
    const { base, store } = await totals();
    expect(store).toEqual(base);
    expect(await rollupDifferences()).toEqual(AGREE);
    expect(await rebuilt()).toEqual(after);
  }

  it('picks up a beneficiary moved to another commune and situation, and their redemptions', async () => {
    await refresher.refresh();
    const [moved] = await t.dataSource.query<
      { id: string; programme_id: string; insee_code: string; situation: string }[]
    >(
      `SELECT b.id, b.programme_id, b.insee_code, b.situation FROM beneficiary b
       JOIN report_carnet r ON r.beneficiary_id = b.id
       WHERE b.purged_at IS NULL AND r.redeemed + r.in_batch + r.reimbursed > 0
       ORDER BY b.id LIMIT 1`,
    );
    expect(moved).toBeDefined();
    const [to] = await t.dataSource.query<{ insee_code: string; situation: string }[]>(
      `SELECT (SELECT insee_code FROM beneficiary WHERE programme_id = $1 AND insee_code <> $2
               ORDER BY insee_code LIMIT 1) AS insee_code,
              (SELECT situation FROM beneficiary WHERE programme_id = $1 AND situation <> $3
               ORDER BY situation LIMIT 1) AS situation`,
      [moved.programme_id, moved.insee_code, moved.situation],
    );
    await t.http
      .patch(`/api/v1/beneficiaries/${moved.id}`)
      .set(manager.auth)
      .send({ inseeCode: to.insee_code, situation: to.situation })
      .expect(200);
    await expectIncrementalEqualsRebuild();
    const rows = await t.dataSource.query<{ insee_code: string; situation: string }[]>(
      `SELECT DISTINCT insee_code, situation FROM report_carnet WHERE beneficiary_id = $1`,
      [moved.id],
    );
    expect(rows).toEqual([to]);
    // Their redemptions now count in their new commune.
    const [origin] = await t.dataSource.query<{ stored: number; base: number }[]>(
      `SELECT (SELECT COALESCE(sum(cheques), 0)::int FROM report_origin_month
               WHERE programme_id = $1 AND insee_code = $2) AS stored,
              (SELECT count(*)::int FROM redemption r
               JOIN redemption_cheque rc ON rc.redemption_id = r.id AND rc.active
               JOIN cheque x ON x.number = rc.cheque_number
               JOIN carnet ca ON ca.id = x.carnet_id
               JOIN custody_holder h ON h.id = COALESCE(ca.holder_id, ca.last_holder_id)
                                    AND h.kind = 'BENEFICIARY'
               JOIN beneficiary b ON b.id = h.beneficiary_id
               WHERE r.status = 'ACTIVE' AND r.programme_id = $1 AND b.insee_code = $2) AS base`,
      [moved.programme_id, to.insee_code],
    );
    expect(origin.stored).toBe(origin.base);
  });

  it('counts one household per household key, as members move in and out', async () => {
    await refresher.refresh();
    const pair = await t.dataSource.query<{ id: string }[]>(
      `SELECT b.id FROM beneficiary b
       WHERE b.purged_at IS NULL
         AND b.programme_id = (SELECT programme_id FROM report_carnet GROUP BY programme_id
                               ORDER BY count(*) DESC LIMIT 1)
         AND EXISTS (SELECT 1 FROM report_carnet r WHERE r.beneficiary_id = b.id)
       ORDER BY b.id DESC LIMIT 2`,
    );
    expect(pair).toHaveLength(2);
    const households = async () =>
      (
        await t.dataSource.query<{ n: number }[]>(
          `SELECT count(*) FILTER (WHERE household_first)::int AS n FROM report_carnet
           WHERE beneficiary_id = ANY($1::uuid[])`,
          [pair.map((p) => p.id)],
        )
      )[0].n;
    for (const { id } of pair)
      await t.http
        .patch(`/api/v1/beneficiaries/${id}`)
        .set(manager.auth)
        .send({ address: '12 rue des Tilleuls, 62300 Lens', householdName: 'Rapport' })
        .expect(200);
    await expectIncrementalEqualsRebuild();
    expect(await households()).toBe(1);
    // The one whose carnet counted the household moves out: the other one's counts it now.
    const [first] = await t.dataSource.query<{ beneficiary_id: string }[]>(
      `SELECT beneficiary_id FROM report_carnet
       WHERE beneficiary_id = ANY($1::uuid[]) AND household_first`,
      [pair.map((p) => p.id)],
    );
    await t.http
      .patch(`/api/v1/beneficiaries/${first.beneficiary_id}`)
      .set(manager.auth)
      .send({ address: '3 place du Marché, 62300 Lens', householdName: 'Rapport' })
      .expect(200);
    await expectIncrementalEqualsRebuild();
    expect(await households()).toBe(2);
  });

  it('keeps a carnet in its age band when its beneficiary is erased', async () => {
    await refresher.refresh();
    // Registered the year before the hand-out, 25 years old that year: under 26 when registered,
    // 26 on the year of the hand-out.
    const [person] = await t.dataSource.query<{ id: string; year: number }[]>(
      `SELECT b.id, extract(year FROM r.handed_out_at AT TIME ZONE 'Europe/Paris')::int - 1 AS year
       FROM beneficiary b JOIN report_carnet r ON r.beneficiary_id = b.id
       WHERE b.purged_at IS NULL
       ORDER BY b.id LIMIT 1`,
    );
    await t.dataSource.query(
      `UPDATE beneficiary SET created_at = make_timestamptz($2, 6, 1, 12, 0, 0, 'Europe/Paris')
       WHERE id = $1`,
      [person.id, person.year],
    );
    await t.http
      .patch(`/api/v1/beneficiaries/${person.id}`)
      .set(manager.auth)
      .send({ birthYear: person.year - 25 })
      .expect(200);
    await refresher.refresh();
    const band = async () =>
      (
        await t.dataSource.query<{ age_band: string }[]>(
          `SELECT DISTINCT age_band FROM report_carnet WHERE beneficiary_id = $1`,
          [person.id],
        )
      ).map((r) => r.age_band);
    expect(await band()).toEqual(['UNDER_26']);
    await t.http
      .post(`/api/v1/beneficiaries/${person.id}/erase`)
      .set(manager.auth)
      .send({ reason: 'PERSON_REQUEST' })
      .expect(200);
    await expectIncrementalEqualsRebuild();
    expect(await band()).toEqual(['UNDER_26']);
  });

  it('reads again a change whose transaction began before a refresh and committed after it', async () => {
    await refresher.refresh();
    const [target] = await t.dataSource.query<{ number: string }[]>(
      `SELECT q.number FROM cheque q JOIN carnet ca ON ca.id = q.carnet_id
       JOIN custody_holder h ON h.id = ca.holder_id AND h.kind = 'BENEFICIARY'
       WHERE q.status = 'DISTRIBUTED' AND ca.status = 'ACTIVE'
       ORDER BY q.number DESC LIMIT 1`,
    );
    const late = new Client({ connectionString: t.database.url });
    await late.connect();
    try {
      // Its change is stamped with its transaction's start, before the refresh below.
      await late.query('BEGIN');
      await late.query(
        `UPDATE cheque SET status = 'CANCELLED', cancellation_reason = 'LOST',
           status_changed_at = now() WHERE number = $1`,
        [target.number],
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      const during = await refresher.refresh({ marginSeconds: 0 });
      const state = await refresher.state();
      expect(state.watermark!.getTime()).toBeLessThan(during.asOf.getTime());
      await late.query('COMMIT');
    } finally {
      await late.end();
    }
    await refresher.refresh({ marginSeconds: 0 });
    const [row] = await t.dataSource.query<{ cancelled: number }[]>(
      `SELECT r.cancelled FROM report_carnet r JOIN cheque q ON q.carnet_id = r.carnet_id
       WHERE q.number = $1`,
      [target.number],
    );
    expect(row.cancelled).toBeGreaterThanOrEqual(1);
    expect(await rollupDifferences()).toEqual(AGREE);
    const after = await snapshot();
    expect(await rebuilt()).toEqual(after);
  });

  it('lets managers ask for a refresh, and every reader see how fresh the figures are', async () => {
    const asked = await t.http.post('/api/v1/reports/refresh').set(manager.auth).expect(202);
    expect(asked.body).toMatchObject({ asOf: expect.any(String) });
    const status = await t.http.get('/api/v1/reports/status').set(venueStaff.auth).expect(200);
    expect(new Date(status.body.asOf).getTime()).toBeGreaterThan(0);
    await t.http.post('/api/v1/reports/refresh').set(venueStaff.auth).expect(403);
    const agent = await login(t.http, 'prescriber@demo.carnet.fr');
    await t.http.get('/api/v1/reports/status').set(agent.auth).expect(403);
  });
});
