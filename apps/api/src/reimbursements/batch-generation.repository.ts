import { Injectable } from '@nestjs/common';
import type {
  BankAccountStatus,
  BatchLineStatus,
  BatchStatus,
  QualificationStatus,
} from '@carnet/domain';
import type { EntityManager } from 'typeorm';

/** The batch as its generation reads it, locked. */
export interface BatchToGenerate {
  id: string;
  programmeId: string;
  period: string;
  cutoff: Date;
  status: BatchStatus;
}

/** A venue with redemptions waiting for this batch, and what decides whether it can be paid. */
export interface WaitingVenue {
  venueId: string;
  qualificationStatus: QualificationStatus;
  /** Its current bank account (valid_to IS NULL), if any. */
  accountId: string | null;
  accountStatus: BankAccountStatus | null;
  /** The bank rejected a transfer to this very account (a REJECTED line paid to it). */
  rejectedCurrentAccount: boolean;
}

/** What the generation decided for a venue, before it writes. */
export interface PlannedLine {
  venueId: string;
  status: Extract<BatchLineStatus, 'PAYABLE' | 'ON_HOLD'>;
  holdReasons: string[];
  /** The VERIFIED account paid; null on hold. */
  accountId: string | null;
  /** sepaEndToEndId(batch, venue); null on hold. */
  endToEndId: string | null;
}

/**
 * A line as written, with the figures the generation checks before it seals the batch: the
 * line's amount and cheques come from the cheques (redemption_cheque), `redeemed*` from the
 * redemptions themselves, `moved*` from the cheques actually moved REDEEMED → IN_BATCH.
 */
export interface WrittenLine {
  id: string;
  venueId: string;
  status: 'PAYABLE' | 'ON_HOLD';
  redemptionCount: number;
  chequeCount: number;
  amountCents: number;
  redeemedCents: number;
  redeemedCheques: number;
  movedCheques: number;
  movedCents: number;
  /** reimbursement_line_redemption rows written for the whole batch (same on every row). */
  linked: number;
}

/**
 * The redemptions a batch takes (alias r): its programme's ($programme), ACTIVE, in no batch, made
 * before its cutoff ($cutoff).
 */
const waiting = (programme: string, cutoff: string) =>
  `r.programme_id = ${programme} AND r.status = 'ACTIVE' AND r.reimbursement_batch_id IS NULL
   AND r.created_at < ${cutoff}`;

/**
 * $1 batch, $2 programme, $3 cutoff, then the plan per venue ($4 venue ids, $5 statuses, $6 hold
 * reasons joined by commas, $7 accounts, $8 end-to-end ids). ONE statement, so that one snapshot
 * decides what the batch holds and no row goes to and fro between PostgreSQL and Node:
 * - `taken`: the payable venues' waiting redemptions get the batch (the UPDATE re-checks each row
 *   it locks: a redemption cancelled meanwhile is not taken);
 * - `held`: the waiting redemptions of the venues on hold, left free;
 * - `moved`: the cheques of the taken redemptions REDEEMED → IN_BATCH (one UPDATE by a join; the
 *   tallies trigger finds no carnet whose "started" changes: IN_BATCH is a used status too);
 * - `lines`: one per venue, amount and cheques counted from the cheques, the payee copied from the
 *   planned account, the venue as it is now;
 * - `linked`: every redemption of every line, active only in a payable line.
 * It answers each line with the sums of its redemptions and of the cheques moved, for the check.
 * Exported for the plan check of a benchmark.
 */
