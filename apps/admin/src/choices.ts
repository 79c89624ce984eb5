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
  VENUE_NETWORK: true,
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
export type SepaFormat = Schemas['SepaFormat'];

// An i18n key cannot hold the formats' dots: each format has a key of its own.
const sepaFormats = {
  'pain.001.001.09': 'pain_001_001_09',
  'pain.001.001.03': 'pain_001_001_03',
} satisfies Record<SepaFormat, string>;

/** i18n key of a SEPA credit-transfer format's French label. */
export const sepaFormatLabel = (format: SepaFormat) => `carnet.sepaFormats.${sepaFormats[format]}`;
export const sepaFormatChoices = (Object.keys(sepaFormats) as SepaFormat[]).map((id) => ({
  id,
  name: sepaFormatLabel(id),
}));
/** The schema names services in French already: each choice is its own label (no translation). */
export const mediationServiceChoices = (Object.keys(mediationServices) as MediationService[]).map(
  (id) => ({ id, name: id }),
);

// Venues: the enumerations of the national schema of digital-mediation places. Their values are
// French already and are sent as is, so each choice is its own label, except the codes below.
type Venue = Schemas['CreateVenueDto'];
type Enumeration<K extends keyof Venue> =
  NonNullable<Venue[K]> extends readonly (infer T)[] ? T : never;
export type Typology = Enumeration<'typologies'>;
export type Itinerance = Enumeration<'itinerance'>;
export type VenuePublic = Enumeration<'publics'>;
export type SpecificSupport = Enumeration<'specificSupport'>;
export type Fee = Enumeration<'fees'>;
export type AccessModality = Enumeration<'accessModalities'>;
export type SupportModality = Enumeration<'supportModalities'>;
export type QualificationStatus = Schemas['QualificationStatus'];
export type QualificationCriterion = Schemas['QualificationCriterion'];
export type BankAccountStatus = Schemas['BankAccountStatus'];

// data·inclusion's typology codes, in its order.
// prettier-ignore
const typologies = {
  ACI: true, ACIPHC: true, AFPA: true, AI: true, ASE: true, ASSO: true, ASSO_CHOMEUR: true,
  Autre: true, AVIP: true, BIB: true, CAARUD: true, CADA: true, CAF: true, CAP_EMPLOI: true,
  CAVA: true, CC: true, CCAS: true, CCONS: true, CD: true, CDAS: true, CFP: true, CHRS: true,
  CHU: true, CIAS: true, CIDFF: true, CITMET: true, CMP: true, CMS: true, CPAM: true, CPH: true,
  CS: true, CSAPA: true, CSC: true, DEETS: true, DEPT: true, DIPLP: true, E2C: true, EA: true,
  EATT: true, EI: true, EITI: true, ENM: true, EPCI: true, EPI: true, EPIDE: true, EPN: true,
  ES: true, ESAT: true, ESS: true, ETTI: true, EVS: true, FABLAB: true, FABRIQUE: true,
  FAIS: true, FT: true, GEIQ: true, HUDA: true, LA_POSTE: true, MDE: true, MDH: true, MDEF: true,
  MDPH: true, MDS: true, MJC: true, ML: true, MQ: true, MSA: true, MSAP: true, MUNI: true,
  OACAS: true, ODC: true, OF: true, OIL: true, OPCS: true, PAD: true, PENSION: true, PI: true,
  PIJ_BIJ: true, PIMMS: true, PJJ: true, PLIE: true, PREF: true, PREVENTION: true, REG: true,
  RELAIS_LECTURE: true, RESSOURCERIE: true, RFS: true, RS_FJT: true, SCP: true, SPIP: true,
  TIERS_LIEUX: true, UDAF: true,
} satisfies Record<Typology, true>;

/** The typologies digital-mediation places most often have, named in full in the form. */
const typologyNames: Partial<Record<Typology, string>> = {
  ASSO: 'Association',
  BIB: 'Bibliothèque, médiathèque',
  CCAS: "Centre communal d'action sociale",
  CS: 'Centre social',
  EPN: 'Espace public numérique',
  FABLAB: 'Fablab',
  FT: 'France Travail',
  MDS: 'Maison des solidarités',
  MJC: 'Maison des jeunes et de la culture',
  MQ: 'Maison de quartier',
  MSAP: 'France services',
  MUNI: 'Mairie, service municipal',
  TIERS_LIEUX: 'Tiers-lieu',
};

const itinerances = { Fixe: true, Itinérant: true } satisfies Record<Itinerance, true>;

