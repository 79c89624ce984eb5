import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CustodyHolder } from './custody-holder.entity.js';

/** Holders are created on first use, one per programme and commune / prescriber, race-free. */
@Injectable()
export class HoldersRepository {
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

  /** Every holder of a programme with its stock, for the stock view. */
  listForProgramme(manager: EntityManager, programmeId: string): Promise<CustodyHolder[]> {
    return manager
      .getRepository(CustodyHolder)
      .createQueryBuilder('h')
      .leftJoinAndSelect('h.commune', 'commune')
      .leftJoinAndSelect('h.prescriber', 'prescriber')
      .leftJoinAndSelect('prescriber.commune', 'prescriberCommune')
      .where('h.programme_id = :programmeId', { programmeId })
      .orderBy('h.kind', 'ASC')
      .addOrderBy('commune.name', 'ASC')
      .addOrderBy('prescriber.name', 'ASC')
      .getMany();
  }
}
