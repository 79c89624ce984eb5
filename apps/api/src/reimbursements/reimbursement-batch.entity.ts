import {
  BATCH_LINE_STATUSES,
  BATCH_STATUSES,
  LINE_HOLD_REASONS,
  SEPA_FORMATS,
  type SepaFormat,
  type BatchLineStatus,
  type BatchStatus,
  type LineHoldReason,
} from '@carnet/domain';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { Funder } from '#src/funders/funder.entity.js';
import { Programme } from '#src/funders/programme.entity.js';
import { Redemption } from '#src/redemptions/redemption.entity.js';
import { Venue } from '#src/venues/venue.entity.js';
import { bigintNumber } from '#src/database/transformers.js';

export { SEPA_FORMATS, type SepaFormat };

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * One month of reimbursements for one programme: the redemptions made before `cutoff` and in no
 * earlier batch, one line per venue. UQ_reimbursement_batch_period makes "one batch per programme
 * and month" the database's rule, whoever asks (the monthly job, a retry, a double click).
 * Totals are written once, when the batch is sealed (GENERATING → DRAFT); from APPROVED on,
 * nothing in it changes but the bank's outcome of each line.
 */
@Entity('reimbursement_batch')
@Check('CHK_reimbursement_batch_status', `status IN (${list(BATCH_STATUSES)})`)
@Check('CHK_reimbursement_batch_period', `period ~ '^[0-9]{4}-[0-9]{2}$'`)
@Check(
  'CHK_reimbursement_batch_four_eyes',
  'approved_by IS NULL OR (approved_by IS DISTINCT FROM created_by AND approved_by IS DISTINCT FROM generated_by)',
)
@Check(
  'CHK_reimbursement_batch_approved',
  `(status IN ('GENERATING', 'DRAFT')) = (approved_at IS NULL) AND (approved_at IS NULL) = (approved_by IS NULL)`,
)
@Check('CHK_reimbursement_batch_sealed', `(status = 'GENERATING') = (generated_at IS NULL)`)
@Check(
  'CHK_reimbursement_batch_exported',
  `(status IN ('EXPORTED', 'PAID', 'PARTIALLY_PAID')) = (exported_at IS NOT NULL)`,
)
@Check(
  'CHK_reimbursement_batch_totals',
  'line_count >= 0 AND redemption_count >= 0 AND cheque_count >= 0 AND payable_cents >= 0 AND on_hold_cents >= 0',
)
@Index('UQ_reimbursement_batch_period', ['programmeId', 'period'], { unique: true })
@Index('IDX_reimbursement_batch_status', ['status'])
export class ReimbursementBatch {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Relation<Programme>;

  /** The month it pays for (YYYY-MM, France). */
  @Column({ type: 'char', length: 7 })
  period!: string;

  /** The first instant after the period (midnight in Paris): it takes redemptions made before. */
  @Column({ type: 'timestamptz' })
  cutoff!: Date;

  @Column({ type: 'varchar', length: 16, default: 'GENERATING' })
  status!: BatchStatus;

  /** The finance officer who asked for it; null when the monthly job created it. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_by_label', type: 'text', nullable: true })
  createdByLabel!: string | null;

  /** A person who ran its generation; null when the worker did on its own. */
  @Column({ name: 'generated_by', type: 'uuid', nullable: true })
  generatedBy!: string | null;

  @Column({ name: 'generated_by_label', type: 'text', nullable: true })
  generatedByLabel!: string | null;

  /** When it was sealed (GENERATING → DRAFT). */
  @Column({ name: 'generated_at', type: 'timestamptz', nullable: true })
  generatedAt!: Date | null;

  @Column({ name: 'line_count', type: 'int', default: 0 })
  lineCount!: number;

  @Column({ name: 'redemption_count', type: 'int', default: 0 })
  redemptionCount!: number;

  @Column({ name: 'cheque_count', type: 'int', default: 0 })
  chequeCount!: number;

  /** What the transfer file pays: the PAYABLE lines at sealing. */
  @Column({ name: 'payable_cents', type: 'bigint', transformer: bigintNumber, default: 0 })
  payableCents!: number;

  /** What waits (ON_HOLD lines): paid by a later batch once the venue can be paid. */
  @Column({ name: 'on_hold_cents', type: 'bigint', transformer: bigintNumber, default: 0 })
  onHoldCents!: number;

  @Column({ name: 'approved_by', type: 'uuid', nullable: true })
  approvedBy!: string | null;

  @Column({ name: 'approved_by_label', type: 'text', nullable: true })
  approvedByLabel!: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  /** Chosen at export: the SEPA message version and the date the bank is asked to execute. */
  @Column({ name: 'sepa_format', type: 'varchar', length: 20, nullable: true })
  sepaFormat!: SepaFormat | null;

