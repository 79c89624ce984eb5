/**
 * Kinds of organisation a user or API client belongs to. A VENUE_NETWORK groups venues (a
 * federation, a booking tool's operator): it has no staff of its own, only API clients that act
 * for its member venues.
 */
export const ORGANISATION_KINDS = [
  'OWNER',
  'FUNDER',
  'COMMUNE',
  'PRESCRIBER',
  'VENUE',
  'VENUE_NETWORK',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** Roles of DESIGN.md. */
export const ROLES = [
  'ADMIN',
  'PROGRAMME_MANAGER',
  'FINANCE_OFFICER',
  'FUNDER_VIEWER',
  'COMMUNE_REFERENT',
  'PRESCRIBER_AGENT',
  'VENUE_STAFF',
] as const;
export type Role = (typeof ROLES)[number];

/** The organisation kind each role belongs to: a role only makes sense inside that kind. */
export const ORGANISATION_KIND_OF_ROLE: Readonly<Record<Role, OrganisationKind>> = {
  ADMIN: 'OWNER',
  PROGRAMME_MANAGER: 'OWNER',
  FINANCE_OFFICER: 'OWNER',
  FUNDER_VIEWER: 'FUNDER',
  COMMUNE_REFERENT: 'COMMUNE',
  PRESCRIBER_AGENT: 'PRESCRIBER',
  VENUE_STAFF: 'VENUE',
};

export function isRoleAllowedInOrganisation(role: Role, kind: OrganisationKind): boolean {
  return ORGANISATION_KIND_OF_ROLE[role] === kind;
}

/** Roles of the programme owner see every organisation's data; the others only their own. */
export function seesAllOrganisations(role: Role): boolean {
  return ORGANISATION_KIND_OF_ROLE[role] === 'OWNER';
}

/** Scopes an API client (a third-party frontend of a venue or network of venues) may hold. */
export const API_CLIENT_SCOPES = [
  'cheques:check',
  'redemptions:write',
  'redemptions:read',
] as const;
export type ApiClientScope = (typeof API_CLIENT_SCOPES)[number];

/** API clients may only be bound to a venue or to a network of venues. */
export const API_CLIENT_ORGANISATION_KINDS: readonly OrganisationKind[] = [
  'VENUE',
  'VENUE_NETWORK',
];

/** Kinds of prescriber structures (DESIGN.md): who diagnoses a person's need and hands out carnets. */
export const PRESCRIBER_TYPES = [
  'CCAS',
  'CENTRE_SOCIAL',
  'BIBLIOTHEQUE',
  'MAIRIE',
  'MAISON_DE_QUARTIER',
  'ASSOCIATION',
  'MISSION_LOCALE',
  'FRANCE_SERVICES',
  'TRAVAILLEUR_SOCIAL',
] as const;
export type PrescriberType = (typeof PRESCRIBER_TYPES)[number];
