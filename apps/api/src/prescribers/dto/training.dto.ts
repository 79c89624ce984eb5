import { TRAINING_TOPICS, type TrainingTopic } from '@carnet/domain';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ListQueryDto, type PageMetaDto } from '#src/common/pagination.dto.js';
import { IsCalendarDate, Optional, UpdateType } from '#src/common/validators.js';

export class CreateTrainingDto {
  /** The day it was held (not in the future: a training is recorded once held). @example "2026-03-10" */
  @IsCalendarDate()
  date!: string;

  /** Who gave the training. @example "Hub numérique des Hauts-de-France" */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  trainerName!: string;

  @ApiProperty({ enum: TRAINING_TOPICS, enumName: 'TrainingTopic', isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(TRAINING_TOPICS, { each: true })
  topics!: TrainingTopic[];

  /**
   * The agents (PRESCRIBER_AGENT users) who attended; a référent names agents of its commune's
   * structures only. @example ["0b6f1c1e-9a57-4f0e-8d6e-3f0d6f1f6a10"]
   */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  attendeeIds!: string[];
}

/**
 * A référent's `attendeeIds` replace the attendees it sees (its commune's agents); agents of
 * other communes who attended stay.
 */
export class UpdateTrainingDto extends UpdateType(CreateTrainingDto) {}

export class TrainingFilterDto {
  /** Trainings attended by an agent of this structure. */
  @Optional()
  @IsUUID()
  prescriberId?: string;

  /** Trainings attended by this agent. */
  @Optional()
  @IsUUID()
  agentId?: string;

  /** Held on or after this day. @example "2026-01-01" */
  @Optional()
  @IsCalendarDate()
  from?: string;

  /** Held on or before this day. @example "2026-12-31" */
  @Optional()
  @IsCalendarDate()
  to?: string;
}

/** Sortable fields: `date`, `createdAt`. Newest first by default. */
export class ListTrainingsQueryDto extends ListQueryDto {
  @Optional()
  @ValidateNested()
  @Type(() => TrainingFilterDto)
  filter?: TrainingFilterDto;
}

export class TrainingAttendeeDto {
  userId!: string;
  /** @example "Nadia Benali" */
  displayName!: string;
  prescriberId!: string | null;
  /** @example "CCAS de Lens" */
  prescriberName!: string | null;
}

export class TrainingResponseDto {
  id!: string;
  /** @example "2026-03-10" */
  date!: string;
  /** @example "Hub numérique des Hauts-de-France" */
  trainerName!: string;
  @ApiProperty({ enum: TRAINING_TOPICS, enumName: 'TrainingTopic', isArray: true })
  topics!: TrainingTopic[];
  /** The attendees the caller may see: a référent sees its commune's agents only. */
  attendees!: TrainingAttendeeDto[];
  /** Every attendee, seen or not. @example 8 */
  attendeeCount!: number;
  createdAt!: Date;
  updatedAt!: Date;
}

export class TrainingListResponseDto {
  data!: TrainingResponseDto[];
  meta!: PageMetaDto;
}
