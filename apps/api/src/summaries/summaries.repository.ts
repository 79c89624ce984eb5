import type { PrescriberType, ProgrammeStatus } from '@carnet/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * The figures of the homes, read in a few bounded statements: the custody counters the triggers
 * keep (`carnets`, `handed_out`), the month's hand-outs on the ledger's partial indexes
 * (IDX_custody_movement_hand_out / _hand_back), beneficiaries on IDX_beneficiary_prescriber_created.
 * Reads only: every table here is written by its own module.
 */

/** The first instant of the month `$month` ('YYYY-MM') in France. */
const monthStart = (param: string) =>
  `((${param}::text || '-01')::timestamp AT TIME ZONE 'Europe/Paris')`;

/**
 * Carnets the custody row `holder` handed out since `since`, net of those handed back to it since
 * (a HAND_BACK goes from the beneficiary back to the structure) — only hand-backs of hand-outs
 * made since `since` too, so that a hand-out of the 31st undone on the 1st never makes a month
 * negative. 0 for a missing row.
 */
const netHandOuts = (holder: string, since: string) => `((
    SELECT count(*) FROM custody_movement m
    WHERE m.from_holder_id = ${holder} AND m.kind = 'HAND_OUT' AND m.created_at >= ${since}
  ) - (
    SELECT count(*) FROM custody_movement m
    WHERE m.to_holder_id = ${holder} AND m.kind = 'HAND_BACK' AND m.created_at >= ${since}
      AND EXISTS (SELECT 1 FROM custody_movement o
                  WHERE o.carnet_id = m.carnet_id AND o.id < m.id AND o.kind = 'HAND_OUT'
                    AND o.from_holder_id = ${holder} AND o.created_at >= ${since})
  ))::int`;

/**
 * The programmes a home lists: not in draft, and either held carnets of or open to the holder
 * (ACTIVE, its commune enrolled).
 */
const PROGRAMME_COLUMNS = `p.id AS "programmeId", p.name AS "programmeName", p.status,
  p.require_trained_agent AS "requireTrainedAgent"`;

const SINCE_3 = monthStart('$3');

/**
 * A structure's programmes ($1 the structure, $2 its communes, $3 the month) with its figures in
 * each. Exported for the plan check of test/query-plans.int-spec.ts: the month's hand-outs are
 * read on the ledger's partial indexes, never every movement of the structure.
 */
export const PRESCRIBER_PROGRAMMES_SQL = `SELECT ${PROGRAMME_COLUMNS},
              coalesce(h.carnets, 0) AS carnets, coalesce(h.handed_out, 0) AS "handedOut",
              ${netHandOuts('h.id', SINCE_3)} AS "handedOutThisMonth",
              (SELECT count(*)::int FROM beneficiary b
               WHERE b.prescriber_id = $1 AND b.created_at >= ${SINCE_3} AND b.programme_id = p.id
              ) AS "beneficiariesThisMonth"
       FROM programme p
       LEFT JOIN custody_holder h
         ON h.programme_id = p.id AND h.kind = 'PRESCRIBER' AND h.prescriber_id = $1
       WHERE p.status <> 'DRAFT'
         AND (h.id IS NOT NULL OR (p.status = 'ACTIVE' AND EXISTS (
               SELECT 1 FROM enrolment e
               WHERE e.programme_id = p.id AND e.insee_code = ANY($2::varchar[]))))
       ORDER BY p.start_date DESC, p.name, p.id`;

export interface ProgrammeRow {
  programmeId: string;
  programmeName: string;
  status: ProgrammeStatus;
  requireTrainedAgent: boolean;
}

export interface PrescriberProgrammeRow extends ProgrammeRow {
  carnets: number;
  handedOut: number;
  handedOutThisMonth: number;
  beneficiariesThisMonth: number;
}

export interface CommuneProgrammeRow extends ProgrammeRow {
  carnets: number;
  received: number;
  allocationLimit: number | null;
}

