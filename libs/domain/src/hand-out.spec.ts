import fc from 'fast-check';
import {
  HAND_OUT_UNDO_HOURS,
  MAX_CARNET_SERIAL,
  handOutUndoRefusal,
  handOutUndoableUntil,
  parseCarnetSerial,
} from './hand-out.js';
import { formatCarnetSerial } from './custody.js';

const made = new Date('2026-11-20T10:00:00Z');
const hours = (h: number) => new Date(made.getTime() + h * 3_600_000);

describe('undoing a hand-out', () => {
  it('is possible for 24 hours, while no cheque is used', () => {
    expect(handOutUndoableUntil(made)).toEqual(hours(HAND_OUT_UNDO_HOURS));
    expect(handOutUndoRefusal({ status: 'ACTIVE', createdAt: made }, 0, hours(0))).toBeNull();
    expect(handOutUndoRefusal({ status: 'ACTIVE', createdAt: made }, 0, hours(24))).toBeNull();
  });

  it('is refused after 24 hours, once a cheque is used, and when already undone', () => {
    expect(handOutUndoRefusal({ status: 'ACTIVE', createdAt: made }, 0, hours(24.001))).toBe(
      'TOO_LATE',
    );
    expect(handOutUndoRefusal({ status: 'ACTIVE', createdAt: made }, 1, hours(1))).toBe(
      'CHEQUE_USED',
    );
    expect(handOutUndoRefusal({ status: 'UNDONE', createdAt: made }, 0, hours(1))).toBe(
      'ALREADY_UNDONE',
    );
  });
});

describe('a typed carnet serial', () => {
  it('reads as printed, with or without zeros and spaces', () => {
    expect(parseCarnetSerial('0000042')).toBe(42);
    expect(parseCarnetSerial(' 00 00-042 ')).toBe(42);
    expect(parseCarnetSerial('42')).toBe(42);
  });

  it('is refused when it is not a serial', () => {
    for (const input of [
      '',
      '0',
      '0000000',
      'abc',
      '12a',
      '+5',
      '1e3',
      '99999999999',
      '2147483648',
    ]) {
      expect([input, parseCarnetSerial(input)]).toEqual([input, null]);
    }
    expect(parseCarnetSerial(String(MAX_CARNET_SERIAL))).toBe(MAX_CARNET_SERIAL);
  });

  it('reads back every printed serial', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_CARNET_SERIAL }), (serial) => {
        expect(parseCarnetSerial(formatCarnetSerial(serial))).toBe(serial);
      }),
    );
  });
});
