import {
  AUTONOMY_LEVELS,
  EQUIPMENT,
  type Equipment,
  ONLINE_PROCEDURES,
  type OnlineProcedure,
} from '@carnet/domain';
import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { MEDIATION_SERVICES } from '#src/funders/dto/programme.dto.js';
import { OptionalNullable } from '#src/common/validators.js';

export class CreateDiagnosticDto {
  /** Needs among the programme's payable services (the venues' national list). */
  @ApiProperty({ enum: MEDIATION_SERVICES, isArray: true, enumName: 'MediationService' })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsIn(MEDIATION_SERVICES, { each: true })
  services!: string[];

  /** Online procedures the person needs to complete. */
  @ApiProperty({ enum: ONLINE_PROCEDURES, isArray: true, enumName: 'OnlineProcedure' })
  @IsArray()
  @ArrayUnique()
  @IsIn(ONLINE_PROCEDURES, { each: true })
  procedures!: OnlineProcedure[];

  /** 1 (cannot use digital tools alone) to 4 (autonomous). @example 2 */
  @IsInt()
  @IsIn(AUTONOMY_LEVELS)
  autonomy!: number;

  /** Equipment at home. */
  @ApiProperty({ enum: EQUIPMENT, isArray: true, enumName: 'Equipment' })
  @IsArray()
  @ArrayUnique()
  @IsIn(EQUIPMENT, { each: true })
  equipment!: Equipment[];

  /**
   * Free notes (never health or other sensitive data). @example "Souhaite déclarer ses revenus en ligne."
   */
  @OptionalNullable()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  notes?: string | null;
}

export class DiagnosticResponseDto {
  id!: string;
  beneficiaryId!: string;
  @ApiProperty({ enum: MEDIATION_SERVICES, isArray: true, enumName: 'MediationService' })
  services!: string[];
  @ApiProperty({ enum: ONLINE_PROCEDURES, isArray: true, enumName: 'OnlineProcedure' })
  procedures!: OnlineProcedure[];
  /** @example 2 */
  autonomy!: number;
  @ApiProperty({ enum: EQUIPMENT, isArray: true, enumName: 'Equipment' })
  equipment!: Equipment[];
  notes!: string | null;
  /** The agent (or manager) who ran it. */
  createdBy!: string;
  createdAt!: Date;
}

export class DiagnosticListResponseDto {
  /** Most recent first. */
  data!: DiagnosticResponseDto[];
}
