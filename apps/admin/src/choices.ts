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

export type FunderKind = Schemas['FunderKind'];
export type ProgrammeStatus = Schemas['ProgrammeStatus'];
export type MediationService = Schemas['MediationService'];

const funderKinds = {
  STATE: true,
  EU_FUND: true,
  REGION: true,
  DEPARTMENT: true,
  EPCI: true,
  COMMUNE: true,
  CAF: true,
  PENSION_FUND: true,
  BANK: true,
  POSTAL_OPERATOR: true,
  COMPANY: true,
  ASSOCIATION: true,
  OTHER: true,
} satisfies Record<FunderKind, true>;

const programmeStatuses = {
  DRAFT: true,
  ACTIVE: true,
  CLOSED: true,
} satisfies Record<ProgrammeStatus, true>;

// In the order of the national schema of digital-mediation places.
const mediationServices = {
  'Aide aux démarches administratives': true,
  'Maîtrise des outils numériques du quotidien': true,
  'Insertion professionnelle via le numérique': true,
  'Utilisation sécurisée du numérique': true,
  'Parentalité et éducation avec le numérique': true,
  'Loisirs et créations numériques': true,
  'Compréhension du monde numérique': true,
  'Accès internet et matériel informatique': true,
  'Acquisition de matériel informatique à prix solidaire': true,
} satisfies Record<MediationService, true>;

export const funderKindChoices = toChoices<FunderKind>(funderKinds, 'carnet.funderKinds');
export const programmeStatusChoices = toChoices<ProgrammeStatus>(
  programmeStatuses,
  'carnet.programmeStatuses',
);
/** The schema names services in French already: each choice is its own label (no translation). */
export const mediationServiceChoices = (Object.keys(mediationServices) as MediationService[]).map(
  (id) => ({ id, name: id }),
);
