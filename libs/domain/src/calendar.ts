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

// Built once: constructing a DateTimeFormat loads time-zone data, formatting with it is cheap.
const PARIS_DAY = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar day (YYYY-MM-DD) it is in France at `now`: validity dates are meant there, so an
 * instant just after midnight in Paris (22:30 UTC in summer, 23:30 in winter) is already the next
 * day. The date is assembled from its parts rather than taken from a locale's layout (the API's
 * `en-CA` trick), which depends on CLDR data that a Node or ICU update may change.
 */
export function todayInParis(now: Date = new Date()): string {
  const parts = PARIS_DAY.formatToParts(now);
  const part = (type: 'year' | 'month' | 'day') => parts.find((p) => p.type === type)!.value;
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}
