import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AgeBand, BeneficiarySituation, FunderKind, PrescriberType } from '@carnet/domain';
import { DataSource } from 'typeorm';
import type { NeedKind } from './dto/report.dto.js';
import { issuedValueCents } from './issued-value.js';

/**
 * The reports' reads: the reporting store (`report_*`, a few thousand rows per programme however
 * many cheques, filled by the refresh job) and small live tables (custody tallies, allocation,
 * issuance runs, the programme's expired tally, reimbursement lines and their funder split,
 * communes, structures, venues). Never the cheques, carnets or redemptions, but for the
 * programme's cancelled cheques, an index range (CANCELLED_CHEQUES_SQL). Every statement is
 * exported, with the parameters it takes, for the plan check of test/query-plans.int-spec.ts.
 *
 * Parameters: $1 is always the programme; an origin filter (`insee`) is the beneficiaries'
 * commune of a COMMUNE scope, null for the whole programme; `venue` a VENUE scope's venue.
 */

/** Used cheques: REDEEMED, IN_BATCH, REIMBURSED. */
const USED = 'redeemed + in_batch + reimbursed';
/** Every cheque of a handed-out carnet (report_carnet's CHECK: the six statuses add up). */
const ALL = `unused + ${USED} + expired + cancelled`;

/** The sums of report_handout_origin a report reads, as columns of one row or of a group. */
const HANDOUT_SUMS = `coalesce(sum(carnets), 0)::int AS carnets,
       coalesce(sum(households), 0)::int AS households,
       coalesce(sum(started), 0)::int AS started,
       coalesce(sum(completed), 0)::int AS completed,
       coalesce(sum(unused), 0)::int AS unused,
       coalesce(sum(redeemed), 0)::int AS redeemed,
       coalesce(sum(in_batch), 0)::int AS "inBatch",
       coalesce(sum(reimbursed), 0)::int AS reimbursed,
       coalesce(sum(expired), 0)::int AS expired,
       coalesce(sum(cancelled), 0)::int AS cancelled,
       coalesce(sum(${USED}), 0)::int AS used,
       coalesce(sum(${ALL}), 0)::int AS cheques,
       coalesce(sum(used_cents), 0)::bigint::text AS "usedCents"`;

/** $1 programme, $2 origin commune or null: the handed-out carnets and their cheques. */
export const HANDOUT_TOTALS_SQL = `SELECT ${HANDOUT_SUMS}
  FROM report_handout_origin
  WHERE programme_id = $1 AND ($2::varchar IS NULL OR insee_code = $2)`;

/**
 * $1 programme, $2 origin commune or null: the handed-out carnets and their cheques by situation
 * and age band (thirty rows at most; every sum adds up across them): the summary's totals and
 * households in one pass over the programme's rows of report_handout_origin (its primary key's
 * range: a few thousand rows, whatever the number of months).
 */
export const HANDOUT_SUMMARY_SQL = `SELECT situation, age_band AS "ageBand", ${HANDOUT_SUMS}
  FROM report_handout_origin
  WHERE programme_id = $1 AND ($2::varchar IS NULL OR insee_code = $2)
  GROUP BY situation, age_band`;

/** The store's last refresh (its one row). */
export const STATE_SQL = `SELECT as_of AS "asOf" FROM report_state WHERE id = 1`;

/** $1 programme: carnets and cheques of every issuance run asked for. */
export const ISSUED_SQL = `SELECT coalesce(sum(carnet_count), 0)::int AS carnets,
       coalesce(sum(carnet_count::bigint * cheques_per_carnet), 0)::bigint::text AS cheques
  FROM issuance WHERE programme_id = $1`;

/** $1 programme, $2 commune or null: the allocation in force, in all and to the commune. */
export const ALLOCATED_SQL = `SELECT v.total_carnets AS total,
       (SELECT l.total FROM allocation_line l WHERE l.allocation_id = v.id AND l.insee_code = $2)
         AS commune
  FROM allocation_version v WHERE v.programme_id = $1 AND v.superseded_at IS NULL`;

/**
 * $1 programme, $2 commune or null: the carnets held now by the programme stock, the communes and
 * the structures (in a commune's scope: the commune itself and the structures located in it), from
 * the custody tallies (IDX_custody_holder_structures: one row per holder, never the carnets).
 */
