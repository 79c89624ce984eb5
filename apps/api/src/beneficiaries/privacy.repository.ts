import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AgeBand } from '@carnet/domain';
import { DataSource, type EntityManager } from 'typeorm';

/** What anonymising a beneficiary needs to know, read under a row lock. */
export interface AnonymisableRow {
  id: string;
  ageBand: AgeBand | null;
  birthYear: number | null;
  createdAt: Date;
  purgedAt: Date | null;
  erasedAt: Date | null;
}

/** A programme that still has beneficiaries with identifying data, and its dates. */
export interface RetentionProgrammeRow {
  id: string;
  endDate: string;
  validityEndDate: string;
  graceDays: number;
}

export interface ExportCarnetRow {
  id: string;
  serial: number;
  programmeId: string;
  status: string;
  heldNow: boolean;
}

export interface ExportChequeRow {
  carnetId: string;
  number: string;
  position: number;
  faceValueCents: number;
  validUntil: string;
  status: string;
}

export interface ExportMovementRow {
  id: string;
  carnetId: string;
  serial: number;
  kind: string;
  toPerson: boolean;
  actorLabel: string;
  note: string | null;
  createdAt: Date;
}

const ANONYMISABLE = `SELECT id, age_band AS "ageBand", birth_year AS "birthYear",
    created_at AS "createdAt", purged_at AS "purgedAt", erased_at AS "erasedAt"
  FROM beneficiary`;

/** What a household permission's justification becomes once its beneficiary is anonymised. */
export const ERASED_JUSTIFICATION = 'Justification effacée avec les données de la personne.';

/** The custody holders of one person (one per programme they received a carnet in). */
const HOLDERS = `SELECT id FROM custody_holder WHERE kind = 'BENEFICIARY' AND beneficiary_id = $1`;

/**
 * Purge, erasure and export of beneficiaries' data. `anonymise` is the one statement that removes
 * identifying data, for the retention purge and an erasure alike.
 */
