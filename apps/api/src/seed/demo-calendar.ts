import { addCalendarDays, dayOfWeek, shiftPeriod } from '@carnet/domain';

/**
 * The demo's calendar, counted back from the day it is seeded (so that it never ages): the
 * programme started on the 1st of the month DEMO_HISTORY_MONTHS back, and runs two years.
 */
export const DEMO_HISTORY_MONTHS = 14;

export interface DemoCalendar {
  today: string;
  /** The programme's first day, the 1st of the month DEMO_HISTORY_MONTHS back. */
  programmeStart: string;
  /** Its last day (and its cheques' validity end): two years after its start. */
  programmeEnd: string;
  /** The councils' deliberations, and the conventions signed, before the programme. */
  deliberationDate: string;
  conventionSignedOn: string;
  /** The agents' trainings, before the launch (recorded at the set-up, once held). */
  trainingDays: [string, string];
  /** The set-up: programme, enrolments, allocation, the first run and its transfers, venues. */
  setupDay: string;
  /** The second run (the structures' carnets) and its transfers, then the venues' network. */
  deliveryDay: string;
  networkDay: string;
  /** People are registered and handed carnets on working days from `from` to `to`. */
  handOuts: { from: string; to: string };
}

export function demoCalendar(today: string): DemoCalendar {
  const programmeStart = `${shiftPeriod(today.slice(0, 7), -DEMO_HISTORY_MONTHS)}-01`;
  const setupDay = workingDayFrom(addCalendarDays(programmeStart, 1));
  return {
    today,
    programmeStart,
    programmeEnd: addCalendarDays(`${shiftPeriod(programmeStart.slice(0, 7), 24)}-01`, -1),
    deliberationDate: workingDayFrom(addCalendarDays(setupDay, -110)),
    conventionSignedOn: workingDayFrom(addCalendarDays(setupDay, -75)),
    trainingDays: [
      workingDayFrom(addCalendarDays(setupDay, -16)),
      workingDayFrom(addCalendarDays(setupDay, -7)),
    ],
    setupDay,
    deliveryDay: workingDayFrom(addCalendarDays(setupDay, 7)),
    networkDay: workingDayFrom(addCalendarDays(setupDay, 8)),
    handOuts: {
      from: workingDayFrom(addCalendarDays(setupDay, 14)),
      to: addCalendarDays(today, -3),
    },
  };
}

/**
 * How busy each month of the year is for the structures and the venues (January first): few
 * people in July and August (holidays, venues closed), more from the autumn, and most from
 * January to March, when people do their procedures (tax return, CAF and pension files).
 */
const SEASON = [1.45, 1.6, 1.5, 1.05, 0.95, 0.85, 0.4, 0.2, 0.9, 1.15, 1.2, 0.75];

export function seasonOf(day: string): number {
  return SEASON[Number(day.slice(5, 7)) - 1];
}

/**
 * The programme's ramp-up, `months` after its start: a third of its pace the first month (word
 * has yet to spread), all of it after five, then a little more each month.
 */
export function rampOf(months: number): number {
  return Math.min(1, 0.3 + (0.7 * months) / 5) + Math.max(0, months - 5) * 0.02;
}

/** The day `days` of an average day's activity after `day`: further in the summer. */
export function afterActivity(day: string, days: number): string {
  let next = day;
  for (let done = 0; done < days; done += seasonOf(next)) next = addCalendarDays(next, 1);
  return next;
}

/** Whole months from `from`'s month to `day`'s. */
export function monthsBetween(from: string, day: string): number {
  const index = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
  return index(day) - index(from);
}

/** French public holidays on a fixed date (MM-DD). */
const FIXED_HOLIDAYS = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'];

/** Easter Sunday of `year` (the Gregorian computus). */
function easter(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((8 * b + 13) / 25) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Monday to Friday, French public holidays excepted (Easter Monday, Ascension, Whit Monday too). */
export function isWorkingDay(day: string): boolean {
  const weekday = dayOfWeek(day);
  if (weekday === 0 || weekday === 6 || FIXED_HOLIDAYS.includes(day.slice(5))) return false;
  const sunday = easter(Number(day.slice(0, 4)));
  return ![1, 39, 50].some((after) => addCalendarDays(sunday, after) === day);
}

/** `day`, or the next working day. */
export function workingDayFrom(day: string): string {
  let next = day;
  while (!isWorkingDay(next)) next = addCalendarDays(next, 1);
  return next;
}

/** The working days from `from` to `to`, both included. */
export function workingDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addCalendarDays(day, 1)) {
    if (isWorkingDay(day)) days.push(day);
  }
  return days;
}

/**
 * `count` moments spread over the working days from `from` to `to` as the programme's activity
 * goes (its ramp-up times the season): the k-th at the share (k + ½) / count of the whole
 * activity, so they come in order. Each is a day and a minute of its office hours (9:00–17:00).
 */
export function spreadByActivity(
  count: number,
  from: string,
  to: string,
  programmeStart: string,
): { day: string; minute: number }[] {
  const days = workingDays(from, to);
  const weights = days.map((d) => seasonOf(d) * rampOf(monthsBetween(programmeStart, d)));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const moments: { day: string; minute: number }[] = [];
  let day = 0;
  let before = 0;
  for (let k = 0; k < count; k++) {
    const at = ((k + 0.5) / count) * total;
    while (day < days.length - 1 && before + weights[day] <= at) before += weights[day++];
    const within = Math.min(0.999, Math.max(0, (at - before) / weights[day]));
    moments.push({ day: days[day], minute: 9 * 60 + Math.floor(within * 8 * 60) });
  }
  return moments;
}
