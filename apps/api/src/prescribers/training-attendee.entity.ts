import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { User } from '#src/auth/user.entity.js';
import { Training } from './training.entity.js';

/** An agent (PRESCRIBER_AGENT user) who attended a training. */
@Entity('training_attendee')
export class TrainingAttendee {
  @PrimaryColumn({ name: 'training_id', type: 'uuid' })
  trainingId!: string;

  /** Whether an agent is trained reads this index. */
  @Index('IDX_training_attendee_user')
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => Training, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'training_id' })
  training?: Relation<Training>;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;
}
