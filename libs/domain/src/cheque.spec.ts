import fc from 'fast-check';
import {
  assertChequeMove,
  canMoveCheque,
  CHEQUE_STATUSES,
  chequeStatusesMovableTo,
  isChequeStatus,
  isUsedCheque,
  UNUSED_CHEQUE_STATUSES,
  USED_CHEQUE_STATUSES,
  chequeNumber,
  dammDigit,
  formatChequeNumber,
  isValidChequeNumber,
  normaliseChequeNumber,
  expiresOn,
  expiryCutoff,
  formatSecurityCode,
  isUnusedCheque,
  normaliseSecurityCode,
  parseQrPayload,
  qrPayload,
  SECURITY_CODE_LENGTH,
  securityCodeFrom,
  securityCodeHash,
  securityCodeMatches,
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
  it('only move forward, but for an undone hand-out, a cancelled redemption and a cheque taken out of a batch', () => {
    expect(canMoveCheque('ISSUED', 'DISTRIBUTED')).toBe(true);
    expect(canMoveCheque('DISTRIBUTED', 'ISSUED')).toBe(true);
    expect(canMoveCheque('DISTRIBUTED', 'REDEEMED')).toBe(true);
    expect(canMoveCheque('REDEEMED', 'DISTRIBUTED')).toBe(true);
    expect(canMoveCheque('IN_BATCH', 'REDEEMED')).toBe(true);
    expect(canMoveCheque('ISSUED', 'REDEEMED')).toBe(false);
    expect(canMoveCheque('REDEEMED', 'CANCELLED')).toBe(false);
    for (const terminal of ['REIMBURSED', 'CANCELLED', 'EXPIRED'] as const) {
      for (const to of CHEQUE_STATUSES) expect(canMoveCheque(terminal, to)).toBe(false);
    }
  });

  it('name, for a bulk move, exactly the statuses the move is allowed from', () => {
    expect(chequeStatusesMovableTo('EXPIRED')).toEqual(['ISSUED', 'DISTRIBUTED']);
    expect(chequeStatusesMovableTo('CANCELLED')).toEqual([...UNUSED_CHEQUE_STATUSES]);
    expect(chequeStatusesMovableTo('ISSUED')).toEqual(['DISTRIBUTED']);
    for (const to of CHEQUE_STATUSES) {
      for (const from of chequeStatusesMovableTo(to))
        expect(() => assertChequeMove(from, to)).not.toThrow();
    }
  });
});

const code = fc.uint8Array({ minLength: 10, maxLength: 10 }).map(securityCodeFrom);
const key = fc.uint8Array({ minLength: 32, maxLength: 32 });

describe('security code hashing', () => {
  it('matches the code it was made from, typed in any case or with look-alikes', () => {
    fc.assert(
      fc.property(key, sequence, code, (k, n, c) => {
        const number = chequeNumber(n);
        const stored = securityCodeHash(k, number, c);
        expect(stored).toHaveLength(32);
        expect(securityCodeMatches(k, number, c, stored)).toBe(true);
        const typed = formatSecurityCode(c).toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');
        expect(securityCodeMatches(k, number, typed, stored)).toBe(true);
      }),
    );
  });

  it('refuses another code, the same code on another cheque, and another key', () => {
    fc.assert(
      fc.property(key, key, sequence, sequence, code, code, (k1, k2, n1, n2, c1, c2) => {
        const number = chequeNumber(n1);
        const stored = securityCodeHash(k1, number, c1);
        if (c1 !== c2) expect(securityCodeMatches(k1, number, c2, stored)).toBe(false);
        if (n1 !== n2) expect(securityCodeMatches(k1, chequeNumber(n2), c1, stored)).toBe(false);
        if (Buffer.compare(Buffer.from(k1), Buffer.from(k2)) !== 0) {
          expect(securityCodeMatches(k2, number, c1, stored)).toBe(false);
        }
      }),
    );
  });

  it('never matches a truncated or empty stored hash', () => {
    const k = new Uint8Array(32).fill(7);
    const stored = securityCodeHash(k, chequeNumber(1), 'ABCDEFGHJK');
    expect(securityCodeMatches(k, chequeNumber(1), 'ABCDEFGHJK', stored.subarray(0, 16))).toBe(
      false,
    );
    expect(securityCodeMatches(k, chequeNumber(1), 'ABCDEFGHJK', new Uint8Array(0))).toBe(false);
  });
});

