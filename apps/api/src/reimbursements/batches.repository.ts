import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { BatchLineStatus, BatchStatus, LineHoldReason } from '@carnet/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { ReimbursementBatch } from './reimbursement-batch.entity.js';

/** A batch's figures from its lines: all of them, or only the caller's venues'. */
export interface LineTotals {
  batchId: string;
  lineCount: number;
  redemptionCount: number;
  chequeCount: number;
  /** Lines PAYABLE at sealing: PAYABLE, PAID or REJECTED now. */
  payableCents: number;
  onHoldCents: number;
  paidCents: number;
  rejectedCents: number;
}

export interface FunderPart {
  batchId: string;
  funderId: string;
  funderName: string;
  basisPoints: number;
  cents: number;
}

export interface CompleteFile {
  batchId: string;
  name: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  venueId: string | null;
}

export interface LineRow {
  id: string;
  venueId: string;
  venueName: string;
  venuePivot: string;
  status: BatchLineStatus;
  holdReasons: LineHoldReason[];
  redemptionCount: number;
  chequeCount: number;
  amountCents: number;
  holderName: string | null;
  iban: string | null;
  bic: string | null;
  endToEndId: string | null;
  paidOn: string | null;
  rejectionReason: string | null;
}

export interface BatchListFilter {
  programmeId?: string;
  status?: BatchStatus;
  period?: string;
  /** Only batches with a line of one of these venues (null: every batch). */
  venues: string[] | null;
}

const amounts = `count(*)::int AS "lineCount",
   COALESCE(sum(l.redemption_count), 0)::int AS "redemptionCount",
   COALESCE(sum(l.cheque_count), 0)::int AS "chequeCount",
   COALESCE(sum(l.amount_cents) FILTER (WHERE l.status <> 'ON_HOLD'), 0)::float8 AS "payableCents",
   COALESCE(sum(l.amount_cents) FILTER (WHERE l.status = 'ON_HOLD'), 0)::float8 AS "onHoldCents",
   COALESCE(sum(l.amount_cents) FILTER (WHERE l.status = 'PAID'), 0)::float8 AS "paidCents",
   COALESCE(sum(l.amount_cents) FILTER (WHERE l.status = 'REJECTED'), 0)::float8 AS "rejectedCents"`;

