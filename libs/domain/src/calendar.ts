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

/**
 * The day `days` after `day` (YYYY-MM-DD; before it when negative), on the calendar: no time
 * zone and no clock change involved.
 */
export function addCalendarDays(day: string, days: number): string {
  if (!isCalendarDate(day)) throw new RangeError(`Not a calendar day: ${day}`);
  if (!Number.isSafeInteger(days)) throw new RangeError(`Not a number of days: ${days}`);
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The day of the week of a calendar day: 0 for Sunday … 6 for Saturday. */
export function dayOfWeek(day: string): number {
  if (!isCalendarDate(day)) throw new RangeError(`Not a calendar day: ${day}`);
  return new Date(`${day}T00:00:00Z`).getUTCDay();
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

const PARIS_CLOCK = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** How far Paris's clock is ahead of UTC at `instant`, in minutes (60 in winter, 120 in summer). */
export function parisOffsetMinutes(instant: Date): number {
  const parts = PARIS_CLOCK.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  // The clock shows whole seconds: compare with the instant rounded down to its second.
  return Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant midnight starts `day` (YYYY-MM-DD) in Paris. Midnight never falls in a DST change
 * (France changes at 02:00 and 03:00), so it exists and is unique; the offset is read at the
 * instant itself, a second reading settling the rare day whose UTC midnight has the other offset.
 */
export function parisMidnight(day: string): Date {
  if (!isCalendarDate(day)) throw new RangeError(`Not a calendar day: ${day}`);
  const wall = Date.parse(`${day}T00:00:00Z`);
  let instant = wall - parisOffsetMinutes(new Date(wall)) * 60_000;
  instant = wall - parisOffsetMinutes(new Date(instant)) * 60_000;
  return new Date(instant);
}

/**
 * `instant` as Paris's clock shows it, with its offset and to the second:
 * `2026-11-02T06:00:00+01:00` (an ISO 8601 / xs:dateTime value, e.g. a SEPA file's creation time).
 */
export function parisDateTime(instant: Date): string {
  const offset = parisOffsetMinutes(instant);
  const local = new Date(Math.floor(instant.getTime() / 1000) * 1000 + offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${local.toISOString().slice(0, 19)}${sign}${hours}:${minutes}`;
}
