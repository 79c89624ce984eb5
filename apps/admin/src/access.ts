import type { Role } from './choices';

/**
 * Which roles may open each resource's pages, in menu order. The API enforces the same rules on
 * every call; this table only spares users pages that would answer 403. A new resource is one
 * line here plus its <Resource> in App.tsx.
 */
export const resourceRoles: Record<string, readonly Role[]> = {
  users: ['ADMIN'],
  'api-clients': ['ADMIN'],
  organisations: ['ADMIN'],
};

export const roleCanAccess = (role: Role, resource: string): boolean =>
  resourceRoles[resource]?.includes(role) ?? false;
