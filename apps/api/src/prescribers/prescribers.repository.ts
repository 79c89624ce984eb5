import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, Not } from 'typeorm';
import { Commune } from '#src/communes/commune.entity.js';
import { escapeLike } from '#src/common/like.js';
import type { PrescriberFilterDto } from './dto/prescriber.dto.js';
import { PrescriberCommune } from './prescriber-commune.entity.js';
import { Prescriber } from './prescriber.entity.js';

/** What a caller outside the programme owner may see: its commune's structures, or its own. */
export interface PrescriberVisibility {
  communeOrganisationId?: string;
  /** With communeOrganisationId: also the structures that serve that commune (reads only). */
  includeServing?: boolean;
  organisationId?: string;
}

/** A commune a structure serves beyond its own, named. */
export interface ServedCommune {
  inseeCode: string;
  name: string;
}

/** A structure with the communes it serves beyond its own (codes, and named). */
export type PrescriberWithServed = Prescriber & {
  servedInseeCodes: string[];
  servedCommunes: ServedCommune[];
};

@Injectable()
export class PrescribersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private query(manager: EntityManager, visibility: PrescriberVisibility) {
    const query = manager
      .getRepository(Prescriber)
      .createQueryBuilder('prescriber')
      .leftJoinAndSelect('prescriber.commune', 'commune');
    if (visibility.communeOrganisationId && visibility.includeServing) {
      query.andWhere(
        `(commune.organisation_id = :corg OR EXISTS (
          SELECT 1 FROM prescriber_commune served JOIN commune sc ON sc.insee_code = served.insee_code
          WHERE served.prescriber_id = prescriber.id AND sc.organisation_id = :corg))`,
        { corg: visibility.communeOrganisationId },
      );
    } else if (visibility.communeOrganisationId) {
      query.andWhere('commune.organisation_id = :corg', { corg: visibility.communeOrganisationId });
    }
    if (visibility.organisationId)
      query.andWhere('prescriber.organisation_id = :org', { org: visibility.organisationId });
    return query;
  }

  findPage(
    visibility: PrescriberVisibility,
    filter: PrescriberFilterDto,
    order: Record<string, 'ASC' | 'DESC'>,
    skip: number,
    take: number,
  ): Promise<[Prescriber[], number]> {
    const query = this.query(this.dataSource.manager, visibility);
    if (filter.inseeCode)
      query.andWhere('prescriber.insee_code = :insee', { insee: filter.inseeCode });
    if (filter.type) query.andWhere('prescriber.type = :type', { type: filter.type });
    if (filter.q) query.andWhere('prescriber.name ILIKE :q', { q: `%${escapeLike(filter.q)}%` });
    for (const [field, direction] of Object.entries(order))
      query.addOrderBy(`prescriber.${field}`, direction);
    return query.skip(skip).take(take).getManyAndCount();
  }

  findById(
    id: string,
    visibility: PrescriberVisibility = {},
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Prescriber | null> {
    return this.query(manager, visibility).andWhere('prescriber.id = :id', { id }).getOne();
  }

  save(manager: EntityManager, prescriber: Partial<Prescriber>): Promise<Prescriber> {
    return manager.save(Prescriber, prescriber);
  }

  /** The communes each structure serves beyond its own, by structure id (sorted by code). */
  async servedCommunes(
    prescriberIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, ServedCommune[]>> {
    const served = new Map<string, ServedCommune[]>(prescriberIds.map((id) => [id, []]));
    if (prescriberIds.length === 0) return served;
    const rows = await manager.find(PrescriberCommune, {
      where: { prescriberId: In(prescriberIds) },
      relations: { commune: true },
      order: { inseeCode: 'ASC' },
    });
    for (const row of rows) {
      served
        .get(row.prescriberId)
        ?.push({ inseeCode: row.inseeCode, name: row.commune?.name ?? row.inseeCode });
    }
    return served;
  }

  /** Replaces the communes a structure serves beyond its own. */
  async replaceServed(
    manager: EntityManager,
    prescriberId: string,
    inseeCodes: string[],
  ): Promise<void> {
    await manager.delete(PrescriberCommune, { prescriberId });
    if (inseeCodes.length > 0)
      await manager.insert(
        PrescriberCommune,
        inseeCodes.map((inseeCode) => ({ prescriberId, inseeCode })),
      );
  }

  /** The INSEE codes of the list that are imported communes. */
  async existingInseeCodes(manager: EntityManager, inseeCodes: string[]): Promise<Set<string>> {
    if (inseeCodes.length === 0) return new Set();
    const communes = await manager.find(Commune, {
      select: { inseeCode: true },
      where: { inseeCode: In(inseeCodes) },
    });
    return new Set(communes.map((c) => c.inseeCode));
  }

  /** Whether another structure already has this RNA number. */
  rnaTaken(manager: EntityManager, rna: string, exceptId?: string): Promise<boolean> {
    return manager.existsBy(Prescriber, {
      rna,
      ...(exceptId ? { id: Not(exceptId) } : {}),
    });
  }
}
