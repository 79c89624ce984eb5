import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { keysetPage, type KeysetList, type KeysetListQueryDto } from '#src/common/keyset.js';
import type { KeysetPage } from '#src/common/pagination.dto.js';
import { AuditEvent } from './audit-event.entity.js';

const AUDIT_LIST: KeysetList<'occurredAt' | 'id'> = {
  table: 'audit_event',
  alias: 'event',
  idType: 'bigint',
  sortable: {
    occurredAt: { property: 'occurredAt', column: 'occurred_at' },
    id: { property: 'id', column: 'id', unique: true },
  },
  fallback: '-id',
};

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

  /**
   * A page of the log, newest first by default; each filter has an index ending in `id`. Each
   * user's event carries the user's name today (`actorName`), read once for the page's users.
   */
  async findPage(
    filter: AuditEventFilter,
    query: KeysetListQueryDto,
  ): Promise<KeysetPage<AuditEvent>> {
    const q = this.dataSource.getRepository(AuditEvent).createQueryBuilder('event');
    if (filter.entityType) q.andWhere('event.entity_type = :type', { type: filter.entityType });
    if (filter.entityId) q.andWhere('event.entity_id = :eid', { eid: filter.entityId });
    if (filter.action) q.andWhere('event.action = :action', { action: filter.action });
    if (filter.actorId) q.andWhere('event.actor_id = :actor', { actor: filter.actorId });
    const page = await keysetPage(q, query, AUDIT_LIST);
    const userIds = [
      ...new Set(
        page.data.filter((e) => e.actorType === 'USER' && e.actorId).map((e) => e.actorId!),
      ),
    ];
    // By table name: auth writes to this log, so the audit module may not import auth's entities.
    const users: { id: string; name: string }[] =
      userIds.length === 0
        ? []
        : await this.dataSource
            .createQueryBuilder()
            .select(['u.id AS id', 'u.display_name AS name'])
            .from('user_account', 'u')
            .where('u.id = ANY(:ids)', { ids: userIds })
            .getRawMany();
    const names = new Map(users.map((u) => [u.id, u.name]));
    for (const event of page.data) {
      event.actorName = event.actorType === 'USER' ? (names.get(event.actorId!) ?? null) : null;
    }
    return page;
  }
}
