import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { ApiClientScope, OrganisationKind, Role } from '@carnet/domain';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '#src/config/app-config.js';
import type { ApiClient } from './api-client.entity.js';
import type { User } from './user.entity.js';

/** Claims of the access JWT. Kept small: the strategy reloads the account on every request. */
export type AccessTokenClaims =
  | { sub: string; typ: 'user'; role: Role; org: string; okind: OrganisationKind }
  | { sub: string; typ: 'client'; scopes: ApiClientScope[]; org: string; okind: OrganisationKind };

export const JWT_ISSUER = 'carnet';
export const JWT_AUDIENCE = 'carnet-api';

/** Signs short-lived HS256 access tokens for users and API clients. */
@Injectable()
export class AccessTokenSigner {
  constructor(
    private readonly config: AppConfig,
    private readonly jwt: JwtService,
  ) {}

  /** Lifetime of an access token, in seconds. */
  get ttl(): number {
    return this.config.JWT_ACCESS_TTL_SECONDS;
  }

  forUser(user: User): Promise<string> {
    if (!user.organisation) throw new Error(`User ${user.id} loaded without its organisation`);
    return this.sign({
      sub: user.id,
      typ: 'user',
      role: user.role,
      org: user.organisationId,
      okind: user.organisation.kind,
    });
  }

  forClient(client: ApiClient, scopes: ApiClientScope[]): Promise<string> {
    if (!client.organisation)
      throw new Error(`Client ${client.id} loaded without its organisation`);
    return this.sign({
      sub: client.id,
      typ: 'client',
      scopes,
      org: client.organisationId,
      okind: client.organisation.kind,
    });
  }

  private sign(claims: AccessTokenClaims): Promise<string> {
    return this.jwt.signAsync(claims, {
      secret: this.config.JWT_SECRET,
      algorithm: 'HS256',
      expiresIn: this.ttl,
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      jwtid: randomUUID(),
    });
  }
}