@Injectable()
export class PrivacyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Programmes with at least one beneficiary not purged yet (IDX_beneficiary_unpurged). */
  programmesWithIdentifiableBeneficiaries(): Promise<RetentionProgrammeRow[]> {
    return this.dataSource.query<RetentionProgrammeRow[]>(
      `SELECT p.id, to_char(p.end_date, 'YYYY-MM-DD') AS "endDate",
              to_char(p.validity_end_date, 'YYYY-MM-DD') AS "validityEndDate",
              p.grace_days AS "graceDays"
       FROM programme p
       WHERE EXISTS (SELECT 1 FROM beneficiary b WHERE b.programme_id = p.id AND b.purged_at IS NULL)
       ORDER BY p.id`,
    );
  }

  /** Up to `limit` beneficiaries of a programme not purged yet, locked (others' skipped). */
  lockUnpurged(
    manager: EntityManager,
    programmeId: string,
    limit: number,
  ): Promise<AnonymisableRow[]> {
    return manager.query<AnonymisableRow[]>(
      `${ANONYMISABLE} WHERE programme_id = $1 AND purged_at IS NULL
       ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [programmeId, limit],
    );
  }

  async lockOne(manager: EntityManager, id: string): Promise<AnonymisableRow | null> {
    const rows = await manager.query<AnonymisableRow[]>(
      `${ANONYMISABLE} WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * Removes the identifying data of locked beneficiaries: household key, first name, contact,
   * consent, birth year (replaced by the given age band), their diagnostics' notes, and the
   * household key copied on their hand-outs and household permissions (with those permissions'
   * justification); marks them purged (the first time) and erased when `erasedAt` is given. Commune, situation, age band,
   * needs, procedures, autonomy, equipment and dates stay. Returns the diagnostics whose notes
   * were removed.
   */
  async anonymise(
    manager: EntityManager,
    rows: readonly { id: string; ageBand: AgeBand }[],
    now: Date,
    erasedAt: Date | null,
  ): Promise<number> {
    if (rows.length === 0) return 0;
    await manager.query(
      `UPDATE beneficiary b
       SET household_key = NULL, first_name = NULL, contact = NULL,
           consent_scope = NULL, consent_at = NULL, consent_recorded_by = NULL,
           age_band = x.age_band, birth_year = NULL,
           purged_at = coalesce(b.purged_at, $3), erased_at = coalesce($4, b.erased_at),
           updated_at = $3
       FROM unnest($1::uuid[], $2::text[]) AS x(id, age_band)
       WHERE b.id = x.id`,
      [rows.map((r) => r.id), rows.map((r) => r.ageBand), now, erasedAt],
    );
    // The copies of the household key a hand-out and a manager's permission keep, and the
    // permission's free-text justification (it describes the household).
    // An erasure keeps the keyed hash on the person's ACTIVE hand-outs while the programme runs:
    // it is what stops their household receiving more carnets than the programme allows (public
    // money), it says nothing without the server's key, and the retention purge removes it.
    await manager.query(
      `UPDATE hand_out h SET household_key = NULL
       WHERE h.beneficiary_id = ANY($1::uuid[]) AND h.household_key IS NOT NULL
         AND ($2::timestamptz IS NULL OR h.status <> 'ACTIVE'
              OR EXISTS (SELECT 1 FROM programme p WHERE p.id = h.programme_id AND p.status <> 'ACTIVE'))`,
      [rows.map((r) => r.id), erasedAt],
    );
    await manager.query(
      `UPDATE household_exception SET household_key = NULL, justification = $2
       WHERE beneficiary_id = ANY($1::uuid[]) AND household_key IS NOT NULL`,
      [rows.map((r) => r.id), ERASED_JUSTIFICATION],
    );
    const [{ cleared }] = await manager.query<{ cleared: number }[]>(
      `WITH cleared AS (
         UPDATE diagnostic SET notes = NULL
         WHERE beneficiary_id = ANY($1::uuid[]) AND notes IS NOT NULL RETURNING 1
       )
       SELECT count(*)::int AS cleared FROM cleared`,
      [rows.map((r) => r.id)],
    );
    return cleared;
  }

  /** Carnets the person holds or held (from the custody ledger), the ones held now first. */
  exportCarnets(beneficiaryId: string): Promise<ExportCarnetRow[]> {
    return this.dataSource.query<ExportCarnetRow[]>(
      `WITH holders AS (${HOLDERS})
       SELECT c.id, c.serial::int AS serial, c.programme_id AS "programmeId", c.status,
              coalesce(c.holder_id IN (SELECT id FROM holders), false) AS "heldNow"
       FROM carnet c
       WHERE c.id IN (SELECT m.carnet_id FROM custody_movement m
                      WHERE m.to_holder_id IN (SELECT id FROM holders)
                         OR m.from_holder_id IN (SELECT id FROM holders))
          OR c.holder_id IN (SELECT id FROM holders)
       ORDER BY 5 DESC, c.serial`,
      [beneficiaryId],
    );
  }

  exportCheques(carnetIds: readonly string[]): Promise<ExportChequeRow[]> {
    if (carnetIds.length === 0) return Promise.resolve([]);
    return this.dataSource.query<ExportChequeRow[]>(
      `SELECT carnet_id AS "carnetId", number, position, face_value_cents AS "faceValueCents",
              to_char(valid_until, 'YYYY-MM-DD') AS "validUntil", status
       FROM cheque WHERE carnet_id = ANY($1::uuid[]) ORDER BY carnet_id, position`,
      [carnetIds],
    );
  }

  /** Custody movements to or from the person, oldest first. */
  exportMovements(beneficiaryId: string): Promise<ExportMovementRow[]> {
    return this.dataSource.query<ExportMovementRow[]>(
      `WITH holders AS (${HOLDERS})
       SELECT m.id::text, m.carnet_id AS "carnetId", c.serial::int AS serial, m.kind,
              coalesce(m.to_holder_id IN (SELECT id FROM holders), false) AS "toPerson",
              m.actor_label AS "actorLabel", m.note, m.created_at AS "createdAt"
       FROM custody_movement m JOIN carnet c ON c.id = m.carnet_id
       WHERE m.to_holder_id IN (SELECT id FROM holders)
          OR m.from_holder_id IN (SELECT id FROM holders)
       ORDER BY m.id`,
      [beneficiaryId],
    );
  }

  /** Whether the record still holds a household key (never its bytes). */
  async hasHouseholdKey(beneficiaryId: string): Promise<boolean> {
    const rows = await this.dataSource.query<{ held: boolean }[]>(
      'SELECT household_key IS NOT NULL AS held FROM beneficiary WHERE id = $1',
      [beneficiaryId],
    );
    return rows[0]?.held ?? false;
  }
}