export const CUSTODY_SQL = `SELECT
       coalesce(sum(h.carnets) FILTER (WHERE h.kind = 'PROGRAMME'), 0)::int AS "atProgramme",
       coalesce(sum(h.carnets) FILTER (WHERE h.kind = 'COMMUNE'), 0)::int AS "atCommunes",
       coalesce(sum(h.carnets) FILTER (WHERE h.kind = 'PRESCRIBER'), 0)::int AS "atPrescribers"
  FROM custody_holder h
  LEFT JOIN prescriber p ON p.id = h.prescriber_id
  WHERE h.programme_id = $1 AND h.kind IN ('PROGRAMME', 'COMMUNE', 'PRESCRIBER')
    AND ($2::varchar IS NULL OR h.insee_code = $2 OR p.insee_code = $2)`;

/**
 * $1 programme: its cancelled cheques, counted live on IDX_cheque_programme_status (an index-only
 * range: cheques are cancelled a carnet or a cheque at a time, by hand). The one read of `cheque`.
 */
export const CANCELLED_CHEQUES_SQL = `SELECT count(*)::int AS cheques FROM cheque
  WHERE programme_id = $1 AND status = 'CANCELLED'`;

/** $1 programme: its expired cheques, tallied by the cheque_tallies trigger. */
export const EXPIRED_SQL = `SELECT expired_cheques AS cheques, expired_cents::text AS cents
  FROM programme WHERE id = $1`;

/** $1 programme: what its PAID reimbursement lines paid, in all and per funder. */
export const PAID_BY_FUNDER_SQL = `SELECT f.funder_id AS "funderId", fu.name AS "funderName",
       fu.kind, sum(f.cents)::bigint::text AS cents
  FROM reimbursement_batch b
  JOIN reimbursement_line l ON l.batch_id = b.id AND l.status = 'PAID'
  JOIN reimbursement_line_funder f ON f.line_id = l.id
  JOIN funder fu ON fu.id = f.funder_id
  WHERE b.programme_id = $1
  GROUP BY f.funder_id, fu.name, fu.kind`;

export const PAID_SQL = `SELECT coalesce(sum(l.amount_cents), 0)::bigint::text AS cents
  FROM reimbursement_batch b
  JOIN reimbursement_line l ON l.batch_id = b.id AND l.status = 'PAID'
  WHERE b.programme_id = $1`;

/**
 * $1 programme, $2 origin commune or null, $3 the dimension kept ('programme', 'commune' or
 * 'prescriber'): days from hand-out to first use, as a histogram per commune or structure of
 * origin (report_first_use), summed in the database: a programme's histogram is a few hundred
 * rows, not the tens of thousands of its communes × structures × days.
 */
export const FIRST_USE_SQL = `SELECT
       CASE WHEN $3::text = 'commune' THEN insee_code ELSE '' END AS "inseeCode",
       CASE WHEN $3::text = 'prescriber' THEN prescriber_id::text ELSE '' END AS "prescriberId",
       delay_days AS days, sum(carnets)::int AS carnets
  FROM report_first_use
  WHERE programme_id = $1 AND ($2::varchar IS NULL OR insee_code = $2)
  GROUP BY 1, 2, 3`;

/**
 * $1 programme, $2 today (France), $3 a commune or null: unused cheques of active carnets whose
 * validity ends within 90 days, by horizon and place. Where they sit: the commune holding them,
 * the structure holding them (and its commune), or the beneficiary's commune and the structure
 * that handed the carnet out. In a commune's scope: its own stock, its structures', its
 * residents'.
 */
export const EXPIRY_SQL = `WITH e AS (
    SELECT CASE WHEN valid_until - $2::date <= 30 THEN 30
                WHEN valid_until - $2::date <= 60 THEN 60 ELSE 90 END AS within,
           holder_kind,
           CASE holder_kind WHEN 'COMMUNE' THEN location ELSE insee_code END AS insee,
           CASE WHEN holder_kind = 'PRESCRIBER' THEN coalesce(prescriber_id, location::uuid)
                ELSE prescriber_id END AS prescriber,
           cheques, cents
    FROM report_expiry
    WHERE programme_id = $1 AND valid_until BETWEEN $2::date AND $2::date + 90)
  SELECT e.within AS "withinDays", e.holder_kind AS "holderKind",
         coalesce(e.insee, p.insee_code) AS "inseeCode", c.name AS "communeName",
         e.prescriber AS "prescriberId", p.name AS "prescriberName",
         sum(e.cheques)::int AS cheques, sum(e.cents)::bigint::text AS cents
  FROM e
  LEFT JOIN prescriber p ON p.id = e.prescriber
  LEFT JOIN commune c ON c.insee_code = coalesce(e.insee, p.insee_code)
  WHERE $3::varchar IS NULL
     OR (e.holder_kind = 'COMMUNE' AND e.insee = $3)
     OR (e.holder_kind = 'PRESCRIBER' AND p.insee_code = $3)
     OR (e.holder_kind = 'BENEFICIARY' AND e.insee = $3)
  GROUP BY e.within, e.holder_kind, coalesce(e.insee, p.insee_code), c.name, e.prescriber, p.name
  ORDER BY e.within, e.holder_kind, c.name NULLS FIRST, p.name NULLS FIRST`;

