import type { DataSource, EntityManager } from 'typeorm';

/**
 * A `timestamptz` as PostgreSQL writes it, to the microsecond (a JS Date rounds it to the
 * millisecond, enough to put the first or last row of a span in its neighbour).
 */
export type Instant = string;

/**
 * A span of the demo seed's own writes moved to another moment: every timestamp in
 * [from, to) gets `target − from` added, so the span keeps its inner order and length.
 */
export interface TimeSlot {
  from: Instant;
  to: Instant;
  /** The day (YYYY-MM-DD, in France) and the minute of that day the span now starts at. */
  day: string;
  minute: number;
}

/** A carnet the demo handed out, with what its redemptions need. */
export interface HandedOutCarnet {
  carnetId: string;
  serial: number;
  issuanceId: string;
  /** The hand-out's day in France (YYYY-MM-DD). */
  handedOutOn: string;
  /** The commune of the structure that handed it out. */
  inseeCode: string;
  /** The commune its holder lives in. */
  residentInseeCode: string;
  /** Its DISTRIBUTED cheques, in carnet order. */
  numbers: string[];
}

export interface DemoVenueRow {
  id: string;
  name: string;
  organisationId: string;
  inseeCode: string | null;
  servedInseeCodes: string[];
  services: string[];
  latitude: number | null;
  longitude: number | null;
}

/**
 * Queries of the demo seed's history: it runs the real services now, then dates what they wrote
 * in the past (a demo with fourteen months of life). Rewriting timestamps of the append-only audit
 * log and custody ledger is what no module may do: only this seed does, never in production (the
 * CLI refuses to seed there), with the tables' append-only triggers off for its one transaction
 * (which needs the tables' owner: the role that ran the migrations).
 */
