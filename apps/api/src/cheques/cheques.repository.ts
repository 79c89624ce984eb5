import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  chequeStatusesMovableTo,
  USED_CHEQUE_STATUSES,
  type CancellationReason,
  type ChequeStatus,
  type ProgrammeStatus,
} from '@carnet/domain';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AuditEvent } from '#src/audit/audit-event.entity.js';
import { sqlLiterals } from '#src/database/sql-list.js';
import { CustodyMovement } from '#src/custody/custody-movement.entity.js';
import { Carnet, type CarnetStatus } from './carnet.entity.js';
import { Cheque } from './cheque.entity.js';

/**
 * $1 stock holder, $2 today. Exported for the plan check of test/query-plans.int-spec.ts: it walks
 * IDX_carnet_holder_serial in serial order and stops at the first carnet that qualifies.
 */
export const REPLACEMENT_CANDIDATE_SQL = `SELECT k.id, k.serial::int AS serial, k.issuance_id FROM carnet k
   JOIN issuance i ON i.id = k.issuance_id AND i.status = 'DONE'
   WHERE k.holder_id = $1 AND k.status = 'ACTIVE'
     AND NOT EXISTS (SELECT 1 FROM cheque c WHERE c.carnet_id = k.id
                     AND (c.status <> 'ISSUED' OR c.valid_until < $2::date))
   ORDER BY k.serial LIMIT 1 FOR UPDATE OF k SKIP LOCKED`;

/**
 * Whether the carnet serial :serial lies in the entry's `after.serials` ("1-100, 205-210", as
 * serialRanges writes them). Evaluated only on entries the audit index already narrowed down.
 */
/** A batch's entries that tell a cheque's story (IN_BATCH, REIMBURSED, back to REDEEMED). */
const CHEQUE_BATCH_ACTIONS = [
  'reimbursement-batch.generated',
  'reimbursement-batch.approved',
  'reimbursement-batch.exported',
  'reimbursement-batch.payments-recorded',
  'reimbursement-batch.closed',
];

const SERIAL_IN_ENTRY = `EXISTS (SELECT 1 FROM unnest(string_to_array(e.after->>'serials', ', ')) AS r(part)
     WHERE CAST(:serial AS bigint) BETWEEN split_part(r.part, '-', 1)::bigint
       AND COALESCE(NULLIF(split_part(r.part, '-', 2), ''), split_part(r.part, '-', 1))::bigint)`;

/** A cheque as a redemption reads it once its carnet is locked. */
export interface RedeemableRow {
  number: string;
  carnetId: string;
  programmeId: string;
  faceValueCents: number;
  /** YYYY-MM-DD */
  validUntil: string;
  status: ChequeStatus;
  securityHash: Buffer;
  codeFailures: number;
  lockedAt: Date | null;
  programmeStatus: ProgrammeStatus;
  payableServices: string[];
  /** The day (in France) its carnet was last handed out; null when it never was. */
  handedOutOn: string | null;
  /** Its carnet's status: a cheque of a CANCELLED carnet (lost, stolen, replaced) is never paid. */
  carnetStatus: CarnetStatus;
  /** Whether the redeeming venue's communes are enrolled in the cheque's programme. */
  servesProgramme: boolean;
}

/**
 * Reads of carnets and cheques, and the status changes of cancellation, replacement and
 * redemption.
 */
