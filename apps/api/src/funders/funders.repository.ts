import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { escapeLike } from '#src/common/like.js';
import { OrganisationScope } from '#src/access/principal.js';
import type { FunderFilterDto } from './dto/funder.dto.js';
import { Funder } from './funder.entity.js';

@Injectable()
export class FundersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Funder | null> {
    return manager.findOneBy(Funder, { id });
  }

  findByIds(ids: string[], manager: EntityManager): Promise<Funder[]> {
    return manager
      .getRepository(Funder)
      .createQueryBuilder('f')
      .where('f.id IN (:...ids)', { ids })
      .getMany();
  }

  findBySiret(siret: string, manager: EntityManager): Promise<Funder | null> {
    return manager.findOneBy(Funder, { siret });
  }

  /** Funders visible in the scope: all for the owner's staff, a funder's own record otherwise. */
  findPage(
    scope: OrganisationScope,
    filter: FunderFilterDto,
    order: Record<string, 'ASC' | 'DESC'>,
    skip: number,
    take: number,
  ): Promise<[Funder[], number]> {
    const query = this.dataSource.getRepository(Funder).createQueryBuilder('funder');
    if (scope.filter) query.andWhere('funder.organisation_id = :org', { org: scope.filter });
    if (filter.kind) query.andWhere('funder.kind = :kind', { kind: filter.kind });
    if (filter.q) query.andWhere('funder.name ILIKE :q', { q: `%${escapeLike(filter.q)}%` });
    for (const [field, direction] of Object.entries(order))
      query.addOrderBy(`funder.${field}`, direction);
    return query.skip(skip).take(take).getManyAndCount();
  }

  save(manager: EntityManager, funder: Partial<Funder>): Promise<Funder> {
    return manager.save(Funder, funder);
  }
}