  @Column({ name: 'requested_execution_date', type: 'date', nullable: true })
  requestedExecutionDate!: string | null;

  /** SEPA MsgId, fixed when the export is asked so that a retried export writes the same bytes. */
  @Column({ name: 'message_id', type: 'varchar', length: 35, nullable: true })
  messageId!: string | null;

  @Column({ name: 'export_requested_by', type: 'uuid', nullable: true })
  exportRequestedBy!: string | null;

  @Column({ name: 'export_requested_by_label', type: 'text', nullable: true })
  exportRequestedByLabel!: string | null;

  @Column({ name: 'export_requested_at', type: 'timestamptz', nullable: true })
  exportRequestedAt!: Date | null;

  @Column({ name: 'exported_at', type: 'timestamptz', nullable: true })
  exportedAt!: Date | null;

  /** When the bank's last outcome closed it (PAID or PARTIALLY_PAID). */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * What a batch pays one venue: its redemptions (reimbursement_line_redemption), their cheques and
 * amount, and the payee as it was when the batch was sealed (a later change of bank details does
 * not rewrite a batch). ON_HOLD lines name why (hold_reasons) and pay nothing: their redemptions
 * stay free for the next batch.
 */
@Entity('reimbursement_line')
@Check('CHK_reimbursement_line_status', `status IN (${list(BATCH_LINE_STATUSES)})`)
@Check(
  'CHK_reimbursement_line_hold',
  `(status = 'ON_HOLD') = (cardinality(hold_reasons) > 0) AND hold_reasons <@ ARRAY[${list(LINE_HOLD_REASONS)}]::text[]`,
)
@Check(
  'CHK_reimbursement_line_payee',
  `status = 'ON_HOLD' OR (bank_account_id IS NOT NULL AND iban IS NOT NULL AND bic IS NOT NULL AND holder_name IS NOT NULL AND end_to_end_id IS NOT NULL)`,
)
@Check(
  'CHK_reimbursement_line_amounts',
  'redemption_count > 0 AND cheque_count > 0 AND amount_cents > 0',
)
@Check(
  'CHK_reimbursement_line_outcome',
  `(status = 'PAID') = (paid_on IS NOT NULL) AND (status = 'REJECTED') = (rejection_reason IS NOT NULL) AND (status IN ('PAID', 'REJECTED')) = (outcome_at IS NOT NULL)`,
)
@Index('UQ_reimbursement_line_venue', ['batchId', 'venueId'], { unique: true })
@Index('IDX_reimbursement_line_venue', ['venueId', 'batchId'])
export class ReimbursementLine {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'batch_id', type: 'uuid' })
  batchId!: string;

  @ManyToOne(() => ReimbursementBatch, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'batch_id' })
  batch?: Relation<ReimbursementBatch>;

  @Column({ name: 'venue_id', type: 'uuid' })
  venueId!: string;

  @ManyToOne(() => Venue, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'venue_id' })
  venue?: Relation<Venue>;

  @Column({ type: 'varchar', length: 10 })
  status!: BatchLineStatus;

  @Column({ name: 'hold_reasons', type: 'text', array: true, default: () => "'{}'" })
  holdReasons!: LineHoldReason[];

  @Column({ name: 'redemption_count', type: 'int' })
  redemptionCount!: number;

  @Column({ name: 'cheque_count', type: 'int' })
  chequeCount!: number;

  @Column({ name: 'amount_cents', type: 'bigint', transformer: bigintNumber })
  amountCents!: number;

  /** The venue as it was at sealing: name, SIRET or RNA, typologies (its legal nature). */
  @Column({ name: 'venue_name', type: 'text' })
  venueName!: string;

  @Column({ name: 'venue_pivot', type: 'varchar', length: 14 })
  venuePivot!: string;

  @Column({ name: 'venue_typologies', type: 'text', array: true, default: () => "'{}'" })
  venueTypologies!: string[];

  /** The VERIFIED bank account paid (null on hold): holder, IBAN and BIC copied at sealing. */
  @Column({ name: 'bank_account_id', type: 'uuid', nullable: true })
  bankAccountId!: string | null;

  @Column({ name: 'holder_name', type: 'text', nullable: true })
  holderName!: string | null;

  @Column({ type: 'varchar', length: 34, nullable: true })
  iban!: string | null;

  @Column({ type: 'varchar', length: 11, nullable: true })
  bic!: string | null;

  /** SEPA EndToEndId (sepaEndToEndId(batch, venue)): how the bank's report names this line. */
  @Column({ name: 'end_to_end_id', type: 'varchar', length: 35, nullable: true })
  endToEndId!: string | null;

  @Column({ name: 'paid_on', type: 'date', nullable: true })
  paidOn!: string | null;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason!: string | null;

  @Column({ name: 'outcome_by', type: 'uuid', nullable: true })
  outcomeBy!: string | null;

  @Column({ name: 'outcome_by_label', type: 'text', nullable: true })
  outcomeByLabel!: string | null;

  @Column({ name: 'outcome_at', type: 'timestamptz', nullable: true })
  outcomeAt!: Date | null;
}

