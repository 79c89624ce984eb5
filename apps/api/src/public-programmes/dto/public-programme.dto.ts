import { ApiProperty } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { Optional } from '#src/common/validators.js';
import { MEDIATION_SERVICES } from '#src/funders/dto/programme.dto.js';

/** An active programme, as the public page « Où utiliser mon Pass numérique ? » names it. */
export class PublicProgrammeDto {
  /** @example "be9f676a-0335-4740-9f59-c97cb984280e" */
  id!: string;
  /** @example "Pass numérique Lens-Liévin 2026-2027" */
  name!: string;
  /** @example "Communauté d'agglomération de Lens-Liévin (36 communes)" */
  territoryLabel!: string;
}

export class PublicProgrammeListDto {
  /** The ACTIVE programmes, by name. */
  data!: PublicProgrammeDto[];
}

/** A commune enrolled in the programme: where its cheques are handed out and accepted. */
export class PublicCommuneDto {
  /** @example "62498" */
  inseeCode!: string;
  /** @example "Lens" */
  name!: string;
}

/** An active programme with what its public page filters by. */
export class PublicProgrammeDetailDto extends PublicProgrammeDto {
  /** The communes enrolled in the programme, by name. */
  communes!: PublicCommuneDto[];
  /**
   * The services the cheques pay for, in the order of the national schema (its `services`, in
   * French): the needs the page offers to filter by.
   */
  @ApiProperty({ enum: MEDIATION_SERVICES, isArray: true, enumName: 'MediationService' })
  services!: string[];
}

export class PublicVenuesQueryDto {
  /**
   * INSEE code of a commune: the venues in it, and the itinerant ones visiting it.
   * @example "62498"
   */
  @Optional()
  @Matches(/^(\d{5}|2[AB]\d{3})$/, { message: 'commune must be an INSEE code (5 characters)' })
  commune?: string;

  /** A service of the national list: the venues offering it (and where the cheques pay for it). */
  @Optional()
  @IsIn(MEDIATION_SERVICES)
  @ApiProperty({ enum: MEDIATION_SERVICES, enumName: 'MediationService', required: false })
  need?: string;
}

/** A venue where the programme's cheques are accepted: its public listing, nothing else. */
export class PublicVenueDto {
  id!: string;
  /** @example "Espace public numérique de Liévin" */
  name!: string;
  /** Street address, with its complement when there is one. @example "12 rue Jean Jaurès" */
  address!: string;
  /** @example "62800" */
  postalCode!: string;
  /** @example "Liévin" */
  communeName!: string;
  /** INSEE code of the venue's own commune. @example "62510" */
  inseeCode!: string | null;
  /** @example 50.4229 */
  latitude!: number | null;
  /** @example 2.7781 */
  longitude!: number | null;
  /** The venue moves (`Itinérant` in the national schema): it visits the communes it serves. */
  itinerant!: boolean;
  /** Opening hours, OpenStreetMap `opening_hours` format. @example "Mo-Fr 09:00-12:00,14:00-18:00" */
  openingHours!: string | null;
  /** @example "03 21 00 00 00" */
  phone!: string | null;
  /** @example "epn@lievin.fr" */
  email!: string | null;
  /** @example "https://www.lievin.fr/epn" */
  website!: string | null;
  /**
   * How to come or book, as the national schema spells its `modalites_acces` (in French): « Se
   * présenter », « Téléphoner », « Contacter par mail », « Prendre un RDV en ligne »…
   * @example ["Se présenter", "Téléphoner"]
   */
  accessModalities!: string[];
  /** The services of the venue the cheques pay for, in the order of the national schema. */
  @ApiProperty({ enum: MEDIATION_SERVICES, isArray: true, enumName: 'MediationService' })
  services!: string[];
}

export class PublicVenueListDto {
  /** By commune, then by name; every match (a programme has tens of venues, not thousands). */
  data!: PublicVenueDto[];
}
