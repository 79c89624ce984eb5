import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsInt,
  IsObject,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Optional } from '#src/common/validators.js';

export class AllocationQueryDto {
  /** Preview only: compute and explain, store nothing. */
  @Optional()
  @Transform(({ value }: { value: unknown }) => value === 'true' || value === true)
  @IsBoolean()
  dryRun?: boolean;
}

export class AllocationRequestDto {
  /** Carnets to share between the enrolled communes. @example 4000 */
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  totalCarnets!: number;

  /** Carnets every enrolled commune gets whatever its criteria. @example 10 */
  @IsInt()
  @Min(0)
  @Max(100_000)
  fixedPerCommune!: number;

  /** Criterion name → relative weight (≥ 0). @example {"qpvPopulation": 3, "population": 1} */
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { qpvPopulation: 3, population: 1 },
  })
  @IsObject()
  weights!: Record<string, number>;
}

export class CriterionContributionDto {
  /** @example "qpvPopulation" */
  criterion!: string;
  /** @example 4120 */
  value!: number;
  /** The commune's fraction of the criterion total. @example 0.081 */
  share!: number;
  /** @example 3 */
  weight!: number;
  /** weight × share. @example 0.243 */
  contribution!: number;
}

export class AllocationLineDto {
  /** @example "62510" */
  inseeCode!: string;
  /** @example "Liévin" */
  communeName!: string;
  /** @example 10 */
  fixed!: number;
  /** @example 214 */
  variable!: number;
  /** @example 224 */
  total!: number;
  /** Weighted score behind the variable part. */
  score!: number;
  /** Variable part before rounding (largest remainder), when computed now. */
  exactVariable?: number;
  @ApiProperty({ type: [CriterionContributionDto] })
  explanation!: CriterionContributionDto[];
  /** Change from the current allocation (null when the commune had none). @example 3 */
  change!: number | null;
}

export class AllocationTotalsDto {
  /** @example 360 */
  fixed!: number;
  /** @example 3640 */
  variable!: number;
  /** @example 4000 */
  total!: number;
  /** Carnets × cheques × face value. @example 40000000 */
  valueCents!: number;
}

export class AllocationResponseDto {
  /** Null for a dry run. */
  id!: string | null;
  programmeId!: string;
  /** Version number (null for a dry run). @example 2 */
  version!: number | null;
  /** True when nothing was stored. */
  dryRun!: boolean;
  totalCarnets!: number;
  fixedPerCommune!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } })
  weights!: Record<string, number>;
  createdAt!: Date | null;
  supersededAt!: Date | null;
  totals!: AllocationTotalsDto;
  @ApiProperty({ type: [AllocationLineDto] })
  lines!: AllocationLineDto[];
}

export class AllocationVersionDto {
  id!: string;
  /** @example 1 */
  version!: number;
  totalCarnets!: number;
  fixedPerCommune!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } })
  weights!: Record<string, number>;
  createdAt!: Date;
  supersededAt!: Date | null;
}

export class AllocationVersionListResponseDto {
  data!: AllocationVersionDto[];
}

export class CriteriaRowDto {
  /** @example "62510" */
  @Matches(/^(\d{5}|2[AB]\d{3})$/, { message: 'inseeCode must be an INSEE code' })
  inseeCode!: string;

  /** @example {"qpvPopulation": 4120, "population": 30409} */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } })
  @IsObject()
  criteria!: Record<string, number>;
}

export class SetCriteriaDto {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CriteriaRowDto)
  rows!: CriteriaRowDto[];
}

export class CriteriaResponseDto {
  programmeId!: string;
  /** @example ["population", "qpvPopulation"] */
  criteria!: string[];
  @ApiProperty({ type: [CriteriaRowDto] })
  rows!: CriteriaRowDto[];
}
