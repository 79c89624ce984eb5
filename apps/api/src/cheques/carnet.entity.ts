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
import { Programme } from '#src/funders/programme.entity.js';
import type { CancellationReason } from '@carnet/domain';
import { CANCELLATION_REASONS } from '@carnet/domain';
import { bigintNumber } from '#src/database/transformers.js';
import { CustodyHolder } from '#src/custody/custody-holder.entity.js';
import { Issuance } from '#src/issuance/issuance.entity.js';

export const CARNET_STATUSES = ['ACTIVE', 'CANCELLED'] as const;
export type CarnetStatus = (typeof CARNET_STATUSES)[number];

/** A book of cheques with a serial number, always in one holder's custody while ACTIVE. */
@Entity('carnet')
@Check('CHK_carnet_status', `status IN ('ACTIVE', 'CANCELLED')`)
@Check(
  'CHK_carnet_cancellation',
  `(status = 'ACTIVE' AND cancellation_reason IS NULL AND holder_id IS NOT NULL)
   OR (status = 'CANCELLED' AND cancellation_reason IS NOT NULL AND holder_id IS NULL)`,
)
@Check(
  'CHK_carnet_cancellation_reason',
  `cancellation_reason IS NULL OR cancellation_reason IN (${CANCELLATION_REASONS.map((r) => `'${r}'`).join(', ')})`,
)
@Index('IDX_carnet_programme_serial', ['programmeId', 'serial'])
/** A stock's carnets in serial order (the replacement candidate is the first that qualifies). */
@Index('IDX_carnet_holder_serial', ['holderId', 'serial'])
@Index('IDX_carnet_created', ['createdAt', 'id'])
export class Carnet {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('UQ_carnet_serial', { unique: true })
  @Column({ type: 'bigint', transformer: bigintNumber })
  serial!: number;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Relation<Programme>;

  @Index('IDX_carnet_issuance')
  @Column({ name: 'issuance_id', type: 'uuid' })
  issuanceId!: string;

  @ManyToOne(() => Issuance, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuance_id' })
  issuance?: Relation<Issuance>;

  @Column({ type: 'varchar', length: 10, default: 'ACTIVE' })
  status!: CarnetStatus;

  /** Who holds it now; null once cancelled (written off). */
  @Column({ name: 'holder_id', type: 'uuid', nullable: true })
  holderId!: string | null;

  @ManyToOne(() => CustodyHolder, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'holder_id' })
  holder?: Relation<CustodyHolder>;

  /** The holder it had when it was cancelled: whom a replacement goes to. */
  @Column({ name: 'last_holder_id', type: 'uuid', nullable: true })
  lastHolderId!: string | null;

  @ManyToOne(() => CustodyHolder, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'last_holder_id' })
  lastHolder?: Relation<CustodyHolder>;

  @Column({ name: 'cancellation_reason', type: 'varchar', length: 10, nullable: true })
  cancellationReason!: CancellationReason | null;

  @Column({ name: 'cancellation_comment', type: 'text', nullable: true })
  cancellationComment!: string | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  /** The cancelled carnet this one replaces (one replacement per cancelled carnet). */
  @Index('UQ_carnet_replaces', { unique: true })
  @Column({ name: 'replaces_carnet_id', type: 'uuid', nullable: true })
  replacesCarnetId!: string | null;

  @ManyToOne(() => Carnet, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'replaces_carnet_id' })
  replacesCarnet?: Relation<Carnet>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
