import { ROLES, type Role } from '@carnet/domain';
import type { Principal } from './principal.js';
import { CommonException, CommonExceptionCode } from '#src/common/common.exception.js';

/**
 * Self-service updates, written down once: for each resource that a role may update on its own
 * record (its own account, its own organisation's venue, its own commune's structures), the
 * fields it may change there. Everything else is changed by the programme owner's staff only.
 *
 * These are allow-lists: a field added to a DTO is locked for self-service until it is added
 * here. Fields that decide rights are never listed: a venue's commune, the communes it serves,
 * its services (what a cheque pays for) and its SIRET/RNA decide which cheques it may check and
 * redeem; a structure's commune decides whose stock supplies it; a user's role, organisation
 * and active flag decide everything they may do.
 *
 * Resources absent from this table have no self-service at all: enrolments, allocations,
 * organisations, API clients, qualification and bank-account verification are written only by
 * the programme owner's roles (see each controller's @Roles).
 */
export const SELF_SERVICE = {
  /** A venue's staff on their venue: its public listing, not what it may redeem. */
  venue: {
    roles: ['VENUE_STAFF'],
    fields: [
      'name',
      'address',
      'addressComplement',
      'latitude',
      'longitude',
      'typologies',
      'itinerance',
      'horaires',
      'publics',
      'specificSupport',
      'fees',
      'accessModalities',
      'supportModalities',
      'phone',
      'email',
      'website',
      'summary',
    ],
  },
  /**
   * A commune's référents on the structures of their commune: identity, contact details, and
   * the other communes it serves (which only lets those communes' référents see it).
   */
  prescriber: {
    roles: ['COMMUNE_REFERENT'],
    fields: ['name', 'type', 'siret', 'rna', 'servedInseeCodes', 'address', 'email', 'phone'],
  },
  /** Anyone on their own account: their name and password, never role, organisation or active. */
  user: {
    roles: ROLES,
    fields: ['displayName', 'password'],
  },
} as const satisfies Record<string, { roles: readonly Role[]; fields: readonly string[] }>;

export type SelfServiceResource = keyof typeof SELF_SERVICE;

/** Whether this caller's update of `resource` is a self-service one, limited by the table. */
export function isSelfService(resource: SelfServiceResource, principal: Principal): boolean {
  // An API client acts for a venue and has no self-service: it changes no record at all.
  if (principal.type === 'client') return true;
  return (SELF_SERVICE[resource].roles as readonly Role[]).includes(principal.role);
}

/**
 * The fields of `input` this caller may not change on `current`: present, different from the
 * current value, and not allowed by the table. Sending an unchanged value is not a change (a
 * form may send back the whole record). Empty when the update is not a self-service one.
 */
export function fieldsOutsideSelfService(
  resource: SelfServiceResource,
  principal: Principal,
  input: object,
  current: object,
): string[] {
  if (!isSelfService(resource, principal)) return [];
  const allowed: readonly string[] =
    principal.type === 'client' ? [] : SELF_SERVICE[resource].fields;
  const before = current as Record<string, unknown>;
  return Object.entries(input)
    .filter(([field, value]) => value !== undefined && !allowed.includes(field))
    .filter(([field, value]) => !sameValue(value, before[field]))
    .map(([field]) => field)
    .sort();
}

/** Refuses (403 FIELD_NOT_SELF_SERVICE, naming the fields) what the table does not allow. */
export function assertSelfService(
  resource: SelfServiceResource,
  principal: Principal,
  input: object,
  current: object,
): void {
  const refused = fieldsOutsideSelfService(resource, principal, input, current);
  if (refused.length > 0) {
    throw new CommonException(
      CommonExceptionCode.FIELD_NOT_SELF_SERVICE,
      `Only the programme team may change ${refused.join(', ')}: ask a programme manager.`,
      refused.map((field) => ({ field, message: 'changed by the programme manager only' })),
    );
  }
}

/** Equality of request values and stored ones: arrays as sets, null and absent alike. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    const left = new Set(a.map((v) => JSON.stringify(v)));
    const right = new Set(b.map((v) => JSON.stringify(v)));
    return left.size === right.size && [...left].every((v) => right.has(v));
  }
  if (a == null && b == null) return true;
  return a === b;
}
