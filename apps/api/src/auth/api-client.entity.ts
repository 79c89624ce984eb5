import type { ApiClientScope } from '@carnet/domain';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Organisation } from './organisation.entity.js';

/** A third-party frontend (e.g. a venue network's booking tool) using client credentials. */
@Entity('api_client')
export class ApiClient {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Public identifier sent with the secret to POST /auth/token. */
  @Index('UQ_api_client_client_id', { unique: true })
  @Column({ name: 'client_id', type: 'text' })
  clientId!: string;

  /** argon2 hash of the secret, which is shown once at creation and never stored. */
  @Column({ name: 'secret_hash', type: 'text' })
  secretHash!: string;

  @Index('IDX_api_client_organisation')
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation>;

  @Column({ type: 'text', array: true })
  scopes!: ApiClientScope[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
