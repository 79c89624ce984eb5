import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { Organisation } from '#src/auth/organisation.entity.js';
import { FRENCH } from '#src/database/collation.js';
import { numericNumber } from '#src/database/transformers.js';

/** A commune of the official geographic code (INSEE), imported from @etalab/decoupage-administratif. */
@Entity('commune')
@Check(
  'CHK_commune_centre',
  '(latitude IS NULL) = (longitude IS NULL) AND latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180',
)
export class Commune {
  /** INSEE code: 5 characters (Corsica: 2A/2B). */
  @PrimaryColumn({ name: 'insee_code', type: 'varchar', length: 5 })
  inseeCode!: string;

  @Column({ type: 'text', collation: FRENCH })
  name!: string;

  @Column({ name: 'postal_codes', type: 'text', array: true })
  postalCodes!: string[];

  /** Population municipale of the official geographic code. */
  @Column({ type: 'int' })
  population!: number;

  @Column({ type: 'char', length: 9, nullable: true })
  siren!: string | null;

  @Index('IDX_commune_departement')
  @Column({ type: 'varchar', length: 3 })
  departement!: string;

  @Index('IDX_commune_epci')
  @Column({ name: 'epci_siren', type: 'char', length: 9, nullable: true })
  epciSiren!: string | null;

  @Column({ name: 'epci_name', type: 'text', nullable: true })
  epciName!: string | null;

  /**
   * The commune's centre (WGS 84), from which orientation measures distances to venues. The
   * official geographic code carries no coordinates: null until set (the demo sets its own).
   */
  @Column({ type: 'numeric', precision: 9, scale: 6, nullable: true, transformer: numericNumber })
  latitude!: number | null;

  @Column({ type: 'numeric', precision: 9, scale: 6, nullable: true, transformer: numericNumber })
  longitude!: number | null;

  /** The organisation of the commune's staff (its référents). */
  @Index('UQ_commune_organisation', { unique: true })
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
