import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Commune } from '#src/communes/commune.entity.js';
import { Prescriber } from './prescriber.entity.js';

/**
 * A commune a structure serves beyond its own (a France Services, an association working in
 * several communes). Its own commune is implied and never listed here.
 */
@Entity('prescriber_commune')
export class PrescriberCommune {
  @PrimaryColumn({ name: 'prescriber_id', type: 'uuid' })
  prescriberId!: string;

  /** The référents of this commune see the structure (read-only). */
  @Index('IDX_prescriber_commune_insee')
  @PrimaryColumn({ name: 'insee_code', type: 'varchar', length: 5 })
  inseeCode!: string;

  @ManyToOne(() => Prescriber, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'prescriber_id' })
  prescriber?: Relation<Prescriber>;

  @ManyToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'insee_code' })
  commune?: Relation<Commune>;
}
