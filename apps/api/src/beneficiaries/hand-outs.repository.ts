import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type HandOutStatus } from '@carnet/domain';
import { DataSource, type EntityManager } from 'typeorm';

/** A hand-out as it is answered: with its carnet, structure and agent named. */
export interface HandOutRow {
  id: string;
  beneficiaryId: string;
  programmeId: string;
  carnetId: string;
  carnetSerial: number;
  cheques: number;
  valueCents: number;
  validUntil: string | null;
  prescriberId: string;
  prescriberName: string;
  agentId: string;
  agentName: string;
  diagnosticId: string;
  exceptionId: string | null;
  status: HandOutStatus;
  createdAt: Date;
  undoneAt: Date | null;
}

export interface HouseholdExceptionRow {
  id: string;
  beneficiaryId: string;
  justification: string;
  grantedById: string;
  grantedByName: string;
  grantedAt: Date;
  usedAt: Date | null;
}

// The carnet's cheques still worth something (neither cancelled nor expired), and their value.
const HAND_OUT_SELECT = `
  SELECT h.id, h.beneficiary_id AS "beneficiaryId", h.programme_id AS "programmeId",
         h.carnet_id AS "carnetId", k.serial::int AS "carnetSerial",
         c.cheques, c.value_cents AS "valueCents", to_char(c.valid_until, 'YYYY-MM-DD') AS "validUntil",
         h.prescriber_id AS "prescriberId", p.name AS "prescriberName",
         h.agent_id AS "agentId", u.display_name AS "agentName",
         h.diagnostic_id AS "diagnosticId", h.exception_id AS "exceptionId", h.status,
         h.created_at AS "createdAt", h.undone_at AS "undoneAt"
  FROM hand_out h
  JOIN carnet k ON k.id = h.carnet_id
  JOIN prescriber p ON p.id = h.prescriber_id
  JOIN user_account u ON u.id = h.agent_id
  CROSS JOIN LATERAL (
    SELECT count(*)::int AS cheques, COALESCE(sum(face_value_cents), 0)::int AS value_cents,
           max(valid_until) AS valid_until
    FROM cheque q WHERE q.carnet_id = h.carnet_id AND q.status NOT IN ('CANCELLED', 'EXPIRED')
  ) c`;

/**
 * The only writer of hand_out and household_exception. The household key is copied from the
 * beneficiary's row inside SQL: the service never handles it.
 */
