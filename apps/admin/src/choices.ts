import type { Schemas } from '@carnet/api-client';

export type Role = Schemas['Role'];
export type OrganisationKind = Schemas['OrganisationKind'];
export type ApiClientScope = Schemas['CreateApiClientDto']['scopes'][number];

// Each table lists every value of an API enumeration: `satisfies Record<…>` makes the build fail
// when the API adds or renames a value, so the forms never offer a stale list.
const roles = {
  ADMIN: true,
  PROGRAMME_MANAGER: true,
  FINANCE_OFFICER: true,
  FUNDER_VIEWER: true,
  COMMUNE_REFERENT: true,
  PRESCRIBER_AGENT: true,
  VENUE_STAFF: true,
} satisfies Record<Role, true>;

const organisationKinds = {
  OWNER: true,
  FUNDER: true,
  COMMUNE: true,
  PRESCRIBER: true,
  VENUE: true,
} satisfies Record<OrganisationKind, true>;

const apiClientScopes = {
  'cheques:check': true,
  'redemptions:write': true,
  'redemptions:read': true,
} satisfies Record<ApiClientScope, true>;

/** Choices for SelectInput and friends: `name` is an i18n key, translated by react-admin. */
const toChoices = <T extends string>(values: Record<T, true>, prefix: string) =>
  (Object.keys(values) as T[]).map((id) => ({ id, name: `${prefix}.${id}` }));

export const roleChoices = toChoices<Role>(roles, 'carnet.roles');
export const organisationKindChoices = toChoices<OrganisationKind>(
  organisationKinds,
  'carnet.organisationKinds',
);
export const apiClientScopeChoices = toChoices<ApiClientScope>(apiClientScopes, 'carnet.scopes');
