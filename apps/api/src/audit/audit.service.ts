import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { actorLabelOf, type Principal } from '#src/access/principal.js';
import type { KeysetPage } from '#src/common/pagination.dto.js';
import { currentRequestId } from '#src/common/request-context.js';
import type { AuditEvent } from './audit-event.entity.js';
import { AuditRepository } from './audit.repository.js';
import type { ListAuditEventsQueryDto } from './dto/list-audit-events.query.dto.js';
import { redactForAudit } from './redaction.js';

/** Work done by the system itself (scheduled jobs, migrations of data), not by a person. */
export interface SystemActor {
  type: 'system';
  name: string;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  before?: object | null;
  after?: object | null;
}

/**
 * Writes the append-only audit log. Callers pass the EntityManager of their own transaction, so
 * the event is committed if and only if the change it describes is.
 */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async record(
    manager: EntityManager,
    actor: Principal | SystemActor,
    entry: AuditEntry,
  ): Promise<void> {
    await this.audit.insert(manager, [eventOf(actor, entry)]);
  }

  /** Many events of one actor in one statement per thousand (bulk moves of carnets). */
  async recordMany(
    manager: EntityManager,
    actor: Principal | SystemActor,
    entries: AuditEntry[],
  ): Promise<void> {
    for (let i = 0; i < entries.length; i += 1000) {
      await this.audit.insert(
        manager,
        entries.slice(i, i + 1000).map((entry) => eventOf(actor, entry)),
      );
    }
  }

  /** The log as the programme owner's staff read it (the route is restricted to their roles). */
  list(query: ListAuditEventsQueryDto): Promise<KeysetPage<AuditEvent>> {
    return this.audit.findPage(query.filter ?? {}, query);
  }
}

function eventOf(
  actor: Principal | SystemActor,
  entry: AuditEntry,
): Omit<AuditEvent, 'id' | 'occurredAt'> {
  return {
    actorType: actor.type === 'system' ? 'SYSTEM' : actor.type === 'user' ? 'USER' : 'API_CLIENT',
    actorId: actor.type === 'system' ? null : actor.id,
    actorLabel: actor.type === 'system' ? `system:${actor.name}` : actorLabelOf(actor),
    organisationId: actor.type === 'system' ? null : actor.organisationId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: toJson(entry.before),
    after: toJson(entry.after),
    requestId: currentRequestId() ?? null,
  };
}

/**
 * Plain JSON copy: dates become ISO strings; secrets and full IBANs are masked here, at write,
 * whatever the caller passed (see redaction.ts), since nothing written can be rewritten.
 */
function toJson(value: object | null | undefined): Record<string, unknown> | null {
  if (value === undefined || value === null) return null;
  return redactForAudit(JSON.parse(JSON.stringify(value))) as Record<string, unknown>;
}
