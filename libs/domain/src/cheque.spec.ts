import fc from 'fast-check';
import {
  canMoveCheque,
  CHEQUE_STATUSES,
  chequeNumber,
  dammDigit,
  formatChequeNumber,
  isValidChequeNumber,
  normaliseChequeNumber,
  normaliseSecurityCode,
  SECURITY_CODE_LENGTH,
  securityCodeFrom,
} from './cheque.js';

const sequence = fc.integer({ min: 1, max: 10 ** 11 - 1 });

describe('cheque numbers', () => {
  it('are valid as generated, 12 digits, and distinct for distinct sequences', () => {
    fc.assert(
      fc.property(sequence, sequence, (a, b) => {
        expect(isValidChequeNumber(chequeNumber(a))).toBe(true);
        expect(chequeNumber(a)).toHaveLength(12);
        if (a !== b) expect(chequeNumber(a)).not.toBe(chequeNumber(b));
      }),
    );
  });

  it('catch every single-digit typo', () => {
    fc.assert(
      fc.property(
        sequence,
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: 1, max: 9 }),
        (n, position, shift) => {
          const number = chequeNumber(n);
          const typo =
            number.slice(0, position) +
            String((Number(number[position]) + shift) % 10) +
            number.slice(position + 1);
          expect(isValidChequeNumber(typo)).toBe(false);
        },
      ),
    );
  });

  it('catch every swap of two different adjacent digits', () => {
    fc.assert(
      fc.property(sequence, fc.integer({ min: 0, max: 10 }), (n, position) => {
        const number = chequeNumber(n);
        fc.pre(number[position] !== number[position + 1]);
        const swapped =
          number.slice(0, position) +
          number[position + 1] +
          number[position] +
          number.slice(position + 2);
        expect(isValidChequeNumber(swapped)).toBe(false);
      }),
    );
  });

  it('read what people type and print in groups of four', () => {
    const number = chequeNumber(123);
    expect(normaliseChequeNumber(formatChequeNumber(number))).toBe(number);
    expect(formatChequeNumber('000000001234')).toBe('0000 0000 1234');
    expect(dammDigit('572')).toBe(4);
    expect(isValidChequeNumber('12345')).toBe(false);
    expect(() => chequeNumber(0)).toThrow(RangeError);
  });
});

describe('security codes', () => {
  it('carry at least 40 bits: 10 characters of a 32-letter alphabet', () => {
    expect(SECURITY_CODE_LENGTH * Math.log2(32)).toBeGreaterThanOrEqual(40);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), (bytes) => {
        const code = securityCodeFrom(bytes);
        expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
        expect(normaliseSecurityCode(code.toLowerCase())).toBe(code);
      }),
    );
  });

  it('forgive look-alike letters and spacing', () => {
    expect(normaliseSecurityCode('ab1o-il 2')).toBe('AB10112');
  });
});

describe('cheque states', () => {
  it('only move forward, but for a cancelled redemption and a cheque taken out of a batch', () => {
    expect(canMoveCheque('ISSUED', 'DISTRIBUTED')).toBe(true);
    expect(canMoveCheque('DISTRIBUTED', 'REDEEMED')).toBe(true);
    expect(canMoveCheque('REDEEMED', 'DISTRIBUTED')).toBe(true);
    expect(canMoveCheque('IN_BATCH', 'REDEEMED')).toBe(true);
    expect(canMoveCheque('ISSUED', 'REDEEMED')).toBe(false);
    expect(canMoveCheque('REDEEMED', 'CANCELLED')).toBe(false);
    for (const terminal of ['REIMBURSED', 'CANCELLED', 'EXPIRED'] as const) {
      for (const to of CHEQUE_STATUSES) expect(canMoveCheque(terminal, to)).toBe(false);
    }
  });
});
