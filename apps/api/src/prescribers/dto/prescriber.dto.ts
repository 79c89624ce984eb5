import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PRESCRIBER_TYPES, type PrescriberType } from '@carnet/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ListQueryDto, type PageMetaDto } from '#src/common/pagination.dto.js';
import type { Prescriber } from '../prescriber.entity.js';
import { Optional, OptionalNullable, UpdateType } from '#src/common/validators.js';

const INSEE = /^(\d{5}|2[AB]\d{3})$/;

export class CreatePrescriberDto {
  /** @example "CCAS de Liévin" */
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  name!: string;

  /** @example "CCAS" */
  @ApiProperty({ enum: PRESCRIBER_TYPES, enumName: 'PrescriberType' })
  @IsIn(PRESCRIBER_TYPES)
  type!: PrescriberType;

  /** INSEE code of the commune whose stock supplies the structure. @example "62510" */
  @Matches(INSEE, { message: 'inseeCode must be an INSEE code' })
  inseeCode!: string;

  /** @example "21620510400203" */
  @OptionalNullable()
  @Matches(/^\d{14}$/, { message: 'siret must be 14 digits' })
  siret?: string | null;

  /** RNA number of an association: W + 9 digits, one structure per number. @example "W623001234" */
  @OptionalNullable()
  @Matches(/^W\d{9}$/, { message: 'rna must be W followed by 9 digits' })
  rna?: string | null;

  /**
   * INSEE codes of the communes the structure serves beyond its own (a France Services, an
   * association): their référents see it, read-only. Its own commune is implied. Replaces the
   * whole list. @example ["62065", "62413"]
   */
  @Optional()
  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @Matches(INSEE, { each: true, message: 'servedInseeCodes must hold INSEE codes' })
  servedInseeCodes?: string[];

  /** @example "Place Gambetta, 62800 Liévin" */
  @OptionalNullable()
  @IsString()
  @MaxLength(300)
  address?: string | null;

  /** @example "ccas@mairie-lievin.fr" */
  @OptionalNullable()
  @IsEmail()
  email?: string | null;

  /** @example "03 21 44 89 89" */
  @OptionalNullable()
  @IsString()
  @MaxLength(30)
  phone?: string | null;
}

export class UpdatePrescriberDto extends UpdateType(CreatePrescriberDto) {}

export class PrescriberFilterDto {
  /** Name contains. */
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @Optional()
  @Matches(INSEE)
  inseeCode?: string;

  @ApiPropertyOptional({ enum: PRESCRIBER_TYPES, enumName: 'PrescriberType' })
  @Optional()
  @IsIn(PRESCRIBER_TYPES)
  type?: PrescriberType;
}

/** Sortable fields: `name`, `inseeCode`, `createdAt`. */
export class ListPrescribersQueryDto extends ListQueryDto {
  @Optional()
  @ValidateNested()
  @Type(() => PrescriberFilterDto)
  filter?: PrescriberFilterDto;
}

/** A commune a structure serves beyond its own. */
export class ServedCommuneDto {
  /** @example "62065" */
  inseeCode!: string;
  /** @example "Avion" */
  name!: string;
}

export class PrescriberResponseDto {
  id!: string;
  name!: string;
  @ApiProperty({ enum: PRESCRIBER_TYPES, enumName: 'PrescriberType' })
  type!: PrescriberType;
  inseeCode!: string;
  /** @example "Liévin" */
  communeName!: string | null;
  siret!: string | null;
  /** @example "W623001234" */
  rna!: string | null;
  /** Communes served beyond its own, by INSEE code. @example ["62065"] */
  servedInseeCodes!: string[];
  /** The same communes, named, by INSEE code. */
  servedCommunes!: ServedCommuneDto[];
  address!: string | null;
  email!: string | null;
  phone!: string | null;
  organisationId!: string;
  createdAt!: Date;
  updatedAt!: Date;

  static from(
    p: Prescriber & { servedInseeCodes: string[]; servedCommunes: ServedCommuneDto[] },
  ): PrescriberResponseDto {
    const { commune, organisation: _organisation, ...fields } = p;
    return Object.assign(new PrescriberResponseDto(), fields, {
      communeName: commune?.name ?? null,
    });
  }
}

export class PrescriberListResponseDto {
  data!: PrescriberResponseDto[];
  meta!: PageMetaDto;
}
