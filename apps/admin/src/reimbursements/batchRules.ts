/**
 * The pure rules of the reimbursement screens: which months a batch may be created for, the
 * execution date offered at export, and the Idempotency-Key of a creation. The API decides
 * (PERIOD_NOT_OVER, EXECUTION_DATE_OUT_OF_RANGE…); these only spare a request it would refuse.
 */

const parisDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The day in France (YYYY-MM-DD): the API judges periods and execution dates by it. */
export const todayInFrance = (now = new Date()): string => parisDay.format(now);

/** The period `months` later (or earlier when negative): shiftPeriod('2026-12', 1) = '2027-01'. */
export function shiftPeriod(period: string, months: number): string {
  const index = Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1 + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The months whose batch may be created now, newest first: those over in France (a batch takes
 * the redemptions made before midnight starting the next month), from the programme's first
 * month, `count` at most.
 */
export function finishedPeriods(
  programmeStart: string | null | undefined,
  count = 24,
  now = new Date(),
): string[] {
  const first = programmeStart?.slice(0, 7);
  const periods: string[] = [];
  let period = shiftPeriod(todayInFrance(now).slice(0, 7), -1);
  while (periods.length < count && (!first || period >= first)) {
    periods.push(period);
    period = shiftPeriod(period, -1);
  }
  return periods;
}

/** A calendar day (YYYY-MM-DD) `days` later, by the calendar (no time zone involved). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Easter Sunday of `year` (Gregorian computus, Meeus/Jones/Butcher), YYYY-MM-DD. */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Whether SEPA credit transfers settle on `day`: a weekday that is not a TARGET2 closing day
 * (1 January, Good Friday, Easter Monday, 1 May, 25 and 26 December). French public holidays
 * such as 14 July are settlement days.
 */
export function isBusinessDay(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const monthDay = day.slice(5);
  if (['01-01', '05-01', '12-25', '12-26'].includes(monthDay)) return false;
  const easter = easterSunday(Number(day.slice(0, 4)));
  return day !== addDays(easter, -2) && day !== addDays(easter, 1);
}

/** The first business day after `day`: the execution date offered at export. */
export function nextBusinessDay(day: string): string {
  let next = addDays(day, 1);
  while (!isBusinessDay(next)) next = addDays(next, 1);
  return next;
}

/** The latest execution date the API accepts: today + 90 days, in France. */
export const MAX_EXECUTION_DAYS = 90;

/** The execution dates the API accepts, today to today + 90 days in France: [min, max]. */
export function executionDateRange(now = new Date()): [string, string] {
  const today = todayInFrance(now);
  return [today, addDays(today, MAX_EXECUTION_DAYS)];
}

/** A batch request: one programme, one month. */
export interface BatchRequest {
  programmeId: string;
  period: string;
}

interface CreationAttempt {
  key: string;
  request: BatchRequest;
  sentAt: string;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

const STORAGE_KEY = 'carnet.batchCreationAttempt';
/** The API keeps keys 24 h; an older attempt is forgotten (the list shows the batch anyway). */
const MAX_AGE_MS = 12 * 3_600_000;

function pendingAttempt(storage: Storage, now: Date): CreationAttempt | null {
  const raw = storage.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    const attempt = JSON.parse(raw) as Partial<CreationAttempt>;
    if (
      typeof attempt.key === 'string' &&
      typeof attempt.sentAt === 'string' &&
      typeof attempt.request?.programmeId === 'string' &&
      typeof attempt.request.period === 'string' &&
      now.getTime() - new Date(attempt.sentAt).getTime() <= MAX_AGE_MS
    ) {
      return attempt as CreationAttempt;
    }
  } catch {
    // Not ours, or from an older version: forgotten below.
  }
  storage.removeItem(STORAGE_KEY);
  return null;
}

/**
 * The Idempotency-Key to create `request` with, kept in the tab's sessionStorage until the API
 * answers (as a redemption's, see redemptions/intent.ts): a lost answer or a double click sends
 * the same key again, and the API answers the batch it already created; another programme or
 * month is another attempt with a new key.
 */
export function creationKey(
  request: BatchRequest,
  storage: Storage = sessionStorage,
  now = new Date(),
  newKey: () => string = () => crypto.randomUUID(),
): string {
  const pending = pendingAttempt(storage, now);
  if (
    pending &&
    pending.request.programmeId === request.programmeId &&
    pending.request.period === request.period
  ) {
    return pending.key;
  }
  const attempt: CreationAttempt = {
    key: newKey(),
    request: { programmeId: request.programmeId, period: request.period },
    sentAt: now.toISOString(),
  };
  storage.setItem(STORAGE_KEY, JSON.stringify(attempt));
  return attempt.key;
}

/** The API answered (a batch or a refusal): the attempt is over. */
export function creationAnswered(storage: Storage = sessionStorage): void {
  storage.removeItem(STORAGE_KEY);
}

/**
 * Whether a failed creation is over (as a redemption's, see RedeemPage): a refusal (4xx) that
 * kept no key. No answer, a server error, too many requests or the same key still being worked
 * on: the batch may have been created, so the next try sends the same key.
 */
export function isFinalRefusal(status: number | undefined, code: unknown): boolean {
  return (
    status !== undefined &&
    status >= 400 &&
    status < 500 &&
    status !== 429 &&
    code !== 'IDEMPOTENCY_KEY_IN_USE'
  );
}

/** The id the API names in BATCH_ALREADY_EXISTS's detail: the batch to open instead. */
export function existingBatchId(detail: unknown): string | undefined {
  if (typeof detail !== 'string') return undefined;
  return /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.exec(detail)?.[0];
}

const sizes = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** A file's size as French speakers write it: « 812 octets », « 12,3 ko », « 4,5 Mo ». */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${sizes.format(bytes)} octet${bytes > 1 ? 's' : ''}`;
  if (bytes < 1_000_000) return `${sizes.format(bytes / 1000)} ko`;
  return `${sizes.format(bytes / 1_000_000)} Mo`;
}

