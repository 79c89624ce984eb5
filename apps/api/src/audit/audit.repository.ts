import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { AuditEvent } from './audit-event.entity.js';

export interface AuditEventFilter {
  entityType?: string;
  entityId?: string;
  action?: string;
  actorId?: string;
}

@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    events: Omit<AuditEvent, 'id' | 'occurredAt'>[],
  ): Promise<void> {
    if (events.length === 0) return;
    await manager.insert(AuditEvent, events as QueryDeepPartialEntity<AuditEvent>[]);
  }

  findPage(
    filter: AuditEventFilter,
    order: Record<string, 'ASC' | 'DESC'>,
    skip: number,
    take: number,
  ): Promise<[AuditEvent[], number]> {
    return this.dataSource.getRepository(AuditEvent).findAndCount({
      where: {
        ...(filter.entityType ? { entityType: filter.entityType } : {}),
        ...(filter.entityId ? { entityId: filter.entityId } : {}),
        ...(filter.action ? { action: filter.action } : {}),
        ...(filter.actorId ? { actorId: filter.actorId } : {}),
      },
      order,
      skip,
      take,
    });
  }
}
