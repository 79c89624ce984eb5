import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ActorType = 'USER' | 'API_CLIENT' | 'SYSTEM';

/**
 * One row of the append-only audit log. A database trigger refuses UPDATE, DELETE and TRUNCATE:
 * public accounting must be able to trust that nothing here was rewritten.
 */
@Entity('audit_event')
@Index('IDX_audit_event_entity', ['entityType', 'entityId', 'id'])
@Index('IDX_audit_event_actor', ['actorId', 'id'])
@Index('IDX_audit_event_action', ['action', 'id'])
export class AuditEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Index('IDX_audit_event_occurred_at')
  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  occurredAt!: Date;

  @Column({ name: 'actor_type', type: 'varchar', length: 16 })
  actorType!: ActorType;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  /** Human-readable actor (e-mail, client name, job name) kept even if the account goes away. */
  @Column({ name: 'actor_label', type: 'text' })
  actorLabel!: string;

  @Column({ name: 'organisation_id', type: 'uuid', nullable: true })
  organisationId!: string | null;

  /** Dotted verb, e.g. `user.created`, `cheque.redeemed`. */
  @Column({ type: 'text' })
  action!: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'text' })
  entityId!: string;

  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: Record<string, unknown> | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  /**
   * Not a column: the acting user's display name, joined by the reads that show the trail to
   * people (undefined elsewhere; null when the actor is no user, or no longer one).
   */
  actorName?: string | null;
}
