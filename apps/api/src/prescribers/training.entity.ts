import { TRAINING_TOPICS, type TrainingTopic } from '@carnet/domain';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** A training session of prescriber agents: who trained whom, on what, which day. */
@Entity('training')
@Check(
  'CHK_training_topics',
  `cardinality(topics) > 0 AND topics <@ ARRAY[${TRAINING_TOPICS.map((t) => `'${t}'`).join(', ')}]::text[]`,
)
export class Training {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The calendar day it was held. */
  @Index('IDX_training_date')
  @Column({ type: 'date' })
  date!: string;

  @Column({ name: 'trainer_name', type: 'text' })
  trainerName!: string;

  @Column({ type: 'text', array: true })
  topics!: TrainingTopic[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
