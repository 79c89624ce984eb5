import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ApiClientScope, Role } from '@carnet/domain';
import type { Request } from 'express';
import { CommonException, CommonExceptionCode } from '#src/common/common.exception.js';
import { CLIENT_SCOPES, IS_PUBLIC, ROLES } from './auth.decorators.js';
import type { Principal } from './principal.js';

/**
 * Global guard #2, after authentication (auth/jwt-auth.guard.ts): the caller's role (users) or
 * scopes (API clients) fit the route.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const principal = context.switchToHttp().getRequest<Request & { user?: Principal }>().user;
    if (!principal) return false;
    if (principal.type === 'user') {
      const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets);
      if (roles === undefined || principal.role === 'ADMIN' || roles.includes(principal.role)) {
        return true;
      }
      throw new CommonException(
        CommonExceptionCode.FORBIDDEN,
        `This action needs one of the roles ${roles.join(', ')}.`,
      );
    }
    const scopes = this.reflector.getAllAndOverride<ApiClientScope[] | undefined>(
      CLIENT_SCOPES,
      targets,
    );
    if (scopes !== undefined && scopes.every((s) => principal.scopes.includes(s))) return true;
    throw new CommonException(
      CommonExceptionCode.FORBIDDEN,
      scopes === undefined
        ? 'API clients may not call this route.'
        : `This action needs the scopes ${scopes.join(', ')}.`,
    );
  }
}
