import { todayInParis } from './calendar.js';
import { isValidChequeNumber, normaliseChequeNumber, parseQrPayload } from './cheque.js';

/**
 * Redemption: a venue (or its software) spends cheques for a service it gave. The rules both the
 * API and the admin read: what a presented cheque is, when a redemption may be cancelled, which
 * service dates are acceptable, and when a cheque is locked after wrong security codes.
 */

/**
 * At most this many cheques in one redemption: one carnet's worth. It bounds the carnets one
 * request locks (and so how long it holds them), and a workshop session is paid by a handful.
 */
export const MAX_CHEQUES_PER_REDEMPTION = 10;

export const REDEMPTION_STATUSES = ['ACTIVE', 'CANCELLED'] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];

/** A redemption may be cancelled by its venue this long after it was made. */
export const REDEMPTION_CANCEL_HOURS = 24;

/** Wrong security codes on one cheque (check or redemption, any caller) that lock it. */
export const MAX_SECURITY_CODE_FAILURES = 5;

/** A service lasts at least this long, and at most a day of workshops (in minutes). */
export const SERVICE_DURATION_MINUTES = { min: 15, max: 480 } as const;

/** People attending the service the cheques pay for (a collective workshop seats ~20). */
export const SERVICE_PARTICIPANTS = { min: 1, max: 30 } as const;

export type PresentedCheque =
  | { ok: true; number: string; securityCode: string | null }
  | { ok: false; reason: 'INVALID_NUMBER' };

/**
 * A cheque as the venue presents it: the number as printed (spaces, dots, dashes forgiven) with
 * the code typed apart, or a scanned QR payload (`PN1:<number>:<code>`) in `number`, whose code
 * is used when none is typed (a code typed as well is the one compared: what the person wrote
 * wins over the scan).
 */
export function presentedCheque(number: string, securityCode?: string | null): PresentedCheque {
  const typed = securityCode?.trim() ? securityCode : null;
  const scanned = number.trim().startsWith('PN1:') ? parseQrPayload(number) : null;
  if (scanned) {
    return { ok: true, number: scanned.number, securityCode: typed ?? scanned.securityCode };
  }
  const normalised = normaliseChequeNumber(number);
  if (!isValidChequeNumber(normalised)) return { ok: false, reason: 'INVALID_NUMBER' };
  return { ok: true, number: normalised, securityCode: typed };
}

/** The month a redemption made at `createdAt` is reimbursed for: its month in France, YYYY-MM. */
export function redemptionPeriod(createdAt: Date): string {
  return todayInParis(createdAt).slice(0, 7);
}

/** The last moment a redemption made at `createdAt` may be cancelled by its venue. */
export function redemptionCancellableUntil(createdAt: Date): Date {
  return new Date(createdAt.getTime() + REDEMPTION_CANCEL_HOURS * 3_600_000);
}

export type RedemptionCancelRefusal = 'ALREADY_CANCELLED' | 'TOO_LATE' | 'IN_BATCH';

/**
 * Why a redemption may not be cancelled, or null when it may: once cancelled it stays so; once a
 * reimbursement batch holds it, the money is on its way; after 24 h the venue's day is closed.
 */
export function redemptionCancelRefusal(
  redemption: { status: RedemptionStatus; createdAt: Date; reimbursementBatchId: string | null },
  now: Date,
): RedemptionCancelRefusal | null {
  if (redemption.status !== 'ACTIVE') return 'ALREADY_CANCELLED';
  if (redemption.reimbursementBatchId !== null) return 'IN_BATCH';
  if (now.getTime() > redemptionCancellableUntil(redemption.createdAt).getTime()) return 'TOO_LATE';
  return null;
}

export type ServiceDateRefusal = 'IN_FUTURE' | 'BEFORE_HAND_OUT';

/**
 * Why a service date cannot be paid, or null: it was given, so not after `today` (in France);
 * and the person held the cheque then, so not before the day its carnet was handed out
 * (`handedOutOn`, YYYY-MM-DD in France; null when unknown, e.g. data loaded without a hand-out).
 */
export function serviceDateRefusal(
  serviceDate: string,
  today: string,
  handedOutOn: string | null,
): ServiceDateRefusal | null {
  // YYYY-MM-DD: text order is date order.
  if (serviceDate > today) return 'IN_FUTURE';
  if (handedOutOn !== null && serviceDate < handedOutOn) return 'BEFORE_HAND_OUT';
  return null;
}

export type ServiceRefusal = 'NOT_IN_VENUE_CATALOGUE' | 'NOT_PAYABLE_BY_PROGRAMME';

/**
 * Why cheques cannot pay this service, or null when they can: a venue is paid for the services
 * of its own catalogue (the national schema's `services`) that the programme pays for.
 */
export function serviceRefusal(
  service: string,
  venueServices: readonly string[],
  programmePayableServices: readonly string[],
): ServiceRefusal | null {
  if (!venueServices.includes(service)) return 'NOT_IN_VENUE_CATALOGUE';
  if (!programmePayableServices.includes(service)) return 'NOT_PAYABLE_BY_PROGRAMME';
  return null;
}
