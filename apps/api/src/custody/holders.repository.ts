import { Injectable } from '@nestjs/common';
import type { MovementKind } from '@carnet/domain';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CustodyHolder } from './custody-holder.entity.js';

/** A carnet as a transfer selects it. */
export interface SelectedCarnet {
  id: string;
  serial: number;
  programme_id: string;
  holder_id: string | null;
  status: string;
  issuance_id: string;
}

/** One ledger row per carnet moved, all with the same transfer id. */
export interface MovementRows {
  carnetIds: string[];
  transferId: string;
  programmeId: string;
  kind: MovementKind;
  fromHolderId: string | null;
  toHolderId: string | null;
  actorId: string | null;
  actorLabel: string;
  note: string | null;
}

/**
 * The only writer of custody_holder, carnet custody (carnet.holder_id) and custody_movement.
 * Holders are created on first use, one per programme and commune / prescriber, race-free; they
 * are locked in id order, here only.
 */
@Injectable()
export class HoldersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async programmeHolder(manager: EntityManager, programmeId: string): Promise<CustodyHolder> {
    await manager.query(
      `INSERT INTO custody_holder (programme_id, kind) VALUES ($1, 'PROGRAMME')
       ON CONFLICT (programme_id) WHERE kind = 'PROGRAMME' DO NOTHING`,
      [programmeId],
    );
    return manager.findOneByOrFail(CustodyHolder, { programmeId, kind: 'PROGRAMME' });
  }

  /** A commune's holder, its allocation limit set from the allocation in force (0 without one). */
  async communeHolder(
    manager: EntityManager,
    programmeId: string,
    inseeCode: string,
  ): Promise<CustodyHolder> {
    await manager.query(
      `INSERT INTO custody_holder (programme_id, kind, insee_code, allocation_limit)
       SELECT $1::uuid, 'COMMUNE', $2::varchar, COALESCE((
         SELECT l.total FROM allocation_line l JOIN allocation_version v ON v.id = l.allocation_id
         WHERE v.programme_id = $1::uuid AND v.superseded_at IS NULL AND l.insee_code = $2::varchar), 0)
       ON CONFLICT (programme_id, insee_code) WHERE kind = 'COMMUNE' DO NOTHING`,
      [programmeId, inseeCode],
    );
    return manager.findOneByOrFail(CustodyHolder, { programmeId, kind: 'COMMUNE', inseeCode });
  }

  async prescriberHolder(
    manager: EntityManager,
    programmeId: string,
    prescriberId: string,
  ): Promise<CustodyHolder> {
    await manager.query(
      `INSERT INTO custody_holder (programme_id, kind, prescriber_id) VALUES ($1, 'PRESCRIBER', $2)
       ON CONFLICT (programme_id, prescriber_id) WHERE kind = 'PRESCRIBER' DO NOTHING`,
      [programmeId, prescriberId],
    );
    return manager.findOneByOrFail(CustodyHolder, {
      programmeId,
      kind: 'PRESCRIBER',
      prescriberId,
    });
  }

  /**
   * A beneficiary's holder in a programme, naming the structure that hands its carnets out (the
   * beneficiary's own: its prescriber never changes, and a trigger keeps it on the holder).
   */
  async beneficiaryHolder(
    manager: EntityManager,
    programmeId: string,
    beneficiaryId: string,
    prescriberId: string,
  ): Promise<CustodyHolder> {
    await manager.query(
      `INSERT INTO custody_holder (programme_id, kind, beneficiary_id, prescriber_id)
       VALUES ($1, 'BENEFICIARY', $2, $3)
       ON CONFLICT (programme_id, beneficiary_id) WHERE kind = 'BENEFICIARY' DO NOTHING`,
      [programmeId, beneficiaryId, prescriberId],
    );
    return manager.findOneByOrFail(CustodyHolder, {
      programmeId,
      kind: 'BENEFICIARY',
      beneficiaryId,
    });
  }

  findWithNames(manager: EntityManager, ids: string[]): Promise<CustodyHolder[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager
      .getRepository(CustodyHolder)
      .createQueryBuilder('h')
      .leftJoinAndSelect('h.commune', 'commune')
      .leftJoinAndSelect('h.prescriber', 'prescriber')
      .leftJoinAndSelect('prescriber.commune', 'prescriberCommune')
      .where('h.id IN (:...ids)', { ids })
      .getMany();
  }

  /** Locks holders in id order, so that two transfers between the same holders never deadlock. */
  async lock(manager: EntityManager, ids: string[]): Promise<void> {
    await manager.query(
      `SELECT id FROM custody_holder WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
      [ids],
    );
  }

  /**
   * Locks these holders and, for each beneficiary among them, the row of the prescriber who
   * handed its carnets out (whose `handed_out` and `started` the ledger's and the cheques'
   * triggers update), all in id order: a move to or from a beneficiary then takes every row its
   * triggers write before any carnet, as redemption does (ChequesRepository.lockTalliedHolders).
   */
  async lockWithTallies(manager: EntityManager, ids: string[]): Promise<void> {
    await manager.query(
      `SELECT id FROM custody_holder WHERE id IN (
         SELECT unnest($1::uuid[])
         UNION
         SELECT p.id FROM custody_holder b
         JOIN custody_holder p ON p.programme_id = b.programme_id AND p.kind = 'PRESCRIBER'
                              AND p.prescriber_id = b.prescriber_id
         WHERE b.id = ANY($1::uuid[]) AND b.kind = 'BENEFICIARY'
       ) ORDER BY id FOR UPDATE`,
      [ids],
    );
  }

  /**
   * A page of a programme's stock, in the order carnets travel: the programme stock, then each
   * commune followed by its prescribers. Beneficiaries are not listed (one row each, personal and
   * unbounded): their carnets count in the `handed_out` of the prescriber who handed them out.
   * `organisationId` narrows it to the holders of that commune or prescriber organisation.
   */
  async stockPage(
    programmeId: string,
    organisationId: string | undefined,
    skip: number,
    take: number,
  ): Promise<{ holders: CustodyHolder[]; total: number; carnets: number; handedOut: number }> {
    const q = this.dataSource
      .getRepository(CustodyHolder)
      .createQueryBuilder('h')
      .leftJoinAndSelect('h.commune', 'commune')
      .leftJoinAndSelect('h.prescriber', 'prescriber')
      .leftJoinAndSelect('prescriber.commune', 'prescriberCommune')
      .where('h.programme_id = :programmeId', { programmeId })
      // The predicate of IDX_custody_holder_structures, written out.
      .andWhere(`h.kind IN ('PROGRAMME', 'COMMUNE', 'PRESCRIBER')`);
    if (organisationId !== undefined) {
      q.andWhere(
        '(commune.organisation_id = :org OR prescriber.organisation_id = :org OR prescriberCommune.organisation_id = :org)',
        { org: organisationId },
      );
    }
    const totals = await q
      .clone()
      .select('count(*)::int', 'total')
      .addSelect('COALESCE(sum(h.carnets), 0)::int', 'carnets')
      .addSelect('COALESCE(sum(h.handed_out), 0)::int', 'handedOut')
      .getRawOne<{ total: number; carnets: number; handedOut: number }>();
    const holders = await q
      .addSelect(`CASE h.kind WHEN 'PROGRAMME' THEN 0 ELSE 1 END`, 'programme_rank')
      .addSelect(
        `CASE h.kind WHEN 'PROGRAMME' THEN 0 WHEN 'COMMUNE' THEN 1 ELSE 2 END`,
        'kind_rank',
      )
      .addSelect('COALESCE(commune.name, prescriberCommune.name)', 'custody_commune')
      .addSelect('COALESCE(h.insee_code, prescriber.insee_code)', 'custody_insee')
      .orderBy('programme_rank', 'ASC')
      .addOrderBy('custody_commune', 'ASC')
      .addOrderBy('custody_insee', 'ASC')
      .addOrderBy('kind_rank', 'ASC')
      .addOrderBy('prescriber.name', 'ASC')
      .addOrderBy('h.id', 'ASC')
      .offset(skip)
      .limit(take)
      .getMany();
    return { holders, total: 0, carnets: 0, handedOut: 0, ...totals };
  }

  /**
   * Gives the communes' custody holders the allocation `allocationId`: an upsert for every commune
   * of the allocation (a holder being created by a concurrent first transfer conflicts on the
   * unique index, so one waits for the other and the CHECK sees the final allocation — no commune
   * keeps a stale limit), 0 for the communes left out. A commune that already received more than
   * its new allocation makes the CHECK refuse.
   */
  async applyAllocation(
    manager: EntityManager,
    programmeId: string,
    allocationId: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO custody_holder (programme_id, kind, insee_code, allocation_limit)
       SELECT $1, 'COMMUNE', l.insee_code, l.total FROM allocation_line l WHERE l.allocation_id = $2
       ON CONFLICT (programme_id, insee_code) WHERE kind = 'COMMUNE'
       DO UPDATE SET allocation_limit = EXCLUDED.allocation_limit`,
      [programmeId, allocationId],
    );
    await manager.query(
      `UPDATE custody_holder h SET allocation_limit = 0
       WHERE h.programme_id = $1 AND h.kind = 'COMMUNE'
         AND NOT EXISTS (SELECT 1 FROM allocation_line l
                         WHERE l.allocation_id = $2 AND l.insee_code = h.insee_code)`,
      [programmeId, allocationId],
    );
  }

  /**
   * The custody rows an organisation's people see carnets in: a commune's, its communes' and their
   * prescribers'; a prescriber's, its own. Few per organisation (one per programme and structure).
   */
  async visibleHolderIds(organisationId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT h.id FROM custody_holder h
       LEFT JOIN commune hc ON hc.insee_code = h.insee_code
       LEFT JOIN prescriber p ON p.id = h.prescriber_id
       LEFT JOIN commune pc ON pc.insee_code = p.insee_code
       WHERE (h.kind = 'COMMUNE' AND hc.organisation_id = $1)
          OR (h.kind = 'PRESCRIBER' AND (p.organisation_id = $1 OR pc.organisation_id = $1))
       ORDER BY h.id`,
      [organisationId],
    );
    return rows.map((r) => r.id);
  }

  /** Carnets a prescriber holds across programmes, its holders locked until the transaction ends. */
  async lockPrescriberStock(manager: EntityManager, prescriberId: string): Promise<number> {
    const [row] = await manager.query<{ carnets: number }[]>(
      `SELECT COALESCE(sum(h.carnets), 0)::int AS carnets
       FROM (SELECT carnets FROM custody_holder WHERE prescriber_id = $1 AND kind = 'PRESCRIBER'
             ORDER BY id FOR UPDATE) h`,
      [prescriberId],
    );
    return row?.carnets ?? 0;
  }

  selectCarnetsByIds(manager: EntityManager, ids: string[]): Promise<SelectedCarnet[]> {
    return manager.query<SelectedCarnet[]>(
      `SELECT id, serial::int AS serial, programme_id, holder_id, status, issuance_id FROM carnet WHERE id = ANY($1::uuid[]) ORDER BY serial`,
      [ids],
    );
  }

  selectCarnetsBySerials(
    manager: EntityManager,
    from: number,
    to: number,
  ): Promise<SelectedCarnet[]> {
    return manager.query<SelectedCarnet[]>(
      `SELECT id, serial::int AS serial, programme_id, holder_id, status, issuance_id FROM carnet WHERE serial BETWEEN $1 AND $2 ORDER BY serial`,
      [from, to],
    );
  }

  /**
   * Moves carnets from one holder to another (or out of every stock, CANCELLED, for a write-off:
   * the table's CHECK ties the two together); only those still with `fromId` move. Returns their ids.
   */
  async moveCarnets(
    manager: EntityManager,
    ids: string[],
    fromId: string | null,
    toId: string | null,
    writeOff?: { reason: string; comment: string | null },
  ): Promise<string[]> {
    const [moved] = await manager.query<[{ id: string }[], number]>(
      writeOff
        ? `UPDATE carnet SET holder_id = NULL, last_holder_id = $2, status = 'CANCELLED',
             cancellation_reason = $3, cancellation_comment = $4, cancelled_at = now()
           WHERE id = ANY($1::uuid[]) AND holder_id = $2 AND status = 'ACTIVE' RETURNING id`
        : `UPDATE carnet SET holder_id = $3
           WHERE id = ANY($1::uuid[]) AND holder_id IS NOT DISTINCT FROM $2 AND status = 'ACTIVE'
           RETURNING id`,
      writeOff ? [ids, fromId, writeOff.reason, writeOff.comment] : [ids, fromId, toId],
    );
    return moved.map((m) => m.id);
  }

  /** Ledger rows; the ledger trigger updates the holders' stocks (their CHECKs may refuse). */
  async recordMovements(manager: EntityManager, rows: MovementRows): Promise<void> {
    await manager.query(
      `INSERT INTO custody_movement (transfer_id, programme_id, carnet_id, kind, from_holder_id, to_holder_id, actor_id, actor_label, note)
       SELECT $2, $3, t.id, $4, $5, $6, $7, $8, $9 FROM unnest($1::uuid[]) AS t(id)`,
      [
        rows.carnetIds,
        rows.transferId,
        rows.programmeId,
        rows.kind,
        rows.fromHolderId,
        rows.toHolderId,
        rows.actorId,
        rows.actorLabel,
        rows.note,
      ],
    );
  }

  /** Status of issuance runs, FOR SHARE: holds off a reprint starting meanwhile. */
  runStatuses(
    manager: EntityManager,
    issuanceIds: string[],
  ): Promise<{ id: string; status: string }[]> {
    return manager.query<{ id: string; status: string }[]>(
      `SELECT id, status FROM issuance WHERE id = ANY($1::uuid[]) ORDER BY id FOR SHARE`,
      [issuanceIds],
    );
  }

  async isEnrolled(
    manager: EntityManager,
    programmeId: string,
    inseeCode: string,
  ): Promise<boolean> {
    const [row] = await manager.query<{ enrolled: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM enrolment WHERE programme_id = $1 AND insee_code = $2) AS enrolled`,
      [programmeId, inseeCode],
    );
    return row?.enrolled === true;
  }

  /** By table name: prescribers build on custody, so custody does not import their entity. */
  async findPrescriber(
    manager: EntityManager,
    id: string,
  ): Promise<{ id: string; inseeCode: string } | null> {
    const [row] = await manager.query<{ id: string; inseeCode: string }[]>(
      `SELECT id, insee_code AS "inseeCode" FROM prescriber WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }
}
