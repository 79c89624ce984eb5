import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { MEDIATION_SERVICES } from '#src/funders/dto/programme.dto.js';
import { Optional } from '#src/common/validators.js';

export class OrientationQueryDto {
  /** The diagnostic to orient from; the person's latest when left out. */
  @Optional()
  @IsUUID()
  diagnosticId?: string;
}

/** A qualified venue where the person can get the help the diagnostic asks for. */
export class OrientationVenueDto {
  id!: string;
  /** @example "Espace public numérique de Liévin" */
  name!: string;
  /** The venue moves (`Itinérant` in the national schema): it may come to the person's commune. */
  itinerant!: boolean;
  /** Street address, with its complement when there is one. @example "12 rue Jean Jaurès" */
  address!: string | null;
  /** @example "62800" */
  postalCode!: string | null;
  /** @example "Liévin" */
  communeName!: string | null;
  /** INSEE code of the venue's own commune. @example "62510" */
  inseeCode!: string | null;
  /**
   * Straight-line distance in km (one decimal) from the centre of the person's commune to the
   * venue's address; null when either has no coordinates. @example 3.9
   */
  distanceKm!: number | null;
  /** Opening hours, OpenStreetMap `opening_hours` format. @example "Mo-Fr 09:00-12:00,14:00-18:00" */
  openingHours!: string | null;
  /** @example "03 21 00 00 00" */
  phone!: string | null;
  /** @example "epn@lievin.fr" */
  email!: string | null;
  /** @example "https://www.lievin.fr/epn" */
  website!: string | null;
  /**
   * How to get in, as the national schema spells its `modalites_acces` (stored as is): « Se
   * présenter », « Téléphoner », « Contacter par mail », « Prendre un RDV en ligne », « Ce lieu
   * n'accueille pas de public », « Envoyer un mail avec une fiche de prescription ».
   * @example ["Se présenter", "Téléphoner"]
   */
  accessModalities!: string[];
  /** The needed services (`meta.services`) this venue offers. */
  @ApiProperty({ enum: MEDIATION_SERVICES, isArray: true, enumName: 'MediationService' })
  services!: string[];
}

export class OrientationMetaDto {
  /** The diagnostic the orientation starts from. */
  diagnosticId!: string;
  /**
   * The services looked for: the diagnostic's; « Aide aux démarches administratives » when it
   * names online procedures only; the programme's payable services when it names neither.
   */
  @ApiProperty({ enum: MEDIATION_SERVICES, isArray: true, enumName: 'MediationService' })
  services!: string[];
}

export class OrientationResponseDto {
  /** Nearest first (venues without coordinates after), then by name; at most 50. */
  data!: OrientationVenueDto[];
  meta!: OrientationMetaDto;
}
