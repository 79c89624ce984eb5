import { API_CLIENT_SCOPES, type ApiClientScope } from '@carnet/domain';
import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ListQueryDto, PageMetaDto } from '#src/common/pagination.dto.js';
import type { ApiClient } from '../api-client.entity.js';
import { Optional } from '#src/common/validators.js';

export class CreateApiClientDto {
  /** @example "Réservation — Réseau des EPN du Bassin minier" */
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name!: string;

  /** The venue (or network of venues) the client acts for. */
  @IsUUID()
  organisationId!: string;

  @ApiProperty({
    enum: API_CLIENT_SCOPES,
    isArray: true,
    example: ['cheques:check', 'redemptions:write'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(API_CLIENT_SCOPES, { each: true })
  scopes!: ApiClientScope[];
}

export class ApiClientFilterDto {
  @Optional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @Optional()
  @IsUUID()
  organisationId?: string;

  @Optional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  revoked?: boolean;
}

/** Sortable fields: `name`, `createdAt`. */
export class ListApiClientsQueryDto extends ListQueryDto {
  @Optional()
  @ValidateNested()
  @Type(() => ApiClientFilterDto)
  filter?: ApiClientFilterDto;
}

export class ApiClientResponseDto {
  id!: string;
  /** @example "Réservation — Réseau des EPN du Bassin minier" */
  name!: string;
  /** @example "cc_Jx2uV7m4Qp9s0aLk" */
  clientId!: string;
  organisationId!: string;
  /** @example "EPN de Liévin" */
  organisationName!: string;
  @ApiProperty({ enum: API_CLIENT_SCOPES, isArray: true })
  scopes!: ApiClientScope[];
  createdAt!: Date;
  revokedAt!: Date | null;

  static from(client: ApiClient): ApiClientResponseDto {
    return {
      id: client.id,
      name: client.name,
      clientId: client.clientId,
      organisationId: client.organisationId,
      organisationName: client.organisation?.name ?? '',
      scopes: client.scopes,
      createdAt: client.createdAt,
      revokedAt: client.revokedAt,
    };
  }
}

export class ApiClientCreatedResponseDto extends ApiClientResponseDto {
  /** Shown once, now: only a hash is kept. */
  clientSecret!: string;
}

export class ApiClientListResponseDto {
  data!: ApiClientResponseDto[];
  meta!: PageMetaDto;
}
