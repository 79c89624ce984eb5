import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { ApiClientScope, OrganisationKind, Role } from '@carnet/domain';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '#src/config/app-config.js';
import type { ApiClient } from './api-client.entity.js';
import type { User } from './user.entity.js';

/**
 * Claims of the access JWT. Kept small: the strategy reloads the account on every request, and
 * for users checks that the session `sid` (auth_session.id) is still open.
 */
export type AccessTokenClaims =
  | { sub: string; typ: 'user'; sid: string; role: Role; org: string; okind: OrganisationKind }
  | { sub: string; typ: 'client'; scopes: ApiClientScope[]; org: string; okind: OrganisationKind };

/**
 * What makes a user's access token: its session, and the refresh token issued with it, whose id
 * and time become `jti` and `iat`. Signing twice with the same issue gives the same token, which
 * is how a refresh replayed within the grace window answers the very same pair.
 */
export interface AccessTokenIssue {
  sessionId: string;
  tokenId: string;
  issuedAt: Date;
}

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

  forUser(user: User, issue: AccessTokenIssue): Promise<string> {
    if (!user.organisation) throw new Error(`User ${user.id} loaded without its organisation`);
    return this.sign(
      {
        sub: user.id,
        typ: 'user',
        sid: issue.sessionId,
        role: user.role,
        org: user.organisationId,
        okind: user.organisation.kind,
      },
      { jwtid: issue.tokenId, issuedAt: issue.issuedAt },
    );
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

  private sign(
    claims: AccessTokenClaims,
    issue: { jwtid: string; issuedAt: Date } = { jwtid: randomUUID(), issuedAt: new Date() },
  ): Promise<string> {
    // exp is computed from the given iat, so the whole token depends on the issue only.
    return this.jwt.signAsync(
      { ...claims, iat: Math.floor(issue.issuedAt.getTime() / 1000) },
      {
        secret: this.config.JWT_SECRET,
        algorithm: 'HS256',
        expiresIn: this.ttl,
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
        jwtid: issue.jwtid,
      },
    );
  }
}