const venuePublics = {
  Jeunes: true,
  Étudiants: true,
  'Familles et/ou enfants': true,
  Seniors: true,
  Femmes: true,
} satisfies Record<VenuePublic, true>;

const specificSupports = {
  Surdité: true,
  'Handicaps moteurs': true,
  'Handicaps mentaux': true,
  'Déficience visuelle': true,
  Illettrisme: true,
  'Langues étrangères (anglais)': true,
  'Langues étrangères (autres)': true,
} satisfies Record<SpecificSupport, true>;

const fees = {
  Gratuit: true,
  'Gratuit sous condition': true,
  Payant: true,
} satisfies Record<Fee, true>;

const accessModalities = {
  'Se présenter': true,
  Téléphoner: true,
  'Contacter par mail': true,
  'Envoyer un mail avec une fiche de prescription': true,
  'Prendre un RDV en ligne': true,
  "Ce lieu n'accueille pas de public": true,
} satisfies Record<AccessModality, true>;

const supportModalities = {
  'En autonomie': true,
  'Accompagnement individuel': true,
  'Dans un atelier collectif': true,
  'À distance': true,
} satisfies Record<SupportModality, true>;

const qualificationStatuses = {
  APPLIED: true,
  UNDER_REVIEW: true,
  QUALIFIED: true,
  SUSPENDED: true,
  WITHDRAWN: true,
} satisfies Record<QualificationStatus, true>;

const qualificationCriteria = {
  LEGAL_IDENTITY_CHECKED: true,
  TRAINED_MEDIATORS: true,
  WORKSHOP_OFFER: true,
  PUBLIC_OPENING_HOURS: true,
  ACCESSIBLE_PREMISES: true,
  EQUIPMENT_AND_CONNECTION: true,
  CHARTER_SIGNED: true,
} satisfies Record<QualificationCriterion, true>;

/** Values that are their own French label. */
const asChoices = <T extends string>(values: Record<T, true>) =>
  (Object.keys(values) as T[]).map((id) => ({ id, name: id }));

export const typologyChoices = (Object.keys(typologies) as Typology[]).map((id) => ({
  id,
  name: typologyNames[id] ? `${id} — ${typologyNames[id]}` : id,
}));
export const itineranceChoices = asChoices<Itinerance>(itinerances);
export const venuePublicChoices = asChoices<VenuePublic>(venuePublics);
export const specificSupportChoices = asChoices<SpecificSupport>(specificSupports);
export const feeChoices = asChoices<Fee>(fees);
export const accessModalityChoices = asChoices<AccessModality>(accessModalities);
export const supportModalityChoices = asChoices<SupportModality>(supportModalities);
export const qualificationStatusChoices = toChoices<QualificationStatus>(
  qualificationStatuses,
  'carnet.qualificationStatuses',
);
export const qualificationCriteriaList = Object.keys(
  qualificationCriteria,
) as QualificationCriterion[];

/** The qualification moves the API allows from each status. */
export const qualificationMoves: Record<QualificationStatus, readonly QualificationStatus[]> = {
  APPLIED: ['UNDER_REVIEW', 'WITHDRAWN'],
  UNDER_REVIEW: ['QUALIFIED', 'APPLIED', 'WITHDRAWN'],
  QUALIFIED: ['SUSPENDED', 'WITHDRAWN'],
  SUSPENDED: ['QUALIFIED', 'WITHDRAWN'],
  WITHDRAWN: ['APPLIED'],
};

// Carnets and cheques.
export type PrescriberType = Schemas['PrescriberType'];
export type TrainingTopic = Schemas['TrainingTopic'];
export type IssuanceStatus = Schemas['IssuanceStatus'];
export type CarnetStatus = Schemas['CarnetStatus'];
export type HolderKind = Schemas['HolderKind'];
export type CancellationReason = Schemas['CancellationReason'];
export type ChequeStatus = Schemas['ChequeStatus'];
export type ChequeCancellationReason = Schemas['ChequeCancellationReason'];
export type NotPayableReason = Schemas['NotPayableReason'];
export type RedemptionStatus = Schemas['RedemptionStatus'];
export type MovementKind = Schemas['MovementKind'];
export type ExpiryLevel = Schemas['ExpiryRowDto']['level'];

