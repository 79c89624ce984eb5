// Dates as French staff read them. Instants (ISO 8601 with a time) are shown in the browser's
// time zone; calendar days ("2027-06-30": validity ends, expiry) are read as local days, so that
// no time zone ever moves them to the day before.
const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short' });
const shortDay = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short' });
const longDay = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long' });

const localDay = (day: string): Date => new Date(`${day.slice(0, 10)}T00:00:00`);

/** An instant → « 23/11/2026 04:12 ». */
export const formatDateTime = (instant: string | Date): string =>
  dateTime.format(new Date(instant));

/** A calendar day → « 30/06/2027 ». */
export const formatDay = (day: string): string => shortDay.format(localDay(day));

/** A calendar day → « 30 juin 2027 ». */
export const formatLongDay = (day: string): string => longDay.format(localDay(day));
