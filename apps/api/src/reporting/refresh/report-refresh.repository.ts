import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';

/** Days ahead the expiry outlook looks (its windows: 0–30, 31–60, 61–90 days). */
export const EXPIRY_OUTLOOK_DAYS = 90;

/**
 * Changes are read again from this long before the oldest transaction still running at the last
 * refresh's snapshot: a transaction that committed between the snapshot and the reading of
 * pg_stat_activity is covered too. Reading a change twice is harmless: every step recomputes its
 * rows from the base tables.
 */
export const WATERMARK_MARGIN_SECONDS = 120;

/** Serialises refreshes (a session advisory lock, taken before the snapshot). */
const REFRESH_LOCK = 'report-refresh';

export interface RefreshCounts {
  carnets: number;
  periods: number;
}

/** The instant 'YYYY-MM-DD' of a timestamp in France. */
const frenchDay = (column: string) => `(${column} AT TIME ZONE 'Europe/Paris')::date`;
const frenchMonth = (column: string) => `to_char(${column} AT TIME ZONE 'Europe/Paris', 'YYYY-MM')`;

/**
 * The age band of domain's ageBandOf, in SQL: a band recorded as such, else from the birth year on
 * the year the beneficiary was registered — the band an erasure or the retention purge keeps
 * (privacy.service.ts, anonymous), so that neither moves a carnet from one band to another.
 */
const REGISTERED_IN = `extract(year FROM b.created_at AT TIME ZONE 'Europe/Paris')::int`;
const AGE_BAND = `COALESCE(b.age_band, CASE
    WHEN ${REGISTERED_IN} - b.birth_year < 26 THEN 'UNDER_26'
    WHEN ${REGISTERED_IN} - b.birth_year < 45 THEN '26_44'
    WHEN ${REGISTERED_IN} - b.birth_year < 60 THEN '45_59'
    WHEN ${REGISTERED_IN} - b.birth_year < 75 THEN '60_74'
    ELSE '75_PLUS' END)`;

/** Used: counted by the programme as spent (paid or to be paid). */
const USED = `('REDEEMED', 'IN_BATCH', 'REIMBURSED')`;

/**
 * The refresh of the reporting store, statement by statement, inside the one REPEATABLE READ
 * transaction ReportRefreshService opens: every statement sees the same snapshot, and readers see
 * the old figures until the commit, then all the new ones at once.
 *
 * Work tables (temporary, dropped at commit):
 * - `dirty_carnet`: carnets to recompute — every carnet one of whose cheques changed status since
 *   the watermark (hand-out and hand-back, redemption and its cancellation, batch, payment,
 *   rejection, expiry, cancellation all stamp cheque.status_changed_at), read on
 *   IDX_cheque_status_changed, and every carnet in the store of a beneficiary edited since
 *   (commune, situation, age, household; an erasure and the retention purge stamp updated_at
 *   too), read on IDX_beneficiary_updated;
 * - `dirty_period`: (programme, month) pairs whose redemptions were made or cancelled since the
 *   watermark (IDX_redemption_created, IDX_redemption_cancelled), and the months of the
 *   redemptions of a carnet whose commune or structure changed (report_origin_month);
 * - `touched`: the roll-up keys whose rows must be summed again (before and after).
 */