export const WRITE_LINES_SQL = `WITH plan AS (
     SELECT * FROM unnest($4::uuid[], $5::text[], $6::text[], $7::uuid[], $8::text[])
       AS p(venue_id, status, hold, account_id, end_to_end_id)
   ), taken AS (
     UPDATE redemption r SET reimbursement_batch_id = $1
     FROM plan p
     WHERE p.status = 'PAYABLE' AND r.venue_id = p.venue_id AND ${waiting('$2', '$3')}
     RETURNING r.id, r.venue_id, r.amount_cents, r.cheque_count
   ), held AS (
     SELECT r.id, r.venue_id, r.amount_cents, r.cheque_count
     FROM redemption r JOIN plan p ON p.venue_id = r.venue_id AND p.status = 'ON_HOLD'
     WHERE ${waiting('$2', '$3')}
   ), members AS (
     SELECT id, venue_id, amount_cents, cheque_count, true AS active FROM taken
     UNION ALL
     SELECT id, venue_id, amount_cents, cheque_count, false FROM held
   ), by_redemption AS (
     SELECT venue_id, count(*)::int AS redemptions, sum(amount_cents)::bigint AS cents,
            sum(cheque_count)::int AS cheques
     FROM members GROUP BY venue_id
   ), by_cheque AS (
     SELECT m.venue_id, count(*)::int AS cheques, sum(rc.face_value_cents)::bigint AS cents
     FROM members m JOIN redemption_cheque rc ON rc.redemption_id = m.id AND rc.active
     GROUP BY m.venue_id
   ), moved AS (
     UPDATE cheque c SET status = 'IN_BATCH', status_changed_at = now()
     FROM taken t JOIN redemption_cheque rc ON rc.redemption_id = t.id AND rc.active
     WHERE c.number = rc.cheque_number AND c.status = 'REDEEMED'
     RETURNING t.venue_id, c.face_value_cents
   ), by_moved AS (
     SELECT venue_id, count(*)::int AS cheques, sum(face_value_cents)::bigint AS cents
     FROM moved GROUP BY venue_id
   ), lines AS (
     INSERT INTO reimbursement_line (batch_id, venue_id, status, hold_reasons, redemption_count,
                                     cheque_count, amount_cents, venue_name, venue_pivot,
                                     venue_typologies, bank_account_id, holder_name, iban, bic,
                                     end_to_end_id)
     SELECT $1, p.venue_id, p.status, string_to_array(p.hold, ','), br.redemptions, bc.cheques,
            bc.cents, v.name, v.pivot, v.typologies, a.id, a.holder_name, a.iban, a.bic,
            p.end_to_end_id
     FROM plan p
     JOIN by_redemption br ON br.venue_id = p.venue_id
     JOIN by_cheque bc ON bc.venue_id = p.venue_id
     JOIN venue v ON v.id = p.venue_id
     LEFT JOIN venue_bank_account a ON a.id = p.account_id AND p.status = 'PAYABLE'
     RETURNING id, venue_id, status, redemption_count, cheque_count, amount_cents
   ), linked AS (
     INSERT INTO reimbursement_line_redemption (line_id, redemption_id, active)
     SELECT l.id, m.id, m.active FROM members m JOIN lines l ON l.venue_id = m.venue_id
     RETURNING 1
   )
   SELECT l.id, l.venue_id AS "venueId", l.status, l.redemption_count AS "redemptionCount",
          l.cheque_count AS "chequeCount", l.amount_cents::float8 AS "amountCents",
          br.cents::float8 AS "redeemedCents", br.cheques AS "redeemedCheques",
          COALESCE(bm.cheques, 0) AS "movedCheques", COALESCE(bm.cents, 0)::float8 AS "movedCents",
          (SELECT count(*) FROM linked)::int AS linked
   FROM lines l
   JOIN by_redemption br ON br.venue_id = l.venue_id
   LEFT JOIN by_moved bm ON bm.venue_id = l.venue_id
   ORDER BY l.venue_id`;

/**
 * The writes of a batch's generation, set-based whatever the batch's size: one statement reads
 * the venues waiting to be paid, one writes the lines, their redemptions and the cheques' moves,
 * then the funder split and the seal. All run in the caller's transaction.
 */
