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
   * Records a hand-out under the one-per-household rule (or under a manager's permission when
   * `exceptionId` is given). A concurrent hand-out for the same household waits for the other
   * transaction and then takes nothing: null means the household (or the permission) is taken.
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
    },
  ): Promise<string | null> {
    const arbiter =
      row.exceptionId === null
        ? `(programme_id, household_key) WHERE status = 'ACTIVE' AND exception_id IS NULL`
        : `(exception_id) WHERE status = 'ACTIVE'`;
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO hand_out (programme_id, beneficiary_id, household_key, carnet_id, prescriber_id,
                             agent_id, diagnostic_id, exception_id, transfer_id)
       SELECT b.programme_id, b.id, b.household_key, $2, b.prescriber_id, $3, $4, $5, $6
       FROM beneficiary b WHERE b.id = $1
       ON CONFLICT ${arbiter} DO NOTHING
       RETURNING id`,
      [
        row.beneficiaryId,
        row.carnetId,
        row.agentId,
        row.diagnosticId,
        row.exceptionId,
        row.transferId,
      ],
    );
    return rows[0]?.id ?? null;
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
   * The permissions for a beneficiary's household (granted through it or another member of the
   * household the caller may see), each with the moment an ACTIVE hand-out used it.
   */
  exceptions(beneficiaryId: string, manager?: EntityManager): Promise<HouseholdExceptionRow[]> {
    return (manager ?? this.dataSource.manager).query<HouseholdExceptionRow[]>(
      `SELECT e.id, e.beneficiary_id AS "beneficiaryId", e.justification,
              e.granted_by AS "grantedById", u.display_name AS "grantedByName",
              e.created_at AS "grantedAt",
              (SELECT h.created_at FROM hand_out h WHERE h.exception_id = e.id AND h.status = 'ACTIVE') AS "usedAt"
       FROM household_exception e
       JOIN beneficiary b ON b.id = $1
       JOIN user_account u ON u.id = e.granted_by
       WHERE e.programme_id = b.programme_id
         AND (e.beneficiary_id = b.id OR e.household_key = b.household_key)
       ORDER BY e.created_at DESC, e.id`,
      [beneficiaryId],
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
