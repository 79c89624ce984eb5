import { FUNDER_KINDS, type FunderKind } from '@carnet/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ListQueryDto, PageMetaDto } from '#src/common/pagination.dto.js';
import { IsSiret, Optional, OptionalNullable, UpdateType } from '#src/common/validators.js';
import type { Funder } from '../funder.entity.js';

export class CreateFunderDto {
  /** @example "État — Préfecture du Pas-de-Calais" */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: FUNDER_KINDS, enumName: 'FunderKind' })
  @IsIn(FUNDER_KINDS)
  kind!: FunderKind;

  /** 14 digits; checked (Luhn, with La Poste's exception). @example "13000592900018" */
  @OptionalNullable()
  @IsSiret()
  siret?: string | null;

  /** @example "Service de la cohésion sociale" */
  @OptionalNullable()
  @IsString()
  @MaxLength(200)
  contactName?: string | null;

  /** @example "cohesion.sociale@pas-de-calais.gouv.fr" */
  @OptionalNullable()
  @IsEmail()
  contactEmail?: string | null;

  /** @example "03 21 21 20 00" */
  @OptionalNullable()
  @IsString()
  @MaxLength(40)
  contactPhone?: string | null;
}

export class UpdateFunderDto extends UpdateType(CreateFunderDto) {}

export class FunderFilterDto {
  /** @example "État" */
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: FUNDER_KINDS, enumName: 'FunderKind' })
  @Optional()
  @IsIn(FUNDER_KINDS)
  kind?: FunderKind;
}

/** Sortable fields: `name`, `kind`, `createdAt`. */
export class ListFundersQueryDto extends ListQueryDto {
  @Optional()
  @ValidateNested()
  @Type(() => FunderFilterDto)
  filter?: FunderFilterDto;
}

export class FunderResponseDto {
  id!: string;
  /** @example "État — Préfecture du Pas-de-Calais" */
  name!: string;
  @ApiProperty({ enum: FUNDER_KINDS, enumName: 'FunderKind' })
  kind!: FunderKind;
  siret!: string | null;
  contactName!: string | null;
  contactEmail!: string | null;
  contactPhone!: string | null;
  /** The organisation whose FUNDER_VIEWER users read this funder's programmes. */
  organisationId!: string;
  /** It has a logo (`GET /funders/{id}/logo`), printed on the carnets' covers. @example true */
  hasLogo!: boolean;
  createdAt!: Date;

  static from(funder: Funder): FunderResponseDto {
    return {
      id: funder.id,
      name: funder.name,
      kind: funder.kind,
      siret: funder.siret,
      contactName: funder.contactName,
      contactEmail: funder.contactEmail,
      contactPhone: funder.contactPhone,
      organisationId: funder.organisationId,
      hasLogo: funder.logoDocumentId !== null,
      createdAt: funder.createdAt,
    };
  }
}

export class FunderListResponseDto {
  data!: FunderResponseDto[];
  meta!: PageMetaDto;
}