/**
 * $1 programme, $2 a commune or null: one row per commune taking part (enrolled, allocated,
 * holding or with residents handed a carnet), its allocation and stock (its own and its
 * structures') live, its residents' carnets from the store.
 */
export const BY_COMMUNE_SQL = `WITH handouts AS (
    SELECT insee_code, ${HANDOUT_SUMS}
    FROM report_handout_origin
    WHERE programme_id = $1 AND ($2::varchar IS NULL OR insee_code = $2)
    GROUP BY insee_code),
  stock AS (
    SELECT coalesce(h.insee_code, p.insee_code) AS insee_code, sum(h.carnets)::int AS carnets,
           coalesce(sum(h.received) FILTER (WHERE h.kind = 'COMMUNE'), 0)::int AS received
    FROM custody_holder h LEFT JOIN prescriber p ON p.id = h.prescriber_id
    WHERE h.programme_id = $1 AND h.kind IN ('COMMUNE', 'PRESCRIBER')
      AND ($2::varchar IS NULL OR h.insee_code = $2 OR p.insee_code = $2)
    GROUP BY 1),
  allocated AS (
    SELECT l.insee_code, l.total FROM allocation_version v
    JOIN allocation_line l ON l.allocation_id = v.id
    WHERE v.programme_id = $1 AND v.superseded_at IS NULL
      AND ($2::varchar IS NULL OR l.insee_code = $2)),
  communes AS (
    SELECT insee_code FROM enrolment WHERE programme_id = $1
    UNION SELECT insee_code FROM handouts
    UNION SELECT insee_code FROM stock
    UNION SELECT insee_code FROM allocated)
  SELECT c.insee_code AS "inseeCode", co.name AS "communeName", co.population,
         co.latitude::float8 AS latitude, co.longitude::float8 AS longitude,
         coalesce(a.total, 0) AS allocated, coalesce(s.received, 0) AS received,
         coalesce(s.carnets, 0) AS stock,
         coalesce(h.carnets, 0) AS "handedOut", coalesce(h.households, 0) AS households,
         coalesce(h.started, 0) AS started, coalesce(h.completed, 0) AS completed,
         coalesce(h.used, 0) AS used, coalesce(h.cheques, 0) AS cheques,
         coalesce(h."usedCents", '0') AS "usedCents"
  FROM communes c
  JOIN commune co ON co.insee_code = c.insee_code
  LEFT JOIN handouts h ON h.insee_code = c.insee_code
  LEFT JOIN stock s ON s.insee_code = c.insee_code
  LEFT JOIN allocated a ON a.insee_code = c.insee_code
  WHERE $2::varchar IS NULL OR c.insee_code = $2
  ORDER BY co.name, c.insee_code`;

/**
 * $1 programme, $2 origin commune or null: one row per structure holding carnets of the
 * programme or having handed some out (in a commune's scope: to its residents, or located in it).
 */