@Injectable()
export class HandOutsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Records a hand-out in the household's slot `slot` (or under a manager's permission when
   * `exceptionId` is given). A concurrent hand-out for the same household and slot waits for the
   * other transaction and then takes nothing: null means that slot (or the permission) is taken.
   * A beneficiary whose household key was erased takes nothing either.
   */
  async insert(
    manager: EntityManager,
    row: {
      beneficiaryId: string;
      carnetId: string;
      agentId: string;
      diagnosticId: string;
      transferId: string;
      exceptionId: string | null;
      slot: number;
    },
  ): Promise<string | null> {
    const arbiter =
      row.exceptionId === null
        ? `(programme_id, household_key, slot) WHERE status = 'ACTIVE' AND exception_id IS NULL`
        : `(exception_id) WHERE status = 'ACTIVE'`;
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO hand_out (programme_id, beneficiary_id, household_key, carnet_id, prescriber_id,
                             agent_id, diagnostic_id, exception_id, transfer_id, slot)
       SELECT b.programme_id, b.id, b.household_key, $2, b.prescriber_id, $3, $4, $5, $6, $7
       FROM beneficiary b WHERE b.id = $1 AND b.household_key IS NOT NULL
       ON CONFLICT ${arbiter} DO NOTHING
       RETURNING id`,
      [
        row.beneficiaryId,
        row.carnetId,
        row.agentId,
        row.diagnosticId,
        row.exceptionId,
        row.transferId,
        row.slot,
      ],
    );
    return rows[0]?.id ?? null;
  }

  /**
   * Locks the beneficiary's row against an edit or an erasure for the rest of the hand-out, so
   * that the household key it copies is the one in force.
   */
  async lockBeneficiary(manager: EntityManager, beneficiaryId: string): Promise<void> {
    await manager.query(`SELECT 1 FROM beneficiary WHERE id = $1 FOR SHARE`, [beneficiaryId]);
  }

  /**
   * A person who moved: their ACTIVE hand-outs follow their new household key (after the update
   * of the beneficiary's row), each in the new household's next free slot, so that the new
   * household's limit counts their carnet. Permissions stay with the household they were granted
   * for.
   */
  async followHousehold(manager: EntityManager, beneficiaryId: string): Promise<void> {
    const moving = await manager.query<{ id: string }[]>(
      `SELECT h.id FROM hand_out h JOIN beneficiary b ON b.id = h.beneficiary_id
       WHERE h.beneficiary_id = $1 AND h.status = 'ACTIVE' AND h.exception_id IS NULL
         AND h.household_key IS DISTINCT FROM b.household_key
       ORDER BY h.created_at FOR UPDATE OF h`,
      [beneficiaryId],
    );
    for (const { id } of moving) {
      await manager.query(
        `UPDATE hand_out h SET household_key = b.household_key,
           slot = 1 + COALESCE((SELECT max(o.slot) FROM hand_out o
                                WHERE o.programme_id = h.programme_id AND o.household_key = b.household_key
                                  AND o.status = 'ACTIVE' AND o.exception_id IS NULL), 0)
         FROM beneficiary b WHERE h.id = $1 AND b.id = h.beneficiary_id`,
        [id],
      );
    }
  }

  /** The UNDONE hand-out of a carnet to a beneficiary, latest first (an undo sent again). */
  async findUndone(beneficiaryId: string, carnetId: string): Promise<HandOutRow | null> {
    const rows = await this.dataSource.query<HandOutRow[]>(
      `${HAND_OUT_SELECT} WHERE h.beneficiary_id = $1 AND h.carnet_id = $2 AND h.status = 'UNDONE'
       ORDER BY h.undone_at DESC LIMIT 1`,
      [beneficiaryId, carnetId],
    );
    return rows[0] ?? null;
  }

  /**
   * The oldest manager's permission for the beneficiary's household that no ACTIVE hand-out
   * uses, locked until the transaction ends (null when there is none).
   */
  async lockFreeException(manager: EntityManager, beneficiaryId: string): Promise<string | null> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT e.id FROM household_exception e
       JOIN beneficiary b ON b.id = $1
       WHERE e.programme_id = b.programme_id AND e.household_key = b.household_key
         AND NOT EXISTS (SELECT 1 FROM hand_out h WHERE h.exception_id = e.id AND h.status = 'ACTIVE')
       ORDER BY e.created_at, e.id LIMIT 1 FOR UPDATE OF e`,
      [beneficiaryId],
    );
    return rows[0]?.id ?? null;
  }

  async find(manager: EntityManager, id: string): Promise<HandOutRow> {
    const [row] = await manager.query<HandOutRow[]>(`${HAND_OUT_SELECT} WHERE h.id = $1`, [id]);
    return row;
  }

  /** A beneficiary's hand-outs, newest first (a handful at most). */
  list(beneficiaryId: string): Promise<HandOutRow[]> {
    return this.dataSource.query<HandOutRow[]>(
      `${HAND_OUT_SELECT} WHERE h.beneficiary_id = $1 ORDER BY h.created_at DESC, h.id`,
      [beneficiaryId],
    );
  }

  /** The ACTIVE hand-out of a carnet to a beneficiary, locked (null when there is none). */
  async lockActive(
    manager: EntityManager,
    beneficiaryId: string,
    carnetId: string,
  ): Promise<{ id: string; status: HandOutStatus; createdAt: Date; prescriberId: string } | null> {
    const rows = await manager.query<
      { id: string; status: HandOutStatus; createdAt: Date; prescriberId: string }[]
    >(
      `SELECT id, status, created_at AS "createdAt", prescriber_id AS "prescriberId" FROM hand_out
       WHERE beneficiary_id = $1 AND carnet_id = $2 AND status = 'ACTIVE' FOR UPDATE`,
      [beneficiaryId, carnetId],
    );
    return rows[0] ?? null;
  }

  async markUndone(
    manager: EntityManager,
    id: string,
    undoneBy: string,
    undoTransferId: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE hand_out SET status = 'UNDONE', undone_at = now(), undone_by = $2, undo_transfer_id = $3
       WHERE id = $1 AND status = 'ACTIVE'`,
      [id, undoneBy, undoTransferId],
    );
  }

  /** A manager's permission for one more carnet in the beneficiary's household. */
  async insertException(
    manager: EntityManager,
    beneficiaryId: string,
    justification: string,
    grantedBy: string,
  ): Promise<string> {
    const [row] = await manager.query<{ id: string }[]>(
      `INSERT INTO household_exception (programme_id, beneficiary_id, household_key, justification, granted_by)
       SELECT b.programme_id, b.id, b.household_key, $2, $3 FROM beneficiary b WHERE b.id = $1
       RETURNING id`,
      [beneficiaryId, justification, grantedBy],
    );
    return row.id;
  }

  /**
   * The permissions for a beneficiary's household, each with the moment an ACTIVE hand-out used
   * it: the programme team sees every member's; a structure only those granted through the people
   * it registered (another structure's justification is not its to read).
   */
  exceptions(
    beneficiaryId: string,
    wholeHousehold: boolean,
    manager?: EntityManager,
  ): Promise<HouseholdExceptionRow[]> {
    return (manager ?? this.dataSource.manager).query<HouseholdExceptionRow[]>(
      `SELECT e.id, e.beneficiary_id AS "beneficiaryId", e.justification,
              e.granted_by AS "grantedById", u.display_name AS "grantedByName",
              e.created_at AS "grantedAt",
              (SELECT h.created_at FROM hand_out h WHERE h.exception_id = e.id AND h.status = 'ACTIVE') AS "usedAt"
       FROM household_exception e
       JOIN beneficiary b ON b.id = $1
       JOIN beneficiary eb ON eb.id = e.beneficiary_id
       JOIN user_account u ON u.id = e.granted_by
       WHERE e.programme_id = b.programme_id
         AND (e.beneficiary_id = b.id OR (e.household_key = b.household_key
              AND ($2::boolean OR eb.prescriber_id = b.prescriber_id)))
       ORDER BY e.created_at DESC, e.id`,
      [beneficiaryId, wholeHousehold],
    );
  }

  async isDiagnosticOf(
    manager: EntityManager,
    beneficiaryId: string,
    diagnosticId: string,
  ): Promise<boolean> {
    const [row] = await manager.query<{ found: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM diagnostic WHERE id = $1 AND beneficiary_id = $2) AS found`,
      [diagnosticId, beneficiaryId],
    );
    return row?.found === true;
  }

  /** Whether the beneficiary still has its household key (erased or purged ones have none). */
  async hasHouseholdKey(manager: EntityManager, beneficiaryId: string): Promise<boolean> {
    const [row] = await manager.query<{ known: boolean }[]>(
      `SELECT household_key IS NOT NULL AS known FROM beneficiary WHERE id = $1`,
      [beneficiaryId],
    );
    return row?.known === true;
  }
}
