import {
  assertCents,
  type BatchLineStatus,
  type BatchStatus,
  formatEuros,
  isPeriod,
  type LineHoldReason,
  todayInParis,
} from '@carnet/domain';

/** How the batch files write things for French readers (and French spreadsheets). */

/**
 * An amount for a CSV cell: 123450 → "1234,50". A decimal comma, as French spreadsheets expect,
 * and no thousands separator: "1 234,50" (with a space of any kind) is read as text, not a number.
 */
export function csvAmount(cents: number): string {
  assertCents(cents);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)},${String(abs % 100).padStart(2, '0')}`;
}

/** An amount as printed in the PDFs: "1 234,50 €" (DejaVu has the narrow no-break space). */
export function printedAmount(cents: number): string {
  return formatEuros(cents);
}

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** '2026-10' → 'octobre 2026'. */
export function frenchPeriod(period: string): string {
  if (!isPeriod(period)) throw new RangeError(`Not a period (YYYY-MM): ${period}`);
  return `${MONTHS[Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)}`;
}

/** '2026-10-31' → '31/10/2026'. */
export function frenchDate(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${day}`);
  return `${match[3]}/${match[2]}/${match[1]}`;
}

let lastHour = NaN;
let lastDay = '';

/**
 * The day an instant falls on in France, '31/10/2026' (23:30 UTC on 31 October is 1 November).
 * Paris is a whole number of hours from UTC, so the day is the same through a UTC hour: the last
 * one is remembered, as files list hundreds of thousands of instants mostly in order.
 */
export function parisDate(instant: Date): string {
  const hour = Math.floor(instant.getTime() / 3_600_000);
  if (hour !== lastHour) {
    lastDay = frenchDate(todayInParis(instant));
    lastHour = hour;
  }
  return lastDay;
}

/** The day and time in France, '31/10/2026 à 14:05'. */
export function parisDateAndTime(instant: Date): string {
  const time = new Intl.DateTimeFormat('fr-FR', {
    timeZone: 'Europe/Paris',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
  return `${parisDate(instant)} à ${time}`;
}

/** « Pass numérique — <programme> — octobre 2026 »: the object of a payment. */
export function paymentObject(programmeName: string, period: string): string {
  const heading = /^pass num[ée]rique\b/i.test(programmeName)
    ? programmeName
    : `Pass numérique — ${programmeName}`;
  return `${heading} — ${frenchPeriod(period)}`;
}

/** "1 chèque", "10 chèques" (0 and 1 take the singular in French). */
export function chequeCount(count: number): string {
  return `${count} ${count < 2 ? 'chèque' : 'chèques'}`;
}

/** A percentage from basis points: 3333 → "33,33 %". */
export function percentOf(basisPoints: number): string {
  const whole = Math.floor(basisPoints / 100);
  const rest = basisPoints % 100;
  return `${whole}${rest === 0 ? '' : `,${String(rest).padStart(2, '0').replace(/0$/, '')}`}\u00a0%`;
}

export const BATCH_STATUS_LABELS: Readonly<Record<BatchStatus, string>> = {
  GENERATING: 'En préparation',
  DRAFT: 'À approuver',
  APPROVED: 'Approuvé',
  EXPORTED: 'Exporté',
  PAID: 'Payé',
  PARTIALLY_PAID: 'Partiellement payé',
};

export const LINE_STATUS_LABELS: Readonly<Record<BatchLineStatus, string>> = {
  PAYABLE: 'À payer',
  ON_HOLD: 'En attente',
  PAID: 'Payée',
  REJECTED: 'Rejetée par la banque',
};

export const HOLD_REASON_LABELS: Readonly<Record<LineHoldReason, string>> = {
  VENUE_SUSPENDED: 'Lieu suspendu',
  NO_VERIFIED_BANK_ACCOUNT: 'Pas de coordonnées bancaires vérifiées',
  BANK_REJECTED_TRANSFER: 'Virement rejeté sur le compte actuel : nouvelles coordonnées à vérifier',
};