@Injectable()
export class ReportRefreshRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  queryRunner(): QueryRunner {
    return this.dataSource.createQueryRunner();
  }

  async lock(runner: QueryRunner): Promise<void> {
    await runner.query(`SELECT pg_advisory_lock(hashtext($1))`, [REFRESH_LOCK]);
  }

  async unlock(runner: QueryRunner): Promise<void> {
    await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [REFRESH_LOCK]);
  }

  /**
   * The first statement of the transaction (it takes the snapshot): the current watermark (null:
   * never refreshed, or a rebuild asked), the instant the figures will be as of, and the next
   * watermark — the start of the oldest other transaction running now, capped by now, minus the
   * margin.
   */
  async begin(
    manager: EntityManager,
    marginSeconds: number,
  ): Promise<{ watermark: Date | null; asOf: Date; nextWatermark: Date }> {
    const [row] = await manager.query<
      { watermark: Date | null; as_of: Date; next_watermark: Date }[]
    >(
      `SELECT s.watermark, now() AS as_of,
              LEAST(now(), COALESCE((SELECT min(a.xact_start) FROM pg_stat_activity a
                                     WHERE a.datname = current_database()
                                       AND a.pid <> pg_backend_pid()
                                       AND a.xact_start IS NOT NULL), now()))
                - make_interval(secs => $1) AS next_watermark
       FROM report_state s WHERE s.id = 1 FOR UPDATE`,
      [marginSeconds],
    );
    if (!row) throw new Error('report_state has no row: the Reporting migration was not applied');
    return { watermark: row.watermark, asOf: row.as_of, nextWatermark: row.next_watermark };
  }

  /** A rebuild: every store table emptied, then everything computed as if for the first time. */
  async clear(manager: EntityManager): Promise<void> {
    for (const table of [
      'report_carnet',
      'report_handout_month',
      'report_handout_origin',
      'report_handout_commune_month',
      'report_first_use',
      'report_need',
      'report_venue_month',
      'report_venue_service',
      'report_origin_month',
      'report_expiry',
    ])
      await manager.query(`DELETE FROM ${table}`);
  }

  /**
   * Fills the work tables. `since` null: everything (every carnet a beneficiary holds or held,
   * every month with a redemption).
   */
  async findDirty(manager: EntityManager, since: Date | null): Promise<RefreshCounts> {
    await manager.query(
      `CREATE TEMP TABLE dirty_carnet (carnet_id uuid PRIMARY KEY) ON COMMIT DROP`,
    );
    await manager.query(
      `CREATE TEMP TABLE dirty_period (programme_id uuid, period char(7), PRIMARY KEY (programme_id, period)) ON COMMIT DROP`,
    );
    await manager.query(
      `CREATE TEMP TABLE touched (programme_id uuid, period char(7), insee_code varchar(5),
         prescriber_id uuid, situation varchar(20), age_band varchar(10), beneficiary_id uuid) ON COMMIT DROP`,
    );
    if (since === null) {
      await manager.query(
        `INSERT INTO dirty_carnet
         SELECT ca.id FROM carnet ca
         JOIN custody_holder h ON h.id = COALESCE(ca.holder_id, ca.last_holder_id)
         WHERE h.kind = 'BENEFICIARY'`,
      );
      await manager.query(
        `INSERT INTO dirty_period SELECT DISTINCT programme_id, period FROM redemption`,
      );
    } else {
      // A cheque ISSUED since is a new one (an issuance: its carnet is in stock, not reported) or
      // one handed back (its carnet leaves report_carnet).
      await manager.query(
        `INSERT INTO dirty_carnet
         SELECT DISTINCT x.carnet_id FROM cheque x
         WHERE x.status_changed_at >= $1
           AND (x.status <> 'ISSUED'
                OR EXISTS (SELECT 1 FROM report_carnet r WHERE r.carnet_id = x.carnet_id))`,
        [since],
      );
      await manager.query(
        `INSERT INTO dirty_carnet
         SELECT r.carnet_id FROM beneficiary b JOIN report_carnet r ON r.beneficiary_id = b.id
         WHERE b.updated_at >= $1
         ON CONFLICT DO NOTHING`,
        [since],
      );
      await manager.query(
        `INSERT INTO dirty_period
         SELECT programme_id, period FROM redemption WHERE created_at >= $1
         UNION
         SELECT programme_id, period FROM redemption WHERE cancelled_at >= $1`,
        [since],
      );
    }
    const [counts] = await manager.query<{ carnets: number; periods: number }[]>(
      `SELECT (SELECT count(*)::int FROM dirty_carnet) AS carnets,
              (SELECT count(*)::int FROM dirty_period) AS periods`,
    );
    await manager.query(`ANALYZE dirty_carnet`);
    await manager.query(`ANALYZE dirty_period`);
    return counts ?? { carnets: 0, periods: 0 };
  }

  /**
   * report_carnet for the dirty carnets: their old rows out (their keys noted as touched), then a
   * row for each one a beneficiary holds or last held, recomputed from its cheques (on
   * IDX_cheque_carnet), its first active redemption, its hand-out and diagnostic, its beneficiary.
   */
  async refreshCarnets(manager: EntityManager): Promise<void> {
    // Before their rows go: where the dirty carnets came from (a carnet whose commune or structure
    // changes moves its redemptions in report_origin_month), and the households they counted in
    // (a member who moved out leaves the mark to another carnet of the old household).
    await manager.query(
      `CREATE TEMP TABLE old_carnet ON COMMIT DROP AS
       SELECT r.carnet_id, r.insee_code, r.prescriber_id, r.household_carnet_id
       FROM report_carnet r JOIN dirty_carnet d ON d.carnet_id = r.carnet_id`,
    );
    await manager.query(
      `WITH gone AS (
         DELETE FROM report_carnet r USING dirty_carnet d WHERE r.carnet_id = d.carnet_id
         RETURNING r.programme_id, r.period, r.insee_code, r.prescriber_id, r.situation, r.age_band,
                   r.beneficiary_id)
       INSERT INTO touched SELECT * FROM gone`,
    );
    await manager.query(
      `INSERT INTO report_carnet (carnet_id, programme_id, beneficiary_id, insee_code, prescriber_id,
         situation, age_band, services, procedures, handed_out_at, period, household_first,
         valid_until, cheques, unused, redeemed, in_batch, reimbursed, expired, cancelled,
         used_cents, first_used_at)
       SELECT c.carnet_id, c.programme_id, b.id, b.insee_code, c.prescriber_id, b.situation,
              ${AGE_BAND}, COALESCE(dg.services, '{}'), COALESCE(dg.procedures, '{}'),
              c.handed_out_at, ${frenchMonth('c.handed_out_at')}, false,
              q.valid_until, q.cheques, q.unused, q.redeemed, q.in_batch, q.reimbursed, q.expired,
              q.cancelled, q.used_cents, fu.first_used_at
       FROM (
         SELECT ca.id AS carnet_id, ca.programme_id, h.beneficiary_id, h.prescriber_id,
                ho.diagnostic_id,
                COALESCE(ho.created_at,
                         (SELECT max(m.created_at) FROM custody_movement m
                          WHERE m.carnet_id = ca.id AND m.to_holder_id = h.id),
                         ca.created_at) AS handed_out_at
         FROM dirty_carnet d
         JOIN carnet ca ON ca.id = d.carnet_id
         JOIN custody_holder h ON h.id = COALESCE(ca.holder_id, ca.last_holder_id)
                              AND h.kind = 'BENEFICIARY'
         LEFT JOIN hand_out ho ON ho.carnet_id = ca.id AND ho.status = 'ACTIVE'
       ) c
       JOIN beneficiary b ON b.id = c.beneficiary_id
       LEFT JOIN diagnostic dg ON dg.id = COALESCE(c.diagnostic_id, (
         SELECT g.id FROM diagnostic g WHERE g.beneficiary_id = b.id
         ORDER BY g.created_at DESC LIMIT 1))
       CROSS JOIN LATERAL (
         SELECT max(x.valid_until) AS valid_until, count(*)::int AS cheques,
                count(*) FILTER (WHERE x.status IN ('ISSUED', 'DISTRIBUTED'))::int AS unused,
                count(*) FILTER (WHERE x.status = 'REDEEMED')::int AS redeemed,
                count(*) FILTER (WHERE x.status = 'IN_BATCH')::int AS in_batch,
                count(*) FILTER (WHERE x.status = 'REIMBURSED')::int AS reimbursed,
                count(*) FILTER (WHERE x.status = 'EXPIRED')::int AS expired,
                count(*) FILTER (WHERE x.status = 'CANCELLED')::int AS cancelled,
                COALESCE(sum(x.face_value_cents) FILTER (WHERE x.status IN ${USED}), 0)::int
                  AS used_cents
         FROM cheque x WHERE x.carnet_id = c.carnet_id
       ) q
       LEFT JOIN LATERAL (
         SELECT min(r.created_at) AS first_used_at
         FROM cheque x
         JOIN redemption_cheque rc ON rc.cheque_number = x.number AND rc.active
         JOIN redemption r ON r.id = rc.redemption_id AND r.status = 'ACTIVE'
         WHERE x.carnet_id = c.carnet_id AND x.status IN ${USED}
       ) fu ON true`,
    );
    await manager.query(
      `INSERT INTO touched
       SELECT r.programme_id, r.period, r.insee_code, r.prescriber_id, r.situation, r.age_band,
              r.beneficiary_id
       FROM report_carnet r JOIN dirty_carnet d ON d.carnet_id = r.carnet_id`,
    );
    await manager.query(
      `INSERT INTO dirty_period
       SELECT DISTINCT rd.programme_id, rd.period
       FROM old_carnet o
       LEFT JOIN report_carnet n ON n.carnet_id = o.carnet_id
       JOIN cheque x ON x.carnet_id = o.carnet_id
       JOIN redemption_cheque rc ON rc.cheque_number = x.number AND rc.active
       JOIN redemption rd ON rd.id = rc.redemption_id
       WHERE n.carnet_id IS NULL OR n.insee_code <> o.insee_code
          OR n.prescriber_id <> o.prescriber_id
       ON CONFLICT DO NOTHING`,
    );
    // One carnet per household counts it: the earliest handed out among the carnets of the
    // beneficiaries of the programme with the same household key (compared here only, never
    // copied into the store); a beneficiary without a key (purged or erased) is a household
    // alone. Considered again: every household of a touched beneficiary, now and before.
    await manager.query(
      `CREATE TEMP TABLE house_member ON COMMIT DROP AS
       WITH seed AS (
         SELECT beneficiary_id FROM touched
         UNION
         SELECT r.beneficiary_id FROM report_carnet r
         WHERE r.household_carnet_id IN (SELECT household_carnet_id FROM old_carnet))
       SELECT beneficiary_id FROM seed
       UNION
       SELECT m.id FROM seed s
       JOIN beneficiary b ON b.id = s.beneficiary_id
       JOIN beneficiary m ON m.programme_id = b.programme_id AND m.household_key = b.household_key`,
    );
    await manager.query(`ANALYZE house_member`);
    await manager.query(
      `INSERT INTO touched
       SELECT r.programme_id, r.period, r.insee_code, r.prescriber_id, r.situation, r.age_band,
              r.beneficiary_id
       FROM report_carnet r
       WHERE r.beneficiary_id IN (SELECT beneficiary_id FROM house_member)`,
    );
    await manager.query(
      `UPDATE report_carnet r
       SET household_carnet_id = f.first_id, household_first = (r.carnet_id = f.first_id)
       FROM (
         SELECT r.carnet_id,
                first_value(r.carnet_id) OVER (
                  PARTITION BY r.programme_id, b.household_key,
                               CASE WHEN b.household_key IS NULL THEN b.id END
                  ORDER BY r.handed_out_at, r.carnet_id) AS first_id
         FROM house_member h
         JOIN report_carnet r ON r.beneficiary_id = h.beneficiary_id
         JOIN beneficiary b ON b.id = r.beneficiary_id
       ) f
       WHERE r.carnet_id = f.carnet_id
         AND (r.household_carnet_id IS DISTINCT FROM f.first_id
              OR r.household_first IS DISTINCT FROM (r.carnet_id = f.first_id))`,
    );
    await manager.query(`ANALYZE touched`);
  }

  /**
   * The roll-ups of report_carnet, summed again for every touched origin (programme, commune,
   * structure): all the months, situations and age bands of a touched origin, whose carnets
   * IDX_report_carnet_origin finds. (Joining the six columns of report_handout_month's key
   * instead, the planner counts one carnet per key and probes the origin index once per key,
   * each probe reading all the carnets of the origin: at 10 million cheques the first build's
   * 113,645 keys read 226 million rows, over half an hour; bench/README.md, "Reporting".) Then
   * the coarser roll-ups the programme-wide reports read, report_handout_origin and
   * report_handout_commune_month, from the touched origins' and communes' rows of
   * report_handout_month.
   */
  async refreshRollups(manager: EntityManager): Promise<void> {
    await manager.query(
      `CREATE TEMP TABLE touched_origin ON COMMIT DROP AS
       SELECT DISTINCT programme_id, insee_code, prescriber_id FROM touched`,
    );
    await manager.query(`ANALYZE touched_origin`);
    await manager.query(
      `DELETE FROM report_handout_month m USING touched_origin t
       WHERE m.programme_id = t.programme_id AND m.insee_code = t.insee_code
         AND m.prescriber_id = t.prescriber_id`,
    );
    await manager.query(
      `INSERT INTO report_handout_month (programme_id, period, insee_code, prescriber_id,
         situation, age_band, carnets, households, started, completed, unused, redeemed, in_batch,
         reimbursed, expired, cancelled, used_cents)
       SELECT r.programme_id, r.period, r.insee_code, r.prescriber_id, r.situation, r.age_band,
              count(*), count(*) FILTER (WHERE r.household_first),
              count(*) FILTER (WHERE r.redeemed + r.in_batch + r.reimbursed > 0),
              count(*) FILTER (WHERE r.redeemed + r.in_batch + r.reimbursed = r.cheques),
              sum(r.unused), sum(r.redeemed), sum(r.in_batch), sum(r.reimbursed), sum(r.expired),
              sum(r.cancelled), sum(r.used_cents)
       FROM report_carnet r
       JOIN touched_origin t
         ON t.programme_id = r.programme_id AND t.insee_code = r.insee_code
        AND t.prescriber_id = r.prescriber_id
       GROUP BY r.programme_id, r.period, r.insee_code, r.prescriber_id, r.situation, r.age_band`,
    );

    // The coarser roll-ups the programme-wide reports read, summed from the rows just written.
    await manager.query(
      `DELETE FROM report_handout_origin o USING touched_origin t
       WHERE o.programme_id = t.programme_id AND o.insee_code = t.insee_code
         AND o.prescriber_id = t.prescriber_id`,
    );
    await manager.query(
      `INSERT INTO report_handout_origin (programme_id, insee_code, prescriber_id, situation,
         age_band, carnets, households, started, completed, unused, redeemed, in_batch, reimbursed,
         expired, cancelled, used_cents)
       SELECT m.programme_id, m.insee_code, m.prescriber_id, m.situation, m.age_band,
              sum(m.carnets), sum(m.households), sum(m.started), sum(m.completed), sum(m.unused),
              sum(m.redeemed), sum(m.in_batch), sum(m.reimbursed), sum(m.expired),
              sum(m.cancelled), sum(m.used_cents)
       FROM report_handout_month m
       JOIN touched_origin t
         ON t.programme_id = m.programme_id AND t.insee_code = m.insee_code
        AND t.prescriber_id = m.prescriber_id
       GROUP BY m.programme_id, m.insee_code, m.prescriber_id, m.situation, m.age_band`,
    );
    await manager.query(
      `CREATE TEMP TABLE touched_commune ON COMMIT DROP AS
       SELECT DISTINCT programme_id, insee_code FROM touched`,
    );
    await manager.query(
      `DELETE FROM report_handout_commune_month c USING touched_commune t
       WHERE c.programme_id = t.programme_id AND c.insee_code = t.insee_code`,
    );
    await manager.query(
      `INSERT INTO report_handout_commune_month (programme_id, insee_code, period, carnets)
       SELECT m.programme_id, m.insee_code, m.period, sum(m.carnets)
       FROM report_handout_month m
       JOIN touched_commune t ON t.programme_id = m.programme_id AND t.insee_code = m.insee_code
       GROUP BY m.programme_id, m.insee_code, m.period`,
    );

    await manager.query(
      `DELETE FROM report_first_use f USING touched_origin t
       WHERE f.programme_id = t.programme_id AND f.insee_code = t.insee_code
         AND f.prescriber_id = t.prescriber_id`,
    );
    await manager.query(
      `INSERT INTO report_first_use (programme_id, insee_code, prescriber_id, delay_days, carnets)
       SELECT r.programme_id, r.insee_code, r.prescriber_id,
              GREATEST(${frenchDay('r.first_used_at')} - ${frenchDay('r.handed_out_at')}, 0),
              count(*)
       FROM report_carnet r
       JOIN touched_origin t
         ON t.programme_id = r.programme_id AND t.insee_code = r.insee_code
        AND t.prescriber_id = r.prescriber_id
       WHERE r.first_used_at IS NOT NULL
       GROUP BY 1, 2, 3, 4`,
    );

    await manager.query(
      `DELETE FROM report_need n USING touched_commune t
       WHERE n.programme_id = t.programme_id AND n.insee_code = t.insee_code`,
    );
    await manager.query(
      `INSERT INTO report_need (programme_id, insee_code, kind, need, carnets, used_cheques, used_cents)
       SELECT r.programme_id, r.insee_code, n.kind, n.need, count(*),
              sum(r.redeemed + r.in_batch + r.reimbursed), sum(r.used_cents)
       FROM report_carnet r
       JOIN touched_commune t ON t.programme_id = r.programme_id AND t.insee_code = r.insee_code
       CROSS JOIN LATERAL (
         SELECT 'SERVICE' AS kind, s AS need FROM unnest(r.services) s
         UNION ALL SELECT 'PROCEDURE', p FROM unnest(r.procedures) p
         UNION ALL SELECT 'NONE', '' WHERE cardinality(r.services) + cardinality(r.procedures) = 0
       ) n
       GROUP BY 1, 2, 3, 4`,
    );
  }

  /**
   * The dirty months' redemptions: per venue and service (report_venue_month, then
   * report_venue_service for their programmes), and per origin of
   * their cheques' carnets (report_origin_month, through report_carnet, already refreshed).
   */
  async refreshPeriods(manager: EntityManager): Promise<void> {
    await manager.query(
      `DELETE FROM report_venue_month v USING dirty_period d
       WHERE v.programme_id = d.programme_id AND v.period = d.period`,
    );
    await manager.query(
      `INSERT INTO report_venue_month (programme_id, period, venue_id, service, redemptions,
         cheques, amount_cents, participants, minutes)
       SELECT r.programme_id, r.period, r.venue_id, r.service, count(*), sum(r.cheque_count),
              sum(r.amount_cents), sum(r.participants), sum(r.duration_minutes)
       FROM dirty_period d
       JOIN redemption r ON r.programme_id = d.programme_id AND r.period = d.period
       WHERE r.status = 'ACTIVE'
       GROUP BY 1, 2, 3, 4`,
    );
    // by-venue's and by-service's roll-up: every venue and service of the dirty months'
    // programmes, summed again from report_venue_month (a programme's rows: tens of thousands).
    await manager.query(
      `DELETE FROM report_venue_service s
       WHERE s.programme_id IN (SELECT programme_id FROM dirty_period)`,
    );
    await manager.query(
      `INSERT INTO report_venue_service (programme_id, venue_id, service, redemptions, cheques,
         amount_cents, participants, minutes)
       SELECT v.programme_id, v.venue_id, v.service, sum(v.redemptions), sum(v.cheques),
              sum(v.amount_cents), sum(v.participants), sum(v.minutes)
       FROM report_venue_month v
       WHERE v.programme_id IN (SELECT programme_id FROM dirty_period)
       GROUP BY v.programme_id, v.venue_id, v.service`,
    );
    await manager.query(
      `DELETE FROM report_origin_month o USING dirty_period d
       WHERE o.programme_id = d.programme_id AND o.period = d.period`,
    );
    await manager.query(
      `INSERT INTO report_origin_month (programme_id, period, insee_code, prescriber_id, service,
         cheques, amount_cents)
       SELECT r.programme_id, r.period, o.insee_code, o.prescriber_id, r.service, count(*),
              sum(rc.face_value_cents)
       FROM dirty_period d
       JOIN redemption r ON r.programme_id = d.programme_id AND r.period = d.period
       JOIN redemption_cheque rc ON rc.redemption_id = r.id AND rc.active
       JOIN cheque x ON x.number = rc.cheque_number
       JOIN report_carnet o ON o.carnet_id = x.carnet_id
       WHERE r.status = 'ACTIVE'
       GROUP BY 1, 2, 3, 4, 5`,
    );
  }

  /**
   * The expiry outlook, rebuilt for the programmes with a run whose cheques end within
   * EXPIRY_OUTLOOK_DAYS (from today in France): carnets at the structures counted from the carnets
   * (their unused cheques are every cheque but the cancelled ones), carnets at beneficiaries from
   * report_carnet.
   */
  async refreshExpiry(manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM report_expiry`);
    await manager.query(
      `CREATE TEMP TABLE expiring_run ON COMMIT DROP AS
       SELECT i.id, i.programme_id, i.valid_until, i.face_value_cents, i.cheques_per_carnet
       FROM issuance i
       WHERE i.valid_until BETWEEN ${frenchDay('now()')}
                               AND ${frenchDay('now()')} + ${EXPIRY_OUTLOOK_DAYS}`,
    );
    await manager.query(
      `INSERT INTO report_expiry (programme_id, valid_until, holder_kind, location, insee_code,
         prescriber_id, cheques, cents)
       SELECT e.programme_id, e.valid_until, h.kind,
              CASE h.kind WHEN 'PROGRAMME' THEN '' WHEN 'COMMUNE' THEN h.insee_code
                          ELSE h.prescriber_id::text END,
              CASE h.kind WHEN 'COMMUNE' THEN h.insee_code WHEN 'PRESCRIBER' THEN p.insee_code END,
              h.prescriber_id,
              sum(e.cheques_per_carnet - COALESCE(x.cancelled, 0)),
              sum((e.cheques_per_carnet - COALESCE(x.cancelled, 0))::bigint * e.face_value_cents)
       FROM expiring_run e
       JOIN custody_holder h ON h.programme_id = e.programme_id
                            AND h.kind IN ('PROGRAMME', 'COMMUNE', 'PRESCRIBER')
       LEFT JOIN prescriber p ON p.id = h.prescriber_id
       JOIN carnet ca ON ca.holder_id = h.id AND ca.issuance_id = e.id AND ca.status = 'ACTIVE'
       LEFT JOIN LATERAL (
         SELECT count(*)::int AS cancelled FROM cheque q
         WHERE q.carnet_id = ca.id AND q.status = 'CANCELLED'
       ) x ON true
       GROUP BY 1, 2, 3, 4, 5, 6
       HAVING sum(e.cheques_per_carnet - COALESCE(x.cancelled, 0)) > 0`,
    );
    await manager.query(
      `INSERT INTO report_expiry (programme_id, valid_until, holder_kind, location, insee_code,
         prescriber_id, cheques, cents)
       SELECT r.programme_id, r.valid_until, 'BENEFICIARY', r.prescriber_id::text || ':' || r.insee_code,
              r.insee_code, r.prescriber_id, sum(r.unused), sum(r.unused::bigint * e.face_value_cents)
       FROM report_carnet r
       JOIN carnet ca ON ca.id = r.carnet_id AND ca.status = 'ACTIVE'
       JOIN expiring_run e ON e.id = ca.issuance_id
       WHERE r.unused > 0
       GROUP BY r.programme_id, r.valid_until, r.prescriber_id, r.insee_code`,
    );
  }

  async finish(
    manager: EntityManager,
    state: { asOf: Date; watermark: Date; durationMs: number } & RefreshCounts,
  ): Promise<void> {
    await manager.query(
      `UPDATE report_state SET as_of = $1, watermark = $2, last_duration_ms = $3,
         last_carnets = $4, last_periods = $5
       WHERE id = 1`,
      [state.asOf, state.watermark, state.durationMs, state.carnets, state.periods],
    );
  }

  /** Forgets the watermark: the next refresh rebuilds the whole store. */
  async resetWatermark(): Promise<void> {
    await this.dataSource.query(`UPDATE report_state SET watermark = NULL WHERE id = 1`);
  }

  async state(): Promise<{
    asOf: Date | null;
    watermark: Date | null;
    lastDurationMs: number | null;
    lastCarnets: number | null;
    lastPeriods: number | null;
  }> {
    const [row] = await this.dataSource.query<
      {
        asOf: Date | null;
        watermark: Date | null;
        lastDurationMs: number | null;
        lastCarnets: number | null;
        lastPeriods: number | null;
      }[]
    >(
      `SELECT as_of AS "asOf", watermark, last_duration_ms AS "lastDurationMs",
              last_carnets AS "lastCarnets", last_periods AS "lastPeriods"
       FROM report_state WHERE id = 1`,
    );
    return (
      row ?? {
        asOf: null,
        watermark: null,
        lastDurationMs: null,
        lastCarnets: null,
        lastPeriods: null,
      }
    );
  }
}
