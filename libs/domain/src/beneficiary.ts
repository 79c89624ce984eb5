/**
 * Beneficiaries and their diagnostic: the closed lists they are described with (French labels in
 * the admin's i18n), and the normalisation of a postal address into the input of the household
 * key. Nothing here identifies a person: the address only ever leaves this function as a keyed
 * hash (computed by the API with a key from config).
 */

/** Age bands, for beneficiaries who give a band rather than a birth year. */
export const AGE_BANDS = ['UNDER_26', '26_44', '45_59', '60_74', '75_PLUS'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** The person's situation, as the programme's eligibility and the reporting read it. */
export const BENEFICIARY_SITUATIONS = [
  'MINIMA_SOCIAUX',
  'RETRAITE',
  'DEMANDEUR_EMPLOI',
  'JEUNE',
  'SALARIE',
  'AUTRE',
] as const;
export type BeneficiarySituation = (typeof BENEFICIARY_SITUATIONS)[number];

/** What a person consented to when leaving a phone number or an e-mail address. */
export const CONSENT_SCOPES = ['FOLLOW_UP', 'PROGRAMME_INFORMATION'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

/**
 * Why a person's data were erased before their retention ended: a closed list, so that the audit
 * entry of an erasure never holds free text about the person.
 */
export const ERASURE_REASONS = ['PERSON_REQUEST', 'ENTERED_IN_ERROR', 'OTHER'] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

/** Online procedures a diagnostic may name as a need, beside the venues' services. */
export const ONLINE_PROCEDURES = [
  'CAF',
  'FRANCE_TRAVAIL',
  'ASSURANCE_MALADIE',
  'RETRAITE',
  'ANTS',
  'IMPOTS',
  'ENERGIE',
  'BANQUE',
  'SANTE',
  'OTHER',
] as const;
export type OnlineProcedure = (typeof ONLINE_PROCEDURES)[number];

/** Equipment at home. */
export const EQUIPMENT = ['NONE', 'PHONE', 'COMPUTER', 'TABLET', 'INTERNET'] as const;
export type Equipment = (typeof EQUIPMENT)[number];

/** Autonomy with digital tools, 1 (cannot use them alone) to 4 (autonomous). */
export const AUTONOMY_LEVELS = [1, 2, 3, 4] as const;
export type AutonomyLevel = (typeof AUTONOMY_LEVELS)[number];

/** The age band a birth year falls in, on a given year (the year of the count). */
export function ageBandOf(birthYear: number, year: number): AgeBand {
  const age = year - birthYear;
  if (age < 26) return 'UNDER_26';
  if (age < 45) return '26_44';
  if (age < 60) return '45_59';
  if (age < 75) return '60_74';
  return '75_PLUS';
}

/** Abbreviations of French addresses, expanded so that « bd » and « boulevard » agree. */
const ABBREVIATIONS: Record<string, string> = {
  av: 'avenue',
  ave: 'avenue',
  bd: 'boulevard',
  bld: 'boulevard',
  blvd: 'boulevard',
  boul: 'boulevard',
  bvd: 'boulevard',
  r: 'rue',
  pl: 'place',
  ch: 'chemin',
  che: 'chemin',
  chem: 'chemin',
  rte: 'route',
  imp: 'impasse',
  all: 'allee',
  sq: 'square',
  fg: 'faubourg',
  fbg: 'faubourg',
  qu: 'quai',
  crs: 'cours',
  res: 'residence',
  resid: 'residence',
  lot: 'lotissement',
  st: 'saint',
  ste: 'sainte',
  apt: 'appartement',
  app: 'appartement',
  appt: 'appartement',
  bat: 'batiment',
  bt: 'batiment',
  esc: 'escalier',
  cc: 'centre commercial',
  hlm: 'hlm',
};

/** Words that say « number » before a number (« n° 12 », « no 12 »): dropped. */
const NUMBER_WORDS = new Set(['n', 'no', 'num', 'numero']);

/**
 * One spelling of a text: lower case, accents removed, punctuation as spaces, numbers split from
 * letters (« 12bis » → « 12 bis »), spaces collapsed, abbreviations expanded.
 */
function normaliseWords(text: string): string[] {
  const plain = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/(\d)([a-z])/g, '$1 $2')
    .replace(/([a-z])(\d)/g, '$1 $2')
    .trim();
  const words = plain === '' ? [] : plain.split(' ');
  return words
    .filter((word, i) => !(NUMBER_WORDS.has(word) && /^\d/.test(words[i + 1] ?? '')))
    .map((word) => ABBREVIATIONS[word] ?? word);
}

/**
 * The input of a household key: the normalised postal address, then the normalised household
 * name when given. Several spellings of one address give one input; the result is only ever
 * hashed, never stored.
 */
export function householdKeyInput(address: string, householdName?: string | null): string {
  const parts = [normaliseWords(address).join(' ')];
  const name = householdName ? normaliseWords(householdName).join(' ') : '';
  if (name !== '') parts.push(name);
  return parts.join('|');
}

/** What a programme covers: its settings, and the communes enrolled in it. */
export interface ProgrammeEligibility {
  eligibleSituations: readonly string[];
  /** Empty: the enrolled communes. */
  eligibleInseeCodes: readonly string[];
  enrolledInseeCodes: readonly string[];
}

/**
 * The fields that put a person outside the programme's publics (empty when eligible): a situation
 * not listed (an empty list covers every situation), a commune not listed (an empty list covers
 * the enrolled communes).
 */
export function eligibilityProblems(
  programme: ProgrammeEligibility,
  person: { situation: string; inseeCode: string },
): ('situation' | 'inseeCode')[] {
  const problems: ('situation' | 'inseeCode')[] = [];
  const situations = programme.eligibleSituations;
  if (situations.length > 0 && !situations.includes(person.situation)) problems.push('situation');
  const communes =
    programme.eligibleInseeCodes.length > 0
      ? programme.eligibleInseeCodes
      : programme.enrolledInseeCodes;
  if (!communes.includes(person.inseeCode)) problems.push('inseeCode');
  return problems;
}
