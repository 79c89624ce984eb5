import { CANCELLATION_REASONS, CHEQUE_STATUSES, type ChequeStatus } from '@carnet/domain';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { Programme } from '#src/funders/programme.entity.js';
import { Carnet } from './carnet.entity.js';

/** Why a cheque is void: the carnet's reasons, plus a replacement's cheques beyond the lost value. */
export const CHEQUE_CANCELLATION_REASONS = [
  ...CANCELLATION_REASONS,
  'REPLACEMENT_SURPLUS',
] as const;
export type ChequeCancellationReason = (typeof CHEQUE_CANCELLATION_REASONS)[number];

/** One cheque: a public number (with check digit), a face value, and a keyed hash of its code. */
@Entity('cheque')
@Check('CHK_cheque_status', `status IN (${CHEQUE_STATUSES.map((s) => `'${s}'`).join(', ')})`)
@Check('CHK_cheque_number', `number ~ '^[0-9]{12}$'`)
@Check('CHK_cheque_face_value', 'face_value_cents > 0')
@Check('CHK_cheque_code_failures', 'code_failures >= 0')
@Check('CHK_cheque_cancellation', `(status = 'CANCELLED') = (cancellation_reason IS NOT NULL)`)
@Index('IDX_cheque_carnet', ['carnetId', 'position'], { unique: true })
@Index('IDX_cheque_programme_status', ['programmeId', 'status'])
/** The nightly expiry: unused cheques of one programme, by validity end. */
@Index('IDX_cheque_expiry_due', ['programmeId', 'validUntil'], {
  where: `status IN ('ISSUED', 'DISTRIBUTED')`,
})
/** The reporting refresh's change feed: every status change stamps status_changed_at. */
@Index('IDX_cheque_status_changed', ['statusChangedAt'])
export class Cheque {
  @PrimaryColumn({ type: 'char', length: 12 })
  number!: string;

  @Column({ name: 'carnet_id', type: 'uuid' })
  carnetId!: string;

  @ManyToOne(() => Carnet, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'carnet_id' })
  carnet?: Relation<Carnet>;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Relation<Programme>;

  /** 1-based place in its carnet. */
  @Column({ type: 'smallint' })
  position!: number;

  @Column({ name: 'face_value_cents', type: 'int' })
  faceValueCents!: number;

  /** Last day it may be redeemed. */
  @Column({ name: 'valid_until', type: 'date' })
  validUntil!: string;

  @Column({ type: 'varchar', length: 12, default: 'ISSUED' })
  status!: ChequeStatus;

  /** HMAC-SHA-256 of number and security code under the server's key; the code itself is never stored. */
  @Column({ name: 'security_hash', type: 'bytea', select: false })
  securityHash!: Buffer;

  @Column({ name: 'cancellation_reason', type: 'varchar', length: 20, nullable: true })
  cancellationReason!: ChequeCancellationReason | null;

  @Column({ name: 'status_changed_at', type: 'timestamptz', default: () => 'now()' })
  statusChangedAt!: Date;

  /**
   * Wrong security codes given for it (check or redemption, any caller) since its last right one
   * or its last unlock; MAX_SECURITY_CODE_FAILURES lock it.
   */
  @Column({ name: 'code_failures', type: 'smallint', default: 0 })
  codeFailures!: number;

  /** When wrong codes locked it; null while it is not locked. Unlocked by a programme manager. */
  @Column({ name: 'locked_at', type: 'timestamptz', nullable: true })
  lockedAt!: Date | null;
}
