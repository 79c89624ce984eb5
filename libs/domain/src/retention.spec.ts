import { addMonths, programmeOverOn, retentionEndsOn } from './retention.js';

describe('programmeOverOn', () => {
  it('is the first day unused cheques are expired when that is after the end date', () => {
    expect(
      programmeOverOn({ endDate: '2027-06-30', validityEndDate: '2027-12-31', graceDays: 30 }),
    ).toBe('2028-01-31');
  });

  it('is the end date when the cheques stop first', () => {
    expect(
      programmeOverOn({ endDate: '2028-06-30', validityEndDate: '2027-12-31', graceDays: 0 }),
    ).toBe('2028-06-30');
  });
});

describe('addMonths', () => {
  it('adds months across years', () => {
    expect(addMonths('2026-11-15', 2)).toBe('2027-01-15');
    expect(addMonths('2028-01-31', 24)).toBe('2030-01-31');
    expect(addMonths('2026-05-01', 0)).toBe('2026-05-01');
  });

  it('clamps to the end of shorter months', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2027-01-31', 13)).toBe('2028-02-29');
    expect(addMonths('2027-03-31', 1)).toBe('2027-04-30');
  });
});

describe('retentionEndsOn', () => {
  it('counts the retention months from the day the programme is over', () => {
    expect(
      retentionEndsOn({ endDate: '2027-12-31', validityEndDate: '2027-12-31', graceDays: 30 }, 24),
    ).toBe('2030-01-31');
  });
});
