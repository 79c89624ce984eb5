import type { PrescriberType } from '@carnet/domain';
import { PRESCRIBER_TYPES } from '@carnet/domain';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { Organisation } from '#src/auth/organisation.entity.js';
import { Commune } from '#src/communes/commune.entity.js';
import { FRENCH } from '#src/database/collation.js';

/** A prescriber structure (CCAS, centre social, library…) working in one commune. */
@Entity('prescriber')
@Check('CHK_prescriber_rna', `rna ~ '^W[0-9]{9}$'`)
@Check('CHK_prescriber_type', `type IN (${PRESCRIBER_TYPES.map((t) => `'${t}'`).join(', ')})`)
export class Prescriber {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', collation: FRENCH })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  type!: PrescriberType;

  /** The commune whose stock supplies this structure with carnets. */
  @Index('IDX_prescriber_commune')
  @Column({ name: 'insee_code', type: 'varchar', length: 5 })
  inseeCode!: string;

  @ManyToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'insee_code' })
  commune?: Relation<Commune>;

  @Column({ type: 'char', length: 14, nullable: true })
  siret!: string | null;

  /** RNA number of an association (W + 9 digits); one structure per number. */
  @Index('UQ_prescriber_rna', { unique: true, where: 'rna IS NOT NULL' })
  @Column({ type: 'char', length: 10, nullable: true })
  rna!: string | null;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  /** The organisation of its agents (role PRESCRIBER_AGENT). */
  @Index('UQ_prescriber_organisation', { unique: true })
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @OneToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
