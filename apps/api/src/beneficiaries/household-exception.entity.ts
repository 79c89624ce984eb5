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
import { Programme } from '#src/funders/programme.entity.js';
import { Beneficiary } from './beneficiary.entity.js';

/**
 * A programme manager's written permission for one more carnet in a household that already has
 * one (Lens-Liévin: one carnet per household). Each permission is used by at most one hand-out
 * at a time (UQ_hand_out_exception); the household key is copied from the beneficiary it was
 * granted through, and purged with it.
 */
@Entity('household_exception')
@Check('CHK_household_exception_key', 'octet_length(household_key) = 32')
@Check('CHK_household_exception_justification', 'char_length(justification) >= 10')
@Index('IDX_household_exception_household', ['programmeId', 'householdKey'])
@Index('IDX_household_exception_beneficiary', ['beneficiaryId', 'createdAt'])
export class HouseholdException {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Relation<Programme>;

  /** The beneficiary it was granted through (the household's other members profit from it too). */
  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId!: string;

  @ManyToOne(() => Beneficiary, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'beneficiary_id' })
  beneficiary?: Relation<Beneficiary>;

  /** The household's key (null once purged); never exposed. */
  @Column({ name: 'household_key', type: 'bytea', nullable: true, select: false })
  householdKey!: Buffer | null;

  @Column({ type: 'varchar', length: 500 })
  justification!: string;

  @Column({ name: 'granted_by', type: 'uuid' })
  grantedBy!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'granted_by' })
  granter?: Relation<User>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
