import {
  activationProblems,
  canMoveProgramme,
  carnetValueCents,
  programmeDateProblems,
} from './programme.js';

const ready = {
  shareBasisPoints: [6500, 2100, 1400],
  startDate: '2026-01-01',
  endDate: '2027-12-31',
  validityEndDate: '2027-12-31',
  budgetCents: 48_000_000,
};

describe('programme rules', () => {
  it('moves DRAFT → ACTIVE → CLOSED and never back', () => {
    expect(canMoveProgramme('DRAFT', 'ACTIVE')).toBe(true);
    expect(canMoveProgramme('ACTIVE', 'CLOSED')).toBe(true);
    expect(canMoveProgramme('DRAFT', 'CLOSED')).toBe(false);
    expect(canMoveProgramme('CLOSED', 'ACTIVE')).toBe(false);
    expect(canMoveProgramme('ACTIVE', 'DRAFT')).toBe(false);
  });

  it('activates only with shares summing to exactly 100 %', () => {
    expect(activationProblems(ready)).toEqual([]);
    expect(activationProblems({ ...ready, shareBasisPoints: [6500, 2100] })).toEqual([
      "funders' shares sum to 86 %, not 100 %",
    ]);
    expect(activationProblems({ ...ready, shareBasisPoints: [] })).toEqual([
      'no funder has a share yet',
    ]);
  });

  it('refuses inconsistent dates and an empty budget', () => {
    expect(
      activationProblems({
        ...ready,
        endDate: '2025-01-01',
        validityEndDate: '2025-06-01',
        budgetCents: 0,
      }),
    ).toEqual([
      'the budget is zero',
      'the end date is before the start',
      'cheques would expire before the programme starts',
    ]);
  });

  it('values a carnet as its cheques at face value', () => {
    expect(carnetValueCents(1000, 10)).toBe(10_000);
  });
});

describe('programmeDateProblems', () => {
  it('names endDate when the programme ends before it starts, nothing otherwise', () => {
    expect(programmeDateProblems({ startDate: '2027-06-01', endDate: '2027-01-01' })).toEqual([
      { field: 'endDate', message: 'endDate must not be before startDate' },
    ]);
    expect(programmeDateProblems({ startDate: '2027-01-01', endDate: '2027-01-01' })).toEqual([]);
  });
});
