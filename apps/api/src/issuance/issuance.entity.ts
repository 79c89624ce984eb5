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
import { bigintNumber } from '#src/database/transformers.js';

export const ISSUANCE_STATUSES = ['QUEUED', 'RUNNING', 'PRINTING', 'DONE', 'FAILED'] as const;
export type IssuanceStatus = (typeof ISSUANCE_STATUSES)[number];

/**
 * One issuance run: N carnets of a programme, numbered from blocks reserved when the run was
 * requested (serials and cheque sequences), so that a run interrupted half-way resumes exactly
 * where it stopped and never numbers a cheque twice.
 */
@Entity('issuance')
@Check('CHK_issuance_status', `status IN (${ISSUANCE_STATUSES.map((s) => `'${s}'`).join(', ')})`)
@Check('CHK_issuance_progress', 'carnets_done BETWEEN 0 AND carnet_count')
export class Issuance {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_issuance_programme')
  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Relation<Programme>;

  @Column({ name: 'carnet_count', type: 'int' })
  carnetCount!: number;

  @Column({ name: 'cheques_per_carnet', type: 'int' })
  chequesPerCarnet!: number;

  @Column({ name: 'face_value_cents', type: 'int' })
  faceValueCents!: number;

  /** Last day the cheques of this run may be redeemed (the programme's validity end). */
  @Column({ name: 'valid_until', type: 'date' })
  validUntil!: string;

  @Column({ name: 'first_serial', type: 'bigint', transformer: bigintNumber })
  firstSerial!: number;

  @Column({ name: 'first_sequence', type: 'bigint', transformer: bigintNumber })
  firstSequence!: number;

  @Column({ type: 'varchar', length: 10, default: 'QUEUED' })
  status!: IssuanceStatus;

  @Column({ name: 'carnets_done', type: 'int', default: 0 })
  carnetsDone!: number;

  /** Print output generation: 1 at issuance, +1 each time codes are issued again. */
  @Column({ name: 'print_generation', type: 'int', default: 1 })
  printGeneration!: number;

  /** The PDF is made for a print shop: crop marks, TrimBox and BleedBox on each page. */
  @Column({ name: 'crop_marks', type: 'boolean', default: false })
  cropMarks!: boolean;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
