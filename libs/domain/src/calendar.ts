/** Years a date of this scheme may fall in: anything else is a typo (0026, 20266…). */
export const CALENDAR_YEARS = { min: 2000, max: 2199 } as const;

/**
 * True for a real calendar day written YYYY-MM-DD within CALENDAR_YEARS: `2026-02-30` or
 * `0000-01-01` match a pattern but are not days, and PostgreSQL would refuse them.
 */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < CALENDAR_YEARS.min || year > CALENDAR_YEARS.max) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Today in Paris as YYYY-MM-DD: validity and expiry dates are French calendar days. */
export function todayInParis(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);
}
