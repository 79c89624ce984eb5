import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ApiClientScope, Role } from '@carnet/domain';
import { CommonException } from '#src/common/common.exception.js';
import { AccessGuard } from './access.guard.js';
import { CLIENT_SCOPES, IS_PUBLIC, ROLES } from './auth.decorators.js';
import type { Principal } from './principal.js';

function contextFor(
  principal: Principal | undefined,
  metadata: { roles?: Role[]; scopes?: ApiClientScope[]; isPublic?: boolean },
): ExecutionContext {
  const handler = () => undefined;
  Reflect.defineMetadata(ROLES, metadata.roles, handler);
  Reflect.defineMetadata(CLIENT_SCOPES, metadata.scopes, handler);
  Reflect.defineMetadata(IS_PUBLIC, metadata.isPublic, handler);
  return {
    getHandler: () => handler,
    getClass: () => class {},
    switchToHttp: () => ({ getRequest: () => ({ user: principal }) }),
  } as unknown as ExecutionContext;
}

const person = (role: Role): Principal => ({
  type: 'user',
  id: 'u',
  email: 'u@example.fr',
  role,
  organisationId: 'o',
  organisationKind: 'OWNER',
});
const client = (scopes: ApiClientScope[]): Principal => ({
  type: 'client',
  id: 'c',
  name: 'frontend',
  organisationId: 'v',
  organisationKind: 'VENUE',
  scopes,
});

describe('AccessGuard', () => {
  const guard = new AccessGuard(new Reflector());

  it('lets a user with a listed role through and refuses the others with FORBIDDEN', () => {
    const route = { roles: ['FINANCE_OFFICER'] as Role[] };
    expect(guard.canActivate(contextFor(person('FINANCE_OFFICER'), route))).toBe(true);
    expect(() => guard.canActivate(contextFor(person('VENUE_STAFF'), route))).toThrow(
      CommonException,
    );
  });

  it('lets ADMIN through every role check', () => {
    expect(guard.canActivate(contextFor(person('ADMIN'), { roles: ['VENUE_STAFF'] }))).toBe(true);
  });

  it('lets any signed-in user call a route without @Roles', () => {
    expect(guard.canActivate(contextFor(person('PRESCRIBER_AGENT'), {}))).toBe(true);
  });

  it('refuses API clients on routes without @ClientScopes, even when open to every user', () => {
    expect(() => guard.canActivate(contextFor(client(['cheques:check']), {}))).toThrow(
      /API clients may not call this route/,
    );
  });

  it('asks API clients for every listed scope', () => {
    const route = { scopes: ['cheques:check', 'redemptions:write'] as ApiClientScope[] };
    expect(
      guard.canActivate(contextFor(client(['cheques:check', 'redemptions:write']), route)),
    ).toBe(true);
    expect(() => guard.canActivate(contextFor(client(['cheques:check']), route))).toThrow(
      CommonException,
    );
  });

  it('lets anyone reach a public route', () => {
    expect(guard.canActivate(contextFor(undefined, { isPublic: true }))).toBe(true);
  });
});
