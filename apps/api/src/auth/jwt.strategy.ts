import { Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Principal } from '#src/access/principal.js';
import { AppConfig } from '#src/config/app-config.js';
import { type AccessTokenClaims, JWT_AUDIENCE, JWT_ISSUER } from './access-token.js';
import { ApiClientsRepository } from './api-clients.repository.js';
import { UsersRepository } from './users.repository.js';

/**
 * Verifies the bearer JWT, then reloads the account (one indexed query): a disabled user, a
 * closed session (logout, reuse of a refresh token), a changed role or a revoked API client takes
 * effect at once, not when the token expires.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly users: UsersRepository,
    private readonly clients: ApiClientsRepository,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject made once: given the secret as a string, jsonwebtoken first tries (and fails)
      // to read it as a public key on every request, a measurable share of the hot path's CPU.
      secretOrKey: createSecretKey(Buffer.from(config.JWT_SECRET)) as unknown as string,
      algorithms: ['HS256'],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
    });
  }

  async validate(claims: AccessTokenClaims): Promise<Principal | false> {
    if (claims.typ === 'user') {
      // Tokens signed before sessions existed carry no sid: refused, the client refreshes.
      if (typeof claims.sid !== 'string') return false;
      const user = await this.users.findInOpenSession(claims.sub, claims.sid);
      if (!user?.active || !user.organisation) return false;
      return {
        type: 'user',
        id: user.id,
        email: user.email,
        role: user.role,
        organisationId: user.organisationId,
        organisationKind: user.organisation.kind,
      };
    }
    const client = await this.clients.findById(claims.sub);
    if (!client || client.revokedAt !== null || !client.organisation) return false;
    return {
      type: 'client',
      id: client.id,
      name: client.name,
      organisationId: client.organisationId,
      organisationKind: client.organisation.kind,
      scopes: claims.scopes.filter((s) => client.scopes.includes(s)),
    };
  }
}
