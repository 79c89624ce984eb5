import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { OrganisationKind } from '@carnet/domain';
import { DataSource, type EntityManager, ILike } from 'typeorm';
import { escapeLike } from '#src/common/like.js';
import { Organisation } from './organisation.entity.js';

export interface OrganisationFilter {
  q?: string;
  kind?: OrganisationKind;
}

@Injectable()
export class OrganisationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Organisation | null> {
    return manager.findOneBy(Organisation, { id });
  }

  findPage(
    filter: OrganisationFilter,
    order: Record<string, 'ASC' | 'DESC'>,
    skip: number,
    take: number,
  ): Promise<[Organisation[], number]> {
    return this.dataSource.getRepository(Organisation).findAndCount({
      where: {
        ...(filter.kind ? { kind: filter.kind } : {}),
        ...(filter.q ? { name: ILike(`%${escapeLike(filter.q)}%`) } : {}),
      },
      order,
      skip,
      take,
    });
  }

  /** The programme owner organisation (null before the seed). */
  findOwner(): Promise<Organisation | null> {
    return this.dataSource.manager.findOne(Organisation, {
      where: { kind: 'OWNER' },
      order: { createdAt: 'ASC' },
    });
  }

  /** The programme owner organisation, locked until the transaction ends (null before the seed). */
  lockOwner(manager: EntityManager): Promise<Organisation | null> {
    return manager
      .getRepository(Organisation)
      .createQueryBuilder('organisation')
      .setLock('pessimistic_write')
      .where('organisation.kind = :kind', { kind: 'OWNER' })
      .orderBy('organisation.createdAt', 'ASC')
      .limit(1)
      .getOne();
  }

  create(
    manager: EntityManager,
    organisation: Pick<Organisation, 'kind' | 'name'>,
  ): Promise<Organisation> {
    return manager.save(manager.create(Organisation, organisation));
  }
}
