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
import { User } from './user.entity.js';

/**
 * One refresh token of a login session. Tokens rotate: each use marks it used and issues the next
 * one in the same family; presenting a used token again revokes the whole family (theft signal).
 * Only a SHA-256 of the secret part is stored.
 */
@Entity('refresh_token')
export class RefreshToken {
  @PrimaryColumn('uuid')
  id!: string;

  @Index('IDX_refresh_token_family')
  @Column({ name: 'family_id', type: 'uuid' })
  familyId!: string;

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
}