export class DemoHistoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The database's clock (timestamps are written with it, or with this host's). */
  async now(): Promise<Instant> {
    const [row] = await this.dataSource.query<{ now: Instant }[]>(
      `SELECT clock_timestamp()::text AS now`,
    );
    return row.now;
  }

  async hasBatches(programmeId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM reimbursement_batch WHERE programme_id = $1 LIMIT 1`,
      [programmeId],
    );
    return rows.length > 0;
  }

  /** The lines of a batch its transfer file pays (PAYABLE), in venue order. */
  async payableLines(batchId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM reimbursement_line WHERE batch_id = $1 AND status = 'PAYABLE' ORDER BY venue_name, id`,
      [batchId],
    );
    return rows.map((r) => r.id);
  }

  /** The months in which the programme has active redemptions, oldest first. */
  async redemptionPeriods(programmeId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ period: string }[]>(
      `SELECT DISTINCT period FROM redemption WHERE programme_id = $1 AND status = 'ACTIVE'
       ORDER BY period`,
      [programmeId],
    );
    return rows.map((r) => r.period);
  }

  async hasRedemptions(programmeId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1 FROM redemption WHERE programme_id = $1 LIMIT 1`,
      [programmeId],
    );
    return rows.length > 0;
  }

  /**
   * When the seed began (its first organisation; a second earlier, for rows stamped on this host
   * just before their transaction), and the programme's last issuance run (the beneficiaries'
   * carnets) with when it was requested.
   */
  async seedMarks(
    programmeId: string,
  ): Promise<{ seedStart: Instant; lastRun: { id: string; createdAt: Instant } }> {
    const [row] = await this.dataSource.query<
      { seedStart: Instant; runId: string; runCreatedAt: Instant }[]
    >(
      `SELECT (SELECT min(created_at) - interval '1 second' FROM organisation)::text AS "seedStart",
              i.id AS "runId", i.created_at::text AS "runCreatedAt"
       FROM issuance i WHERE i.programme_id = $1 ORDER BY i.first_serial DESC LIMIT 1`,
      [programmeId],
    );
    return { seedStart: row.seedStart, lastRun: { id: row.runId, createdAt: row.runCreatedAt } };
  }

  /**
   * The programme's beneficiaries in the order they were registered, with their structure and
   * whether they hold a carnet.
   */
  beneficiaries(
    programmeId: string,
  ): Promise<{ id: string; prescriberId: string; createdAt: Instant; holding: boolean }[]> {
    return this.dataSource.query(
      `SELECT b.id, b.prescriber_id AS "prescriberId", b.created_at::text AS "createdAt",
              EXISTS (SELECT 1 FROM hand_out h WHERE h.beneficiary_id = b.id AND h.status = 'ACTIVE')
                AS holding
       FROM beneficiary b WHERE b.programme_id = $1 ORDER BY b.created_at, b.id`,
      [programmeId],
    );
  }

  /**
   * Where a span of work that began at each anchor (a transaction's start: the `created_at` of
   * what it wrote first) begins for certain: just after the last audit entry since `since` before
   * the anchor. Every write of the work before has a timestamp at most that entry's (its
   * transactions' start, or the entry's own clock), and the next work's stamps taken on this host
   * before its transaction began come after the previous one committed.
   */
  async spanStarts(anchors: Instant[], since: Instant): Promise<Instant[]> {
    const rows = await this.dataSource.query<{ start: Instant }[]>(
      `SELECT coalesce((SELECT max(e.occurred_at) FROM audit_event e
                        WHERE e.occurred_at >= $2 AND e.occurred_at < a.at)
                       + interval '1 microsecond', a.at)::text AS start
       FROM unnest($1::timestamptz[]) WITH ORDINALITY AS a(at, n) ORDER BY a.n`,
      [anchors, since],
    );
    return rows.map((r) => r.start);
  }

  /**
   * Moves spans of time, in one transaction: every `timestamptz` column of every table (so the
   * audit log, the custody ledger, the cheques' status dates, the records' created/updated
   * dates…), and the ISO timestamps found at the top level of audit entries' before/after.
   * Slots must not overlap.
   */
  async moveInTime(slots: TimeSlot[]): Promise<void> {
    if (slots.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `CREATE TEMPORARY TABLE demo_slot (during tstzrange NOT NULL, shift interval NOT NULL)
         ON COMMIT DROP`,
      );
      await manager.query(
        `INSERT INTO demo_slot (during, shift)
         SELECT tstzrange(s.from_at, greatest(s.from_at, s.to_at)),
                ((s.day + make_interval(mins => s.minute)) AT TIME ZONE 'Europe/Paris') - s.from_at
         FROM unnest($1::timestamptz[], $2::timestamptz[], $3::date[], $4::int[])
           AS s(from_at, to_at, day, minute)`,
        [
          slots.map((s) => s.from),
          slots.map((s) => s.to),
          slots.map((s) => s.day),
          slots.map((s) => s.minute),
        ],
      );
      // Each row finds its slot by the index rather than by trying every slot (hundreds of them:
      // one per person, one per redemption).
      await manager.query(`CREATE INDEX ON demo_slot USING gist (during)`);
      await manager.query(`ANALYZE demo_slot`);
      const columns = await manager.query<{ table: string; column: string }[]>(
        `SELECT c.table_name AS "table", c.column_name AS "column"
         FROM information_schema.columns c
         JOIN information_schema.tables t
           ON t.table_schema = c.table_schema AND t.table_name = c.table_name
         WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
           AND c.data_type = 'timestamp with time zone'
         ORDER BY 1, 2`,
      );
      await appendOnly(manager, false);
      for (const { table, column } of columns) {
        await manager.query(
          `UPDATE "${table}" x SET "${column}" = x."${column}" + s.shift FROM demo_slot s
           WHERE s.during @> x."${column}"`,
        );
      }
      // Entries that copied a record carry its dates as ISO strings (a training's createdAt).
      const iso = `'^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$'`;
      for (const side of ['before', 'after']) {
        await manager.query(
          `UPDATE audit_event e SET "${side}" = (
             SELECT jsonb_object_agg(j.key, coalesce(moved.value, j.value))
             FROM jsonb_each(e."${side}") j
             LEFT JOIN LATERAL (
               SELECT to_jsonb(to_char((t.at + s.shift) AT TIME ZONE 'UTC',
                                       'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) AS value
               FROM (SELECT CASE WHEN j.value #>> '{}' ~ ${iso}
                                 THEN (j.value #>> '{}')::timestamptz END AS at) t
               JOIN demo_slot s ON s.during @> t.at) moved ON true)
           WHERE jsonb_typeof(e."${side}") = 'object'
             AND e."${side}"::text ~ '"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}'`,
        );
      }
      await appendOnly(manager, true);
    });
  }

  /**
   * Redemptions dated in the past: their period is the month of their new date, in the table and
   * in their audit entry.
   */
  async realignPeriods(programmeId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await appendOnly(manager, false);
      await manager.query(
        `WITH moved AS (
           UPDATE redemption SET period = to_char(created_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM')
           WHERE programme_id = $1 AND period <> to_char(created_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM')
           RETURNING id, period)
         UPDATE audit_event e SET after = jsonb_set(e.after, '{period}', to_jsonb(m.period::text))
         FROM moved m
         WHERE e.entity_type = 'redemption' AND e.entity_id = m.id::text
           AND e.action = 'redemption.created'`,
        [programmeId],
      );
      await appendOnly(manager, true);
    });
  }

  /** When these redemptions were made (their transactions' start), by id. */
  async redemptionTimes(ids: string[]): Promise<Map<string, Instant>> {
    const rows = await this.dataSource.query<{ id: string; createdAt: Instant }[]>(
      `SELECT id, created_at::text AS "createdAt" FROM redemption WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.createdAt]));
  }

  /** Carnets held by the programme's beneficiaries, with their still DISTRIBUTED cheques. */
  handedOut(programmeId: string): Promise<HandedOutCarnet[]> {
    return this.dataSource.query(
      `SELECT h.carnet_id AS "carnetId", k.serial::int AS serial, k.issuance_id AS "issuanceId",
              to_char(h.created_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS "handedOutOn",
              p.insee_code AS "inseeCode", b.insee_code AS "residentInseeCode",
              array(SELECT q.number FROM cheque q WHERE q.carnet_id = h.carnet_id
                    AND q.status = 'DISTRIBUTED' ORDER BY q.position) AS numbers
       FROM hand_out h JOIN carnet k ON k.id = h.carnet_id JOIN prescriber p ON p.id = h.prescriber_id
       JOIN beneficiary b ON b.id = h.beneficiary_id
       WHERE h.programme_id = $1 AND h.status = 'ACTIVE' AND k.status = 'ACTIVE'
       ORDER BY k.serial`,
      [programmeId],
    );
  }

  /** QUALIFIED venues, with what choosing where a person goes needs. */
  qualifiedVenues(): Promise<DemoVenueRow[]> {
    return this.dataSource.query(
      `SELECT id, name, organisation_id AS "organisationId", insee_code AS "inseeCode",
              served_insee_codes AS "servedInseeCodes", services,
              latitude::float8 AS latitude, longitude::float8 AS longitude
       FROM venue WHERE qualification_status = 'QUALIFIED' ORDER BY name, id`,
    );
  }

  /** Centres of these communes, where known. */
  async communeCentres(
    codes: string[],
  ): Promise<Map<string, { latitude: number; longitude: number }>> {
    const rows = await this.dataSource.query<
      { inseeCode: string; latitude: number; longitude: number }[]
    >(
      `SELECT insee_code AS "inseeCode", latitude::float8 AS latitude, longitude::float8 AS longitude
       FROM commune WHERE insee_code = ANY($1::text[]) AND latitude IS NOT NULL`,
      [codes],
    );
    return new Map(
      rows.map((r) => [r.inseeCode, { latitude: r.latitude, longitude: r.longitude }]),
    );
  }
}

/** The append-only triggers of the audit log and the custody ledger, off or on again. */
async function appendOnly(manager: EntityManager, on: boolean): Promise<void> {
  const verb = on ? 'ENABLE' : 'DISABLE';
  await manager.query(`ALTER TABLE audit_event ${verb} TRIGGER audit_event_no_update_delete`);
  await manager.query(
    `ALTER TABLE custody_movement ${verb} TRIGGER custody_movement_no_update_delete`,
  );
}
