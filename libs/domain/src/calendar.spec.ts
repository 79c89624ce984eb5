import fc from 'fast-check';
import { isCalendarDate, todayInParis } from './calendar.js';

describe('isCalendarDate', () => {
  it('accepts real days, leap days included', () => {
    for (const day of ['2026-01-01', '2026-12-31', '2028-02-29', '2000-02-29']) {
      expect(isCalendarDate(day)).toBe(true);
    }
  });

  it('refuses days that do not exist, years out of range and other shapes', () => {
    for (const day of [
      '2026-02-30',
      '2026-02-29',
      '2100-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '0000-01-01',
      '1999-12-31',
      '2026-1-1',
      '2026-01-01T00:00:00Z',
      '',
    ]) {
      expect([day, isCalendarDate(day)]).toEqual([day, false]);
    }
  });
});

/** Last Sunday of a month, as a UTC day number of the month. */
function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month, 0));
  return last.getUTCDate() - last.getUTCDay();
}

/**
 * An independent oracle: the EU rule. Summer time (UTC+2) runs from 01:00 UTC on the last Sunday
 * of March to 01:00 UTC on the last Sunday of October; UTC+1 otherwise.
 */
function parisDayByRule(now: Date): string {
  const year = now.getUTCFullYear();
  const summerStart = Date.UTC(year, 2, lastSunday(year, 3), 1);
  const summerEnd = Date.UTC(year, 9, lastSunday(year, 10), 1);
  const t = now.getTime();
  const offsetHours = t >= summerStart && t < summerEnd ? 2 : 1;
  return new Date(t + offsetHours * 3_600_000).toISOString().slice(0, 10);
}

const instant = fc.date({
  min: new Date('2000-01-01T00:00:00Z'),
  max: new Date('2199-12-30T00:00:00Z'),
  noInvalidDate: true,
});

describe('todayInParis', () => {
  it('turns the day at midnight in Paris, across both DST changes and the new year', () => {
    const cases: [string, string][] = [
      // Winter (UTC+1).
      ['2026-01-15T22:59:59.999Z', '2026-01-15'],
      ['2026-01-15T23:00:00Z', '2026-01-16'],
      // Spring forward on Sunday 29 March 2026 at 01:00 UTC.
      ['2026-03-28T22:59:59Z', '2026-03-28'],
      ['2026-03-28T23:00:00Z', '2026-03-29'],
      ['2026-03-29T21:59:59Z', '2026-03-29'],
      ['2026-03-29T22:00:00Z', '2026-03-30'],
      // Fall back on Sunday 25 October 2026 at 01:00 UTC.
      ['2026-10-24T21:59:59Z', '2026-10-24'],
      ['2026-10-24T22:00:00Z', '2026-10-25'],
      ['2026-10-25T22:59:59Z', '2026-10-25'],
      ['2026-10-25T23:00:00Z', '2026-10-26'],
      ['2026-12-31T22:59:59Z', '2026-12-31'],
      ['2026-12-31T23:00:00Z', '2027-01-01'],
      ['2028-02-28T23:30:00Z', '2028-02-29'],
    ];
    for (const [utc, day] of cases) expect([utc, todayInParis(new Date(utc))]).toEqual([utc, day]);
  });

  it('follows the EU summer-time rule at any instant, and gives a real calendar day', () => {
    fc.assert(
      fc.property(instant, (now) => {
        const day = todayInParis(now);
        expect(day).toBe(parisDayByRule(now));
        expect(isCalendarDate(day)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("gives what the API's en-CA formatting gives (cheques.service.ts)", () => {
    const api = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' });
    fc.assert(fc.property(instant, (now) => expect(todayInParis(now)).toBe(api.format(now))));
  });

  it('refuses an invalid date instead of answering a wrong day', () => {
    expect(() => todayInParis(new Date(Number.NaN))).toThrow(RangeError);
  });
});
