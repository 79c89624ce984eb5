import { EQUIPMENT, type Equipment, ONLINE_PROCEDURES, type OnlineProcedure } from '@carnet/domain';
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
import { User } from '#src/auth/user.entity.js';
import { Beneficiary } from './beneficiary.entity.js';

const array = (values: readonly string[]) =>
  `ARRAY[${values.map((v) => `'${v}'`).join(', ')}]::text[]`;

/** A short diagnostic of a beneficiary's needs, autonomy and equipment, by an agent. */
@Entity('diagnostic')
@Check('CHK_diagnostic_procedures', `procedures <@ ${array(ONLINE_PROCEDURES)}`)
@Check('CHK_diagnostic_equipment', `equipment <@ ${array(EQUIPMENT)}`)
@Check('CHK_diagnostic_autonomy', 'autonomy BETWEEN 1 AND 4')
@Index('IDX_diagnostic_beneficiary_created', ['beneficiaryId', 'createdAt'])
export class Diagnostic {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId!: string;

  @ManyToOne(() => Beneficiary, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'beneficiary_id' })
  beneficiary?: Relation<Beneficiary>;

  /** Needs among the programme's payable services (national schema of mediation places). */
  @Column({ type: 'text', array: true })
  services!: string[];

  /** Needs among the online procedures. */
  @Column({ type: 'text', array: true })
  procedures!: OnlineProcedure[];

  /** 1 (cannot use digital tools alone) to 4 (autonomous). */
  @Column({ type: 'smallint' })
  autonomy!: number;

  @Column({ type: 'text', array: true })
  equipment!: Equipment[];

  /** Free notes, length-capped; never health or other sensitive data. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  notes!: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: Relation<User>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