export const BY_PRESCRIBER_SQL = `WITH handouts AS (
    SELECT prescriber_id, ${HANDOUT_SUMS}
    FROM report_handout_origin
    WHERE programme_id = $1 AND ($2::varchar IS NULL OR insee_code = $2)
    GROUP BY prescriber_id),
  stock AS (
    SELECT prescriber_id, carnets FROM custody_holder
    WHERE programme_id = $1 AND kind = 'PRESCRIBER'),
  ids AS (SELECT prescriber_id FROM handouts UNION SELECT prescriber_id FROM stock)
  SELECT p.id AS "prescriberId", p.name, p.type, p.insee_code AS "inseeCode",
         co.name AS "communeName", s.carnets AS stock,
         coalesce(h.carnets, 0) AS "handedOut", coalesce(h.households, 0) AS households,
         coalesce(h.started, 0) AS started, coalesce(h.completed, 0) AS completed,
         coalesce(h.used, 0) AS used, coalesce(h.cheques, 0) AS cheques,
         coalesce(h."usedCents", '0') AS "usedCents"
  FROM ids
  JOIN prescriber p ON p.id = ids.prescriber_id
  JOIN commune co ON co.insee_code = p.insee_code
  LEFT JOIN handouts h ON h.prescriber_id = p.id
  LEFT JOIN stock s ON s.prescriber_id = p.id
  WHERE $2::varchar IS NULL OR h.prescriber_id IS NOT NULL OR p.insee_code = $2
  ORDER BY co.name, p.name, p.id`;

/**
 * $1 programme, $2 a commune or null, $3 a venue or null: one row per venue with redemptions or
 * payments in the programme, or QUALIFIED and serving it (located in or visiting an enrolled
 * commune); in a commune's scope, those located in it; in a venue's, itself.
 */
export const BY_VENUE_SQL = `WITH activity AS (
    SELECT venue_id, sum(redemptions)::int AS redemptions, sum(cheques)::int AS cheques,
           sum(amount_cents)::bigint AS amount, sum(participants)::int AS participants,
           count(*)::int AS services
    FROM report_venue_service
    WHERE programme_id = $1 AND ($3::uuid IS NULL OR venue_id = $3)
      AND ($2::varchar IS NULL OR venue_id IN (SELECT id FROM venue WHERE insee_code = $2))
    GROUP BY venue_id),
  paid AS (
    SELECT l.venue_id, sum(l.amount_cents)::bigint AS paid
    FROM reimbursement_batch b
    JOIN reimbursement_line l ON l.batch_id = b.id AND l.status = 'PAID'
    WHERE b.programme_id = $1 AND ($3::uuid IS NULL OR l.venue_id = $3)
      AND ($2::varchar IS NULL OR l.venue_id IN (SELECT id FROM venue WHERE insee_code = $2))
    GROUP BY l.venue_id),
  enrolled AS (
    SELECT coalesce(array_agg(insee_code::text), '{}') AS codes
    FROM enrolment WHERE programme_id = $1),
  ids AS (
    SELECT venue_id FROM activity
    UNION SELECT venue_id FROM paid
    UNION SELECT v.id FROM venue v, enrolled e
          WHERE v.qualification_status = 'QUALIFIED'
            AND (v.insee_code = ANY(e.codes) OR v.served_insee_codes && e.codes)
    UNION SELECT $3::uuid WHERE $3::uuid IS NOT NULL)
  SELECT v.id AS "venueId", v.name, v.insee_code AS "inseeCode",
         coalesce(co.name, v.commune_name) AS "communeName",
         v.latitude::float8 AS latitude, v.longitude::float8 AS longitude,
         coalesce(a.redemptions, 0) AS redemptions, coalesce(a.cheques, 0) AS cheques,
         coalesce(a.amount, 0)::text AS "amountCents",
         coalesce(a.participants, 0) AS participants, coalesce(a.services, 0) AS services,
         coalesce(pd.paid, 0)::text AS "paidCents"
  FROM ids
  JOIN venue v ON v.id = ids.venue_id
  LEFT JOIN commune co ON co.insee_code = v.insee_code
  LEFT JOIN activity a ON a.venue_id = v.id
  LEFT JOIN paid pd ON pd.venue_id = v.id
  WHERE ($2::varchar IS NULL OR v.insee_code = $2) AND ($3::uuid IS NULL OR v.id = $3)
  ORDER BY v.name, v.id`;

/** $1 programme, $2 a venue or null: redemptions per service (report_venue_service). */
export const BY_SERVICE_SQL = `SELECT service, sum(redemptions)::int AS redemptions,
       sum(cheques)::int AS cheques, sum(amount_cents)::bigint::text AS "amountCents",
       count(*)::int AS venues
  FROM report_venue_service
  WHERE programme_id = $1 AND ($2::uuid IS NULL OR venue_id = $2)
  GROUP BY service ORDER BY sum(cheques) DESC, service`;