@Injectable()
export class ChequesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A cheque with its security hash, carnet and programme, for the check. */
  findForCheck(number: string): Promise<Cheque | null> {
    return this.dataSource.manager
      .getRepository(Cheque)
      .createQueryBuilder('cheque')
      .addSelect('cheque.securityHash')
      .innerJoinAndSelect('cheque.carnet', 'carnet')
      .innerJoinAndSelect('cheque.programme', 'programme')
      .where('cheque.number = :number', { number })
      .getOne();
  }

  /** Whether one of these communes is enrolled in the programme. */
  async enrolledAny(
    programmeId: string,
    inseeCodes: string[],
    manager?: EntityManager,
  ): Promise<boolean> {
    const [row] = await (manager ?? this.dataSource.manager).query<{ served: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM enrolment WHERE programme_id = $1 AND insee_code = ANY($2::varchar[])) AS served`,
      [programmeId, inseeCodes],
    );
    return row?.served === true;
  }

  findWithCarnet(number: string): Promise<Cheque | null> {
    return this.dataSource.manager.findOne(Cheque, {
      where: { number },
      relations: { carnet: true },
    });
  }

  /**
   * The audit trail of a cheque: its own events, its carnet's, its run's, the transfers that moved
   * its carnet (one entry per transfer, found through the custody ledger's transfer ids), and the
   * expiries and code renewals that touched its carnet (one entry per programme and batch, per
   * reprint: found by their owner's id, then by the carnet's serial in their serial ranges).
   */
  async events(
    number: string,
    carnet: { id: string; serial: number; programmeId: string; issuanceId: string },
  ): Promise<AuditEvent[]> {
    return withActorNames(
      await this.dataSource.manager
        .getRepository(AuditEvent)
        .createQueryBuilder('e')
        // The person's name for the trail: one join, the user's current name.
        .leftJoin('user_account', 'actor', 'actor.id = e.actor_id')
        .addSelect('actor.display_name', 'actor_name')
        .where(`(e.entity_type = 'cheque' AND e.entity_id = :number)`, { number })
        .orWhere(`(e.entity_type = 'carnet' AND e.entity_id = :carnet)`, { carnet: carnet.id })
        // A reprint renews the codes of the run's stock only: its entry shows where it touched.
        .orWhere(
          `(e.entity_type = 'issuance' AND e.entity_id = :issuance AND (e.action <> 'carnet.codes-renewed' OR ${SERIAL_IN_ENTRY}))`,
          { issuance: carnet.issuanceId, serial: carnet.serial },
        )
        // = ANY(ARRAY(…)): an init plan whose ids the audit index can look up, where IN (…) under
        // an OR would read every transfer entry.
        .orWhere(
          `(e.entity_type = 'transfer' AND e.entity_id = ANY(ARRAY(SELECT m.transfer_id::text FROM custody_movement m WHERE m.carnet_id = CAST(:carnet AS uuid))))`,
        )
        // Its redemptions and their cancellations: one entry per redemption, found by its cheques.
        .orWhere(
          `(e.entity_type = 'redemption' AND e.entity_id = ANY(ARRAY(SELECT r.redemption_id::text FROM redemption_cheque r WHERE r.cheque_number = :number)))`,
        )
        // The reimbursement batches that took its redemption (paying it, or holding it): their
        // generation, approval, export, the bank's outcome and their closing, not downloads.
        .orWhere(
          `(e.entity_type = 'reimbursement-batch' AND e.action IN (:...batchActions) AND e.entity_id = ANY(ARRAY(SELECT l.batch_id::text FROM redemption_cheque rc JOIN reimbursement_line_redemption lr ON lr.redemption_id = rc.redemption_id JOIN reimbursement_line l ON l.id = lr.line_id WHERE rc.cheque_number = :number)))`,
          { batchActions: CHEQUE_BATCH_ACTIONS },
        )
        // IDX_audit_event_entity finds the programme's expiry entries (one per night and batch
        // that expired something); the serial test then reads only those few.
        .orWhere(`(e.entity_type = 'expiry' AND e.entity_id = :programme AND ${SERIAL_IN_ENTRY})`, {
          programme: carnet.programmeId,
        })
        .orderBy('e.id', 'ASC')
        .getRawAndEntities(),
    );
  }

  lockCheque(manager: EntityManager, number: string): Promise<Cheque | null> {
    return manager.findOne(Cheque, { where: { number }, lock: { mode: 'pessimistic_write' } });
  }

  getCheque(manager: EntityManager, number: string): Promise<Cheque> {
    return manager.findOneByOrFail(Cheque, { number });
  }

  async cancelCheque(
    manager: EntityManager,
    number: string,
    reason: CancellationReason,
  ): Promise<void> {
    await manager.update(
      Cheque,
      { number },
      { status: 'CANCELLED', cancellationReason: reason, statusChangedAt: () => 'now()' },
    );
  }

  /**
   * Cancels the unused cheques of a carnet (the statuses the state machine lets move to
   * CANCELLED); returns their numbers.
   */
  async cancelUnusedOf(
    manager: EntityManager,
    carnetId: string,
    reason: CancellationReason,
  ): Promise<string[]> {
    const [cancelled] = await manager.query<[{ number: string }[], number]>(
      `UPDATE cheque SET status = 'CANCELLED', cancellation_reason = $2, status_changed_at = now()
       WHERE carnet_id = $1 AND status IN (${sqlLiterals(chequeStatusesMovableTo('CANCELLED'))}) RETURNING number`,
      [carnetId, reason],
    );
    return cancelled.map((c) => c.number);
  }

  /**
   * Moves every cheque of a carnet that is `from` to `to` (a hand-out: ISSUED → DISTRIBUTED; its
   * undo: back); returns how many moved.
   */
  async moveCarnetCheques(
    manager: EntityManager,
    carnetId: string,
    from: ChequeStatus,
    to: ChequeStatus,
  ): Promise<number> {
    const [, moved] = await manager.query<[unknown[], number]>(
      `UPDATE cheque SET status = $3, status_changed_at = now() WHERE carnet_id = $1 AND status = $2`,
      [carnetId, from, to],
    );
    return moved;
  }

  /** A carnet's cheques by status, and how many ISSUED ones are still valid on `today`. */
  async carnetChequeCounts(
    manager: EntityManager,
    carnetId: string,
    today: string,
  ): Promise<{ used: number; issuedValid: number }> {
    const [row] = await manager.query<{ used: number; issued_valid: number }[]>(
      `SELECT count(*) FILTER (WHERE status IN (${sqlLiterals(USED_CHEQUE_STATUSES)}))::int AS used,
              count(*) FILTER (WHERE status = 'ISSUED' AND valid_until >= $2::date)::int AS issued_valid
       FROM cheque WHERE carnet_id = $1`,
      [carnetId, today],
    );
    return { used: row?.used ?? 0, issuedValid: row?.issued_valid ?? 0 };
  }

  /** Cheques of a cancelled carnet that were lost (not the surplus of an earlier replacement). */
  async lostCheques(manager: EntityManager, carnetId: string): Promise<number> {
    const [lost] = await manager.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM cheque WHERE carnet_id = $1 AND status = 'CANCELLED' AND cancellation_reason <> 'REPLACEMENT_SURPLUS'`,
      [carnetId],
    );
    return lost?.n ?? 0;
  }

  /**
   * The first whole carnet of a stock, of a DONE run, every cheque ISSUED and valid on `today`,
   * locked (SKIP LOCKED: two replacements at once take two carnets).
   */
  async replacementCandidate(
    manager: EntityManager,
    stockId: string,
    today: string,
  ): Promise<{ id: string; serial: number; issuance_id: string } | undefined> {
    const [candidate] = await manager.query<{ id: string; serial: number; issuance_id: string }[]>(
      REPLACEMENT_CANDIDATE_SQL,
      [stockId, today],
    );
    return candidate;
  }

  /**
   * Cancels the cheques of a replacement carnet beyond the `kept` first ones; returns them. Only
   * ISSUED ones: a replacement is a whole unused carnet (the service checks ISSUED → CANCELLED).
   */
  async cancelSurplus(manager: EntityManager, carnetId: string, kept: number): Promise<string[]> {
    const [surplus] = await manager.query<[{ number: string }[], number]>(
      `UPDATE cheque SET status = 'CANCELLED', cancellation_reason = 'REPLACEMENT_SURPLUS', status_changed_at = now()
       WHERE carnet_id = $1 AND position > $2 AND status = 'ISSUED' RETURNING number`,
      [carnetId, kept],
    );
    return surplus.map((c) => c.number);
  }

  findCarnet(manager: EntityManager, id: string): Promise<Carnet | null> {
    return manager.findOneBy(Carnet, { id });
  }

  getCarnet(manager: EntityManager, id: string): Promise<Carnet> {
    return manager.findOneByOrFail(Carnet, { id });
  }

  lockCarnet(manager: EntityManager, id: string): Promise<Carnet | null> {
    return manager.findOne(Carnet, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  isReplaced(manager: EntityManager, carnetId: string): Promise<boolean> {
    return manager.existsBy(Carnet, { replacesCarnetId: carnetId });
  }

  async markReplacement(manager: EntityManager, carnetId: string, replaces: string): Promise<void> {
    await manager.update(Carnet, { id: carnetId }, { replacesCarnetId: replaces });
  }

  /** Carnets with their current and last holders; the caller narrows it to what one may see. */
  carnetsWithHolders(): SelectQueryBuilder<Carnet> {
    return this.dataSource.manager
      .getRepository(Carnet)
      .createQueryBuilder('carnet')
      .leftJoinAndSelect('carnet.holder', 'holder')
      .leftJoinAndSelect('holder.commune', 'holderCommune')
      .leftJoinAndSelect('holder.prescriber', 'holderPrescriber')
      .leftJoinAndSelect('carnet.lastHolder', 'lastHolder')
      .leftJoinAndSelect('lastHolder.commune', 'lastHolderCommune')
      .leftJoinAndSelect('lastHolder.prescriber', 'lastHolderPrescriber')
      .leftJoin('holderPrescriber.commune', 'prescriberCommune');
  }

  chequesOf(carnetId: string): Promise<Cheque[]> {
    return this.dataSource.manager.find(Cheque, {
      where: { carnetId },
      order: { position: 'ASC' },
    });
  }

  async replacementOf(carnetId: string): Promise<string | null> {
    const replacement = await this.dataSource.manager.findOne(Carnet, {
      where: { replacesCarnetId: carnetId },
      select: { id: true },
    });
    return replacement?.id ?? null;
  }

  /** The custody ledger of a carnet, with its holders' names and its actors' (one query). */
  async movements(carnetId: string): Promise<CustodyMovement[]> {
    return withActorNames(
      await this.dataSource.manager
        .getRepository(CustodyMovement)
        .createQueryBuilder('m')
        .leftJoinAndSelect('m.fromHolder', 'fh')
        .leftJoinAndSelect('fh.commune', 'fhc')
        .leftJoinAndSelect('fh.prescriber', 'fhp')
        .leftJoinAndSelect('m.toHolder', 'th')
        .leftJoinAndSelect('th.commune', 'thc')
        .leftJoinAndSelect('th.prescriber', 'thp')
        .leftJoin('user_account', 'actor', 'actor.id = m.actor_id')
        .addSelect('actor.display_name', 'actor_name')
        .where('m.carnet_id = :carnetId', { carnetId })
        .orderBy('m.id', 'ASC')
        .getRawAndEntities(),
    );
  }

  /**
   * Locks, in id order, the prescribers' custody rows whose `started` tally redeeming (or
   * un-redeeming) these cheques may change: the prescriber who handed out each of their carnets.
   * Custody takes holders before carnets (a hand-out's undo locks the prescriber, then the
   * carnet) and the tallies trigger updates the prescriber's row after the cheque's UPDATE, under
   * the carnet's lock: taking these rows first keeps one order, holders then carnets, so a
   * redemption never deadlocks with an undo, nor two redemptions of several carnets with each
   * other. With `onlyUnstarted`, only the carnets with no used cheque yet (the only ones a
   * redemption moves the tally of), so that the prescriber's row is not a lock every redemption
   * waits on; a carnet that loses its last used cheque between this read and its own lock (a
   * cancellation committing in between) leaves the trigger to take the row itself, and a deadlock
   * then is retried by the transaction.
   */
  async lockTalliedHolders(
    manager: EntityManager,
    numbers: string[],
    onlyUnstarted: boolean,
  ): Promise<void> {
    await manager.query(
      `SELECT h.id FROM custody_holder h
       WHERE h.id IN (
         SELECT p.id FROM carnet k
         JOIN custody_holder b ON b.id = k.holder_id AND b.kind = 'BENEFICIARY'
         JOIN custody_holder p ON p.programme_id = b.programme_id AND p.kind = 'PRESCRIBER'
                              AND p.prescriber_id = b.prescriber_id
         WHERE k.id IN (SELECT carnet_id FROM cheque WHERE number = ANY($1::char(12)[]))
           AND (NOT $2 OR NOT EXISTS (
             SELECT 1 FROM cheque u WHERE u.carnet_id = k.id
               AND u.status IN ('REDEEMED', 'IN_BATCH', 'REIMBURSED')))
       )
       ORDER BY h.id FOR UPDATE`,
      [numbers, onlyUnstarted],
    );
  }

  /**
   * Locks the carnets of these cheques, in id order, after their holders (lockTalliedHolders):
   * two redemptions, or a redemption and a cancellation, of the same carnet wait for each other.
   * Returns the locked carnets with their status.
   */
  lockCarnetsOf(
    manager: EntityManager,
    numbers: string[],
  ): Promise<{ id: string; status: CarnetStatus }[]> {
    return manager.query<{ id: string; status: CarnetStatus }[]>(
      `SELECT id, status FROM carnet WHERE id IN (SELECT carnet_id FROM cheque WHERE number = ANY($1::char(12)[]))
       ORDER BY id FOR UPDATE`,
      [numbers],
    );
  }

  /**
   * The cheques a redemption names, with what decides whether they are payable (no lock), and
   * whether a venue of these communes serves each cheque's programme.
   */
  redeemable(
    manager: EntityManager,
    numbers: string[],
    venueInseeCodes: string[],
  ): Promise<RedeemableRow[]> {
    return manager.query<RedeemableRow[]>(
      `SELECT q.number, q.carnet_id AS "carnetId", q.programme_id AS "programmeId",
              q.face_value_cents AS "faceValueCents", to_char(q.valid_until, 'YYYY-MM-DD') AS "validUntil",
              q.status, q.security_hash AS "securityHash", q.code_failures AS "codeFailures",
              q.locked_at AS "lockedAt", p.status AS "programmeStatus",
              p.payable_services AS "payableServices", k.status AS "carnetStatus",
              (SELECT to_char(max(m.created_at) AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD')
               FROM custody_movement m WHERE m.carnet_id = q.carnet_id AND m.kind = 'HAND_OUT') AS "handedOutOn",
              EXISTS (SELECT 1 FROM enrolment e WHERE e.programme_id = q.programme_id
                        AND e.insee_code = ANY($2::varchar[])) AS "servesProgramme"
       FROM cheque q JOIN programme p ON p.id = q.programme_id JOIN carnet k ON k.id = q.carnet_id
       WHERE q.number = ANY($1::char(12)[])`,
      [numbers, venueInseeCodes],
    );
  }

  /**
   * DISTRIBUTED → REDEEMED for these cheques, in one statement by primary key, each only if it is
   * still DISTRIBUTED, not locked (wrong codes lock it without its carnet's lock) and its carnet
   * still ACTIVE: what it returns (the cheques it moved) decides, never an earlier read. A right
   * code clears its wrong-code count.
   */
  async redeem(manager: EntityManager, numbers: string[]): Promise<string[]> {
    const rows = await manager.query<{ number: string }[]>(
      `WITH moved AS (
         UPDATE cheque SET status = 'REDEEMED', status_changed_at = now(), code_failures = 0
         WHERE number = ANY($1::char(12)[]) AND status = 'DISTRIBUTED' AND locked_at IS NULL
           AND EXISTS (SELECT 1 FROM carnet k WHERE k.id = cheque.carnet_id AND k.status = 'ACTIVE')
         RETURNING number
       )
       SELECT number FROM moved`,
      [numbers],
    );
    return rows.map((r) => r.number);
  }

  /** REDEEMED → DISTRIBUTED for these cheques (a redemption cancelled); returns how many moved. */
  async unredeem(manager: EntityManager, numbers: string[]): Promise<number> {
    const [, moved] = await manager.query<[unknown[], number]>(
      `UPDATE cheque SET status = 'DISTRIBUTED', status_changed_at = now()
       WHERE number = ANY($1::char(12)[]) AND status = 'REDEEMED'`,
      [numbers],
    );
    return moved;
  }

  /** Its status now, and whether wrong codes locked it: why a conditional UPDATE moved nothing. */
  async stateOf(
    manager: EntityManager,
    number: string,
  ): Promise<{ status: ChequeStatus; locked: boolean } | null> {
    const [row] = await manager.query<{ status: ChequeStatus; locked: boolean }[]>(
      `SELECT status, locked_at IS NOT NULL AS locked FROM cheque WHERE number = $1`,
      [number],
    );
    return row ?? null;
  }

  async statusOf(manager: EntityManager, number: string): Promise<ChequeStatus | null> {
    const [row] = await manager.query<{ status: ChequeStatus }[]>(
      `SELECT status FROM cheque WHERE number = $1`,
      [number],
    );
    return row?.status ?? null;
  }

  /**
   * One more wrong code for each of these unlocked cheques (one statement); the `lockAt`-th locks
   * a cheque. Returns the cheques this call locked, with their count. Unknown or already locked
   * cheques are left alone.
   */
  async addCodeFailures(
    manager: EntityManager,
    numbers: string[],
    lockAt: number,
  ): Promise<{ number: string; failures: number }[]> {
    const rows = await manager.query<{ number: string; failures: number; locked: boolean }[]>(
      `WITH counted AS (
         UPDATE cheque SET code_failures = code_failures + 1,
                locked_at = CASE WHEN code_failures + 1 >= $2 THEN now() END
         WHERE number = ANY($1::char(12)[]) AND locked_at IS NULL
         RETURNING number, code_failures AS failures, locked_at IS NOT NULL AS locked
       )
       SELECT number, failures, locked FROM counted ORDER BY number`,
      [numbers, lockAt],
    );
    return rows.filter((r) => r.locked).map(({ number, failures }) => ({ number, failures }));
  }

  /** A right code: the wrong ones before it no longer count (a write only when there were some). */
  async clearCodeFailures(number: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE cheque SET code_failures = 0 WHERE number = $1 AND code_failures > 0 AND locked_at IS NULL`,
      [number],
    );
  }

  /** Unlocks a locked cheque; null when it was not locked. */
  async unlock(
    manager: EntityManager,
    number: string,
  ): Promise<{ failures: number; lockedAt: Date } | null> {
    const [rows] = await manager.query<[{ failures: number; lockedAt: Date }[], number]>(
      `UPDATE cheque q SET code_failures = 0, locked_at = NULL
       FROM (SELECT number, code_failures, locked_at FROM cheque WHERE number = $1 FOR UPDATE) old
       WHERE q.number = old.number AND old.locked_at IS NOT NULL
       RETURNING old.code_failures AS failures, old.locked_at AS "lockedAt"`,
      [number],
    );
    return rows[0] ?? null;
  }
}

/**
 * Sets each entity's `actorName` from its raw row (`actor_name`). Every join of these reads is
 * to-one, so raw rows and entities come one for one, in the same order.
 */
function withActorNames<T extends { actorName?: string | null }>(result: {
  entities: T[];
  raw: { actor_name?: string | null }[];
}): T[] {
  return result.entities.map((entity, i) =>
    Object.assign(entity, { actorName: result.raw[i]?.actor_name ?? null }),
  );
}
