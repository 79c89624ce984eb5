import { ORGANISATION_KINDS, type OrganisationKind } from '@carnet/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { ListQueryDto, PageMetaDto } from '#src/common/pagination.dto.js';
import type { Organisation } from '../organisation.entity.js';
import { Optional } from '#src/common/validators.js';

export class CreateOrganisationDto {
  @ApiProperty({ enum: ORGANISATION_KINDS, enumName: 'OrganisationKind' })
  @IsIn(ORGANISATION_KINDS)
  kind!: OrganisationKind;

  /** @example "CCAS de Liévin" */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;
}

export class OrganisationFilterDto {
  /** @example "Lens" */
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ORGANISATION_KINDS, enumName: 'OrganisationKind' })
  @Optional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;
}

/** Sortable fields: `name`, `kind`, `createdAt`. */
export class ListOrganisationsQueryDto extends ListQueryDto {
  @Optional()
  @ValidateNested()
  @Type(() => OrganisationFilterDto)
  filter?: OrganisationFilterDto;
}

export class OrganisationResponseDto {
  id!: string;
  @ApiProperty({ enum: ORGANISATION_KINDS, enumName: 'OrganisationKind' })
  kind!: OrganisationKind;
  /** @example "CCAS de Liévin" */
  name!: string;
  createdAt!: Date;

  static from(organisation: Organisation): OrganisationResponseDto {
    return {
      id: organisation.id,
      kind: organisation.kind,
      name: organisation.name,
      createdAt: organisation.createdAt,
    };
  }
}

export class OrganisationListResponseDto {
  data!: OrganisationResponseDto[];
  meta!: PageMetaDto;
}
