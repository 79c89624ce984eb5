import fc from 'fast-check';
import { assertCents, formatEuros, InvalidAmountError, sumCents } from './money.js';

describe('money', () => {
  it('accepts integer cents and refuses floats, NaN and unsafe integers', () => {
    expect(() => assertCents(1000)).not.toThrow();
    expect(() => assertCents(-5)).not.toThrow();
    expect(() => assertCents(10.5)).toThrow(InvalidAmountError);
    expect(() => assertCents(Number.NaN)).toThrow(InvalidAmountError);
    expect(() => assertCents(2 ** 60)).toThrow(InvalidAmountError);
    expect(() => assertCents('1000')).toThrow(InvalidAmountError);
  });

  it('sums to the cent, whatever the order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 })), (amounts) => {
        expect(sumCents(amounts)).toBe(sumCents([...amounts].reverse()));
        expect(Number.isInteger(sumCents(amounts))).toBe(true);
      }),
    );
  });

  it('formats euros the French way', () => {
    expect(formatEuros(0)).toBe('0,00\u00a0€');
    expect(formatEuros(1000)).toBe('10,00\u00a0€');
    expect(formatEuros(48_000_000)).toBe('480\u202f000,00\u00a0€');
    expect(formatEuros(-1234567)).toBe('-12\u202f345,67\u00a0€');
  });
});
