import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { numericNumber } from '#src/database/transformers.js';

/** A named social criterion of a commune in a programme (qpvPopulation, population, …). */
@Entity('allocation_criterion')
@Check('CHK_allocation_criterion_value', 'value >= 0')
export class AllocationCriterion {
  @PrimaryColumn({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @PrimaryColumn({ name: 'insee_code', type: 'varchar', length: 5 })
  inseeCode!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'numeric', precision: 16, scale: 4, transformer: numericNumber })
  value!: number;
}
