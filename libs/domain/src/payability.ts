import { isUnusedCheque, type ChequeStatus } from './cheque.js';
import type { ProgrammeStatus } from './programme.js';
import { mayRedeem, type QualificationStatus } from './venue.js';

/** Why a cheque cannot be paid at this venue today, in the order they are checked. */
export const NOT_PAYABLE_REASONS = [
  /**
   * None of the venue's communes is enrolled in the cheque's programme. A venue must not learn
   * that such a cheque exists: callers answer it as an unknown number, not with this reason.
   */
  'VENUE_NOT_SERVING',
  /** The programme is a draft or closed, and the cheque was not spent before. */
  'PROGRAMME_NOT_ACTIVE',
  /** Still ISSUED: no prescriber has handed its carnet out. */
  'NOT_HANDED_OUT',
  /** REDEEMED, IN_BATCH or REIMBURSED. */
  'ALREADY_USED',
  'CANCELLED',
  'EXPIRED',
  /** After its validity end date, while the expiry has not marked it yet (grace period). */
  'PAST_VALIDITY',
  /** Asked by the programme owner's staff, not by a venue: it is payable at no counter. */
  'NOT_A_VENUE',
  /** The venue is not QUALIFIED (applied, under review, suspended, withdrawn). */
  'VENUE_NOT_QUALIFIED',
] as const;
export type NotPayableReason = (typeof NOT_PAYABLE_REASONS)[number];

export type Payability = { payable: true } | { payable: false; reason: NotPayableReason };

export interface PayabilityCheque {
  status: ChequeStatus;
  /** Last day of validity (YYYY-MM-DD, a calendar day in France). */
  validUntil: string;
}

export interface PayabilityVenue {
  qualificationStatus: QualificationStatus;
  /**
   * One of `venueCommuneCodes(venue)` is enrolled in the cheque's programme (an EXISTS on
   * enrolment: the caller looks it up).
   */
  servesProgramme: boolean;
}

export interface PayabilityProgramme {
  status: ProgrammeStatus;
}

/**
 * May this cheque be paid at this venue today? One rule for the check a venue makes at its
 * counter and for the redemption itself. `venue` is null when the programme owner's staff look a
 * cheque up. `today` is the day in France (`todayInParis`), YYYY-MM-DD.
 *
 * The grace period does not extend payability: a cheque is payable up to its validUntil
 * inclusive; the grace only delays when the expiry job marks unused cheques EXPIRED.
 */
export function payability(
  cheque: PayabilityCheque,
  venue: PayabilityVenue | null,
  programme: PayabilityProgramme,
  today: string,
): Payability {
  const reason = notPayableReason(cheque, venue, programme, today);
  return reason === null ? { payable: true } : { payable: false, reason };
}

function notPayableReason(
  cheque: PayabilityCheque,
  venue: PayabilityVenue | null,
  programme: PayabilityProgramme,
  today: string,
): NotPayableReason | null {
  if (venue && !venue.servesProgramme) return 'VENUE_NOT_SERVING';
  // A spent cheque says so even once its programme is closed; an unused one says the programme.
  if (programme.status !== 'ACTIVE' && isUnusedCheque(cheque.status)) {
    return 'PROGRAMME_NOT_ACTIVE';
  }
  switch (cheque.status) {
    case 'ISSUED':
      return 'NOT_HANDED_OUT';
    case 'REDEEMED':
    case 'IN_BATCH':
    case 'REIMBURSED':
      return 'ALREADY_USED';
    case 'CANCELLED':
      return 'CANCELLED';
    case 'EXPIRED':
      return 'EXPIRED';
    case 'DISTRIBUTED':
      break;
  }
  // Both are YYYY-MM-DD, so text order is date order.
  if (today > cheque.validUntil) return 'PAST_VALIDITY';
  if (!venue) return 'NOT_A_VENUE';
  return mayRedeem(venue.qualificationStatus) ? null : 'VENUE_NOT_QUALIFIED';
}

/**
 * The communes a venue serves: its own and those it visits (itinerant services), blanks left
 * out. A venue with none serves no programme.
 */
export function venueCommuneCodes(venue: {
  inseeCode: string | null;
  servedInseeCodes: readonly string[];
}): string[] {
  return [venue.inseeCode, ...venue.servedInseeCodes].filter((code): code is string => !!code);
}
