import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { ListQueryDto, PageMetaDto } from '#src/common/pagination.dto.js';
import type { Commune } from '../commune.entity.js';
import { Optional } from '#src/common/validators.js';

/** Import by EPCI (SIREN) or by département: exactly one of the two. */
export class ImportCommunesDto {
  /** SIREN of the EPCI. @example "246200364" */
  @Optional()
  @Matches(/^\d{9}$/, { message: 'epciSiren must be 9 digits' })
  epciSiren?: string;

  /** Code of the département. @example "62" */
  @Optional()
  @Matches(/^(\d{2}|2[AB]|97\d)$/, {
    message: 'departement must be a département code (62, 2A, 974…)',
  })
  departement?: string;
}

export class ImportCommunesResponseDto {
  /** @example 36 */
  total!: number;
  /** Communes new in Carnet. @example 36 */
  created!: number;
  /** Communes whose name, postal codes, population or EPCI changed. @example 0 */
  updated!: number;
  /** Communes already up to date. @example 0 */
  unchanged!: number;
}

export class CommuneFilterDto {
  /** Name or INSEE code. @example "Liévin" */
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;

  /** @example "62" */
  @Optional()
  @IsString()
  departement?: string;

  /** @example "246200364" */
  @Optional()
  @IsString()
  epciSiren?: string;

  @ApiPropertyOptional({ description: 'Only communes enrolled in this programme.' })
  @Optional()
  @IsUUID()
  programmeId?: string;
}

/** Sortable fields: `name`, `inseeCode`, `population`. */
export class ListCommunesQueryDto extends ListQueryDto {
  @Optional()
  @ValidateNested()
  @Type(() => CommuneFilterDto)
  filter?: CommuneFilterDto;
}

export class CommuneResponseDto {
  /** @example "62510" */
  inseeCode!: string;
  /** @example "Liévin" */
  name!: string;
  /** @example ["62800"] */
  postalCodes!: string[];
  /** @example 30409 */
  population!: number;
  siren!: string | null;
  /** @example "62" */
  departement!: string;
  epciSiren!: string | null;
  epciName!: string | null;
  organisationId!: string;
  updatedAt!: Date;

  static from(commune: Commune): CommuneResponseDto {
    return {
      inseeCode: commune.inseeCode,
      name: commune.name,
      postalCodes: commune.postalCodes,
      population: commune.population,
      siren: commune.siren,
      departement: commune.departement,
      epciSiren: commune.epciSiren,
      epciName: commune.epciName,
      organisationId: commune.organisationId,
      updatedAt: commune.updatedAt,
    };
  }
}

export class CommuneListResponseDto {
  data!: CommuneResponseDto[];
  meta!: PageMetaDto;
}

/** A commune as anyone who picks communes may see it: public reference data only. */
export class CommuneDirectoryEntryDto {
  /** @example "62065" */
  inseeCode!: string;
  /** @example "Avion" */
  name!: string;
  /** @example ["62210"] */
  postalCodes!: string[];
  /** @example "62" */
  departement!: string;

  static from(commune: Commune): CommuneDirectoryEntryDto {
    return {
      inseeCode: commune.inseeCode,
      name: commune.name,
      postalCodes: commune.postalCodes,
      departement: commune.departement,
    };
  }
}

export class CommuneDirectoryResponseDto {
  data!: CommuneDirectoryEntryDto[];
  meta!: PageMetaDto;
}

export class CommuneReferentDto {
  id!: string;
  /** @example "Julien Caron" */
  displayName!: string;
  /** @example "commune@demo.carnet.fr" */
  email!: string;
}

export class CommuneReferentListResponseDto {
  /** Active COMMUNE_REFERENT users of the commune, who may be named référents of an enrolment. */
  data!: CommuneReferentDto[];
}