@Injectable()
export class BatchGenerationRepository {
  /** The batch, locked: two runs of its job (a retry, a stalled job taken again) queue here. */
  async lockBatch(manager: EntityManager, id: string): Promise<BatchToGenerate | null> {
    const [row] = await manager.query<BatchToGenerate[]>(
      `SELECT id, programme_id AS "programmeId", period, cutoff, status
       FROM reimbursement_batch WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return row ?? null;
  }

  /** The venues with redemptions waiting for the batch, with their qualification and payee. */
  waitingVenues(manager: EntityManager, batch: BatchToGenerate): Promise<WaitingVenue[]> {
    return manager.query<WaitingVenue[]>(
      `SELECT v.id AS "venueId", v.qualification_status AS "qualificationStatus",
              a.id AS "accountId", a.status AS "accountStatus",
              (a.id IS NOT NULL AND EXISTS (
                SELECT 1 FROM reimbursement_line x
                WHERE x.venue_id = v.id AND x.status = 'REJECTED' AND x.bank_account_id = a.id
              )) AS "rejectedCurrentAccount"
       FROM (SELECT DISTINCT r.venue_id FROM redemption r WHERE ${waiting('$1', '$2')}) w
       JOIN venue v ON v.id = w.venue_id
       LEFT JOIN venue_bank_account a ON a.venue_id = v.id AND a.valid_to IS NULL
       ORDER BY v.id`,
      [batch.programmeId, batch.cutoff],
    );
  }

  /** WRITE_LINES_SQL: the lines as written, by venue id. */
  writeLines(
    manager: EntityManager,
    batch: BatchToGenerate,
    plan: PlannedLine[],
  ): Promise<WrittenLine[]> {
    return manager.query<WrittenLine[]>(WRITE_LINES_SQL, [
      batch.id,
      batch.programmeId,
      batch.cutoff,
      plan.map((p) => p.venueId),
      plan.map((p) => p.status),
      plan.map((p) => p.holdReasons.join(',')),
      plan.map((p) => p.accountId),
      plan.map((p) => p.endToEndId),
    ]);
  }

  /** The programme's funding shares, largest first (the order of the split). */
  shares(
    manager: EntityManager,
    programmeId: string,
  ): Promise<{ funderId: string; basisPoints: number }[]> {
    return manager.query<{ funderId: string; basisPoints: number }[]>(
      `SELECT funder_id AS "funderId", basis_points AS "basisPoints" FROM funding_share
       WHERE programme_id = $1 ORDER BY basis_points DESC, funder_id`,
      [programmeId],
    );
  }

  /** Each funder's part of the batch, and of each payable line: two statements. */
  async writeFunderSplit(
    manager: EntityManager,
    batchId: string,
    funders: { funderId: string; basisPoints: number; cents: number }[],
    lines: { lineId: string; funderId: string; cents: number }[],
  ): Promise<void> {
    if (funders.length > 0) {
      await manager.query(
        `INSERT INTO reimbursement_batch_funder (batch_id, funder_id, basis_points, cents)
         SELECT $1, f.funder_id, f.basis_points, f.cents
         FROM unnest($2::uuid[], $3::int[], $4::bigint[]) AS f(funder_id, basis_points, cents)`,
        [
          batchId,
          funders.map((f) => f.funderId),
          funders.map((f) => f.basisPoints),
          funders.map((f) => f.cents),
        ],
      );
    }
    if (lines.length > 0) {
      await manager.query(
        `INSERT INTO reimbursement_line_funder (line_id, funder_id, cents)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[])`,
        [lines.map((l) => l.lineId), lines.map((l) => l.funderId), lines.map((l) => l.cents)],
      );
    }
  }

  /** GENERATING → DRAFT with its totals; false when it was no longer GENERATING. */
  async seal(
    manager: EntityManager,
    batchId: string,
    totals: {
      lineCount: number;
      redemptionCount: number;
      chequeCount: number;
      payableCents: number;
      onHoldCents: number;
    },
  ): Promise<boolean> {
    const [, sealed] = await manager.query<[unknown[], number]>(
      `UPDATE reimbursement_batch SET status = 'DRAFT', generated_at = now(), line_count = $2,
              redemption_count = $3, cheque_count = $4, payable_cents = $5, on_hold_cents = $6,
              version = version + 1, updated_at = now()
       WHERE id = $1 AND status = 'GENERATING'`,
      [
        batchId,
        totals.lineCount,
        totals.redemptionCount,
        totals.chequeCount,
        totals.payableCents,
        totals.onHoldCents,
      ],
    );
    return sealed === 1;
  }
}
