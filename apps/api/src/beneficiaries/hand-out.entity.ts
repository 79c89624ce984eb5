import { HAND_OUT_STATUSES, type HandOutStatus } from '@carnet/domain';
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
import { Carnet } from '#src/cheques/carnet.entity.js';
import { Programme } from '#src/funders/programme.entity.js';
import { Prescriber } from '#src/prescribers/prescriber.entity.js';
import { Beneficiary } from './beneficiary.entity.js';
import { Diagnostic } from './diagnostic.entity.js';
import { HouseholdException } from './household-exception.entity.js';

/**
 * A prescription: a structure's agent handed a carnet to a beneficiary after a diagnostic. The
 * carnet's move itself is the HAND_OUT row of the custody ledger (`transfer_id`). The programme's
 * carnets per household is the database's rule (UQ_hand_out_household over `slot`), beyond which
 * each manager's permission (`exception_id`) allows one more. Undone within 24 h, it turns
 * UNDONE and the ledger gets a compensating HAND_BACK row.
 */
@Entity('hand_out')
@Check('CHK_hand_out_status', `status IN (${HAND_OUT_STATUSES.map((s) => `'${s}'`).join(', ')})`)
@Check(
  'CHK_hand_out_undone',
  `(status = 'UNDONE') = (undone_at IS NOT NULL) AND (undone_at IS NULL) = (undone_by IS NULL) AND (undone_at IS NULL) = (undo_transfer_id IS NULL)`,
)
@Check('CHK_hand_out_household_key', 'octet_length(household_key) = 32')
@Check('CHK_hand_out_slot', 'slot >= 1')
@Index('UQ_hand_out_household', ['programmeId', 'householdKey', 'slot'], {
  unique: true,
  where: `status = 'ACTIVE' AND exception_id IS NULL`,
})
@Index('UQ_hand_out_exception', ['exceptionId'], {
  unique: true,
  where: `status = 'ACTIVE'`,
})
@Index('UQ_hand_out_carnet', ['carnetId'], { unique: true, where: `status = 'ACTIVE'` })
@Index('IDX_hand_out_beneficiary', ['beneficiaryId', 'createdAt'])
@Index('IDX_hand_out_prescriber_created', ['prescriberId', 'createdAt'])
export class HandOut {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Relation<Programme>;

  @Column({ name: 'beneficiary_id', type: 'uuid' })
  beneficiaryId!: string;

  @ManyToOne(() => Beneficiary, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'beneficiary_id' })
  beneficiary?: Relation<Beneficiary>;

  /** The household's key at hand-out (null once purged): the database's one-per-household rule. */
  @Column({ name: 'household_key', type: 'bytea', nullable: true, select: false })
  householdKey!: Buffer | null;

  @Column({ name: 'carnet_id', type: 'uuid' })
  carnetId!: string;

  @ManyToOne(() => Carnet, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'carnet_id' })
  carnet?: Relation<Carnet>;

  /** The structure whose stock the carnet came from. */
  @Column({ name: 'prescriber_id', type: 'uuid' })
  prescriberId!: string;

  @ManyToOne(() => Prescriber, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'prescriber_id' })
  prescriber?: Relation<Prescriber>;

  /** The agent who handed it out. */
  @Column({ name: 'agent_id', type: 'uuid' })
  agentId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'agent_id' })
  agent?: Relation<User>;

  @Column({ name: 'diagnostic_id', type: 'uuid' })
  diagnosticId!: string;

  @ManyToOne(() => Diagnostic, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'diagnostic_id' })
  diagnostic?: Relation<Diagnostic>;

  /** The manager's permission this hand-out uses, when the household already had a carnet. */
  @Column({ name: 'exception_id', type: 'uuid', nullable: true })
  exceptionId!: string | null;

  @ManyToOne(() => HouseholdException, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'exception_id' })
  exception?: Relation<HouseholdException>;

  @Column({ type: 'varchar', length: 10, default: 'ACTIVE' })
  status!: HandOutStatus;

  /**
   * Which of the household's carnets this is (1 to the programme's `maxCarnetsPerHousehold`;
   * beyond, after the person moved into a household that had its carnets already): the unique
   * index on (programme, household key, slot) is the per-household limit.
   */
  @Column({ type: 'smallint', default: 1 })
  slot!: number;

  /** The custody ledger's HAND_OUT transfer. */
  @Column({ name: 'transfer_id', type: 'uuid' })
  transferId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'undone_at', type: 'timestamptz', nullable: true })
  undoneAt!: Date | null;

  @Column({ name: 'undone_by', type: 'uuid', nullable: true })
  undoneBy!: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'undone_by' })
  undoer?: Relation<User>;

  /** The ledger's compensating HAND_BACK transfer. */
  @Column({ name: 'undo_transfer_id', type: 'uuid', nullable: true })
  undoTransferId!: string | null;
}
