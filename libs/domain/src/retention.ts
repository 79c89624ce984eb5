import { expiresOn } from './cheque.js';

/**
 * Retention of beneficiaries' identifying data: kept while their programme may still need them,
 * then for a number of months, then purged (anonymous aggregates stay).
 */

/**
 * The day a programme is over for its beneficiaries: the later of its end date and the first day
 * its unused cheques are expired (validity end plus grace period). Until then a person may still
 * hold, use or have a cheque disputed. The CLOSED status is not used: no date records when it was
 * set, and retention must not depend on someone remembering to close a programme.
 */
export function programmeOverOn(programme: {
  endDate: string;
  validityEndDate: string;
  graceDays: number;
}): string {
  const expired = expiresOn(programme.validityEndDate, programme.graceDays);
  return expired > programme.endDate ? expired : programme.endDate;
}

/** A calendar day plus whole months, clamped to the end of shorter months (31 Jan + 1 → 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const result = new Date(Date.UTC(targetYear, targetMonth, Math.min(date, lastDay)));
  return result.toISOString().slice(0, 10);
}

/** The first day a programme's beneficiaries' identifying data are purged. */
export function retentionEndsOn(
  programme: { endDate: string; validityEndDate: string; graceDays: number },
  retentionMonths: number,
): string {
  return addMonths(programmeOverOn(programme), retentionMonths);
}
