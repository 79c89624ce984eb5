import fc from 'fast-check';
import {
  addCalendarDays,
  dayOfWeek,
  isCalendarDate,
  parisDateTime,
  parisMidnight,
  parisOffsetMinutes,
  todayInParis,
} from './calendar.js';

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
function parisOffsetHoursByRule(now: Date): number {
  const year = now.getUTCFullYear();
  const summerStart = Date.UTC(year, 2, lastSunday(year, 3), 1);
  const summerEnd = Date.UTC(year, 9, lastSunday(year, 10), 1);
  const t = now.getTime();
  return t >= summerStart && t < summerEnd ? 2 : 1;
}

function parisDayByRule(now: Date): string {
  return new Date(now.getTime() + parisOffsetHoursByRule(now) * 3_600_000)
    .toISOString()
    .slice(0, 10);
}

const instant = fc.date({
  min: new Date('2000-01-01T00:00:00Z'),
  max: new Date('2199-12-30T00:00:00Z'),
  noInvalidDate: true,
});

describe('addCalendarDays and dayOfWeek', () => {
  it('move across months, years and leap days, forwards and back', () => {
    expect(addCalendarDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2026-10-25', 0)).toBe('2026-10-25');
    expect(addCalendarDays('2026-11-29', -108)).toBe('2026-08-13');
  });

  it('name the day of the week, Sunday first', () => {
    expect(dayOfWeek('2026-11-29')).toBe(0);
    expect(dayOfWeek('2026-11-30')).toBe(1);
    expect(dayOfWeek('2026-12-05')).toBe(6);
  });

  it('refuse what is not a day or a whole number of days', () => {
    expect(() => addCalendarDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addCalendarDays('2026-02-01', 1.5)).toThrow(RangeError);
    expect(() => dayOfWeek('2026-13-01')).toThrow(RangeError);
  });
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

describe('parisOffsetMinutes', () => {
  it('is 60 in winter and 120 in summer, changing at 01:00 UTC on the last Sundays', () => {
    expect(parisOffsetMinutes(new Date('2026-03-29T00:59:59Z'))).toBe(60);
    expect(parisOffsetMinutes(new Date('2026-03-29T01:00:00Z'))).toBe(120);
    expect(parisOffsetMinutes(new Date('2026-10-25T00:59:59.999Z'))).toBe(120);
    expect(parisOffsetMinutes(new Date('2026-10-25T01:00:00Z'))).toBe(60);
  });

  it('follows the EU rule at any instant, milliseconds included', () => {
    fc.assert(
      fc.property(instant, (now) =>
        expect(parisOffsetMinutes(now)).toBe(parisOffsetHoursByRule(now) * 60),
      ),
      { numRuns: 2000 },
    );
  });
});

describe('parisMidnight', () => {
  it('is 23:00 UTC the day before in winter, 22:00 in summer, also on the days the clock changes', () => {
    const cases: [string, string][] = [
      ['2026-01-01', '2025-12-31T23:00:00.000Z'],
      ['2026-03-29', '2026-03-28T23:00:00.000Z'],
      ['2026-03-30', '2026-03-29T22:00:00.000Z'],
      ['2026-04-01', '2026-03-31T22:00:00.000Z'],
      ['2026-10-25', '2026-10-24T22:00:00.000Z'],
      ['2026-10-26', '2026-10-25T23:00:00.000Z'],
      ['2026-11-01', '2026-10-31T23:00:00.000Z'],
      ['2028-02-29', '2028-02-28T23:00:00.000Z'],
    ];
    for (const [day, utc] of cases)
      expect([day, parisMidnight(day).toISOString()]).toEqual([day, utc]);
  });

  it('is the first instant of its day in Paris, whatever the day', () => {
    fc.assert(
      fc.property(instant, (now) => {
        const day = todayInParis(now);
        const midnight = parisMidnight(day);
        expect(todayInParis(midnight)).toBe(day);
        expect(todayInParis(new Date(midnight.getTime() - 1))).not.toBe(day);
        expect(midnight.getTime()).toBeLessThanOrEqual(now.getTime());
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses what is not a calendar day', () => {
    expect(() => parisMidnight('2026-02-30')).toThrow(RangeError);
    expect(() => parisMidnight('2026-02')).toThrow(RangeError);
  });
});

describe('parisDateTime', () => {
  it("writes Paris's clock with its offset, to the second", () => {
    expect(parisDateTime(new Date('2026-12-01T05:00:00.999Z'))).toBe('2026-12-01T06:00:00+01:00');
    expect(parisDateTime(new Date('2026-07-14T08:30:15Z'))).toBe('2026-07-14T10:30:15+02:00');
    expect(parisDateTime(new Date('2026-12-31T23:59:59Z'))).toBe('2027-01-01T00:59:59+01:00');
  });

  it('names the same instant (to the second) as the input', () => {
    fc.assert(
      fc.property(instant, (now) => {
        const written = parisDateTime(now);
        expect(written).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/);
        expect(Date.parse(written)).toBe(Math.floor(now.getTime() / 1000) * 1000);
      }),
    );
  });
});