const prescriberTypes = {
  CCAS: true,
  CENTRE_SOCIAL: true,
  BIBLIOTHEQUE: true,
  MAIRIE: true,
  MAISON_DE_QUARTIER: true,
  ASSOCIATION: true,
  MISSION_LOCALE: true,
  FRANCE_SERVICES: true,
  TRAVAILLEUR_SOCIAL: true,
} satisfies Record<PrescriberType, true>;

const trainingTopics = {
  DIAGNOSTIC: true,
  ORIENTATION: true,
  PASS_USAGE: true,
  DATA_PROTECTION: true,
  DIGITAL_BASICS: true,
} satisfies Record<TrainingTopic, true>;

const carnetStatuses = { ACTIVE: true, CANCELLED: true } satisfies Record<CarnetStatus, true>;

const holderKinds = {
  PROGRAMME: true,
  COMMUNE: true,
  PRESCRIBER: true,
  BENEFICIARY: true,
} satisfies Record<HolderKind, true>;

const cancellationReasons = {
  LOST: true,
  STOLEN: true,
  DAMAGED: true,
  WITHDRAWN: true,
} satisfies Record<CancellationReason, true>;

export const prescriberTypeChoices = toChoices<PrescriberType>(
  prescriberTypes,
  'carnet.prescriberTypes',
);
export const trainingTopicChoices = toChoices<TrainingTopic>(
  trainingTopics,
  'carnet.trainingTopics',
);
export const carnetStatusChoices = toChoices<CarnetStatus>(carnetStatuses, 'carnet.carnetStatuses');
export const holderKindChoices = toChoices<HolderKind>(holderKinds, 'carnet.holderKinds');
export const cancellationReasonChoices = toChoices<CancellationReason>(
  cancellationReasons,
  'carnet.cancellationReasons',
);

// Beneficiaries and their diagnostic (the closed lists of libs/domain's beneficiary.ts).
export type AgeBand = Schemas['AgeBand'];
export type BeneficiarySituation = Schemas['BeneficiarySituation'];
export type ConsentScope = Schemas['ConsentScope'];
export type OnlineProcedure = Schemas['OnlineProcedure'];
export type Equipment = Schemas['Equipment'];

const ageBands = {
  UNDER_26: true,
  '26_44': true,
  '45_59': true,
  '60_74': true,
  '75_PLUS': true,
} satisfies Record<AgeBand, true>;

const situations = {
  RETRAITE: true,
  MINIMA_SOCIAUX: true,
  DEMANDEUR_EMPLOI: true,
  JEUNE: true,
  SALARIE: true,
  AUTRE: true,
} satisfies Record<BeneficiarySituation, true>;

const consentScopes = {
  FOLLOW_UP: true,
  PROGRAMME_INFORMATION: true,
} satisfies Record<ConsentScope, true>;

const onlineProcedures = {
  CAF: true,
  FRANCE_TRAVAIL: true,
  ASSURANCE_MALADIE: true,
  RETRAITE: true,
  ANTS: true,
  IMPOTS: true,
  ENERGIE: true,
  BANQUE: true,
  SANTE: true,
  OTHER: true,
} satisfies Record<OnlineProcedure, true>;

const equipment = {
  NONE: true,
  PHONE: true,
  COMPUTER: true,
  TABLET: true,
  INTERNET: true,
} satisfies Record<Equipment, true>;

export const ageBandChoices = toChoices<AgeBand>(ageBands, 'carnet.ageBands');
export const situationChoices = toChoices<BeneficiarySituation>(situations, 'carnet.situations');
export const consentScopeChoices = toChoices<ConsentScope>(consentScopes, 'carnet.consentScopes');
export const onlineProcedureChoices = toChoices<OnlineProcedure>(
  onlineProcedures,
  'carnet.onlineProcedures',
);
export const equipmentChoices = toChoices<Equipment>(equipment, 'carnet.equipment');
/** Autonomy with digital tools, 1 (cannot use them alone) to 4 (autonomous). */
export const autonomyChoices = [1, 2, 3, 4].map((id) => ({ id, name: `carnet.autonomy.${id}` }));

// Reimbursement batches.
export type BatchStatus = Schemas['BatchStatus'];
export type LineStatus = Schemas['BatchLineStatus'];
export type HoldReason = Schemas['LineHoldReason'];

const batchStatuses = {
  GENERATING: true,
  DRAFT: true,
  APPROVED: true,
  EXPORTED: true,
  PAID: true,
  PARTIALLY_PAID: true,
} satisfies Record<BatchStatus, true>;

export const batchStatusChoices = toChoices<BatchStatus>(batchStatuses, 'carnet.batchStatuses');
