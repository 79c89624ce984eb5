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
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ListQueryDto, PageMetaDto } from '#src/common/pagination.dto.js';
import type { Venue } from '../venue.entity.js';

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

  /** SIRET (Luhn, La Poste's exception) or RNA (W + 9 digits). @example "21620510500019" */
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

  @IsOptional()
  @IsString()
  @MaxLength(300)
  addressComplement?: string;

  /** @example "62800" */
  @Matches(/^\d{5}$/, { message: 'postalCode must be 5 digits' })
  postalCode!: string;

  /** @example "Liévin" */
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  communeName!: string;

  /** @example "62510" */
  @IsOptional()
  @Matches(INSEE, { message: 'inseeCode must be an INSEE code' })
  inseeCode?: string;

  /** @example 50.4229 */
  @IsOptional()
  @IsLatitude()
  latitude?: number;

  /** @example 2.7787 */
  @IsOptional()
  @IsLongitude()
  longitude?: number;

  @ApiPropertyOptional({ isArray: true, enum: SCHEMA_ENUMS.typologies, example: ['EPN'] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(SCHEMA_ENUMS.typologies, { each: true })
  typologies?: string[];

  @ApiPropertyOptional({ isArray: true, enum: SCHEMA_ENUMS.itinerance, example: ['Fixe'] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(SCHEMA_ENUMS.itinerance, { each: true })
  itinerance?: string[];

  /** Communes an itinerant venue serves (INSEE codes). @example ["62510", "62065"] */
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @Matches(INSEE, { each: true, message: 'servedInseeCodes must hold INSEE codes' })
  servedInseeCodes?: string[];

  /** OpenStreetMap opening_hours. @example "Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00" */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  horaires?: string;

  @ApiPropertyOptional({ isArray: true, enum: SCHEMA_ENUMS.services })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(SCHEMA_ENUMS.services, { each: true })
  services?: string[];

  @ApiPropertyOptional({ isArray: true, enum: SCHEMA_ENUMS.publics })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(SCHEMA_ENUMS.publics, { each: true })
  publics?: string[];

  @ApiPropertyOptional({ isArray: true, enum: SCHEMA_ENUMS.specificSupport })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(SCHEMA_ENUMS.specificSupport, { each: true })
  specificSupport?: string[];

  @ApiPropertyOptional({ isArray: true, enum: SCHEMA_ENUMS.fees })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(SCHEMA_ENUMS.fees, { each: true })
  fees?: string[];

  @ApiPropertyOptional({ isArray: true, enum: SCHEMA_ENUMS.accessModalities })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(SCHEMA_ENUMS.accessModalities, { each: true })
  accessModalities?: string[];

  @ApiPropertyOptional({ isArray: true, enum: SCHEMA_ENUMS.supportModalities })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(SCHEMA_ENUMS.supportModalities, { each: true })
  supportModalities?: string[];

  /** @example "03 21 44 89 00" */
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string;

  @IsOptional()
  @IsEmail()
  email?: string;

  @IsOptional()
  @IsUrl({ require_protocol: true })
  website?: string;

  /** One-sentence presentation. @example "Ateliers numériques pour tous, du lundi au samedi." */
  @IsOptional()
  @IsString()
  @MaxLength(280)
  summary?: string;
}

export class UpdateVenueDto extends PartialType(CreateVenueDto) {}

export class VenueFilterDto {
  /** Name or commune. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: QUALIFICATION_STATUSES, enumName: 'QualificationStatus' })
  @IsOptional()
  @IsIn(QUALIFICATION_STATUSES)
  qualificationStatus?: QualificationStatus;

  @IsOptional()
  @Matches(INSEE)
  inseeCode?: string;

  @ApiPropertyOptional({ enum: SCHEMA_ENUMS.itinerance })
  @IsOptional()
  @IsIn(SCHEMA_ENUMS.itinerance)
  itinerance?: string;
}

/** Sortable fields: `name`, `communeName`, `qualificationStatus`, `createdAt`. */
export class ListVenuesQueryDto extends ListQueryDto {
  @IsOptional()
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
