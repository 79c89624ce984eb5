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
 * One sign-in session: what a login opens and logout (or the reuse of a refresh token) closes. Its
 * id is the family of the session's refresh tokens and the `sid` claim of its access tokens, which
 * the JWT strategy checks on every request: closing a session stops its access tokens at once.
 */
@Entity('auth_session')
export class Session {
  @PrimaryColumn('uuid')
  id!: string;

  @Index('IDX_auth_session_user')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
