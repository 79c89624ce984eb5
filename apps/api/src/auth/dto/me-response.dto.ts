import { ORGANISATION_KINDS, type OrganisationKind, ROLES, type Role } from '@carnet/domain';
import { ApiProperty } from '@nestjs/swagger';

export class MeResponseDto {
  id!: string;
  /** @example "manager@demo.carnet.fr" */
  email!: string;
  /** @example "Camille Martin" */
  displayName!: string;
  @ApiProperty({ enum: ROLES, enumName: 'Role' })
  role!: Role;
  organisationId!: string;
  /** @example "Communauté d'agglomération de Lens-Liévin" */
  organisationName!: string;
  @ApiProperty({ enum: ORGANISATION_KINDS, enumName: 'OrganisationKind' })
  organisationKind!: OrganisationKind;
}
