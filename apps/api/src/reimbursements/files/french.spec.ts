import {
  csvAmount,
  frenchPeriod,
  parisDate,
  parisDateAndTime,
  paymentObject,
  percentOf,
} from './french.js';

describe('French formats of the batch files', () => {
  it('writes CSV amounts with a decimal comma and no thousands separator', () => {
    expect(csvAmount(0)).toBe('0,00');
    expect(csvAmount(5)).toBe('0,05');
    expect(csvAmount(123_450)).toBe('1234,50');
    expect(csvAmount(-1050)).toBe('-10,50');
    expect(() => csvAmount(10.5)).toThrow();
  });

  it('names periods in French', () => {
    expect(frenchPeriod('2026-10')).toBe('octobre 2026');
    expect(frenchPeriod('2027-02')).toBe('février 2027');
    expect(() => frenchPeriod('2026-13')).toThrow();
  });

  it('gives the day in France, across midnight and DST, remembering the last hour safely', () => {
    expect(parisDate(new Date('2026-10-31T22:59:59Z'))).toBe('31/10/2026');
    expect(parisDate(new Date('2026-10-31T23:00:00Z'))).toBe('01/11/2026');
    expect(parisDate(new Date('2026-10-31T23:59:59Z'))).toBe('01/11/2026');
    // Summer time: midnight in Paris is 22:00 UTC.
    expect(parisDate(new Date('2026-06-30T21:59:59Z'))).toBe('30/06/2026');
    expect(parisDate(new Date('2026-06-30T22:00:00Z'))).toBe('01/07/2026');
    expect(parisDate(new Date('2026-06-30T21:30:00Z'))).toBe('30/06/2026');
    expect(parisDateAndTime(new Date('2026-06-30T21:30:00Z'))).toBe('30/06/2026 à 23:30');
  });

  it('writes the object of a payment without saying « Pass numérique » twice', () => {
    expect(paymentObject('Lens-Liévin 2026', '2026-10')).toBe(
      'Pass numérique — Lens-Liévin 2026 — octobre 2026',
    );
    expect(paymentObject('Pass numérique Lens-Liévin', '2026-11')).toBe(
      'Pass numérique Lens-Liévin — novembre 2026',
    );
  });

  it('writes shares as percentages', () => {
    expect(percentOf(10_000)).toBe('100\u00a0%');
    expect(percentOf(3333)).toBe('33,33\u00a0%');
    expect(percentOf(2550)).toBe('25,5\u00a0%');
    expect(percentOf(2503)).toBe('25,03\u00a0%');
  });
});
