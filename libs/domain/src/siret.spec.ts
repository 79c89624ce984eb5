import fc from 'fast-check';
import { isValidSiren, isValidSiret, LA_POSTE_SIREN, normaliseSiret } from './siret.js';

/** Appends the digit that makes the Luhn checksum hold, to build valid numbers in tests. */
function withLuhnDigit(digits: string): string {
  for (let d = 0; d <= 9; d++) {
    const candidate = `${digits}${d}`;
    const sum = [...candidate].reduce((acc, char, i) => {
      const value = Number(char) * ((candidate.length - i) % 2 === 0 ? 2 : 1);
      return acc + (value > 9 ? value - 9 : value);
    }, 0);
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

const digitsArb = (length: number) =>
  fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length })
    .map((d) => d.join(''));

describe('SIREN and SIRET', () => {
  it('checks a SIREN: 9 digits with a Luhn key', () => {
    expect(isValidSiren('732829320')).toBe(true);
    expect(isValidSiren(LA_POSTE_SIREN)).toBe(true);
    expect(isValidSiren('732829321')).toBe(false);
    expect(isValidSiren('73282932')).toBe(false);
    expect(isValidSiren('7328293200')).toBe(false);
    expect(isValidSiren('73282932A')).toBe(false);
  });

  it('checks an ordinary SIRET by Luhn, and its SIREN too', () => {
    expect(isValidSiret('73282932000074')).toBe(true);
    expect(isValidSiret('73282932000079')).toBe(false);
    // Digit sum 50: the La Poste rule must not apply to other companies.
    expect(isValidSiret('73282932000077')).toBe(false);
    // Luhn holds over 14 digits but the SIREN 732829321 is wrong.
    expect(isValidSiret('73282932100007')).toBe(false);
    expect(isValidSiret('7328293200007')).toBe(false);
    expect(isValidSiret('732 829 320 00074')).toBe(false);
  });

  it("checks La Poste's SIRETs by the digit sum, its head office by Luhn", () => {
    expect(isValidSiret('35600000000048')).toBe(true); // head office: Luhn, digit sum 26
    expect(isValidSiret('35600000049837')).toBe(true); // digit sum 45
    expect(isValidSiret('35600000000001')).toBe(true); // constructed: digit sum 15
    expect(isValidSiret('35600000049838')).toBe(false); // digit sum 46, no Luhn
  });

  it('strips spaces, including no-break ones, and nothing else', () => {
    expect(normaliseSiret(' 732 829 320 00074 ')).toBe('73282932000074');
    expect(normaliseSiret('732\u00a0829\u202f320\t00074')).toBe('73282932000074');
    expect(normaliseSiret('732.829.320.00074')).toBe('732.829.320.00074');
    expect(isValidSiret(normaliseSiret('356 000 000 49837'))).toBe(true);
  });

  it('accepts any well-keyed SIRET and catches any single wrong digit', () => {
    const siretArb = fc
      .tuple(digitsArb(8), digitsArb(4))
      .map(([siren, nic]) => withLuhnDigit(`${withLuhnDigit(siren)}${nic}`));
    fc.assert(
      fc.property(
        siretArb,
        fc.nat({ max: 13 }),
        fc.integer({ min: 1, max: 9 }),
        (siret, at, shift) => {
          expect(isValidSiret(siret)).toBe(true);
          const digit = (Number(siret[at]) + shift) % 10;
          const typo = `${siret.slice(0, at)}${digit}${siret.slice(at + 1)}`;
          fc.pre(!typo.startsWith(LA_POSTE_SIREN));
          expect(isValidSiret(typo)).toBe(false);
        },
      ),
    );
  });
});