export interface StructureRow {
  prescriberId: string;
  name: string;
  type: PrescriberType;
}

export interface StructureFiguresRow {
  prescriberId: string;
  programmeId: string;
  carnets: number;
  handedOutThisMonth: number;
}

export interface AgentRow {
  userId: string;
  displayName: string;
  prescriberId: string;
  prescriberName: string;
}

@Injectable()
export class SummariesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * A structure's programmes with its figures in each. `inseeCodes`: its own commune and those it
   * serves (an ACTIVE programme one of them is enrolled in is one it may register people for).
   * Programmes are few; its custody row in each is found on UQ_custody_holder_prescriber.
   */
  prescriberProgrammes(
    prescriberId: string,
    inseeCodes: string[],
    month: string,
  ): Promise<PrescriberProgrammeRow[]> {
    return this.dataSource.query<PrescriberProgrammeRow[]>(PRESCRIBER_PROGRAMMES_SQL, [
      prescriberId,
      inseeCodes,
      month,
    ]);
  }

  /** A commune's programmes with its own stock in each (UQ_custody_holder_commune). */
  communeProgrammes(inseeCode: string): Promise<CommuneProgrammeRow[]> {
    return this.dataSource.query<CommuneProgrammeRow[]>(
      `SELECT ${PROGRAMME_COLUMNS},
              coalesce(h.carnets, 0) AS carnets, coalesce(h.received, 0) AS received,
              h.allocation_limit AS "allocationLimit"
       FROM programme p
       LEFT JOIN custody_holder h
         ON h.programme_id = p.id AND h.kind = 'COMMUNE' AND h.insee_code = $1
       WHERE p.status <> 'DRAFT'
         AND (h.id IS NOT NULL OR (p.status = 'ACTIVE' AND EXISTS (
               SELECT 1 FROM enrolment e WHERE e.programme_id = p.id AND e.insee_code = $1)))
       ORDER BY p.start_date DESC, p.name, p.id`,
      [inseeCode],
    );
  }

  /** The structures of a commune itself (IDX_prescriber_commune), by name. */
  structures(inseeCode: string): Promise<StructureRow[]> {
    return this.dataSource.query<StructureRow[]>(
      `SELECT p.id AS "prescriberId", p.name, p.type FROM prescriber p
       WHERE p.insee_code = $1 ORDER BY p.name, p.id`,
      [inseeCode],
    );
  }

  /** Each structure of a commune's stock and month, per programme of the list. */
  structureFigures(
    inseeCode: string,
    programmeIds: string[],
    month: string,
  ): Promise<StructureFiguresRow[]> {
    if (programmeIds.length === 0) return Promise.resolve([]);
    return this.dataSource.query<StructureFiguresRow[]>(
      `SELECT h.prescriber_id AS "prescriberId", h.programme_id AS "programmeId", h.carnets,
              ${netHandOuts('h.id', monthStart('$3'))} AS "handedOutThisMonth"
       FROM prescriber p
       JOIN custody_holder h ON h.kind = 'PRESCRIBER' AND h.prescriber_id = p.id
                            AND h.programme_id = ANY($2::uuid[])
       WHERE p.insee_code = $1`,
      [inseeCode, programmeIds, month],
    );
  }

  /** The active agents of a commune's structures, by name (IDX_user_account_organisation). */
  agents(inseeCode: string): Promise<AgentRow[]> {
    return this.dataSource.query<AgentRow[]>(
      `SELECT u.id AS "userId", u.display_name AS "displayName",
              p.id AS "prescriberId", p.name AS "prescriberName"
       FROM prescriber p JOIN user_account u ON u.organisation_id = p.organisation_id
       WHERE p.insee_code = $1 AND u.role = 'PRESCRIBER_AGENT' AND u.active
       ORDER BY u.display_name, u.id`,
      [inseeCode],
    );
  }
}
