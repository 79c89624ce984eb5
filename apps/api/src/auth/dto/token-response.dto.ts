import { API_CLIENT_SCOPES, type ApiClientScope } from '@carnet/domain';
import { ApiProperty } from '@nestjs/swagger';

export class TokenResponseDto {
  /** Bearer JWT for the Authorization header. */
  accessToken!: string;
  /** Single-use token for POST /auth/refresh. */
  refreshToken!: string;
  /** Lifetime of the access token in seconds. @example 900 */
  expiresIn!: number;
}

export class ClientTokenResponseDto {
  accessToken!: string;
  /** @example "Bearer" */
  tokenType!: 'Bearer';
  /** @example 900 */
  expiresIn!: number;
  @ApiProperty({ enum: API_CLIENT_SCOPES, isArray: true })
  scopes!: ApiClientScope[];
}
