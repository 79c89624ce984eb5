import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, ILike, IsNull, Not } from 'typeorm';
import { ApiClient } from './api-client.entity.js';
import { escapeLike } from '#src/common/like.js';

export interface ApiClientFilter {
  q?: string;
  organisationId?: string;
  revoked?: boolean;
}

@Injectable()
export class ApiClientsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findByClientId(clientId: string): Promise<ApiClient | null> {
    return this.dataSource.manager.findOne(ApiClient, {
      where: { clientId },
      relations: { organisation: true },
    });
  }

  findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ApiClient | null> {
    return manager.findOne(ApiClient, { where: { id }, relations: { organisation: true } });
  }

  findPage(
    filter: ApiClientFilter,
    order: Record<string, 'ASC' | 'DESC'>,
    skip: number,
    take: number,
  ): Promise<[ApiClient[], number]> {
    return this.dataSource.getRepository(ApiClient).findAndCount({
      where: {
        ...(filter.organisationId ? { organisationId: filter.organisationId } : {}),
        ...(filter.q ? { name: ILike(`%${escapeLike(filter.q)}%`) } : {}),
        ...(filter.revoked === undefined
          ? {}
          : { revokedAt: filter.revoked ? Not(IsNull()) : IsNull() }),
      },
      relations: { organisation: true },
      order,
      skip,
      take,
    });
  }

  save(manager: EntityManager, client: Partial<ApiClient>): Promise<ApiClient> {
    return manager.save(manager.create(ApiClient, client));
  }
}
