import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { BatchLineStatus, BatchStatus, LineHoldReason } from '@carnet/domain';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import type { SepaFormat } from './reimbursement-batch.entity.js';

/** A batch as its export reads it. */
export interface BatchToExport {
  id: string;
  programmeId: string;
  programmeName: string;
  programmeSepaFormat: SepaFormat;
  period: string;
  status: BatchStatus;
  generatedAt: Date;
  approvedByLabel: string | null;
  approvedAt: Date | null;
  sepaFormat: SepaFormat | null;
  requestedExecutionDate: string | null;
  messageId: string | null;
  exportRequestedAt: Date | null;
  exportedAt: Date | null;
  lineCount: number;
  redemptionCount: number;
  chequeCount: number;
  payableCents: number;
  onHoldCents: number;
}

/** A line of the batch with its payee (null on hold) and the venue's address for its statement. */
export interface ExportLine {
  id: string;
  venueId: string;
  venueName: string;
  venuePivot: string;
  venueTypologies: string[];
  status: BatchLineStatus;
  holdReasons: LineHoldReason[];
  redemptionCount: number;
  chequeCount: number;
  amountCents: number;
  holderName: string | null;
  iban: string | null;
  bic: string | null;
  endToEndId: string | null;
  addressLines: string[];
}

export interface ExportCheque {
  number: string;
  redeemedAt: Date;
  service: string;
  venuePivot: string;
  faceValueCents: number;
}

export interface ExportRedemption {
  redeemedAt: Date;
  service: string;
  chequeNumbers: string[];
  amountCents: number;
}

/** Rows fetched from a cursor at a time: a few hundred kilobytes whatever the batch's size. */
const FETCH_ROWS = 1000;

const LINE_COLUMNS = `l.id, l.venue_id AS "venueId", l.venue_name AS "venueName",
  l.venue_pivot AS "venuePivot", l.venue_typologies AS "venueTypologies", l.status,
  l.hold_reasons AS "holdReasons", l.redemption_count AS "redemptionCount",
  l.cheque_count AS "chequeCount", l.amount_cents::float8 AS "amountCents",
  l.holder_name AS "holderName", l.iban, l.bic, l.end_to_end_id AS "endToEndId",
  array_remove(ARRAY[v.address, v.address_complement, v.postal_code || ' ' || v.commune_name], NULL)
    AS "addressLines"`;

/** Lines come by venue name then id: the same batch lists them in the same order every time. */
const LINE_ORDER = 'ORDER BY l.venue_name, l.venue_id';

/**
 * One consistent view of a batch for its export (a REPEATABLE READ, read-only transaction on a
 * connection of its own), read through server-side cursors (DECLARE … CURSOR, FETCH): rows come
 * a thousand at a time as the files are written, so memory stays flat whatever the batch's size.
 * Release it when done.
 */
export class ExportSnapshot {
  private cursors = 0;

  constructor(private readonly runner: QueryRunner) {}

