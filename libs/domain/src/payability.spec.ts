import fc from 'fast-check';
import { CHEQUE_STATUSES, USED_CHEQUE_STATUSES } from './cheque.js';
import {
  NOT_PAYABLE_REASONS,
  payability,
  venueCommuneCodes,
  type NotPayableReason,
  type PayabilityCheque,
  type PayabilityProgramme,
  type PayabilityVenue,
} from './payability.js';
import { PROGRAMME_STATUSES } from './programme.js';
import { QUALIFICATION_STATUSES } from './venue.js';

const payable: PayabilityCheque = { status: 'DISTRIBUTED', validUntil: '2027-12-31' };
const qualified: PayabilityVenue = { qualificationStatus: 'QUALIFIED', servesProgramme: true };
const active: PayabilityProgramme = { status: 'ACTIVE' };
const day = '2027-06-15';

const reasonOf = (...args: Parameters<typeof payability>) => {
  const answer = payability(...args);
  return answer.payable ? null : answer.reason;
};

/**
 * The check as apps/api/src/cheques/cheques.service.ts wrote it when this rule moved here
 * (lines 90–102, then `notPayableReason` at 337–367), in these shapes: a venue that does not
 * serve the programme was refused first (as CHEQUE_NOT_FOUND), and `venue` is null only for
 * the programme owner's staff.
 */
function checkAsItWas(
  cheque: PayabilityCheque,
  venue: PayabilityVenue | null,
  programme: PayabilityProgramme,
  today: string,
): NotPayableReason | null {
  const owner = venue === null;
  if (!owner && !venue.servesProgramme) return 'VENUE_NOT_SERVING';
  if (
    programme.status !== 'ACTIVE' &&
    (cheque.status === 'ISSUED' || cheque.status === 'DISTRIBUTED')
  ) {
    return 'PROGRAMME_NOT_ACTIVE';
  }
  switch (cheque.status) {
    case 'ISSUED':
      return 'NOT_HANDED_OUT';
    case 'REDEEMED':
    case 'IN_BATCH':
    case 'REIMBURSED':
      return 'ALREADY_USED';
    case 'CANCELLED':
      return 'CANCELLED';
    case 'EXPIRED':
      return 'EXPIRED';
    case 'DISTRIBUTED':
      break;
  }
  if (today > cheque.validUntil) return 'PAST_VALIDITY';
  if (owner || !venue) return 'NOT_A_VENUE';
  return venue.qualificationStatus === 'QUALIFIED' ? null : 'VENUE_NOT_QUALIFIED';
}

// Days on both sides of the validity end, so that every branch is drawn often.
const dayArb = fc.constantFrom('2027-12-30', '2027-12-31', '2028-01-01', '2026-02-28');
const chequeArb = fc.record({
  status: fc.constantFrom(...CHEQUE_STATUSES),
  validUntil: dayArb,
});
const venueArb = fc.option(
  fc.record({
    qualificationStatus: fc.constantFrom(...QUALIFICATION_STATUSES),
    servesProgramme: fc.boolean(),
  }),
  { freq: 4 },
);
const programmeArb = fc.record({ status: fc.constantFrom(...PROGRAMME_STATUSES) });

describe('payability', () => {
  it('pays a handed-out, valid cheque of an active programme at a qualified venue serving it', () => {
    expect(payability(payable, qualified, active, day)).toEqual({ payable: true });
  });

  it('pays on the last day of validity, not the day after, whatever the grace', () => {
    expect(reasonOf(payable, qualified, active, '2027-12-31')).toBeNull();
    expect(reasonOf(payable, qualified, active, '2028-01-01')).toBe('PAST_VALIDITY');
  });

  it('gives each reason in its own case', () => {
    const cases: [NotPayableReason, Parameters<typeof payability>][] = [
      ['VENUE_NOT_SERVING', [payable, { ...qualified, servesProgramme: false }, active, day]],
      ['PROGRAMME_NOT_ACTIVE', [payable, qualified, { status: 'CLOSED' }, day]],
      ['NOT_HANDED_OUT', [{ ...payable, status: 'ISSUED' }, qualified, active, day]],
      ['ALREADY_USED', [{ ...payable, status: 'IN_BATCH' }, qualified, active, day]],
      ['CANCELLED', [{ ...payable, status: 'CANCELLED' }, qualified, active, day]],
      ['EXPIRED', [{ ...payable, status: 'EXPIRED' }, qualified, active, day]],
      ['PAST_VALIDITY', [payable, qualified, active, '2028-01-01']],
      ['NOT_A_VENUE', [payable, null, active, day]],
      [
        'VENUE_NOT_QUALIFIED',
        [payable, { ...qualified, qualificationStatus: 'SUSPENDED' }, active, day],
      ],
    ];
    expect(cases.map(([reason]) => reason)).toEqual([...NOT_PAYABLE_REASONS]);
    for (const [reason, args] of cases)
      expect([reason, reasonOf(...args)]).toEqual([reason, reason]);
  });

  it('checks in this order: serving, programme, status, validity, venue', () => {
    const closed: PayabilityProgramme = { status: 'DRAFT' };
    const notServing = { qualificationStatus: 'APPLIED', servesProgramme: false } as const;
    const late = '2028-01-01';
    expect(reasonOf({ ...payable, status: 'ISSUED' }, notServing, closed, late)).toBe(
      'VENUE_NOT_SERVING',
    );
    expect(reasonOf({ ...payable, status: 'ISSUED' }, null, closed, late)).toBe(
      'PROGRAMME_NOT_ACTIVE',
    );
    expect(reasonOf({ ...payable, status: 'ISSUED' }, null, active, late)).toBe('NOT_HANDED_OUT');
    expect(reasonOf(payable, { ...notServing, servesProgramme: true }, active, late)).toBe(
      'PAST_VALIDITY',
    );
  });

  it('says a spent cheque was used even once its programme is closed', () => {
    for (const status of USED_CHEQUE_STATUSES) {
      expect(reasonOf({ ...payable, status }, qualified, { status: 'CLOSED' }, day)).toBe(
        'ALREADY_USED',
      );
    }
  });

  it('answers exactly what the check answered before the rule moved here', () => {
    fc.assert(
      fc.property(chequeArb, venueArb, programmeArb, dayArb, (cheque, venue, programme, today) => {
        expect(reasonOf(cheque, venue, programme, today)).toBe(
          checkAsItWas(cheque, venue, programme, today),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('pays if and only if every condition holds', () => {
    fc.assert(
      fc.property(chequeArb, venueArb, programmeArb, dayArb, (cheque, venue, programme, today) => {
        const expected =
          venue !== null &&
          venue.servesProgramme &&
          venue.qualificationStatus === 'QUALIFIED' &&
          programme.status === 'ACTIVE' &&
          cheque.status === 'DISTRIBUTED' &&
          today <= cheque.validUntil;
        const answer = payability(cheque, venue, programme, today);
        expect(answer.payable).toBe(expected);
        if (!answer.payable) expect(NOT_PAYABLE_REASONS).toContain(answer.reason);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('venueCommuneCodes', () => {
  it('lists the venue own commune, then the ones it visits, blanks left out', () => {
    expect(
      venueCommuneCodes({ inseeCode: '62510', servedInseeCodes: ['62498', '', '62413'] }),
    ).toEqual(['62510', '62498', '62413']);
    expect(venueCommuneCodes({ inseeCode: null, servedInseeCodes: ['62498'] })).toEqual(['62498']);
    expect(venueCommuneCodes({ inseeCode: null, servedInseeCodes: [] })).toEqual([]);
  });
});