/** Reads and writes of reimbursement_batch for the HTTP side (creation, approval, views). */
@Injectable()
export class BatchesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A new GENERATING batch, or null when the programme has one for this period already
   * (UQ_reimbursement_batch_period: a concurrent creation waits for the other to commit, then
   * finds it).
   */
  async insert(
    manager: EntityManager,
    row: {
      programmeId: string;
      period: string;
      cutoff: Date;
      createdBy: string | null;
      createdByLabel: string | null;
    },
  ): Promise<string | null> {
    const [inserted] = await manager.query<{ id: string }[]>(
      `INSERT INTO reimbursement_batch (programme_id, period, cutoff, created_by, created_by_label, version)
       VALUES ($1, $2, $3, $4, $5, 1)
       ON CONFLICT (programme_id, period) DO NOTHING RETURNING id`,
      [row.programmeId, row.period, row.cutoff, row.createdBy, row.createdByLabel],
    );
    return inserted?.id ?? null;
  }

  async idOfPeriod(
    manager: EntityManager,
    programmeId: string,
    period: string,
  ): Promise<string | null> {
    const [row] = await manager.query<{ id: string }[]>(
      `SELECT id FROM reimbursement_batch WHERE programme_id = $1 AND period = $2`,
      [programmeId, period],
    );
    return row?.id ?? null;
  }

  /** A batch with its programme; locked (FOR UPDATE of the batch) for a change. */
  find(id: string, manager?: EntityManager, lock = false): Promise<ReimbursementBatch | null> {
    const q = (manager ?? this.dataSource.manager)
      .getRepository(ReimbursementBatch)
      .createQueryBuilder('batch')
      .innerJoinAndSelect('batch.programme', 'programme')
      .where('batch.id = :id', { id });
    if (lock) q.setLock('pessimistic_write', undefined, ['batch']);
    return q.getOne();
  }

  /** Whether one of these venues has a line in the batch. */
  async hasLineOf(batchId: string, venues: string[], manager?: EntityManager): Promise<boolean> {
    const [row] = await (manager ?? this.dataSource.manager).query<{ found: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM reimbursement_line WHERE batch_id = $1 AND venue_id = ANY($2::uuid[])) AS found`,
      [batchId, venues],
    );
    return row?.found === true;
  }

  /** A page of batches with their programme, and how many match. */
  page(
    filter: BatchListFilter,
    order: Record<string, 'ASC' | 'DESC'>,
    skip: number,
    take: number,
  ): Promise<[ReimbursementBatch[], number]> {
    const q = this.dataSource.manager
      .getRepository(ReimbursementBatch)
      .createQueryBuilder('batch')
      .innerJoinAndSelect('batch.programme', 'programme');
    if (filter.venues !== null) {
      q.andWhere(
        'EXISTS (SELECT 1 FROM reimbursement_line l WHERE l.batch_id = batch.id AND l.venue_id = ANY(:venues))',
        { venues: filter.venues },
      );
    }
    if (filter.programmeId) {
      q.andWhere('batch.programme_id = :programmeId', { programmeId: filter.programmeId });
    }
    if (filter.status) q.andWhere('batch.status = :status', { status: filter.status });
    if (filter.period) q.andWhere('batch.period = :period', { period: filter.period });
    for (const [property, direction] of Object.entries(order)) {
      q.addOrderBy(`batch.${property}`, direction);
    }
    return q.addOrderBy('batch.id', 'ASC').skip(skip).take(take).getManyAndCount();
  }

  /** The figures of these batches from their lines (only these venues' lines when given). */
  lineTotals(
    batchIds: string[],
    venues: string[] | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<LineTotals[]> {
    return manager.query<LineTotals[]>(
      `SELECT l.batch_id AS "batchId", ${amounts}
       FROM reimbursement_line l
       WHERE l.batch_id = ANY($1::uuid[]) AND ($2::uuid[] IS NULL OR l.venue_id = ANY($2::uuid[]))
       GROUP BY l.batch_id`,
      [batchIds, venues],
    );
  }

  /**
   * Each funder's part of these batches: the batch's split, or, for a venue, the sum of its
   * lines' splits.
   */
  funderParts(
    batchIds: string[],
    venues: string[] | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<FunderPart[]> {
    if (venues === null) {
      return manager.query<FunderPart[]>(
        `SELECT bf.batch_id AS "batchId", bf.funder_id AS "funderId", f.name AS "funderName",
                bf.basis_points AS "basisPoints", bf.cents::float8 AS cents
         FROM reimbursement_batch_funder bf JOIN funder f ON f.id = bf.funder_id
         WHERE bf.batch_id = ANY($1::uuid[])
         ORDER BY bf.batch_id, bf.basis_points DESC, bf.funder_id`,
        [batchIds],
      );
    }
    return manager.query<FunderPart[]>(
      `SELECT l.batch_id AS "batchId", lf.funder_id AS "funderId", f.name AS "funderName",
              bf.basis_points AS "basisPoints", sum(lf.cents)::float8 AS cents
       FROM reimbursement_line l
       JOIN reimbursement_line_funder lf ON lf.line_id = l.id
       JOIN reimbursement_batch_funder bf ON bf.batch_id = l.batch_id AND bf.funder_id = lf.funder_id
       JOIN funder f ON f.id = lf.funder_id
       WHERE l.batch_id = ANY($1::uuid[]) AND l.venue_id = ANY($2::uuid[])
       GROUP BY l.batch_id, lf.funder_id, f.name, bf.basis_points
       ORDER BY l.batch_id, bf.basis_points DESC, lf.funder_id`,
      [batchIds, venues],
    );
  }

  /**
   * The files of these batches once exported (only these venues' statements when given): while an
   * export runs, or after a run that died, none is listed (none is served either).
   */
  completeFiles(
    batchIds: string[],
    venues: string[] | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CompleteFile[]> {
    return manager.query<CompleteFile[]>(
      `SELECT batch_id AS "batchId", name, media_type AS "mediaType",
              size_bytes::float8 AS "sizeBytes", sha256, venue_id AS "venueId"
       FROM reimbursement_file
       WHERE batch_id = ANY($1::uuid[]) AND complete
         AND ($2::uuid[] IS NULL OR venue_id = ANY($2::uuid[]))
         AND EXISTS (SELECT 1 FROM reimbursement_batch b
                     WHERE b.id = batch_id AND b.exported_at IS NOT NULL)
       ORDER BY batch_id, venue_id NULLS FIRST, name`,
      [batchIds, venues],
    );
  }

  /** Display names of these users (who created or approved batches). */
  async userNames(
    ids: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.query<{ id: string; name: string }[]>(
      `SELECT id, display_name AS name FROM user_account WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** A page of a batch's lines, by venue name, and how many match. */
  async lines(
    batchId: string,
    filter: { status?: BatchLineStatus; venues: string[] | null },
    skip: number,
    take: number,
  ): Promise<[LineRow[], number]> {
    const where = `l.batch_id = $1 AND ($2::uuid[] IS NULL OR l.venue_id = ANY($2::uuid[]))
       AND ($3::text IS NULL OR l.status = $3)`;
    const params = [batchId, filter.venues, filter.status ?? null];
    const rows = await this.dataSource.query<LineRow[]>(
      `SELECT l.id, l.venue_id AS "venueId", l.venue_name AS "venueName",
              l.venue_pivot AS "venuePivot", l.status, l.hold_reasons AS "holdReasons",
              l.redemption_count AS "redemptionCount", l.cheque_count AS "chequeCount",
              l.amount_cents::float8 AS "amountCents", l.holder_name AS "holderName", l.iban, l.bic,
              l.end_to_end_id AS "endToEndId", to_char(l.paid_on, 'YYYY-MM-DD') AS "paidOn",
              l.rejection_reason AS "rejectionReason"
       FROM reimbursement_line l WHERE ${where}
       ORDER BY l.venue_name, l.venue_id LIMIT $4 OFFSET $5`,
      [...params, take, skip],
    );
    const [count] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM reimbursement_line l WHERE ${where}`,
      params,
    );
    return [rows, count?.total ?? 0];
  }

  /** The funder split of these lines. */
  lineFunders(
    lineIds: string[],
  ): Promise<{ lineId: string; funderId: string; funderName: string; cents: number }[]> {
    return this.dataSource.query(
      `SELECT lf.line_id AS "lineId", lf.funder_id AS "funderId", f.name AS "funderName",
              lf.cents::float8 AS cents
       FROM reimbursement_line_funder lf JOIN funder f ON f.id = lf.funder_id
       WHERE lf.line_id = ANY($1::uuid[])
       ORDER BY lf.cents DESC, lf.funder_id`,
      [lineIds],
    );
  }

  /** DRAFT → APPROVED by this person (the CHECK on four eyes backs the service's rule). */
  async approve(
    manager: EntityManager,
    id: string,
    by: { id: string; label: string },
  ): Promise<boolean> {
    const [, moved] = await manager.query<[unknown[], number]>(
      `UPDATE reimbursement_batch SET status = 'APPROVED', approved_by = $2, approved_by_label = $3,
              approved_at = now(), version = version + 1, updated_at = now()
       WHERE id = $1 AND status = 'DRAFT'`,
      [id, by.id, by.label],
    );
    return moved === 1;
  }

  /**
   * The programmes the monthly job makes batches for on `today` (YYYY-MM-DD, Paris): ACTIVE ones,
   * and CLOSED ones that ended less than 3 months ago (their last redemptions still get paid);
   * each with whether a redemption waits for a batch ending at `cutoff` (ACTIVE, in no batch,
   * made before it: the generation's own rule, so on-hold venues' redemptions count). Once a
   * month, per programme, on IDX_redemption_programme_period: at most the scan the generation
   * makes anyway.
   */
  reimbursableProgrammes(today: string, cutoff: Date): Promise<{ id: string; waiting: boolean }[]> {
    return this.dataSource.query<{ id: string; waiting: boolean }[]>(
      `SELECT p.id, EXISTS (
                SELECT 1 FROM redemption r
                WHERE r.programme_id = p.id AND r.status = 'ACTIVE'
                  AND r.reimbursement_batch_id IS NULL AND r.created_at < $2
              ) AS waiting
       FROM programme p
       WHERE p.status = 'ACTIVE'
          OR (p.status = 'CLOSED' AND p.end_date > $1::date - interval '3 months')
       ORDER BY p.id`,
      [today, cutoff],
    );
  }

  /** Batches still GENERATING (their job to queue again if it was lost). */
  generating(): Promise<{ id: string; programmeId: string; period: string }[]> {
    return this.dataSource.query(
      `SELECT id, programme_id AS "programmeId", period FROM reimbursement_batch
       WHERE status = 'GENERATING' ORDER BY created_at`,
    );
  }
}