/** $1 programme, $2 origin commune: the residents' cheques per service (report_origin_month). */
export const BY_SERVICE_OF_ORIGIN_SQL = `SELECT service, sum(cheques)::int AS cheques,
       sum(amount_cents)::bigint::text AS "amountCents"
  FROM report_origin_month
  WHERE programme_id = $1 AND insee_code = $2
  GROUP BY service ORDER BY sum(cheques) DESC, service`;

/**
 * $1 programme, $2 origin commune or null: handed-out carnets per need of their diagnostic
 * (report_need): services of the national list, then online procedures, then none recorded.
 */
export const BY_NEED_SQL = `SELECT kind, need, sum(carnets)::int AS carnets,
       sum(used_cheques)::int AS "usedCheques", sum(used_cents)::bigint::text AS "usedCents"
  FROM report_need
  WHERE programme_id = $1 AND ($2::varchar IS NULL OR insee_code = $2)
  GROUP BY kind, need
  ORDER BY CASE kind WHEN 'SERVICE' THEN 0 WHEN 'PROCEDURE' THEN 1 ELSE 2 END,
           sum(carnets) DESC, need`;

/** $1 programme, $2 origin commune or null: hand-outs per month (report_handout_commune_month). */
export const HANDOUTS_BY_MONTH_SQL = `SELECT period, sum(carnets)::int AS carnets
  FROM report_handout_commune_month
  WHERE programme_id = $1 AND ($2::varchar IS NULL OR insee_code = $2)
  GROUP BY period`;

/** $1 programme, $2 a venue or null: redemptions per month (report_venue_month). */
export const REDEMPTIONS_BY_MONTH_SQL = `SELECT period, sum(redemptions)::int AS redemptions,
       sum(cheques)::int AS cheques, sum(amount_cents)::bigint::text AS "amountCents"
  FROM report_venue_month
  WHERE programme_id = $1 AND ($2::uuid IS NULL OR venue_id = $2)
  GROUP BY period`;

/** $1 programme, $2 origin commune: the residents' used cheques per month (report_origin_month). */
export const USE_OF_ORIGIN_BY_MONTH_SQL = `SELECT period, sum(cheques)::int AS cheques,
       sum(amount_cents)::bigint::text AS "amountCents"
  FROM report_origin_month
  WHERE programme_id = $1 AND insee_code = $2
  GROUP BY period`;

/** $1 programme, $2 a venue or null: PAID lines per month of their paid day. */
export const PAID_BY_MONTH_SQL = `SELECT to_char(l.paid_on, 'YYYY-MM') AS period,
       sum(l.amount_cents)::bigint::text AS cents
  FROM reimbursement_batch b
  JOIN reimbursement_line l ON l.batch_id = b.id AND l.status = 'PAID'
  WHERE b.programme_id = $1 AND ($2::uuid IS NULL OR l.venue_id = $2)
  GROUP BY 1`;

/** $1 organisation: the commune a référent's organisation is (UQ_commune_organisation). */
export const COMMUNE_OF_ORGANISATION_SQL = `SELECT insee_code AS "inseeCode", name
  FROM commune WHERE organisation_id = $1`;

/**
 * $1 commune: the structures its référents see, those located in it and those serving it
 * (PrescribersRepository's rule).
 */
export const VISIBLE_STRUCTURES_SQL = `SELECT id FROM prescriber WHERE insee_code = $1
  UNION SELECT prescriber_id FROM prescriber_commune WHERE insee_code = $1`;

/** $1 organisation: the venue of a venue's staff (UQ_venue_organisation). */
export const VENUE_OF_ORGANISATION_SQL = `SELECT id, name, insee_code AS "inseeCode",
       served_insee_codes AS "servedInseeCodes"
  FROM venue WHERE organisation_id = $1`;

/**
 * $1 programme, $2 a venue's communes (its own and those it visits), $3 the venue: the programme
 * if the venue serves it (one of those communes enrolled) or redeemed for it.
 */
export const VENUE_PROGRAMME_SQL = `SELECT p.id, p.name, p.start_date::text AS "startDate"
  FROM programme p
  WHERE p.id = $1 AND p.status <> 'DRAFT'
    AND (EXISTS (SELECT 1 FROM enrolment e
                 WHERE e.programme_id = p.id AND e.insee_code = ANY($2::varchar[]))
         OR EXISTS (SELECT 1 FROM report_venue_month r
                    WHERE r.venue_id = $3 AND r.programme_id = p.id))`;

