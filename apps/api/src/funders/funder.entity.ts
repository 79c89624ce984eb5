import { FUNDER_KINDS, type FunderKind } from '@carnet/domain';
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
import { FRENCH } from '#src/database/collation.js';
import { StoredDocument } from '#src/files/document.entity.js';

/** A financeur. Its organisation holds the FUNDER_VIEWER accounts that read its programmes. */
@Entity('funder')
@Check('CHK_funder_kind', `kind IN (${FUNDER_KINDS.map((k) => `'${k}'`).join(', ')})`)
export class Funder {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', collation: FRENCH })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: FunderKind;

  @Index('UQ_funder_siret', { unique: true, where: 'siret IS NOT NULL' })
  @Column({ type: 'char', length: 14, nullable: true })
  siret!: string | null;

  @Column({ name: 'contact_name', type: 'text', nullable: true })
  contactName!: string | null;

  @Column({ name: 'contact_email', type: 'text', nullable: true })
  contactEmail!: string | null;

  @Column({ name: 'contact_phone', type: 'text', nullable: true })
  contactPhone!: string | null;

  /** Its logo (PNG or JPEG), printed on the cover of the carnets of the programmes it funds. */
  @Column({ name: 'logo_document_id', type: 'uuid', nullable: true })
  logoDocumentId!: string | null;

  @ManyToOne(() => StoredDocument, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'logo_document_id' })
  logoDocument?: Relation<StoredDocument>;

  @Index('UQ_funder_organisation', { unique: true })
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
