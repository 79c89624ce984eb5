import type { KeysetPageMetaDto } from '#src/common/pagination.dto.js';
import type { AuditEvent } from '../audit-event.entity.js';
import { redactForAudit } from '../redaction.js';

export class AuditEventResponseDto {
  /** Sequential id (as a string: it is a 64-bit integer). @example "1024" */
  id!: string;
  occurredAt!: Date;
  /** @example "USER" */
  actorType!: 'USER' | 'API_CLIENT' | 'SYSTEM';
  actorId!: string | null;
  /** @example "manager@demo.carnet.fr" */
  actorLabel!: string;
  organisationId!: string | null;
  /** @example "user.created" */
  action!: string;
  /** @example "user" */
  entityType!: string;
  entityId!: string;
  /** State before the change (null for a creation); IBANs masked, secrets never present. */
  before!: Record<string, unknown> | null;
  /** State after the change (null for a deletion). */
  after!: Record<string, unknown> | null;
  requestId!: string | null;

  /** Masked again on the way out: rows written before masking at write may hold a full IBAN. */
  static from(event: AuditEvent): AuditEventResponseDto {
    return Object.assign(new AuditEventResponseDto(), event, {
      before: redactForAudit(event.before) as Record<string, unknown> | null,
      after: redactForAudit(event.after) as Record<string, unknown> | null,
    });
  }
}

export class AuditEventListResponseDto {
  data!: AuditEventResponseDto[];
  meta!: KeysetPageMetaDto;
}