/** Sums of report_handout_origin (HANDOUT_SUMS). `usedCents` as text: a bigint. */
export interface HandoutSums {
  carnets: number;
  households: number;
  started: number;
  completed: number;
  unused: number;
  redeemed: number;
  inBatch: number;
  reimbursed: number;
  expired: number;
  cancelled: number;
  used: number;
  cheques: number;
  usedCents: string;
}

export interface HandoutSummaryRow extends HandoutSums {
  situation: BeneficiarySituation;
  ageBand: AgeBand;
}

export interface FirstUseRow {
  inseeCode: string;
  prescriberId: string;
  days: number;
  carnets: number;
}

export interface ExpiryRow {
  withinDays: 30 | 60 | 90;
  holderKind: 'PROGRAMME' | 'COMMUNE' | 'PRESCRIBER' | 'BENEFICIARY';
  inseeCode: string | null;
  communeName: string | null;
  prescriberId: string | null;
  prescriberName: string | null;
  cheques: number;
  cents: string;
}

export interface CommuneRow {
  inseeCode: string;
  communeName: string;
  population: number;
  latitude: number | null;
  longitude: number | null;
  allocated: number;
  received: number;
  stock: number;
  handedOut: number;
  households: number;
  started: number;
  completed: number;
  used: number;
  cheques: number;
  usedCents: string;
}

export interface PrescriberRow {
  prescriberId: string;
  name: string;
  type: PrescriberType;
  inseeCode: string;
  communeName: string;
  stock: number | null;
  handedOut: number;
  households: number;
  started: number;
  completed: number;
  used: number;
  cheques: number;
  usedCents: string;
}

export interface VenueRow {
  venueId: string;
  name: string;
  inseeCode: string | null;
  communeName: string;
  latitude: number | null;
  longitude: number | null;
  redemptions: number;
  cheques: number;
  amountCents: string;
  participants: number;
  services: number;
  paidCents: string;
}

export interface PaidByFunderRow {
  funderId: string;
  funderName: string;
  kind: FunderKind;
  cents: string;
}

