import { QUALIFICATION_STATUSES, type QualificationStatus } from '@carnet/domain';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  OneToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Organisation } from '#src/auth/organisation.entity.js';
import { numericNumber } from '#src/database/transformers.js';
import { FRENCH } from '#src/database/collation.js';

/**
 * A digital-mediation place, with the fields of the national schema LieuxDeMediationNumerique
 * v1.0.2 (multi-valued fields as arrays; exported joined with `|`).
 */
@Entity('venue')
@Check(
  'CHK_venue_qualification',
  `qualification_status IN (${QUALIFICATION_STATUSES.map((s) => `'${s}'`).join(', ')})`,
)
export class Venue {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The organisation of the venue's staff and API clients. */
  @Index('UQ_venue_organisation', { unique: true })
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @OneToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<Organisation>;

  /** SIRET (14 digits) or RNA (W + 9 digits) of the structure. */
  @Index('IDX_venue_pivot')
  @Column({ type: 'varchar', length: 14 })
  pivot!: string;

  @Column({ type: 'text', collation: FRENCH })
  name!: string;

  @Column({ type: 'text' })
  address!: string;

  @Column({ name: 'address_complement', type: 'text', nullable: true })
  addressComplement!: string | null;

  @Column({ name: 'postal_code', type: 'varchar', length: 5 })
  postalCode!: string;

  @Column({ name: 'commune_name', type: 'text', collation: FRENCH })
  communeName!: string;

  @Index('IDX_venue_insee')
  @Column({ name: 'insee_code', type: 'varchar', length: 5, nullable: true })
  inseeCode!: string | null;

  @Column({ type: 'numeric', precision: 9, scale: 6, nullable: true, transformer: numericNumber })
  latitude!: number | null;

  @Column({ type: 'numeric', precision: 9, scale: 6, nullable: true, transformer: numericNumber })
  longitude!: number | null;

  /** data·inclusion typology codes (EPN, BIB, ASSO, TIERS_LIEUX, …). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  typologies!: string[];

  /** `Fixe` and/or `Itinérant`. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  itinerance!: string[];

  // A GIN index, written in the migration (TypeORM cannot declare one): orientation finds the
  // venues visiting a commune with `@>`.
  /** INSEE codes of the communes an itinerant venue serves. */
  @Index('IDX_venue_served_insee_codes', { synchronize: false })
  @Column({ name: 'served_insee_codes', type: 'text', array: true, default: () => "'{}'" })
  servedInseeCodes!: string[];

  /** Opening hours in the OpenStreetMap `opening_hours` format. */
  @Column({ type: 'text', nullable: true })
  horaires!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  services!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  publics!: string[];

  @Column({ name: 'specific_support', type: 'text', array: true, default: () => "'{}'" })
  specificSupport!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  fees!: string[];

  @Column({ name: 'access_modalities', type: 'text', array: true, default: () => "'{}'" })
  accessModalities!: string[];

  @Column({ name: 'support_modalities', type: 'text', array: true, default: () => "'{}'" })
  supportModalities!: string[];

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  website!: string | null;

  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Index('IDX_venue_qualification')
  @Column({ name: 'qualification_status', type: 'varchar', length: 16, default: 'APPLIED' })
  qualificationStatus!: QualificationStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
