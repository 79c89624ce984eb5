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
  /**
   * The user's e-mail, `api-client:<name>` or `system:<job>`, as written when it happened.
   * @example "manager@demo.carnet.fr"
   */
  actorLabel!: string;
  /**
   * The acting user's name today (a cheque's events, the custody ledger, this log); null for an
   * API client, a job, or a user since deleted. @example "Julien Caron"
   */
  actorName!: string | null;
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
      actorName: event.actorName ?? null,
      before: redactForAudit(event.before) as Record<string, unknown> | null,
      after: redactForAudit(event.after) as Record<string, unknown> | null,
    });
  }
}

export class AuditEventListResponseDto {
  data!: AuditEventResponseDto[];
  meta!: KeysetPageMetaDto;
}
