import {
  REDEMPTION_STATUSES,
  SERVICE_DURATION_MINUTES,
  SERVICE_PARTICIPANTS,
  type RedemptionStatus,
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
  type Relation,
} from 'typeorm';
import { Cheque } from '#src/cheques/cheque.entity.js';
import { Programme } from '#src/funders/programme.entity.js';
import { Venue } from '#src/venues/venue.entity.js';

/** Who redeemed or cancelled: a venue's staff member or an API client. */
export type RedemptionActorType = 'USER' | 'API_CLIENT';

/**
 * Cheques spent at a venue for one service (a workshop, an individual session). Its cheques are
 * the rows of redemption_cheque. Cancelled by its venue within 24 h, it turns CANCELLED (who and
 * when kept) and its cheques go back to DISTRIBUTED: a compensating state, never a deletion.
 * `reimbursement_batch_id` is set by the monthly batch that pays it; from then on it cannot be
 * cancelled (CHK_redemption_batch: never both).
 */
@Entity('redemption')
@Check(
  'CHK_redemption_status',
  `status IN (${REDEMPTION_STATUSES.map((s) => `'${s}'`).join(', ')})`,
)
@Check(
  'CHK_redemption_cancelled',
  `(status = 'CANCELLED') = (cancelled_at IS NOT NULL) AND (cancelled_at IS NULL) = (cancelled_by IS NULL)`,
)
@Check('CHK_redemption_batch', `NOT (status = 'CANCELLED' AND reimbursement_batch_id IS NOT NULL)`)
@Check(
  'CHK_redemption_duration',
  `duration_minutes BETWEEN ${SERVICE_DURATION_MINUTES.min} AND ${SERVICE_DURATION_MINUTES.max}`,
)
@Check(
  'CHK_redemption_participants',
  `participants BETWEEN ${SERVICE_PARTICIPANTS.min} AND ${SERVICE_PARTICIPANTS.max}`,
)
@Check('CHK_redemption_amount', 'amount_cents > 0 AND cheque_count > 0')
@Check('CHK_redemption_period', `period ~ '^[0-9]{4}-[0-9]{2}$'`)
@Index('IDX_redemption_created', ['createdAt', 'id'])
@Index('IDX_redemption_venue_created', ['venueId', 'createdAt', 'id'])
@Index('IDX_redemption_programme_period', ['programmeId', 'period', 'venueId'])
/** The reporting refresh finds the months whose redemptions were cancelled since its last run. */
@Index('IDX_redemption_cancelled', ['cancelledAt'], { where: 'cancelled_at IS NOT NULL' })
export class Redemption {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'venue_id', type: 'uuid' })
  venueId!: string;

  @ManyToOne(() => Venue, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'venue_id' })
  venue?: Relation<Venue>;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Relation<Programme>;

  /** A service of the national schema, from the venue's catalogue. */
  @Column({ type: 'text' })
  service!: string;

  @Column({ name: 'service_date', type: 'date' })
  serviceDate!: string;

  @Column({ name: 'duration_minutes', type: 'smallint' })
  durationMinutes!: number;

  @Column({ type: 'smallint', default: 1 })
  participants!: number;

  @Column({ name: 'cheque_count', type: 'smallint' })
  chequeCount!: number;

  @Column({ name: 'amount_cents', type: 'int' })
  amountCents!: number;

  /** The month (YYYY-MM, in France) it is reimbursed for: the month it was made. */
  @Column({ type: 'char', length: 7 })
  period!: string;

  @Column({ type: 'varchar', length: 10, default: 'ACTIVE' })
  status!: RedemptionStatus;

  @Column({ name: 'actor_type', type: 'varchar', length: 10 })
  actorType!: RedemptionActorType;

  /** The user or API client who redeemed (no foreign key: either table). */
  @Column({ name: 'actor_id', type: 'uuid' })
  actorId!: string;

  @Column({ name: 'actor_label', type: 'text' })
  actorLabel!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  /** The user or API client who cancelled. */
  @Column({ name: 'cancelled_by', type: 'uuid', nullable: true })
  cancelledBy!: string | null;

  @Column({ name: 'cancelled_by_label', type: 'text', nullable: true })
  cancelledByLabel!: string | null;

  /**
   * The reimbursement batch that pays it (set when a PAYABLE line takes it; cleared when the bank
   * rejects that line, so a later batch pays it). While set, the redemption cannot be cancelled.
   * No foreign key here (the batches module imports this entity, not the other way round): the
   * link with its foreign keys is reimbursement_line_redemption.
   */
  @Column({ name: 'reimbursement_batch_id', type: 'uuid', nullable: true })
  reimbursementBatchId!: string | null;

  cheques?: Relation<RedemptionCheque>[];
}

/**
 * One cheque of a redemption, with its face value then. `active` turns false when the redemption
 * is cancelled; UQ_redemption_cheque_active makes "a cheque is in one live redemption at most"
 * the database's rule too, under the conditional status update.
 */
@Entity('redemption_cheque')
@Index('UQ_redemption_cheque_active', ['chequeNumber'], { unique: true, where: 'active' })
@Index('IDX_redemption_cheque_number', ['chequeNumber'])
export class RedemptionCheque {
  @Column({ name: 'redemption_id', type: 'uuid', primary: true })
  redemptionId!: string;

  @ManyToOne(() => Redemption, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'redemption_id' })
  redemption?: Relation<Redemption>;

  @Column({ name: 'cheque_number', type: 'char', length: 12, primary: true })
  chequeNumber!: string;

  @ManyToOne(() => Cheque, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cheque_number' })
  cheque?: Relation<Cheque>;

  /** Place of the cheque in the request, from 0 (the order the venue presented them). */
  @Column({ type: 'smallint' })
  position!: number;

  @Column({ name: 'face_value_cents', type: 'int' })
  faceValueCents!: number;

  @Column({ type: 'boolean', default: true })
  active!: boolean;
}