  /** Rows of `sql`, fetched as they are consumed; the cursor is closed when the loop ends. */
  async *rows<T>(sql: string, params: unknown[]): AsyncGenerator<T, void, undefined> {
    const name = `export_cursor_${++this.cursors}`;
    await this.runner.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, params);
    try {
      for (;;) {
        const rows = (await this.runner.query(`FETCH ${FETCH_ROWS} FROM ${name}`)) as T[];
        for (const row of rows) yield row;
        if (rows.length < FETCH_ROWS) return;
      }
    } finally {
      // A failed transaction refuses CLOSE too: the rollback at release closes everything then.
      await this.runner.query(`CLOSE ${name}`).catch(() => undefined);
    }
  }

  /** The batch's lines (PAYABLE ones only, or all), by venue name. */
  lines(batchId: string, only?: 'PAYABLE'): AsyncGenerator<ExportLine, void, undefined> {
    return this.rows<ExportLine>(
      `SELECT ${LINE_COLUMNS} FROM reimbursement_line l JOIN venue v ON v.id = l.venue_id
       WHERE l.batch_id = $1 AND ($2::text IS NULL OR l.status = $2) ${LINE_ORDER}`,
      [batchId, only ?? null],
    );
  }

  /** Every cheque the batch pays (its PAYABLE lines'), line by line, by redemption time. */
  cheques(batchId: string): AsyncGenerator<ExportCheque, void, undefined> {
    return this.rows<ExportCheque>(
      `SELECT rc.cheque_number AS number, r.created_at AS "redeemedAt", r.service,
              l.venue_pivot AS "venuePivot", rc.face_value_cents AS "faceValueCents"
       FROM reimbursement_line l
       JOIN reimbursement_line_redemption lr ON lr.line_id = l.id AND lr.active
       JOIN redemption r ON r.id = lr.redemption_id
       JOIN redemption_cheque rc ON rc.redemption_id = r.id AND rc.active
       WHERE l.batch_id = $1 AND l.status = 'PAYABLE'
       ${LINE_ORDER}, r.created_at, r.id, rc.position`,
      [batchId],
    );
  }

  /** The redemptions a line pays, by time, each with its cheques' numbers. */
  redemptions(lineId: string): AsyncGenerator<ExportRedemption, void, undefined> {
    return this.rows<ExportRedemption>(
      `SELECT r.created_at AS "redeemedAt", r.service,
              (SELECT array_agg(rc.cheque_number::text ORDER BY rc.position)
               FROM redemption_cheque rc WHERE rc.redemption_id = r.id AND rc.active)
                AS "chequeNumbers",
              r.amount_cents AS "amountCents"
       FROM reimbursement_line_redemption lr JOIN redemption r ON r.id = lr.redemption_id
       WHERE lr.line_id = $1 AND lr.active
       ORDER BY r.created_at, r.id`,
      [lineId],
    );
  }

  /** The payable lines' count and total, from the lines themselves (sepa.xml's header). */
  async payable(batchId: string): Promise<{ lines: number; cents: number; cheques: number }> {
    const [row] = (await this.runner.query(
      `SELECT count(*)::int AS lines, COALESCE(sum(amount_cents), 0)::float8 AS cents,
              COALESCE(sum(cheque_count), 0)::int AS cheques
       FROM reimbursement_line WHERE batch_id = $1 AND status = 'PAYABLE'`,
      [batchId],
    )) as { lines: number; cents: number; cheques: number }[];
    return row;
  }

  /** Each funder's part of the batch, largest share first. */
  funders(batchId: string): Promise<{ name: string; basisPoints: number; cents: number }[]> {
    return this.runner.query(
      `SELECT f.name, bf.basis_points AS "basisPoints", bf.cents::float8 AS cents
       FROM reimbursement_batch_funder bf JOIN funder f ON f.id = bf.funder_id
       WHERE bf.batch_id = $1 ORDER BY bf.basis_points DESC, bf.funder_id`,
      [batchId],
    ) as Promise<{ name: string; basisPoints: number; cents: number }[]>;
  }

  async release(): Promise<void> {
    try {
      if (this.runner.isTransactionActive) await this.runner.rollbackTransaction();
    } finally {
      await this.runner.release();
    }
  }
}

/**
 * A transaction holding a batch's export lock (pg_advisory_xact_lock), on a connection of its
 * own for the whole export: a second export of the same batch (a stalled job taken by another
 * worker, a benchmark next to the queue) waits at lockExport until this one commits or its
 * process dies (PostgreSQL drops the lock with the connection), then finds the batch EXPORTED,
 * or finds it APPROVED and rewrites what the dead run left. The move to EXPORTED is written in
 * this very transaction, so the lock is released in the commit that makes the files final.
 */
export class ExportLock {
  constructor(private readonly runner: QueryRunner) {}

  get manager(): EntityManager {
    return this.runner.manager;
  }

  commit(): Promise<void> {
    return this.runner.commitTransaction();
  }

  /** Rolls back what was not committed (and so releases the lock), and frees the connection. */
  async release(): Promise<void> {
    try {
      if (this.runner.isTransactionActive) await this.runner.rollbackTransaction();
    } finally {
      await this.runner.release();
    }
  }
}

/**
 * Reads and writes of a batch's export: the request (APPROVED, export asked), the consistent
 * snapshot its files are written from, and the move to EXPORTED.
 */
