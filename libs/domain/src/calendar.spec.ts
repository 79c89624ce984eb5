import { isCalendarDate } from './calendar.js';

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
