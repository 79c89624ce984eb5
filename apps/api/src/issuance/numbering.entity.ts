import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '#src/database/transformers.js';

/**
 * Counters of carnet serials and cheque sequences. An issuance run reserves its whole block in
 * one UPDATE (the row lock orders concurrent runs), so numbers are never reused nor skipped twice.
 */
@Entity('numbering')
export class Numbering {
  @PrimaryColumn({ type: 'varchar', length: 30 })
  name!: string;

  /** The next number to hand out. */
  @Column({ type: 'bigint', transformer: bigintNumber })
  next!: number;
}
