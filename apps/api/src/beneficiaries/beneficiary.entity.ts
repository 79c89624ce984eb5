import {
  AGE_BANDS,
  type AgeBand,
  BENEFICIARY_SITUATIONS,
  type BeneficiarySituation,
  CONSENT_SCOPES,
  type ConsentScope,
} from '@carnet/domain';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { User } from '#src/auth/user.entity.js';
import { Commune } from '#src/communes/commune.entity.js';
import { Programme } from '#src/funders/programme.entity.js';
import { Prescriber } from '#src/prescribers/prescriber.entity.js';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * A person registered by a structure's agent for a programme: minimal by design. No name is
 * required; the household is known by a keyed hash of its address (the address is never stored);
 * a contact is kept only with a recorded consent.
 */
@Entity('beneficiary')
@Check('CHK_beneficiary_age', '(age_band IS NULL) <> (birth_year IS NULL)')
@Check('CHK_beneficiary_age_band', `age_band IN (${list(AGE_BANDS)})`)
@Check('CHK_beneficiary_birth_year', 'birth_year BETWEEN 1900 AND 2100')
@Check('CHK_beneficiary_situation', `situation IN (${list(BENEFICIARY_SITUATIONS)})`)
@Check('CHK_beneficiary_consent_scope', `consent_scope IN (${list(CONSENT_SCOPES)})`)
@Check(
  'CHK_beneficiary_consent',
  '(consent_scope IS NULL) = (consent_at IS NULL) AND (consent_scope IS NULL) = (consent_recorded_by IS NULL)',
)
@Check('CHK_beneficiary_contact_consent', 'contact IS NULL OR consent_scope IS NOT NULL')
@Check('CHK_beneficiary_household_key', 'octet_length(household_key) = 32')
@Check('CHK_beneficiary_household_purged', '(household_key IS NULL) = (purged_at IS NOT NULL)')
@Check(
  'CHK_beneficiary_purged',
  'purged_at IS NULL OR (first_name IS NULL AND contact IS NULL AND consent_scope IS NULL AND birth_year IS NULL)',
)
@Check(
  'CHK_beneficiary_erased',
  'erased_at IS NULL OR (purged_at IS NOT NULL AND erased_at >= purged_at)',
)
@Index('IDX_beneficiary_prescriber_created', ['prescriberId', 'createdAt'])
@Index('IDX_beneficiary_programme_household', ['programmeId', 'householdKey'])
@Index('IDX_beneficiary_programme_commune', ['programmeId', 'inseeCode'])
@Index('IDX_beneficiary_updated', ['updatedAt'])
@Index('IDX_beneficiary_unpurged', ['programmeId'], { where: 'purged_at IS NULL' })
export class Beneficiary {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Relation<Programme>;

  /** The structure that registered the person: its agents see them, no other structure does. */
  @Column({ name: 'prescriber_id', type: 'uuid' })
  prescriberId!: string;

  @ManyToOne(() => Prescriber, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'prescriber_id' })
  prescriber?: Relation<Prescriber>;

  /** The person's commune. */
  @Column({ name: 'insee_code', type: 'varchar', length: 5 })
  inseeCode!: string;

  @ManyToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'insee_code' })
  commune?: Relation<Commune>;

  @Column({ name: 'age_band', type: 'varchar', length: 10, nullable: true })
  ageBand!: AgeBand | null;

  @Column({ name: 'birth_year', type: 'smallint', nullable: true })
  birthYear!: number | null;

  @Column({ type: 'varchar', length: 20 })
  situation!: BeneficiarySituation;

  /** Optional, for the counter only. */
  @Column({ name: 'first_name', type: 'varchar', length: 50, nullable: true })
  firstName!: string | null;

  /** A phone number or an e-mail address, kept only with a recorded consent. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  contact!: string | null;

  @Column({ name: 'consent_scope', type: 'varchar', length: 30, nullable: true })
  consentScope!: ConsentScope | null;

  @Column({ name: 'consent_at', type: 'timestamptz', nullable: true })
  consentAt!: Date | null;

  /** The user who recorded the consent. */
  @Column({ name: 'consent_recorded_by', type: 'uuid', nullable: true })
  consentRecordedBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'consent_recorded_by' })
  consentRecorder?: Relation<User>;

  /**
   * HMAC-SHA-256 of the normalised address (and household name): see config/household-key.ts.
   * Null once the identifying data are purged.
   */
  @Column({ name: 'household_key', type: 'bytea', nullable: true, select: false })
  householdKey!: Buffer | null;

  /**
   * When the identifying data (household key, first name, contact, consent, birth year reduced to
   * its age band, diagnostics' notes) were removed: by the retention purge or an erasure.
   */
  @Column({ name: 'purged_at', type: 'timestamptz', nullable: true })
  purgedAt!: Date | null;

  /** When a programme manager erased the person's identifying data on request. */
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt!: Date | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<User>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
