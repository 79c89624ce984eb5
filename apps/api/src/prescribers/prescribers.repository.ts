import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { escapeLike } from '#src/common/like.js';
import type { PrescriberFilterDto } from './dto/prescriber.dto.js';
import { Prescriber } from './prescriber.entity.js';

/** What a caller outside the programme owner may see: its commune's structures, or its own. */
export interface PrescriberVisibility {
  communeOrganisationId?: string;
  organisationId?: string;
}

@Injectable()
export class PrescribersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private query(manager: EntityManager, visibility: PrescriberVisibility) {
    const query = manager
      .getRepository(Prescriber)
      .createQueryBuilder('prescriber')
      .leftJoinAndSelect('prescriber.commune', 'commune');
    if (visibility.communeOrganisationId)
      query.andWhere('commune.organisation_id = :corg', { corg: visibility.communeOrganisationId });
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
}
