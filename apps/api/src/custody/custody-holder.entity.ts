import { HOLDER_KINDS, type HolderKind } from '@carnet/domain';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Programme } from '#src/funders/programme.entity.js';
import { Commune } from '#src/communes/commune.entity.js';
import { Prescriber } from '#src/prescribers/prescriber.entity.js';
import { Beneficiary } from '#src/beneficiaries/beneficiary.entity.js';

/**
 * Someone who can hold carnets of a programme: its own stock, an enrolled commune, a prescriber.
 * `carnets` is kept equal to the sum of the custody ledger by a trigger, and CHECK (carnets >= 0)
 * makes the database itself refuse any stock below zero, whatever the concurrency.
 */
@Entity('custody_holder')
@Check('CHK_custody_holder_kind', `kind IN (${HOLDER_KINDS.map((k) => `'${k}'`).join(', ')})`)
@Check(
  'CHK_custody_holder_reference',
  `(kind = 'PROGRAMME' AND insee_code IS NULL AND prescriber_id IS NULL AND beneficiary_id IS NULL)
   OR (kind = 'COMMUNE' AND insee_code IS NOT NULL AND prescriber_id IS NULL AND beneficiary_id IS NULL)
   OR (kind = 'PRESCRIBER' AND prescriber_id IS NOT NULL AND insee_code IS NULL AND beneficiary_id IS NULL)
   OR (kind = 'BENEFICIARY' AND beneficiary_id IS NOT NULL AND insee_code IS NULL AND prescriber_id IS NOT NULL)`,
)
@Check('CHK_custody_holder_placement', 'handed_out >= 0 AND started >= 0 AND started <= handed_out')
@Check('CHK_custody_holder_stock', 'carnets >= 0')
@Check('CHK_custody_holder_received', 'received >= 0')
@Check('CHK_custody_holder_allocation', 'allocation_limit IS NULL OR received <= allocation_limit')
@Index('UQ_custody_holder_programme', ['programmeId'], {
  unique: true,
  where: `kind = 'PROGRAMME'`,
})
@Index('UQ_custody_holder_commune', ['programmeId', 'inseeCode'], {
  unique: true,
  where: `kind = 'COMMUNE'`,
})
@Index('UQ_custody_holder_prescriber', ['programmeId', 'prescriberId'], {
  unique: true,
  where: `kind = 'PRESCRIBER'`,
})
@Index('IDX_custody_holder_structures', ['programmeId'], {
  where: `kind IN ('PROGRAMME', 'COMMUNE', 'PRESCRIBER')`,
})
@Index('UQ_custody_holder_beneficiary', ['programmeId', 'beneficiaryId'], {
  unique: true,
  where: `kind = 'BENEFICIARY'`,
})
export class CustodyHolder {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Relation<Programme>;

  @Column({ type: 'varchar', length: 12 })
  kind!: HolderKind;

  @Column({ name: 'insee_code', type: 'varchar', length: 5, nullable: true })
  inseeCode!: string | null;

  @ManyToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'insee_code' })
  commune?: Relation<Commune>;

  @Column({ name: 'prescriber_id', type: 'uuid', nullable: true })
  prescriberId!: string | null;

  @ManyToOne(() => Prescriber, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'prescriber_id' })
  prescriber?: Relation<Prescriber>;

  /**
   * The beneficiary (beneficiaries module). Its row also names, in `prescriberId`, the prescriber
   * who handed the carnet out.
   */
  @Column({ name: 'beneficiary_id', type: 'uuid', nullable: true })
  beneficiaryId!: string | null;

  @ManyToOne(() => Beneficiary, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'beneficiary_id' })
  beneficiary?: Relation<Beneficiary>;

  /** Carnets held now: the sum of the ledger (trigger-maintained). */
  @Column({ type: 'int', default: 0 })
  carnets!: number;

  /** Communes: carnets received from the programme stock, net of returns (trigger-maintained). */
  @Column({ type: 'int', default: 0 })
  received!: number;

  /** Communes: the allocation in force; `received` may never exceed it. */
  @Column({ name: 'allocation_limit', type: 'int', nullable: true })
  allocationLimit!: number | null;

  /**
   * Prescribers: carnets they handed out that a beneficiary still holds (trigger-maintained from
   * the ledger; a beneficiary's row names the prescriber who handed its carnet out).
   */
  @Column({ name: 'handed_out', type: 'int', default: 0 })
  handedOut!: number;

  /** Prescribers: of the carnets handed out, those with a used cheque (trigger-maintained). */
  @Column({ type: 'int', default: 0 })
  started!: number;
}
