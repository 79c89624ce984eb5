import { BANK_ACCOUNT_STATUSES, type BankAccountStatus } from '@carnet/domain';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A venue's bank details, as entered once. A change creates a new row (PENDING) and closes the
 * previous one (valid_to); history is never rewritten. Only a VERIFIED current row is payable.
 */
@Entity('venue_bank_account')
@Check(
  'CHK_bank_account_status',
  `status IN (${BANK_ACCOUNT_STATUSES.map((s) => `'${s}'`).join(', ')})`,
)
@Check('CHK_bank_account_four_eyes', 'decided_by IS NULL OR decided_by <> entered_by')
@Index('UQ_bank_account_current', ['venueId'], { unique: true, where: 'valid_to IS NULL' })
export class BankAccount {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_bank_account_venue')
  @Column({ name: 'venue_id', type: 'uuid' })
  venueId!: string;

  /** Holder as on the bank record: it becomes the creditor name of transfers. */
  @Column({ name: 'holder_name', type: 'text' })
  holderName!: string;

  /** Electronic format: no spaces, upper case. */
  @Column({ type: 'varchar', length: 34 })
  iban!: string;

  @Column({ type: 'varchar', length: 11 })
  bic!: string;

  @Column({ name: 'document_id', type: 'uuid', nullable: true })
  documentId!: string | null;

  @Column({ type: 'varchar', length: 10, default: 'PENDING' })
  status!: BankAccountStatus;

  @Column({ name: 'entered_by', type: 'uuid' })
  enteredBy!: string;

  @CreateDateColumn({ name: 'entered_at', type: 'timestamptz' })
  enteredAt!: Date;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason!: string | null;

  @Column({ name: 'valid_from', type: 'timestamptz', default: () => 'now()' })
  validFrom!: Date;

  @Column({ name: 'valid_to', type: 'timestamptz', nullable: true })
  validTo!: Date | null;
}