describe('QR payloads', () => {
  it('round-trip the number and the code, in QR alphanumeric characters only', () => {
    fc.assert(
      fc.property(sequence, code, (n, c) => {
        const payload = qrPayload(chequeNumber(n), c);
        expect(payload).toMatch(/^[0-9A-Z:]+$/);
        expect(parseQrPayload(payload)).toEqual({ number: chequeNumber(n), securityCode: c });
      }),
    );
  });

  it('reject another format, a bad check digit or a short code', () => {
    const number = chequeNumber(42);
    expect(parseQrPayload(`PN2:${number}:ABCDEFGHJK`)).toBeNull();
    expect(
      parseQrPayload(`PN1:${number.slice(0, 11)}${(Number(number[11]) + 1) % 10}:ABCDEFGHJK`),
    ).toBeNull();
    expect(parseQrPayload(`PN1:${number}:ABCDE`)).toBeNull();
    expect(parseQrPayload(`https://example.org/${number}`)).toBeNull();
  });
});

describe('expiry dates', () => {
  it('start the day after the validity end plus the grace period', () => {
    expect(expiresOn('2027-12-31', 30)).toBe('2028-01-31');
    expect(expiresOn('2027-02-28', 0)).toBe('2027-03-01');
    expect(expiresOn('2028-02-28', 0)).toBe('2028-02-29');
  });

  it('cut off, on a given day, the cheques whose expiry day has come', () => {
    expect(expiryCutoff('2028-01-31', 30)).toBe('2028-01-01');
    expect(expiryCutoff('2027-03-01', 0)).toBe('2027-03-01');
    // The day expiresOn names is the first day the cutoff passes the validity end.
    for (const [validUntil, grace] of [
      ['2027-12-31', 30],
      ['2028-02-28', 0],
    ] as const) {
      const first = expiresOn(validUntil, grace);
      expect(validUntil < expiryCutoff(first, grace)).toBe(true);
      const before = expiresOn(validUntil, grace - 1);
      expect(validUntil < expiryCutoff(before, grace)).toBe(false);
    }
  });

  it('concern only unused cheques', () => {
    expect(CHEQUE_STATUSES.filter(isUnusedCheque)).toEqual(['ISSUED', 'DISTRIBUTED']);
  });
});

describe('cheque moves asserted', () => {
  it('pass exactly the moves the state machine allows, and name both statuses otherwise', () => {
    for (const from of CHEQUE_STATUSES) {
      for (const to of CHEQUE_STATUSES) {
        const move = () => assertChequeMove(from, to);
        if (canMoveCheque(from, to)) expect(move).not.toThrow();
        else expect(move).toThrow(new RegExp(`from ${from} to ${to} `));
      }
    }
  });

  it('say where a cheque may go instead', () => {
    expect(() => assertChequeMove('ISSUED', 'REDEEMED')).toThrow(
      'A cheque cannot move from ISSUED to REDEEMED (from ISSUED: DISTRIBUTED, CANCELLED, EXPIRED)',
    );
    expect(() => assertChequeMove('REIMBURSED', 'DISTRIBUTED')).toThrow(
      '(from REIMBURSED: none, it is final)',
    );
  });
});

describe('used and unused statuses', () => {
  it('split the statuses with CANCELLED and EXPIRED, without overlap', () => {
    const all = [...UNUSED_CHEQUE_STATUSES, ...USED_CHEQUE_STATUSES, 'CANCELLED', 'EXPIRED'];
    expect([...all].sort()).toEqual([...CHEQUE_STATUSES].sort());
  });

  it('agree with their guards', () => {
    expect(CHEQUE_STATUSES.filter(isUnusedCheque)).toEqual([...UNUSED_CHEQUE_STATUSES]);
    expect(CHEQUE_STATUSES.filter(isUsedCheque)).toEqual([...USED_CHEQUE_STATUSES]);
  });

  it('are, for unused ones, exactly those a cancellation or the expiry may still take', () => {
    const takeable = CHEQUE_STATUSES.filter(
      (s) => canMoveCheque(s, 'CANCELLED') && canMoveCheque(s, 'EXPIRED'),
    );
    expect(takeable).toEqual([...UNUSED_CHEQUE_STATUSES]);
  });

  it('are left for unused only by cancelling a redemption (REDEEMED → DISTRIBUTED)', () => {
    for (const used of USED_CHEQUE_STATUSES) {
      for (const unused of UNUSED_CHEQUE_STATUSES) {
        const cancelledRedemption = used === 'REDEEMED' && unused === 'DISTRIBUTED';
        expect([used, unused, canMoveCheque(used, unused)]).toEqual([
          used,
          unused,
          cancelledRedemption,
        ]);
      }
    }
  });

  it('are told from any other value by isChequeStatus', () => {
    for (const status of CHEQUE_STATUSES) expect(isChequeStatus(status)).toBe(true);
    for (const value of ['issued', '', 'toString', null, undefined, 3]) {
      expect(isChequeStatus(value)).toBe(false);
    }
    fc.assert(
      fc.property(fc.string(), (value) => {
        expect(isChequeStatus(value)).toBe((CHEQUE_STATUSES as readonly string[]).includes(value));
      }),
    );
  });
});