@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private async rows<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.dataSource.query<T[]>(sql, params);
  }

  private async one<T>(sql: string, params: unknown[]): Promise<T | undefined> {
    return (await this.rows<T>(sql, params))[0];
  }

  async asOf(): Promise<Date | null> {
    return (await this.one<{ asOf: Date | null }>(STATE_SQL, []))?.asOf ?? null;
  }

  async communeOfOrganisation(
    organisationId: string,
  ): Promise<{ inseeCode: string; name: string } | undefined> {
    return this.one(COMMUNE_OF_ORGANISATION_SQL, [organisationId]);
  }

  async visibleStructures(inseeCode: string): Promise<Set<string>> {
    const rows = await this.rows<{ id: string }>(VISIBLE_STRUCTURES_SQL, [inseeCode]);
    return new Set(rows.map((r) => r.id));
  }

  venueOfOrganisation(organisationId: string): Promise<
    | {
        id: string;
        name: string;
        inseeCode: string | null;
        servedInseeCodes: string[];
      }
    | undefined
  > {
    return this.one(VENUE_OF_ORGANISATION_SQL, [organisationId]);
  }

  venueProgramme(
    programmeId: string,
    venueCommunes: string[],
    venueId: string,
  ): Promise<{ id: string; name: string; startDate: string } | undefined> {
    return this.one(VENUE_PROGRAMME_SQL, [programmeId, venueCommunes, venueId]);
  }

  async handoutTotals(programmeId: string, insee: string | null): Promise<HandoutSums> {
    return (await this.one<HandoutSums>(HANDOUT_TOTALS_SQL, [programmeId, insee]))!;
  }

  handoutSummary(programmeId: string, insee: string | null): Promise<HandoutSummaryRow[]> {
    return this.rows(HANDOUT_SUMMARY_SQL, [programmeId, insee]);
  }

  async issued(programmeId: string): Promise<{ carnets: number; cheques: number }> {
    const row = await this.one<{ carnets: number; cheques: string }>(ISSUED_SQL, [programmeId]);
    return { carnets: row?.carnets ?? 0, cheques: Number(row?.cheques ?? 0) };
  }

  async allocated(
    programmeId: string,
    insee: string | null,
  ): Promise<{ total: number; commune: number }> {
    const row = await this.one<{ total: number; commune: number | null }>(ALLOCATED_SQL, [
      programmeId,
      insee,
    ]);
    return { total: row?.total ?? 0, commune: row?.commune ?? 0 };
  }

  async custody(
    programmeId: string,
    insee: string | null,
  ): Promise<{ atProgramme: number; atCommunes: number; atPrescribers: number }> {
    return (await this.one(CUSTODY_SQL, [programmeId, insee]))!;
  }

  async cancelledCheques(programmeId: string): Promise<number> {
    return (
      (await this.one<{ cheques: number }>(CANCELLED_CHEQUES_SQL, [programmeId]))?.cheques ?? 0
    );
  }

  async expired(programmeId: string): Promise<{ cheques: number; cents: number }> {
    const row = await this.one<{ cheques: number; cents: string }>(EXPIRED_SQL, [programmeId]);
    return { cheques: row?.cheques ?? 0, cents: Number(row?.cents ?? 0) };
  }

  /** Value of the cheques counting against the budget (issued-value.ts: runs − cancelled). */
  issuedValueCents(programmeId: string): Promise<number> {
    return issuedValueCents(this.dataSource.manager, programmeId);
  }

  async paid(programmeId: string): Promise<number> {
    return Number((await this.one<{ cents: string }>(PAID_SQL, [programmeId]))?.cents ?? 0);
  }

  paidByFunder(programmeId: string): Promise<PaidByFunderRow[]> {
    return this.rows(PAID_BY_FUNDER_SQL, [programmeId]);
  }

  /** The histogram of first-use delays kept per `by` ('' where a dimension is summed over). */
  firstUse(
    programmeId: string,
    insee: string | null,
    by: 'programme' | 'commune' | 'prescriber',
  ): Promise<FirstUseRow[]> {
    return this.rows(FIRST_USE_SQL, [programmeId, insee, by]);
  }

  expiry(programmeId: string, today: string, insee: string | null): Promise<ExpiryRow[]> {
    return this.rows(EXPIRY_SQL, [programmeId, today, insee]);
  }

  byCommune(programmeId: string, insee: string | null): Promise<CommuneRow[]> {
    return this.rows(BY_COMMUNE_SQL, [programmeId, insee]);
  }

  byPrescriber(programmeId: string, insee: string | null): Promise<PrescriberRow[]> {
    return this.rows(BY_PRESCRIBER_SQL, [programmeId, insee]);
  }

  byVenue(programmeId: string, insee: string | null, venue: string | null): Promise<VenueRow[]> {
    return this.rows(BY_VENUE_SQL, [programmeId, insee, venue]);
  }

  byService(
    programmeId: string,
    venue: string | null,
  ): Promise<
    { service: string; redemptions: number; cheques: number; amountCents: string; venues: number }[]
  > {
    return this.rows(BY_SERVICE_SQL, [programmeId, venue]);
  }

  byServiceOfOrigin(
    programmeId: string,
    insee: string,
  ): Promise<{ service: string; cheques: number; amountCents: string }[]> {
    return this.rows(BY_SERVICE_OF_ORIGIN_SQL, [programmeId, insee]);
  }

  byNeed(
    programmeId: string,
    insee: string | null,
  ): Promise<
    { kind: NeedKind; need: string; carnets: number; usedCheques: number; usedCents: string }[]
  > {
    return this.rows(BY_NEED_SQL, [programmeId, insee]);
  }

  handoutsByMonth(
    programmeId: string,
    insee: string | null,
  ): Promise<{ period: string; carnets: number }[]> {
    return this.rows(HANDOUTS_BY_MONTH_SQL, [programmeId, insee]);
  }

  redemptionsByMonth(
    programmeId: string,
    venue: string | null,
  ): Promise<{ period: string; redemptions: number; cheques: number; amountCents: string }[]> {
    return this.rows(REDEMPTIONS_BY_MONTH_SQL, [programmeId, venue]);
  }

  useOfOriginByMonth(
    programmeId: string,
    insee: string,
  ): Promise<{ period: string; cheques: number; amountCents: string }[]> {
    return this.rows(USE_OF_ORIGIN_BY_MONTH_SQL, [programmeId, insee]);
  }

  paidByMonth(
    programmeId: string,
    venue: string | null,
  ): Promise<{ period: string; cents: string }[]> {
    return this.rows(PAID_BY_MONTH_SQL, [programmeId, venue]);
  }
}