/**
 * A redemption in a line. `active` while the line pays it (PAYABLE, then PAID); false from the
 * start in an ON_HOLD line, and turned false when the bank rejects the line, so the redemption
 * is free for a later batch. UQ_reimbursement_redemption_active: a redemption is paid by one line
 * at most, whatever runs concurrently.
 */
@Entity('reimbursement_line_redemption')
@Index('UQ_reimbursement_redemption_active', ['redemptionId'], { unique: true, where: 'active' })
@Index('IDX_reimbursement_line_redemption', ['redemptionId'])
export class ReimbursementLineRedemption {
  @PrimaryColumn({ name: 'line_id', type: 'uuid' })
  lineId!: string;

  @ManyToOne(() => ReimbursementLine, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'line_id' })
  line?: Relation<ReimbursementLine>;

  @PrimaryColumn({ name: 'redemption_id', type: 'uuid' })
  redemptionId!: string;

  @ManyToOne(() => Redemption, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'redemption_id' })
  redemption?: Relation<Redemption>;

  @Column({ type: 'boolean' })
  active!: boolean;
}

/** A funder's part of a batch's payable total, by its share then (largest remainder). */
@Entity('reimbursement_batch_funder')
@Check(
  'CHK_reimbursement_batch_funder',
  'cents >= 0 AND basis_points > 0 AND basis_points <= 10000',
)
export class ReimbursementBatchFunder {
  @PrimaryColumn({ name: 'batch_id', type: 'uuid' })
  batchId!: string;

  @ManyToOne(() => ReimbursementBatch, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'batch_id' })
  batch?: Relation<ReimbursementBatch>;

  @PrimaryColumn({ name: 'funder_id', type: 'uuid' })
  funderId!: string;

  @ManyToOne(() => Funder, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'funder_id' })
  funder?: Relation<Funder>;

  @Column({ name: 'basis_points', type: 'int' })
  basisPoints!: number;

  @Column({ type: 'bigint', transformer: bigintNumber })
  cents!: number;
}

/** A funder's part of one PAYABLE line (controlled rounding: rows and columns reconcile). */
@Entity('reimbursement_line_funder')
@Check('CHK_reimbursement_line_funder', 'cents >= 0')
export class ReimbursementLineFunder {
  @PrimaryColumn({ name: 'line_id', type: 'uuid' })
  lineId!: string;

  @ManyToOne(() => ReimbursementLine, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'line_id' })
  line?: Relation<ReimbursementLine>;

  @PrimaryColumn({ name: 'funder_id', type: 'uuid' })
  funderId!: string;

  @ManyToOne(() => Funder, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'funder_id' })
  funder?: Relation<Funder>;

  @Column({ type: 'bigint', transformer: bigintNumber })
  cents!: number;
}

/**
 * A file of an exported batch (sepa.xml, etat-liquidatif.xlsx, a venue's statement PDF, …),
 * written once by the export, chunk by chunk, then sealed with its size and SHA-256.
 * `venue_id` marks a venue's own statement: the only file its staff may download.
 */
@Entity('reimbursement_file')
@Check('CHK_reimbursement_file_sealed', 'complete = (sha256 IS NOT NULL)')
@Index('UQ_reimbursement_file_name', ['batchId', 'name'], { unique: true })
@Index('IDX_reimbursement_file_venue', ['venueId', 'batchId'])
export class ReimbursementFile {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'batch_id', type: 'uuid' })
  batchId!: string;

  @ManyToOne(() => ReimbursementBatch, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'batch_id' })
  batch?: Relation<ReimbursementBatch>;

  /** File name in the download path: lower-case letters, digits, dots and dashes. */
  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ name: 'media_type', type: 'text' })
  mediaType!: string;

  @Column({ name: 'venue_id', type: 'uuid', nullable: true })
  venueId!: string | null;

  @Column({ type: 'boolean', default: false })
  complete!: boolean;

  @Column({ name: 'size_bytes', type: 'bigint', transformer: bigintNumber, default: 0 })
  sizeBytes!: number;

  @Column({ type: 'char', length: 64, nullable: true })
  sha256!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

@Entity('reimbursement_file_chunk')
export class ReimbursementFileChunk {
  @PrimaryColumn({ name: 'file_id', type: 'uuid' })
  fileId!: string;

  @ManyToOne(() => ReimbursementFile, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'file_id' })
  file?: Relation<ReimbursementFile>;

  @PrimaryColumn({ type: 'int' })
  seq!: number;

  @Column({ type: 'bytea' })
  data!: Buffer;
}
