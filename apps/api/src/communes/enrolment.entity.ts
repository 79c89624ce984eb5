import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { User } from '#src/auth/user.entity.js';
import { StoredDocument } from '#src/files/document.entity.js';
import { Programme } from '#src/funders/programme.entity.js';
import { Commune } from './commune.entity.js';

/** A commune's membership of a programme: its délibération, its convention, its référents. */
@Entity('enrolment')
@Index('UQ_enrolment_programme_commune', ['programmeId', 'inseeCode'], { unique: true })
export class Enrolment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'programme_id' })
  programme?: Relation<Programme>;

  @Index('IDX_enrolment_commune')
  @Column({ name: 'insee_code', type: 'varchar', length: 5 })
  inseeCode!: string;

  @ManyToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'insee_code' })
  commune?: Relation<Commune>;

  @Column({ name: 'deliberation_date', type: 'date' })
  deliberationDate!: string;

  /** Number of the délibération in the commune's register. */
  @Column({ name: 'deliberation_reference', type: 'text' })
  deliberationReference!: string;

  @Column({ name: 'deliberation_document_id', type: 'uuid', nullable: true })
  deliberationDocumentId!: string | null;

  @ManyToOne(() => StoredDocument, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'deliberation_document_id' })
  deliberationDocument?: Relation<StoredDocument>;

  /** Date the convention de mandat was signed; null until then. */
  @Column({ name: 'convention_signed_on', type: 'date', nullable: true })
  conventionSignedOn!: string | null;

  @ManyToMany(() => User)
  @JoinTable({
    name: 'enrolment_referent',
    joinColumn: { name: 'enrolment_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'user_id', referencedColumnName: 'id' },
  })
  referents?: Relation<User[]>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
