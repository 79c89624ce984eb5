/**
 * The pure rules of the venue's screens: what a typed or scanned cheque is, durations, the day
 * and month in France, a redemption's short reference and whether it may still be cancelled.
 * The API decides; these only spare the person a request that would be refused.
 */

/**
 * Cheques one redemption takes at most: libs/domain's MAX_CHEQUES_PER_REDEMPTION (the admin does
 * not bundle libs/domain, whose cheque rules need Node's crypto).
 */
export const MAX_CHEQUES = 10;

const NUMBER_DIGITS = 12;
/** Crockford base 32 as printed, with the look-alikes the API forgives (O, I, L). */
const CODE_CHARACTERS = /^[0-9A-Z]{10}$/;

/** A cheque as the person hands it over: its number (digits only) and its security code. */
export interface PresentedCheque {
  number: string;
  securityCode: string;
}

/**
 * A cheque typed by hand: the number as printed (spaces, dots, dashes ignored) and the code
 * (case, spaces and dashes ignored). Null until both are complete.
 */
export function typedCheque(number: string, code: string): PresentedCheque | null {
  const digits = number.replace(/\D/g, '');
  const securityCode = code.replace(/[\s-]/g, '').toUpperCase();
  if (digits.length !== NUMBER_DIGITS || !CODE_CHARACTERS.test(securityCode)) return null;
  return { number: digits, securityCode };
}

/** Durations offered for a service, in minutes (the API takes 15 to 480). */
export const DURATIONS = [15, 30, 45, 60, 90, 120, 150, 180, 240, 300, 360, 420, 480] as const;

/** 90 → « 1 h 30 », 60 → « 1 h », 45 → « 45 min ». */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${String(rest).padStart(2, '0')}`;
}

const parisDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The day in France (YYYY-MM-DD): the API judges service dates by it. */
export const todayInFrance = (now = new Date()): string => parisDay.format(now);

/** The month in France (YYYY-MM): a redemption made now is reimbursed for it. */
export const monthInFrance = (now = new Date()): string => todayInFrance(now).slice(0, 7);

/** What staff and the person read and quote: the first 8 characters of its id, upper case. */
export const redemptionReference = (id: string): string =>
  id.replace(/-/g, '').slice(0, 8).toUpperCase();

/** Whether its venue may still cancel it: standing, in no reimbursement, within its 24 h. */
export function isCancellable(
  redemption: { status: string; cancellableUntil: string; reimbursementBatchId: string | null },
  now = new Date(),
): boolean {
  return (
    redemption.status === 'ACTIVE' &&
    redemption.reimbursementBatchId === null &&
    now.getTime() < new Date(redemption.cancellableUntil).getTime()
  );
}
