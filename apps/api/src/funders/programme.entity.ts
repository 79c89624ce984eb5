import {
  BENEFICIARY_SITUATIONS,
  type BeneficiarySituation,
  PROGRAMME_STATUSES,
  type ProgrammeStatus,
  SEPA_FORMATS,
  type SepaFormat,
} from '@carnet/domain';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { bigintNumber } from '#src/database/transformers.js';
import { FundingShare } from './funding-share.entity.js';
import { FRENCH } from '#src/database/collation.js';

/** One Pass numérique campaign on one territory. Dates are calendar dates (Europe/Paris). */
@Entity('programme')
@Check('CHK_programme_status', `status IN (${PROGRAMME_STATUSES.map((s) => `'${s}'`).join(', ')})`)
@Check(
  'CHK_programme_money',
  'face_value_cents > 0 AND cheques_per_carnet > 0 AND budget_cents >= 0',
)
@Check('CHK_programme_dates', 'end_date >= start_date AND grace_days >= 0')
@Check('CHK_programme_household', 'max_carnets_per_household >= 1')
@Check(
  'CHK_programme_eligible_situations',
  `eligible_situations <@ ARRAY[${BENEFICIARY_SITUATIONS.map((s) => `'${s}'`).join(', ')}]::text[]`,
)
@Check(
  'CHK_programme_sepa_format',
  `sepa_format IN (${SEPA_FORMATS.map((f) => `'${f}'`).join(', ')})`,
)
@Check('CHK_programme_expired', 'expired_cheques >= 0 AND expired_cents >= 0')
export class Programme {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', collation: FRENCH })
  name!: string;

  @Column({ name: 'territory_label', type: 'text' })
  territoryLabel!: string;

  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  @Column({ name: 'end_date', type: 'date' })
  endDate!: string;

  /** Last day a cheque can be redeemed; unused cheques expire after it plus the grace period. */
  @Column({ name: 'validity_end_date', type: 'date' })
  validityEndDate!: string;

  @Column({ name: 'grace_days', type: 'int', default: 0 })
  graceDays!: number;

  @Column({ name: 'face_value_cents', type: 'int', default: 1000 })
  faceValueCents!: number;

  @Column({ name: 'cheques_per_carnet', type: 'int', default: 10 })
  chequesPerCarnet!: number;

  @Column({ name: 'budget_cents', type: 'bigint', transformer: bigintNumber })
  budgetCents!: number;

  /** Cheques expired and their value, kept by the cheque_tallies trigger (never written here). */
  @Column({ name: 'expired_cheques', type: 'int', default: 0, select: false })
  expiredCheques!: number;

  @Column({
    name: 'expired_cents',
    type: 'bigint',
    default: 0,
    transformer: bigintNumber,
    select: false,
  })
  expiredCents!: number;

  /** When set, an agent hands out a carnet only once trained (AGENT_NOT_TRAINED otherwise). */
  @Column({ name: 'require_trained_agent', type: 'boolean', default: false })
  requireTrainedAgent!: boolean;

  @Column({ name: 'max_carnets_per_household', type: 'int', default: 1 })
  maxCarnetsPerHousehold!: number;

  @Column({ name: 'eligible_publics', type: 'text', array: true, default: () => "'{}'" })
  eligiblePublics!: string[];

  /** Situations of the beneficiaries it covers; empty: every situation. */
  @Column({ name: 'eligible_situations', type: 'text', array: true, default: () => "'{}'" })
  eligibleSituations!: BeneficiarySituation[];

  /** Communes (INSEE) of the beneficiaries it covers; empty: the programme's enrolled communes. */
  @Column({ name: 'eligible_insee_codes', type: 'text', array: true, default: () => "'{}'" })
  eligibleInseeCodes!: string[];

  /** Services of the national schema (LieuxDeMediationNumerique `services`) the cheques pay for. */
  @Column({ name: 'payable_services', type: 'text', array: true, default: () => "'{}'" })
  payableServices!: string[];

  /**
   * SEPA credit-transfer message its batches are exported in: pain.001.001.09 (the EPC's
   * current rulebook), or pain.001.001.03 for a bank that still asks for it.
   */
  @Column({ name: 'sepa_format', type: 'varchar', length: 20, default: 'pain.001.001.09' })
  sepaFormat!: SepaFormat;

  @Column({ type: 'varchar', length: 10, default: 'DRAFT' })
  status!: ProgrammeStatus;

  /**
   * Its anonymised usage figures are published without login
   * (/public/programmes/{id}/usage.csv): set by its manager.
   */
  @Column({ name: 'open_data', type: 'boolean', default: false })
  openData!: boolean;

  /** The number a beneficiary may call, printed on the cover of each carnet; none: not printed. */
  @Column({ name: 'help_phone', type: 'text', nullable: true })
  helpPhone!: string | null;

  @OneToMany(() => FundingShare, (share) => share.programme)
  shares?: Relation<FundingShare[]>;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
