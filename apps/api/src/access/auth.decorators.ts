import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { ApiClientScope, Role } from '@carnet/domain';
import type { Request } from 'express';
import type { Principal } from './principal.js';

export const IS_PUBLIC = 'carnet:isPublic';
export const ROLES = 'carnet:roles';
export const CLIENT_SCOPES = 'carnet:clientScopes';

/** No bearer token needed (login, open data, health). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/**
 * Users with one of these roles may call the route (ADMIN always may). Without @Roles, any
 * signed-in user may; API clients never may unless @ClientScopes allows them. The roles are
 * published in the OpenAPI document as `x-roles`, so clients (and the authorization matrix test)
 * read who may call what from the contract.
 */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ROLES, roles), ApiExtension('x-roles', roles));

/** API clients holding all of these scopes may call the route (`x-client-scopes` in OpenAPI). */
export const ClientScopes = (...scopes: ApiClientScope[]): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(CLIENT_SCOPES, scopes), ApiExtension('x-client-scopes', scopes));

/** Who is calling, as far as the network tells: binds a refresh grace window to one client. */
export interface RequestClient {
  ip: string;
  userAgent: string;
}

/** The caller's IP (through trusted proxies when TRUST_PROXY is set) and User-Agent. */
export const CurrentClient = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestClient => {
    const request = context.switchToHttp().getRequest<Request>();
    return { ip: request.ip ?? '', userAgent: request.get('user-agent') ?? '' };
  },
);

/** The authenticated caller, as set by the JWT strategy. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<Request & { user: Principal }>().user,
);
