import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A write done under an Idempotency-Key, recorded in the write's own transaction together with its
 * answer, so that the same key sent again (a retry after a lost response) gets that answer instead
 * of doing the write twice. Holds nothing personal beyond what the stored answer holds: routes that
 * answer about beneficiaries must keep their answers to what the caller needs.
 */
@Entity('idempotency_key')
export class IdempotencyKey {
  /** Who sent the key (`user:<uuid>` or `client:<uuid>`): keys of different callers never meet. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_idempotency_key' })
  caller!: string;

  /** The header's value: 1–255 printable ASCII characters, chosen by the caller. */
  @PrimaryColumn({ type: 'varchar', length: 255, primaryKeyConstraintName: 'PK_idempotency_key' })
  key!: string;

  /** Method and route pattern, e.g. `POST /api/v1/carnets/:id/transfers`. */
  @Column({ type: 'text' })
  operation!: string;

  /** SHA-256 (hex) of the operation, the parameters and the canonical body (fingerprint.ts). */
  @Column({ type: 'char', length: 64 })
  fingerprint!: string;

  /** Null only inside the transaction doing the write: the answer is stored before it commits. */
  @Column({ name: 'response_status', type: 'smallint', nullable: true })
  responseStatus!: number | null;

  @Column({ name: 'response_body', type: 'jsonb', nullable: true })
  responseBody!: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** The purge job deletes the key after this; until then the same key replays the answer. */
  @Index('IDX_idempotency_key_expires_at')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
