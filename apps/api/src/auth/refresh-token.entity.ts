import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { Session } from './session.entity.js';
import { User } from './user.entity.js';

/**
 * One refresh token of a login session. Tokens rotate: each use marks it used and issues the next
 * one in the same family (the session); presenting a used token again revokes the whole family
 * (theft signal), except for the same client within REFRESH_REUSE_GRACE_SECONDS, which gets the
 * same successor again. Only a SHA-256 of the secret part is stored.
 */
@Entity('refresh_token')
export class RefreshToken {
  @PrimaryColumn('uuid')
  id!: string;

  /** The session (auth_session.id) this token belongs to. */
  @Index('IDX_refresh_token_family')
  @Column({ name: 'family_id', type: 'uuid' })
  familyId!: string;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'family_id' })
  session?: Relation<Session>;

  @Index('IDX_refresh_token_user')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ name: 'secret_hash', type: 'text' })
  secretHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** The token issued when this one was used (its secret is re-derived, never stored). */
  @Column({ name: 'successor_id', type: 'uuid', nullable: true })
  successorId!: string | null;

  /**
   * HMAC (keyed from JWT_SECRET) of the IP and User-Agent that used this token: who may replay it
   * within the grace.
   */
  @Column({ name: 'used_by', type: 'text', nullable: true })
  usedBy!: string | null;
}
