import { MOVEMENT_KINDS, type MovementKind } from '@carnet/domain';
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
import { Programme } from '#src/funders/programme.entity.js';
import { Carnet } from '#src/cheques/carnet.entity.js';
import { CustodyHolder } from './custody-holder.entity.js';

/**
 * The custody ledger: one append-only row per carnet moved (from null: issued; to null: written
 * off). Holders' stocks are derived from it by a statement-level trigger.
 */
@Entity('custody_movement')
@Check('CHK_custody_movement_kind', `kind IN (${MOVEMENT_KINDS.map((k) => `'${k}'`).join(', ')})`)
@Check('CHK_custody_movement_ends', 'from_holder_id IS NOT NULL OR to_holder_id IS NOT NULL')
@Index('IDX_custody_movement_carnet', ['carnetId', 'id'])
// A structure's hand-outs of a month, net of the carnets handed back (the homes' figures).
@Index('IDX_custody_movement_hand_out', ['fromHolderId', 'createdAt'], {
  where: `kind = 'HAND_OUT'`,
})
@Index('IDX_custody_movement_hand_back', ['toHolderId', 'createdAt'], {
  where: `kind = 'HAND_BACK'`,
})
export class CustodyMovement {
  /** bigint: read as a string, it only orders the ledger. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** Movements made by one request share a transfer id. */
  @Index('IDX_custody_movement_transfer')
  @Column({ name: 'transfer_id', type: 'uuid' })
  transferId!: string;

  @Index('IDX_custody_movement_programme')
  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Relation<Programme>;

  @Column({ name: 'carnet_id', type: 'uuid' })
  carnetId!: string;

  @ManyToOne(() => Carnet, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'carnet_id' })
  carnet?: Relation<Carnet>;

  @Column({ type: 'varchar', length: 12 })
  kind!: MovementKind;

  @Index('IDX_custody_movement_from')
  @Column({ name: 'from_holder_id', type: 'uuid', nullable: true })
  fromHolderId!: string | null;

  @ManyToOne(() => CustodyHolder, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'from_holder_id' })
  fromHolder?: Relation<CustodyHolder>;

  @Index('IDX_custody_movement_to')
  @Column({ name: 'to_holder_id', type: 'uuid', nullable: true })
  toHolderId!: string | null;

  @ManyToOne(() => CustodyHolder, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'to_holder_id' })
  toHolder?: Relation<CustodyHolder>;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'actor_label', type: 'text' })
  actorLabel!: string;

  /** Not a column: the acting user's display name, joined by the ledger's read. */
  actorName?: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
