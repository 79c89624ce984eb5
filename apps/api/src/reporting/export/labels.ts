import type {
  AgeBand,
  BeneficiarySituation,
  FunderKind,
  HolderKind,
  OnlineProcedure,
  PrescriberType,
} from '@carnet/domain';

// French names of the codes a report's rows carry, for its CSV and XLSX: people read names, never
// codes (the admin has its own, longer wordings for its forms).

export const SITUATION_LABELS: Readonly<Record<BeneficiarySituation, string>> = {
  MINIMA_SOCIAUX: 'Minima sociaux',
  RETRAITE: 'Retraité',
  DEMANDEUR_EMPLOI: "Demandeur d'emploi",
  JEUNE: 'Jeune',
  SALARIE: 'Salarié',
  AUTRE: 'Autre situation',
};

export const AGE_BAND_LABELS: Readonly<Record<AgeBand, string>> = {
  UNDER_26: 'Moins de 26 ans',
  '26_44': '26 à 44 ans',
  '45_59': '45 à 59 ans',
  '60_74': '60 à 74 ans',
  '75_PLUS': '75 ans et plus',
};

export const PRESCRIBER_TYPE_LABELS: Readonly<Record<PrescriberType, string>> = {
  CCAS: 'CCAS',
  CENTRE_SOCIAL: 'Centre social',
  BIBLIOTHEQUE: 'Bibliothèque, médiathèque',
  MAIRIE: 'Mairie',
  MAISON_DE_QUARTIER: 'Maison de quartier',
  ASSOCIATION: 'Association',
  MISSION_LOCALE: 'Mission locale',
  FRANCE_SERVICES: 'France services',
  TRAVAILLEUR_SOCIAL: 'Travailleur social',
};

export const FUNDER_KIND_LABELS: Readonly<Record<FunderKind, string>> = {
  STATE: 'État',
  EU_FUND: 'Fonds européen',
  REGION: 'Région',
  DEPARTMENT: 'Département',
  EPCI: 'EPCI',
  COMMUNE: 'Commune',
  CAF: 'CAF',
  PENSION_FUND: 'Caisse de retraite',
  BANK: 'Banque',
  POSTAL_OPERATOR: 'Opérateur postal',
  COMPANY: 'Entreprise',
  ASSOCIATION: 'Association',
  OTHER: 'Autre',
};

export const HOLDER_KIND_LABELS: Readonly<Record<HolderKind, string>> = {
  PROGRAMME: 'Stock du programme',
  COMMUNE: 'Commune',
  PRESCRIBER: 'Structure',
  BENEFICIARY: 'Bénéficiaire',
};

const PROCEDURE_LABELS: Readonly<Record<OnlineProcedure, string>> = {
  CAF: 'CAF',
  FRANCE_TRAVAIL: 'France Travail',
  ASSURANCE_MALADIE: 'Assurance maladie',
  RETRAITE: 'Retraite',
  ANTS: 'Titres (ANTS)',
  IMPOTS: 'Impôts',
  ENERGIE: 'Énergie',
  BANQUE: 'Banque en ligne',
  SANTE: 'Santé',
  OTHER: 'Autre démarche',
};

/** A need's name: a service as the national list names it, a procedure in French, or none. */
export function needLabel(kind: string, need: string): string {
  if (kind === 'NONE') return 'Aucun besoin renseigné';
  if (kind === 'PROCEDURE') {
    const name = need in PROCEDURE_LABELS ? PROCEDURE_LABELS[need as OnlineProcedure] : need;
    return `Démarche en ligne : ${name}`;
  }
  return need;
}
