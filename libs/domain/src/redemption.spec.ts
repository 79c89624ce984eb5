import { chequeNumber, qrPayload } from './cheque.js';
import {
  presentedCheque,
  redemptionCancellableUntil,
  redemptionCancelRefusal,
  redemptionPeriod,
  serviceDateRefusal,
  serviceRefusal,
} from './redemption.js';

const number = chequeNumber(1234);

describe('presentedCheque', () => {
  it('reads a number as printed, spaces and dashes forgiven, with its typed code', () => {
    const printed = number.replace(/(\d{4})(?=\d)/g, '$1 ');
    expect(presentedCheque(printed, 'ABCDE-FGHJK')).toEqual({
      ok: true,
      number,
      securityCode: 'ABCDE-FGHJK',
    });
    expect(presentedCheque(number.replace(/(\d{4})(?=\d)/g, '$1-'))).toEqual({
      ok: true,
      number,
      securityCode: null,
    });
  });

  it('reads a scanned QR payload, whose code serves when none is typed', () => {
    expect(presentedCheque(qrPayload(number, 'K7QF2M9XPA'))).toEqual({
      ok: true,
      number,
      securityCode: 'K7QF2M9XPA',
    });
    expect(presentedCheque(qrPayload(number, 'K7QF2M9XPA'), '  ')).toMatchObject({
      securityCode: 'K7QF2M9XPA',
    });
    // What the person typed is what is compared.
    expect(presentedCheque(qrPayload(number, 'K7QF2M9XPA'), 'AAAAABBBBB')).toMatchObject({
      securityCode: 'AAAAABBBBB',
    });
  });

  it('refuses a typo (check digit), a short number and a payload of another format', () => {
    const typo = `${number.slice(0, 11)}${(Number(number[11]) + 1) % 10}`;
    expect(presentedCheque(typo)).toEqual({ ok: false, reason: 'INVALID_NUMBER' });
    expect(presentedCheque('1234')).toEqual({ ok: false, reason: 'INVALID_NUMBER' });
    expect(presentedCheque(`PN2:${number}:K7QF2M9XPA`)).toEqual({
      ok: false,
      reason: 'INVALID_NUMBER',
    });
    expect(presentedCheque(`PN1:${typo}:K7QF2M9XPA`)).toEqual({
      ok: false,
      reason: 'INVALID_NUMBER',
    });
  });
});

describe('redemptionPeriod', () => {
  it('is the month in France: 23:30 UTC on the last day of a month is already the next one', () => {
    expect(redemptionPeriod(new Date('2027-01-31T22:59:59Z'))).toBe('2027-01');
    expect(redemptionPeriod(new Date('2027-01-31T23:00:00Z'))).toBe('2027-02');
    // Summer time: UTC+2.
    expect(redemptionPeriod(new Date('2027-06-30T21:59:59Z'))).toBe('2027-06');
    expect(redemptionPeriod(new Date('2027-06-30T22:00:00Z'))).toBe('2027-07');
  });
});

describe('redemptionCancelRefusal', () => {
  const createdAt = new Date('2027-03-10T10:00:00Z');
  const active = { status: 'ACTIVE' as const, createdAt, reimbursementBatchId: null };

  it('allows a cancellation within 24 h, to the millisecond', () => {
    expect(redemptionCancellableUntil(createdAt)).toEqual(new Date('2027-03-11T10:00:00Z'));
    expect(redemptionCancelRefusal(active, new Date('2027-03-11T10:00:00Z'))).toBeNull();
    expect(redemptionCancelRefusal(active, new Date('2027-03-11T10:00:00.001Z'))).toBe('TOO_LATE');
  });

  it('refuses once cancelled, and once a batch holds it, however soon', () => {
    const soon = new Date('2027-03-10T10:05:00Z');
    expect(redemptionCancelRefusal({ ...active, status: 'CANCELLED' }, soon)).toBe(
      'ALREADY_CANCELLED',
    );
    expect(redemptionCancelRefusal({ ...active, reimbursementBatchId: 'b' }, soon)).toBe(
      'IN_BATCH',
    );
  });
});

describe('serviceDateRefusal', () => {
  it('accepts today and any day since the hand-out', () => {
    expect(serviceDateRefusal('2027-03-10', '2027-03-10', '2027-03-01')).toBeNull();
    expect(serviceDateRefusal('2027-03-01', '2027-03-10', '2027-03-01')).toBeNull();
    expect(serviceDateRefusal('2020-01-01', '2027-03-10', null)).toBeNull();
  });

  it('refuses a day to come and a day before the person held the cheque', () => {
    expect(serviceDateRefusal('2027-03-11', '2027-03-10', '2027-03-01')).toBe('IN_FUTURE');
    expect(serviceDateRefusal('2027-02-28', '2027-03-10', '2027-03-01')).toBe('BEFORE_HAND_OUT');
  });
});

describe('serviceRefusal', () => {
  const workshop = 'Aide aux démarches administratives';
  it('pays a service of the venue catalogue that the programme pays for', () => {
    expect(serviceRefusal(workshop, [workshop], [workshop])).toBeNull();
  });
  it('refuses one the venue does not offer, then one the programme does not pay', () => {
    expect(serviceRefusal(workshop, [], [workshop])).toBe('NOT_IN_VENUE_CATALOGUE');
    expect(serviceRefusal(workshop, [workshop], [])).toBe('NOT_PAYABLE_BY_PROGRAMME');
  });
});
