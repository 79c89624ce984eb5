import type { ChecklistItem, QualificationStatus } from '@carnet/domain';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One qualification decision on a venue: the move, its checklist, who decided and why. */
@Entity('venue_qualification_decision')
@Index('IDX_qualification_decision_venue', ['venueId', 'decidedAt'])
export class QualificationDecision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'venue_id', type: 'uuid' })
  venueId!: string;

  @Column({ name: 'from_status', type: 'varchar', length: 16 })
  fromStatus!: QualificationStatus;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus!: QualificationStatus;

  @Column({ type: 'jsonb' })
  checklist!: ChecklistItem[];

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_by_label', type: 'text' })
  decidedByLabel!: string;

  @CreateDateColumn({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;
}
