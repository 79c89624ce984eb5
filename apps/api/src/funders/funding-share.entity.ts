import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { Funder } from './funder.entity.js';
import { Programme } from './programme.entity.js';

/** A funder's part of a programme, in basis points (10000 = 100 %). */
@Entity('funding_share')
@Check('CHK_funding_share_bp', 'basis_points > 0 AND basis_points <= 10000')
export class FundingShare {
  @PrimaryColumn({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @PrimaryColumn({ name: 'funder_id', type: 'uuid' })
  funderId!: string;

  @ManyToOne(() => Programme, (programme) => programme.shares, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Relation<Programme>;

  @ManyToOne(() => Funder, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'funder_id' })
  funder?: Relation<Funder>;

  @Column({ name: 'basis_points', type: 'int' })
  basisPoints!: number;
}
