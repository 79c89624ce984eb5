import { API_CLIENT_SCOPES, type ApiClientScope } from '@carnet/domain';
import { ArrayUnique, IsArray, IsIn, IsString, MaxLength } from 'class-validator';
import { Optional } from '#src/common/validators.js';

/** OAuth 2 client credentials, in JSON. */
export class ClientTokenDto {
  /** @example "cc_6Yq2pX0bJ8r4" */
  @IsString()
  @MaxLength(100)
  clientId!: string;

  @IsString()
  @MaxLength(200)
  clientSecret!: string;

  /** Scopes wanted (a subset of the client's); all of its scopes when omitted. */
  @Optional()
  @IsArray()
  @ArrayUnique()
  @IsIn(API_CLIENT_SCOPES, { each: true })
  scopes?: ApiClientScope[];
}
