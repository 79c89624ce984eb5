import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { Issuance } from '#src/issuance/issuance.entity.js';
import { bigintNumber } from '#src/database/transformers.js';

export const PRINT_FILE_KINDS = ['CSV', 'PDF'] as const;
export type PrintFileKind = (typeof PRINT_FILE_KINDS)[number];

/**
 * A print file of an issuance run. It holds security codes in clear, so its bytes are stored
 * encrypted (AES-256-GCM, chunk by chunk) under a key the database never sees.
 */
@Entity('print_file')
@Check('CHK_print_file_kind', `kind IN ('CSV', 'PDF')`)
@Index('UQ_print_file_generation', ['issuanceId', 'generation', 'kind'], { unique: true })
export class PrintFile {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'issuance_id', type: 'uuid' })
  issuanceId!: string;

  @ManyToOne(() => Issuance, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuance_id' })
  issuance?: Relation<Issuance>;

  @Column({ type: 'int' })
  generation!: number;

  @Column({ type: 'varchar', length: 3 })
  kind!: PrintFileKind;

  /** True once every chunk is written. */
  @Column({ type: 'boolean', default: false })
  complete!: boolean;

  /** Carnets written so far (the highest serial written, to resume an interrupted run). */
  @Column({ name: 'last_serial', type: 'bigint', transformer: bigintNumber, default: 0 })
  lastSerial!: number;

  @Column({ name: 'size_bytes', type: 'bigint', transformer: bigintNumber, default: 0 })
  sizeBytes!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

@Entity('print_file_chunk')
export class PrintFileChunk {
  @PrimaryColumn({ name: 'file_id', type: 'uuid' })
  fileId!: string;

  @ManyToOne(() => PrintFile, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'file_id' })
  file?: Relation<PrintFile>;

  @PrimaryColumn({ type: 'int' })
  seq!: number;

  /** 12-byte nonce, 16-byte tag, then the ciphertext. */
  @Column({ type: 'bytea' })
  data!: Buffer;
}
