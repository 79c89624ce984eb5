import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import type { CriterionContribution } from '@carnet/domain';
import { numericNumber } from '#src/database/transformers.js';

/** One committed allocation of a programme; a new version supersedes the previous one. */
@Entity('allocation_version')
@Index('UQ_allocation_version', ['programmeId', 'version'], { unique: true })
@Index('UQ_allocation_current', ['programmeId'], { unique: true, where: 'superseded_at IS NULL' })
@Check('CHK_allocation_version_counts', 'total_carnets >= 0 AND fixed_per_commune >= 0')
export class AllocationVersion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'total_carnets', type: 'int' })
  totalCarnets!: number;

  @Column({ name: 'fixed_per_commune', type: 'int' })
  fixedPerCommune!: number;

  @Column({ type: 'jsonb' })
  weights!: Record<string, number>;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true })
  supersededAt!: Date | null;

  @OneToMany(() => AllocationLine, (line) => line.allocation)
  lines?: Relation<AllocationLine[]>;
}

/** A commune's carnets in an allocation version, with how they were computed. */
@Entity('allocation_line')
@Check('CHK_allocation_line_sum', 'total = fixed + variable AND fixed >= 0 AND variable >= 0')
export class AllocationLine {
  @PrimaryColumn({ name: 'allocation_id', type: 'uuid' })
  allocationId!: string;

  @ManyToOne(() => AllocationVersion, (version) => version.lines, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'allocation_id' })
  allocation?: Relation<AllocationVersion>;

  @PrimaryColumn({ name: 'insee_code', type: 'varchar', length: 5 })
  inseeCode!: string;

  @Column({ type: 'int' })
  fixed!: number;

  @Column({ type: 'int' })
  variable!: number;

  @Column({ type: 'int' })
  total!: number;

  @Column({ type: 'numeric', precision: 20, scale: 12, transformer: numericNumber })
  score!: number;

  @Column({ type: 'jsonb' })
  explanation!: CriterionContribution[];
}
