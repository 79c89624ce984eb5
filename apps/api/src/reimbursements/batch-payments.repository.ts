import { Injectable } from '@nestjs/common';
import type { BatchLineStatus, BatchStatus } from '@carnet/domain';
import type { EntityManager } from 'typeorm';

/** A line as the bank's outcome is recorded on it, locked. */
export interface LineToSettle {
  id: string;
  status: BatchLineStatus;
  amountCents: number;
  chequeCount: number;
  endToEndId: string | null;
}

/**
 * The writes of the bank's outcomes, in the caller's transaction: the lines (PAYABLE → PAID or
 * REJECTED), their cheques (IN_BATCH → REIMBURSED, or back to REDEEMED), the redemptions of
 * rejected lines set free for a later batch, and the batch's closing. Cheques move between
 * "used" statuses only: the tallies trigger locks no carnet and changes no holder.
 */
@Injectable()
export class BatchPaymentsRepository {
  /** The batch's status and export time, locked (FOR UPDATE). */
  async lockBatch(
    manager: EntityManager,
    id: string,
  ): Promise<{
    id: string;
    status: BatchStatus;
    exportedAt: Date | null;
    messageId: string | null;
  } | null> {
    const [row] = await manager.query<
      { id: string; status: BatchStatus; exportedAt: Date | null; messageId: string | null }[]
    >(
      `SELECT id, status, exported_at AS "exportedAt", message_id AS "messageId"
       FROM reimbursement_batch WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row ?? null;
  }

  /** These lines of the batch, locked in id order (two requests on one batch queue on it first). */
  lockLines(manager: EntityManager, batchId: string, ids: string[]): Promise<LineToSettle[]> {
    return manager.query<LineToSettle[]>(
      `SELECT id, status, amount_cents::float8 AS "amountCents", cheque_count AS "chequeCount",
              end_to_end_id AS "endToEndId"
       FROM reimbursement_line WHERE batch_id = $1 AND id = ANY($2::uuid[])
       ORDER BY id FOR UPDATE`,
      [batchId, ids],
    );
  }

  /** The batch's lines with an end-to-end id (its payable ones at sealing), locked, by id. */
  lockPaidLines(manager: EntityManager, batchId: string): Promise<LineToSettle[]> {
    return manager.query<LineToSettle[]>(
      `SELECT id, status, amount_cents::float8 AS "amountCents", cheque_count AS "chequeCount",
              end_to_end_id AS "endToEndId"
       FROM reimbursement_line WHERE batch_id = $1 AND end_to_end_id IS NOT NULL
       ORDER BY id FOR UPDATE`,
      [batchId],
    );
  }

  /** PAYABLE → PAID on their day; answers how many cheques went IN_BATCH → REIMBURSED. */
  async markPaid(
    manager: EntityManager,
    lines: { id: string; paidOn: string }[],
    by: { id: string | null; label: string },
  ): Promise<number> {
    if (lines.length === 0) return 0;
    const ids = lines.map((l) => l.id);
    await manager.query(
      `UPDATE reimbursement_line l SET status = 'PAID', paid_on = o.paid_on, outcome_by = $3,
              outcome_by_label = $4, outcome_at = now()
       FROM unnest($1::uuid[], $2::date[]) AS o(id, paid_on)
       WHERE l.id = o.id AND l.status = 'PAYABLE'`,
      [ids, lines.map((l) => l.paidOn), by.id, by.label],
    );
    return this.moveCheques(manager, ids, 'REIMBURSED');
  }

  /**
   * PAYABLE → REJECTED with the bank's reason; their cheques go back IN_BATCH → REDEEMED and their
   * redemptions leave the batch (reimbursement_batch_id NULL, the line's link inactive), free for
   * a later batch. Answers how many cheques moved.
   */
  async markRejected(
    manager: EntityManager,
    lines: { id: string; reason: string }[],
    by: { id: string | null; label: string },
  ): Promise<number> {
    if (lines.length === 0) return 0;
    const ids = lines.map((l) => l.id);
    await manager.query(
      `UPDATE reimbursement_line l SET status = 'REJECTED', rejection_reason = o.reason,
              outcome_by = $3, outcome_by_label = $4, outcome_at = now()
       FROM unnest($1::uuid[], $2::text[]) AS o(id, reason)
       WHERE l.id = o.id AND l.status = 'PAYABLE'`,
      [ids, lines.map((l) => l.reason), by.id, by.label],
    );
    const moved = await this.moveCheques(manager, ids, 'REDEEMED');
    await manager.query(
      `UPDATE redemption r SET reimbursement_batch_id = NULL
       FROM reimbursement_line_redemption lr
       WHERE lr.line_id = ANY($1::uuid[]) AND lr.active AND r.id = lr.redemption_id`,
      [ids],
    );
    await manager.query(
      `UPDATE reimbursement_line_redemption SET active = false
       WHERE line_id = ANY($1::uuid[]) AND active`,
      [ids],
    );
    return moved;
  }

  /** The IN_BATCH cheques of these lines' active redemptions to `status`; how many moved. */
  private async moveCheques(
    manager: EntityManager,
    lineIds: string[],
    status: 'REIMBURSED' | 'REDEEMED',
  ): Promise<number> {
    const [, moved] = await manager.query<[unknown[], number]>(
      `UPDATE cheque c SET status = $2, status_changed_at = now()
       FROM reimbursement_line_redemption lr
       JOIN redemption_cheque rc ON rc.redemption_id = lr.redemption_id AND rc.active
       WHERE lr.line_id = ANY($1::uuid[]) AND lr.active AND c.number = rc.cheque_number
         AND c.status = 'IN_BATCH'`,
      [lineIds, status],
    );
    return moved;
  }

  /** The status of every line of the batch (for batchOutcome). */
  async lineStatuses(manager: EntityManager, batchId: string): Promise<BatchLineStatus[]> {
    const rows = await manager.query<{ status: BatchLineStatus }[]>(
      `SELECT DISTINCT status FROM reimbursement_line WHERE batch_id = $1`,
      [batchId],
    );
    return rows.map((r) => r.status);
  }

  /** EXPORTED → PAID or PARTIALLY_PAID, closed now. */
  async close(
    manager: EntityManager,
    batchId: string,
    status: 'PAID' | 'PARTIALLY_PAID',
  ): Promise<boolean> {
    const [, moved] = await manager.query<[unknown[], number]>(
      `UPDATE reimbursement_batch SET status = $2, closed_at = now(), version = version + 1,
              updated_at = now()
       WHERE id = $1 AND status = 'EXPORTED'`,
      [batchId, status],
    );
    return moved === 1;
  }
}