/** What a bank status report did, as the API answers it (StatusReportResultDto). */
export interface StatusReportAnswer {
  paid: { lineId: string; endToEndId: string; paidOn: string }[];
  rejected: { lineId: string; endToEndId: string; reason: string }[];
  pending: { lineId: string; endToEndId: string; status: string }[];
  skipped: { lineId: string; endToEndId: string; status: string }[];
  unknown: { endToEndId: string; status: string }[];
}

export type StatusReportKind = keyof StatusReportAnswer;

/** One transfer the report names: its venue when it is a line of the batch, and what to add. */
export interface StatusReportItem {
  key: string;
  venue: string | null;
  endToEndId: string;
  /** paid: the day (YYYY-MM-DD); rejected: the bank's reason; skipped: the line's status. */
  detail: string | null;
}

/**
 * The report's answer grouped for the screen, in the order an officer reads it (paid, rejected,
 * pending at the bank, decided already, unknown), empty groups left out. `venues` names lines by
 * id; the bank's own status codes of pending and unknown transfers are not shown.
 */
export function statusReportGroups(
  answer: StatusReportAnswer,
  venues: ReadonlyMap<string, string>,
): { kind: StatusReportKind; items: StatusReportItem[] }[] {
  const line = (lineId: string, endToEndId: string, detail: string | null): StatusReportItem => ({
    key: lineId,
    venue: venues.get(lineId) ?? null,
    endToEndId,
    detail,
  });
  const groups: { kind: StatusReportKind; items: StatusReportItem[] }[] = [
    { kind: 'paid', items: answer.paid.map((l) => line(l.lineId, l.endToEndId, l.paidOn)) },
    { kind: 'rejected', items: answer.rejected.map((l) => line(l.lineId, l.endToEndId, l.reason)) },
    { kind: 'pending', items: answer.pending.map((l) => line(l.lineId, l.endToEndId, null)) },
    { kind: 'skipped', items: answer.skipped.map((l) => line(l.lineId, l.endToEndId, l.status)) },
    {
      kind: 'unknown',
      items: answer.unknown.map((t) => ({
        key: `unknown-${t.endToEndId}`,
        venue: null,
        endToEndId: t.endToEndId,
        detail: null,
      })),
    },
  ];
  return groups.filter((group) => group.items.length > 0);
}
