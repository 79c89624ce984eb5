import { FULL_SHARE_BASIS_POINTS } from './split.js';

/** Who pays for a programme (DESIGN.md: financeurs). */
export const FUNDER_KINDS = [
  'STATE',
  'EU_FUND',
  'REGION',
  'DEPARTMENT',
  'EPCI',
  'COMMUNE',
  'CAF',
  'PENSION_FUND',
  'BANK',
  'POSTAL_OPERATOR',
  'COMPANY',
  'ASSOCIATION',
  'OTHER',
] as const;
export type FunderKind = (typeof FUNDER_KINDS)[number];

export const PROGRAMME_STATUSES = ['DRAFT', 'ACTIVE', 'CLOSED'] as const;
export type ProgrammeStatus = (typeof PROGRAMME_STATUSES)[number];

const NEXT: Readonly<Record<ProgrammeStatus, readonly ProgrammeStatus[]>> = {
  DRAFT: ['ACTIVE'],
  ACTIVE: ['CLOSED'],
  CLOSED: [],
};

export function canMoveProgramme(from: ProgrammeStatus, to: ProgrammeStatus): boolean {
  return NEXT[from].includes(to);
}

/** Why a programme cannot be activated, or an empty list when it can. */
export function activationProblems(programme: {
  shareBasisPoints: readonly number[];
  startDate: string;
  endDate: string;
  validityEndDate: string;
  budgetCents: number;
}): string[] {
  const problems: string[] = [];
  const total = programme.shareBasisPoints.reduce((sum, bp) => sum + bp, 0);
  if (programme.shareBasisPoints.length === 0) problems.push('no funder has a share yet');
  else if (total !== FULL_SHARE_BASIS_POINTS) {
    problems.push(`funders' shares sum to ${total / 100} %, not 100 %`);
  }
  if (programme.budgetCents <= 0) problems.push('the budget is zero');
  if (programme.endDate < programme.startDate) problems.push('the end date is before the start');
  if (programme.validityEndDate < programme.startDate) {
    problems.push('cheques would expire before the programme starts');
  }
  return problems;
}

/**
 * Dates a programme cannot hold even as a draft (the database refuses them too), as field
 * problems: the end before the start.
 */
export function programmeDateProblems(programme: {
  startDate: string;
  endDate: string;
}): { field: string; message: string }[] {
  return programme.endDate < programme.startDate
    ? [{ field: 'endDate', message: 'endDate must not be before startDate' }]
    : [];
}

/** Money value of one carnet: its cheques at face value. */
export function carnetValueCents(faceValueCents: number, chequesPerCarnet: number): number {
  return faceValueCents * chequesPerCarnet;
}
