import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { User } from './user.entity.js';

export const ACCOUNT_LINK_KINDS = ['INVITATION', 'PASSWORD_RESET'] as const;
export type AccountLinkKind = (typeof ACCOUNT_LINK_KINDS)[number];

/**
 * A single-use link sent by e-mail to set one's password: an invitation (new account) or a reset
 * (« Mot de passe oublié ? »). Only a SHA-256 of the token is stored; the token itself is derived
 * from the id under a server key (AccountLinksService.tokenOf), so that the mail job carries the
 * id alone and no token ever sits in Redis, in the logs or in the audit log.
 */
@Entity('account_link')
@Check('CHK_account_link_kind', `kind IN ('INVITATION', 'PASSWORD_RESET')`)
@Index('IDX_account_link_user', ['userId', 'kind'])
export class AccountLink {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_account_link_user' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 16 })
  kind!: AccountLinkKind;

  /** SHA-256 (hex) of the token. */
  @Index('UQ_account_link_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  /** When the link set a password; it works once. */
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  /** When a newer link of the same kind (or a password set otherwise) made it void. */
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
