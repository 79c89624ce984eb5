import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { chequeStatusesMovableTo } from '@carnet/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { sqlLiterals } from '#src/database/sql-list.js';
import { FundingShare } from '#src/funders/funding-share.entity.js';

/** One row of the placement of a programme's active carnets, per commune and prescriber. */
export interface PlacementRow {
  level: 'PROGRAMME' | 'COMMUNE' | 'PRESCRIBER';
  insee_code: string | null;
  commune_name: string | null;
  prescriber_id: string | null;
  prescriber_name: string | null;
  issued: number;
  handed_out: number;
  not_handed_out: number;
  started: number;
}

/**
 * $1 programme, $2 cutoff date, $3 batch size. The statuses taken are the state machine's way to
 * EXPIRED (ISSUED, DISTRIBUTED: the predicate of IDX_cheque_expiry_due, written out literally).
 * ORDER BY the index's own order makes it the plan whatever the statistics say: a programme with
 * nothing due answers at once instead of scanning the table (2.5 s at 10 M cheques without it).
 * Exported for the plan check of test/query-plans.int-spec.ts: it must stay on that index.
 */
export const EXPIRE_DUE_SQL = `WITH due AS (
     SELECT c.number FROM cheque c
     WHERE c.programme_id = $1 AND c.status IN (${sqlLiterals(chequeStatusesMovableTo('EXPIRED'))}) AND c.valid_until < $2::date
     ORDER BY c.valid_until LIMIT $3 FOR UPDATE OF c SKIP LOCKED)
   UPDATE cheque SET status = 'EXPIRED', status_changed_at = now()
   FROM due WHERE cheque.number = due.number
   RETURNING cheque.number, cheque.carnet_id`;

/**
 * $1 programme. Where its active carnets are, per commune and prescriber: one row per custody
 * holder (programme, communes, prescribers), never one per carnet. A prescriber's row counts what
 * it holds and what it handed out (and of that, what started), kept by the ledger's triggers.
 * Exported for the plan check of test/query-plans.int-spec.ts: it reads no carnet or cheque.
 */
export const PLACEMENT_SQL = `WITH placed AS (
     SELECT CASE h.kind WHEN 'COMMUNE' THEN h.insee_code WHEN 'PRESCRIBER' THEN ph.insee_code END AS insee_code,
            h.prescriber_id, h.carnets + h.handed_out AS issued, h.handed_out,
            h.carnets AS not_handed_out, h.started
     FROM custody_holder h
     LEFT JOIN prescriber ph ON ph.id = h.prescriber_id
     WHERE h.programme_id = $1 AND h.kind IN ('PROGRAMME', 'COMMUNE', 'PRESCRIBER')
   )
   SELECT CASE WHEN GROUPING(p.prescriber_id) = 0 AND p.prescriber_id IS NOT NULL THEN 'PRESCRIBER'
               WHEN p.insee_code IS NULL THEN 'PROGRAMME' ELSE 'COMMUNE' END AS level,
          p.insee_code, co.name AS commune_name,
          CASE WHEN GROUPING(p.prescriber_id) = 0 THEN p.prescriber_id END AS prescriber_id,
          CASE WHEN GROUPING(p.prescriber_id) = 0 THEN pr.name END AS prescriber_name,
          sum(p.issued)::int AS issued,
          sum(p.handed_out)::int AS handed_out,
          sum(p.not_handed_out)::int AS not_handed_out,
          sum(p.started)::int AS started
   FROM placed p
   LEFT JOIN commune co ON co.insee_code = p.insee_code
   LEFT JOIN prescriber pr ON pr.id = p.prescriber_id
   GROUP BY GROUPING SETS ((p.insee_code, co.name), (p.insee_code, co.name, p.prescriber_id, pr.name))
   HAVING (GROUPING(p.prescriber_id) = 1 OR p.prescriber_id IS NOT NULL) AND sum(p.issued) > 0
   ORDER BY co.name NULLS FIRST, p.insee_code, GROUPING(p.prescriber_id) DESC, pr.name`;

/** Reads for the expiry view, and the one write: unused cheques past their date to EXPIRED. */
@Injectable()
export class ExpiryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every programme with its grace period: the expiry walks them one by one. */
  programmesForExpiry(): Promise<{ id: string; grace_days: number }[]> {
    return this.dataSource.query<{ id: string; grace_days: number }[]>(
      `SELECT id, grace_days FROM programme ORDER BY id`,
    );
  }

  /**
   * Up to `batch` unused cheques of one programme valid until before `cutoff` (today minus the
   * programme's grace) to EXPIRED, SKIP LOCKED: several workers share the work. The cutoff is a
   * constant, so the partial index IDX_cheque_expiry_due answers it.
   */
  async expireDue(
    manager: EntityManager,
    programmeId: string,
    cutoff: string,
    batch: number,
  ): Promise<{ number: string; carnet_id: string }[]> {
    const [rows] = await manager.query<[{ number: string; carnet_id: string }[], number]>(
      EXPIRE_DUE_SQL,
      [programmeId, cutoff, batch],
    );
    return rows;
  }

  /** The serials of these carnets, for the expiry's audit entry. */
  async carnetSerials(manager: EntityManager, carnetIds: string[]): Promise<number[]> {
    const rows = await manager.query<{ serial: number }[]>(
      `SELECT serial::int AS serial FROM carnet WHERE id = ANY($1::uuid[])`,
      [carnetIds],
    );
    return rows.map((r) => r.serial);
  }

  /** Where a programme's active carnets are (PLACEMENT_SQL). */
  placement(programmeId: string): Promise<PlacementRow[]> {
    return this.dataSource.query<PlacementRow[]>(PLACEMENT_SQL, [programmeId]);
  }

  async communeCodesOf(organisationId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ insee_code: string }[]>(
      `SELECT insee_code FROM commune WHERE organisation_id = $1`,
      [organisationId],
    );
    return rows.map((r) => r.insee_code);
  }

  /** Kept by the cheque_tallies trigger: no count over the expired cheques. */
  async expiredTotals(
    programmeId: string,
  ): Promise<{ cheques: number; cents: string } | undefined> {
    const [row] = await this.dataSource.query<{ cheques: number; cents: string }[]>(
      `SELECT expired_cheques AS cheques, expired_cents::text AS cents FROM programme WHERE id = $1`,
      [programmeId],
    );
    return row;
  }

  shares(programmeId: string): Promise<FundingShare[]> {
    return this.dataSource.manager.find(FundingShare, {
      where: { programmeId },
      relations: { funder: true },
    });
  }
}