@Injectable()
export class BatchExportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The batch as the export reads it; locked (FOR UPDATE) in a transaction when asked. */
  async find(id: string, manager?: EntityManager, lock = false): Promise<BatchToExport | null> {
    const [row] = await (manager ?? this.dataSource.manager).query<BatchToExport[]>(
      `SELECT b.id, b.programme_id AS "programmeId", p.name AS "programmeName",
              p.sepa_format AS "programmeSepaFormat", b.period, b.status,
              b.generated_at AS "generatedAt", b.approved_by_label AS "approvedByLabel",
              b.approved_at AS "approvedAt", b.sepa_format AS "sepaFormat",
              to_char(b.requested_execution_date, 'YYYY-MM-DD') AS "requestedExecutionDate",
              b.message_id AS "messageId", b.export_requested_at AS "exportRequestedAt",
              b.exported_at AS "exportedAt", b.line_count AS "lineCount",
              b.redemption_count AS "redemptionCount", b.cheque_count AS "chequeCount",
              b.payable_cents::float8 AS "payableCents", b.on_hold_cents::float8 AS "onHoldCents"
       FROM reimbursement_batch b JOIN programme p ON p.id = b.programme_id
       WHERE b.id = $1 ${lock ? 'FOR UPDATE OF b' : ''}`,
      [id],
    );
    return row ?? null;
  }

  /** Records the export's request on an APPROVED batch (format, date, message id, who, when). */
  async requestExport(
    manager: EntityManager,
    id: string,
    request: {
      sepaFormat: SepaFormat;
      requestedExecutionDate: string;
      messageId: string;
      by: string | null;
      byLabel: string;
    },
  ): Promise<boolean> {
    const [, moved] = await manager.query<[unknown[], number]>(
      `UPDATE reimbursement_batch SET sepa_format = $2, requested_execution_date = $3,
              message_id = $4, export_requested_by = $5, export_requested_by_label = $6,
              export_requested_at = now(), version = version + 1, updated_at = now()
       WHERE id = $1 AND status = 'APPROVED' AND export_requested_at IS NULL`,
      [
        id,
        request.sepaFormat,
        request.requestedExecutionDate,
        request.messageId,
        request.by,
        request.byLabel,
      ],
    );
    return moved === 1;
  }

  /** APPROVED → EXPORTED once every file is written; false when it was not APPROVED. */
  async markExported(manager: EntityManager, id: string): Promise<boolean> {
    const [, moved] = await manager.query<[unknown[], number]>(
      `UPDATE reimbursement_batch SET status = 'EXPORTED', exported_at = now(),
              version = version + 1, updated_at = now()
       WHERE id = $1 AND status = 'APPROVED' AND export_requested_at IS NOT NULL`,
      [id],
    );
    return moved === 1;
  }

  /**
   * EXPORTED → PAID at once for a batch with nothing to pay (no PAYABLE line: no transfer, no
   * outcome to wait for); false when it was not EXPORTED with zero to pay.
   */
  async closeNothingToPay(manager: EntityManager, id: string): Promise<boolean> {
    const [, moved] = await manager.query<[unknown[], number]>(
      `UPDATE reimbursement_batch SET status = 'PAID', closed_at = now(), version = version + 1,
              updated_at = now()
       WHERE id = $1 AND status = 'EXPORTED' AND payable_cents = 0`,
      [id],
    );
    return moved === 1;
  }

  /**
   * Takes the batch's export lock in a new transaction, waiting while another export of it holds
   * it. Release the lock when done (commit first to keep what was written through it).
   */
  async lockExport(batchId: string): Promise<ExportLock> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const lock = new ExportLock(runner);
    try {
      await runner.startTransaction();
      await runner.query(
        `SELECT pg_advisory_xact_lock(hashtext('reimbursement-batch-export'), hashtext($1))`,
        [batchId],
      );
    } catch (error) {
      await lock.release();
      throw error;
    }
    return lock;
  }

  /** Batches whose export was asked and is not done (their job to queue again if it was lost). */
  exporting(): Promise<{ id: string }[]> {
    return this.dataSource.query(
      `SELECT id FROM reimbursement_batch
       WHERE status = 'APPROVED' AND export_requested_at IS NOT NULL ORDER BY export_requested_at`,
    );
  }

  /** A consistent, read-only view of the database to write a batch's files from. */
  async snapshot(): Promise<ExportSnapshot> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
    } catch (error) {
      await runner.release();
      throw error;
    }
    return new ExportSnapshot(runner);
  }
}
