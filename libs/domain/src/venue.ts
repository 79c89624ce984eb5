/** Qualification of a mediation venue: only QUALIFIED venues may redeem cheques. */
export const QUALIFICATION_STATUSES = [
  'APPLIED',
  'UNDER_REVIEW',
  'QUALIFIED',
  'SUSPENDED',
  'WITHDRAWN',
] as const;
export type QualificationStatus = (typeof QUALIFICATION_STATUSES)[number];

const NEXT: Readonly<Record<QualificationStatus, readonly QualificationStatus[]>> = {
  APPLIED: ['UNDER_REVIEW', 'WITHDRAWN'],
  UNDER_REVIEW: ['QUALIFIED', 'APPLIED', 'WITHDRAWN'],
  QUALIFIED: ['SUSPENDED', 'WITHDRAWN'],
  SUSPENDED: ['QUALIFIED', 'WITHDRAWN'],
  WITHDRAWN: ['APPLIED'],
};

export function canMoveQualification(from: QualificationStatus, to: QualificationStatus): boolean {
  return NEXT[from].includes(to);
}

/**
 * The published criteria a venue is checked against before it may accept cheques. Every
 * decision records each criterion as met or not, with a note, so the decision is explainable.
 */
export const QUALIFICATION_CRITERIA = [
  'LEGAL_IDENTITY_CHECKED',
  'TRAINED_MEDIATORS',
  'WORKSHOP_OFFER',
  'PUBLIC_OPENING_HOURS',
  'ACCESSIBLE_PREMISES',
  'EQUIPMENT_AND_CONNECTION',
  'CHARTER_SIGNED',
] as const;
export type QualificationCriterion = (typeof QUALIFICATION_CRITERIA)[number];

export interface ChecklistItem {
  criterion: QualificationCriterion;
  met: boolean;
  note?: string;
}

/** Why a checklist does not allow qualification: missing or unmet criteria (empty when it does). */
export function qualificationGaps(checklist: readonly ChecklistItem[]): QualificationCriterion[] {
  return QUALIFICATION_CRITERIA.filter(
    (criterion) => !checklist.some((item) => item.criterion === criterion && item.met),
  );
}

/** Venues that may redeem cheques right now. A suspension applies at once. */
export function mayRedeem(status: QualificationStatus): boolean {
  return status === 'QUALIFIED';
}

export const BANK_ACCOUNT_STATUSES = ['PENDING', 'VERIFIED', 'REJECTED'] as const;
export type BankAccountStatus = (typeof BANK_ACCOUNT_STATUSES)[number];

/** Four eyes: whoever entered bank details may not verify them. */
export function mayVerifyBankAccount(enteredBy: string | null, verifier: string): boolean {
  return enteredBy !== verifier;
}

/** RNA number of an association: W followed by 9 digits (or 9 characters for old numbers). */
export function isValidRna(value: string): boolean {
  return /^W\d{9}$/.test(value);
}
