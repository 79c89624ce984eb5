import { QUALIFICATION_STATUSES, type QualificationStatus } from '@carnet/domain';
import {
  Frais,
  Itinerance,
  ModaliteAcces,
  ModaliteAccompagnement,
  PriseEnChargeSpecifique,
  PublicSpecifiquementAdresse,
  Service,
  Typologie,
} from '@gouvfr-anct/lieux-de-mediation-numerique';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsLatitude,
  IsLongitude,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ListQueryDto, PageMetaDto } from '#src/common/pagination.dto.js';
import type { Venue } from '../venue.entity.js';
import { Optional, OptionalNullable, UpdateType } from '#src/common/validators.js';

/** The national schema's enumerations, spelled as it spells them (from ANCT's model). */
export const SCHEMA_ENUMS = {
  services: Object.values(Service) as string[],
  typologies: Object.values(Typologie) as string[],
  itinerance: Object.values(Itinerance) as string[],
  publics: Object.values(PublicSpecifiquementAdresse) as string[],
  specificSupport: Object.values(PriseEnChargeSpecifique) as string[],
  fees: Object.values(Frais) as string[],
  accessModalities: Object.values(ModaliteAcces) as string[],
  supportModalities: Object.values(ModaliteAccompagnement) as string[],
};

const INSEE = /^(\d{5}|2[AB]\d{3})$/;

export class CreateVenueDto {
  /** @example "Espace public numérique de Liévin" */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  /** SIRET (Luhn, La Poste's exception) or RNA (W + 9 digits). @example "21620510400013" */
  @IsString()
  @Matches(/^(\d{14}|W\d{9})$/, {
    message: 'pivot must be a SIRET (14 digits) or an RNA (W + 9 digits)',
  })
  pivot!: string;

  /** @example "12 rue Jean Jaurès" */
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  address!: string;

  @OptionalNullable()
  @IsString()
  @MaxLength(300)
  addressComplement?: string | null;

  /** @example "62800" */
  @Matches(/^\d{5}$/, { message: 'postalCode must be 5 digits' })
  postalCode!: string;

  /** @example "Liévin" */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  communeName!: string;

  /** @example "62510" */
  @OptionalNullable()
  @Matches(INSEE, { message: 'inseeCode must be an INSEE code' })
  inseeCode?: string | null;

  /** @example 50.4229 */
  @OptionalNullable()
  @IsLatitude()
  latitude?: number | null;

  /** @example 2.7787 */
  @OptionalNullable()
  @IsLongitude()
  longitude?: number | null;

  @ApiPropertyOptional({ isArray: true, enum: SCHEMA_ENUMS.typologies, example: ['EPN'] })
  @Optional()
  @IsArray()
  @ArrayUnique()
  @IsIn(SCHEMA_ENUMS.typologies, { each: true })
  typologies?: string[];

  @ApiPropertyOptional({ isArray: true, enum: SCHEMA_ENUMS.itinerance, example: ['Fixe'] })
  @Optional()
  @IsArray()
  @ArrayUnique()
  @IsIn(SCHEMA_ENUMS.itinerance, { each: true })
  itinerance?: string[];

  /** Communes an itinerant venue serves (INSEE codes). @example ["62510", "62065"] */
  @Optional()
  @IsArray()
  @ArrayUnique()
  @Matches(INSEE, { each: true, message: 'servedInseeCodes must hold INSEE codes' })
  servedInseeCodes?: string[];

  /** OpenStreetMap opening_hours. @example "Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00" */
  @OptionalNullable()
  @IsString()
  @MaxLength(500)
  horaires?: string | null;

  @ApiPropertyOptional({ isArray: true, enum: SCHEMA_ENUMS.services })
  @Optional()
  @IsArray()
  @ArrayUnique()
  @IsIn(SCHEMA_ENUMS.services, { each: true })
  services?: string[];

  @ApiPropertyOptional({ isArray: true, enum: SCHEMA_ENUMS.publics })
  @Optional()
  @IsArray()
  @ArrayUnique()
  @IsIn(SCHEMA_ENUMS.publics, { each: true })
  publics?: string[];

  @ApiPropertyOptional({ isArray: true, enum: SCHEMA_ENUMS.specificSupport })
  @Optional()
  @IsArray()
  @ArrayUnique()
  @IsIn(SCHEMA_ENUMS.specificSupport, { each: true })
  specificSupport?: string[];

  @ApiPropertyOptional({ isArray: true, enum: SCHEMA_ENUMS.fees })
  @Optional()
  @IsArray()
  @ArrayUnique()
  @IsIn(SCHEMA_ENUMS.fees, { each: true })
  fees?: string[];

  @ApiPropertyOptional({ isArray: true, enum: SCHEMA_ENUMS.accessModalities })
  @Optional()
  @IsArray()
  @ArrayUnique()
  @IsIn(SCHEMA_ENUMS.accessModalities, { each: true })
  accessModalities?: string[];

  @ApiPropertyOptional({ isArray: true, enum: SCHEMA_ENUMS.supportModalities })
  @Optional()
  @IsArray()
  @ArrayUnique()
  @IsIn(SCHEMA_ENUMS.supportModalities, { each: true })
  supportModalities?: string[];

  /** @example "03 21 44 89 00" */
  @OptionalNullable()
  @IsString()
  @MaxLength(40)
  phone?: string | null;

  @OptionalNullable()
  @IsEmail()
  email?: string | null;

  @OptionalNullable()
  @IsUrl({ require_protocol: true })
  website?: string | null;

  /** One-sentence presentation. @example "Ateliers numériques pour tous, du lundi au samedi." */
  @OptionalNullable()
  @IsString()
  @MaxLength(280)
  summary?: string | null;
}

export class UpdateVenueDto extends UpdateType(CreateVenueDto) {}

export class VenueFilterDto {
  /** Name or commune. */
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: QUALIFICATION_STATUSES, enumName: 'QualificationStatus' })
  @Optional()
  @IsIn(QUALIFICATION_STATUSES)
  qualificationStatus?: QualificationStatus;

  @OptionalNullable()
  @Matches(INSEE)
  inseeCode?: string | null;

  @ApiPropertyOptional({ enum: SCHEMA_ENUMS.itinerance })
  @Optional()
  @IsIn(SCHEMA_ENUMS.itinerance)
  itinerance?: string;
}

/** Sortable fields: `name`, `communeName`, `qualificationStatus`, `createdAt`. */
export class ListVenuesQueryDto extends ListQueryDto {
  @Optional()
  @ValidateNested()
  @Type(() => VenueFilterDto)
  filter?: VenueFilterDto;
}

export class VenueResponseDto extends CreateVenueDto {
  id!: string;
  organisationId!: string;
  @ApiProperty({ enum: QUALIFICATION_STATUSES, enumName: 'QualificationStatus' })
  qualificationStatus!: QualificationStatus;
  /** True while the venue may redeem cheques (QUALIFIED). */
  acceptsPass!: boolean;
  createdAt!: Date;
  updatedAt!: Date;

  static from(venue: Venue): VenueResponseDto {
    const { organisation: _organisation, ...fields } = venue;
    return Object.assign(new VenueResponseDto(), fields, {
      acceptsPass: venue.qualificationStatus === 'QUALIFIED',
    });
  }
}

export class VenueListResponseDto {
  data!: VenueResponseDto[];
  meta!: PageMetaDto;
}

export class ImportVenuesResponseDto {
  /** Venues created (status APPLIED). @example 12 */
  created!: number;
}
