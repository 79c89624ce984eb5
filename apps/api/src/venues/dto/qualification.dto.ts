import {
  QUALIFICATION_CRITERIA,
  QUALIFICATION_STATUSES,
  type QualificationCriterion,
  type QualificationStatus,
} from '@carnet/domain';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Optional } from '#src/common/validators.js';

export class ChecklistItemDto {
  @ApiProperty({ enum: QUALIFICATION_CRITERIA, enumName: 'QualificationCriterion' })
  @IsIn(QUALIFICATION_CRITERIA)
  criterion!: QualificationCriterion;

  @IsBoolean()
  met!: boolean;

  /** @example "2 conseillers numériques formés (attestations vues le 12/01)" */
  @Optional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class QualificationDecisionDto {
  @ApiProperty({ enum: QUALIFICATION_STATUSES, enumName: 'QualificationStatus' })
  @IsIn(QUALIFICATION_STATUSES)
  status!: QualificationStatus;

  /** Why: shown to the venue and kept in the history. @example "Visite du 12/01 : critères remplis." */
  @IsString()
  @MinLength(3)
  @MaxLength(1000)
  reason!: string;

  /** Every criterion, met or not; all must be met to qualify. */
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ChecklistItemDto)
  checklist!: ChecklistItemDto[];
}

export class QualificationDecisionResponseDto {
  id!: string;
  @ApiProperty({ enum: QUALIFICATION_STATUSES, enumName: 'QualificationStatus' })
  fromStatus!: QualificationStatus;
  @ApiProperty({ enum: QUALIFICATION_STATUSES, enumName: 'QualificationStatus' })
  toStatus!: QualificationStatus;
  @ApiProperty({ type: [ChecklistItemDto] })
  checklist!: ChecklistItemDto[];
  reason!: string;
  decidedBy!: string | null;
  /** @example "manager@demo.carnet.fr" */
  decidedByLabel!: string;
  decidedAt!: Date;
}

export class QualificationResponseDto {
  venueId!: string;
  @ApiProperty({ enum: QUALIFICATION_STATUSES, enumName: 'QualificationStatus' })
  status!: QualificationStatus;
  /** The criteria every decision goes through. */
  @ApiProperty({ enum: QUALIFICATION_CRITERIA, isArray: true })
  criteria!: QualificationCriterion[];
  /** Decisions, newest first. */
  @ApiProperty({ type: [QualificationDecisionResponseDto] })
  history!: QualificationDecisionResponseDto[];
}
