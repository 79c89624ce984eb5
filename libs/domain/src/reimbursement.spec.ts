import fc from 'fast-check';
import { todayInParis } from './calendar.js';
import { canMoveCheque } from './cheque.js';
import {
  assertBatchLineMove,
  assertBatchMove,
  BATCH_LINE_STATUSES,
  BATCH_STATUSES,
  batchApprovalRefusal,
  batchOutcome,
  batchStatusesMovableTo,
  canMoveBatch,
  canMoveBatchLine,
  chequeStatusOfLine,
  isBatchFrozen,
  isBatchLineStatus,
  isBatchStatus,
  isPeriod,
  lineHoldReasons,
  mayApproveBatch,
  periodCutoff,
  periodOf,
  periodStart,
  previousPeriod,
  shiftPeriod,
  splitBatchByFunders,
} from './reimbursement.js';
import { splitByBasisPoints } from './split.js';

describe('batch states', () => {
  it('go GENERATING → DRAFT → APPROVED → EXPORTED → PAID or PARTIALLY_PAID, and nowhere else', () => {
    const moves = BATCH_STATUSES.flatMap((from) =>
      BATCH_STATUSES.filter((to) => canMoveBatch(from, to)).map((to) => `${from}→${to}`),
    );
    expect(moves).toEqual([
      'GENERATING→DRAFT',
      'DRAFT→APPROVED',
      'APPROVED→EXPORTED',
      'EXPORTED→PAID',
      'EXPORTED→PARTIALLY_PAID',
    ]);
  });

  it('refuse an impossible move loudly, saying what is allowed', () => {
    expect(() => assertBatchMove('DRAFT', 'APPROVED')).not.toThrow();
    expect(() => assertBatchMove('DRAFT', 'EXPORTED')).toThrow(
      'A batch cannot move from DRAFT to EXPORTED (from DRAFT: APPROVED)',
    );
    expect(() => assertBatchMove('PAID', 'EXPORTED')).toThrow(/none, it is final/);
    expect(() => assertBatchMove('APPROVED', 'DRAFT')).toThrow(/from APPROVED: EXPORTED/);
  });

  it('list the statuses a conditional update may start from', () => {
    expect(batchStatusesMovableTo('APPROVED')).toEqual(['DRAFT']);
    expect(batchStatusesMovableTo('PAID')).toEqual(['EXPORTED']);
    expect(batchStatusesMovableTo('GENERATING')).toEqual([]);
  });

  it('are frozen from approval on', () => {
    expect(BATCH_STATUSES.filter(isBatchFrozen)).toEqual([
      'APPROVED',
      'EXPORTED',
      'PAID',
      'PARTIALLY_PAID',
    ]);
    expect(isBatchStatus('DRAFT')).toBe(true);
    expect(isBatchStatus('draft')).toBe(false);
    expect(isBatchStatus(null)).toBe(false);
  });
});

describe('four eyes', () => {
  const draft = { status: 'DRAFT' as const, createdBy: 'alice', generatedBy: null };

  it('refuses the officer who created the batch, or who generated it', () => {
    expect(mayApproveBatch(draft, 'alice')).toBe(false);
    expect(mayApproveBatch(draft, 'bob')).toBe(true);
    expect(mayApproveBatch({ createdBy: null, generatedBy: 'carol' }, 'carol')).toBe(false);
    expect(mayApproveBatch({ createdBy: 'alice', generatedBy: 'carol' }, 'carol')).toBe(false);
    // A batch the monthly job made and generated: any finance officer may approve it.
    expect(mayApproveBatch({ createdBy: null, generatedBy: null }, 'alice')).toBe(true);
  });

  it('says why a batch cannot be approved now, the status first', () => {
    expect(batchApprovalRefusal(draft, 'bob')).toBeNull();
    expect(batchApprovalRefusal(draft, 'alice')).toBe('FOUR_EYES_REQUIRED');
    expect(batchApprovalRefusal({ ...draft, status: 'GENERATING' }, 'bob')).toBe('NOT_DRAFT');
    expect(batchApprovalRefusal({ ...draft, status: 'APPROVED' }, 'alice')).toBe('NOT_DRAFT');
  });
});

describe('batch lines', () => {
  it('go from PAYABLE to PAID or REJECTED; ON_HOLD, PAID and REJECTED are final', () => {
    const moves = BATCH_LINE_STATUSES.flatMap((from) =>
      BATCH_LINE_STATUSES.filter((to) => canMoveBatchLine(from, to)).map((to) => `${from}→${to}`),
    );
    expect(moves).toEqual(['PAYABLE→PAID', 'PAYABLE→REJECTED']);
    expect(() => assertBatchLineMove('PAID', 'REJECTED')).toThrow(
      'A batch line cannot move from PAID to REJECTED (from PAID: none, it is final)',
    );
    expect(isBatchLineStatus('ON_HOLD')).toBe(true);
    expect(isBatchLineStatus('HELD')).toBe(false);
  });

  it("give their cheques a status the cheque state machine reaches along the line's life", () => {
    expect(BATCH_LINE_STATUSES.map((status) => chequeStatusOfLine(status))).toEqual([
      'IN_BATCH',
      'REDEEMED',
      'REIMBURSED',
      'REDEEMED',
    ]);
    // Generation takes a redeemed cheque into a payable line; each outcome is one move from there.
    expect(canMoveCheque('REDEEMED', chequeStatusOfLine('PAYABLE'))).toBe(true);
    for (const outcome of ['PAID', 'REJECTED'] as const) {
      expect(canMoveCheque(chequeStatusOfLine('PAYABLE'), chequeStatusOfLine(outcome))).toBe(true);
    }
  });

  it('are held for a suspended venue or one without a verified bank account, all reasons listed', () => {
    expect(
      lineHoldReasons({ qualificationStatus: 'QUALIFIED', bankAccountStatus: 'VERIFIED' }),
    ).toEqual([]);
    expect(
      lineHoldReasons({ qualificationStatus: 'WITHDRAWN', bankAccountStatus: 'VERIFIED' }),
    ).toEqual([]);
    expect(
      lineHoldReasons({ qualificationStatus: 'QUALIFIED', bankAccountStatus: 'PENDING' }),
    ).toEqual(['NO_VERIFIED_BANK_ACCOUNT']);
    expect(lineHoldReasons({ qualificationStatus: 'QUALIFIED', bankAccountStatus: null })).toEqual([
      'NO_VERIFIED_BANK_ACCOUNT',
    ]);
    expect(
      lineHoldReasons({ qualificationStatus: 'SUSPENDED', bankAccountStatus: 'REJECTED' }),
    ).toEqual(['VENUE_SUSPENDED', 'NO_VERIFIED_BANK_ACCOUNT']);
  });

  it('are held while the bank has rejected a transfer to the current account, until it is replaced', () => {
    const verified = { qualificationStatus: 'QUALIFIED', bankAccountStatus: 'VERIFIED' } as const;
    expect(lineHoldReasons({ ...verified, bankRejectedCurrentAccount: true })).toEqual([
      'BANK_REJECTED_TRANSFER',
    ]);
    expect(lineHoldReasons({ ...verified, bankRejectedCurrentAccount: false })).toEqual([]);
    expect(
      lineHoldReasons({
        qualificationStatus: 'SUSPENDED',
        bankAccountStatus: 'VERIFIED',
        bankRejectedCurrentAccount: true,
      }),
    ).toEqual(['VENUE_SUSPENDED', 'BANK_REJECTED_TRANSFER']);
  });

  it('decide the outcome of an exported batch once every sent line has one', () => {
    expect(batchOutcome(['PAID', 'PAYABLE'])).toBeNull();
    expect(batchOutcome(['PAID', 'PAID', 'ON_HOLD'])).toBe('PAID');
    expect(batchOutcome(['PAID', 'REJECTED'])).toBe('PARTIALLY_PAID');
    expect(batchOutcome(['REJECTED'])).toBe('PARTIALLY_PAID');
    expect(batchOutcome(new Set(['PAID'] as const))).toBe('PAID');
  });
});

describe('periods', () => {
  it('are months YYYY-MM within the calendar years', () => {
    for (const period of ['2026-01', '2026-12', '2000-01', '2199-12']) {
      expect([period, isPeriod(period)]).toEqual([period, true]);
    }
    for (const period of ['2026-00', '2026-13', '2026-1', '1999-12', '2200-01', '2026-11-01', '']) {
      expect([period, isPeriod(period)]).toEqual([period, false]);
    }
  });

  it('shift by months across years', () => {
    expect(shiftPeriod('2026-12', 1)).toBe('2027-01');
    expect(shiftPeriod('2026-01', -1)).toBe('2025-12');
    expect(shiftPeriod('2026-03', -15)).toBe('2024-12');
    expect(shiftPeriod('2026-03', 0)).toBe('2026-03');
    expect(() => shiftPeriod('2199-12', 1)).toThrow(/out of range/);
    expect(() => shiftPeriod('2026-13', 1)).toThrow(/Not a period/);
    expect(() => shiftPeriod('2026-01', 0.5)).toThrow(/Not a number of months/);
  });

  it('of an instant is its month in Paris; the previous one is what the 1st-of-month job settles', () => {
    // 1 December 2026, 06:00 in Paris: the job makes November's batch.
    expect(previousPeriod(new Date('2026-12-01T05:00:00Z'))).toBe('2026-11');
    // 31 December 23:30 UTC is already 1 January in Paris.
    expect(periodOf(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01');
    expect(previousPeriod(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12');
    expect(previousPeriod(new Date('2027-01-15T12:00:00Z'))).toBe('2026-12');
    // 30 April 22:30 UTC is 1 May in Paris (summer time).
    expect(periodOf(new Date('2026-04-30T22:30:00Z'))).toBe('2026-05');
  });

  it('end at midnight in Paris starting the next month, DST included', () => {
    const cases: [string, string, string][] = [
      // period, start, cutoff (first instant no longer in it)
      ['2026-01', '2025-12-31T23:00:00.000Z', '2026-01-31T23:00:00.000Z'],
      ['2026-03', '2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z'],
      ['2026-04', '2026-03-31T22:00:00.000Z', '2026-04-30T22:00:00.000Z'],
      ['2026-10', '2026-09-30T22:00:00.000Z', '2026-10-31T23:00:00.000Z'],
      ['2026-12', '2026-11-30T23:00:00.000Z', '2026-12-31T23:00:00.000Z'],
      ['2028-02', '2028-01-31T23:00:00.000Z', '2028-02-29T23:00:00.000Z'],
    ];
    for (const [period, start, cutoff] of cases) {
      expect([
        period,
        periodStart(period).toISOString(),
        periodCutoff(period).toISOString(),
      ]).toEqual([period, start, cutoff]);
    }
    expect(() => periodCutoff('2026-13')).toThrow(RangeError);
  });

  it('contain exactly the instants before their cutoff and from their start', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-02-01T00:00:00Z'),
          max: new Date('2199-11-30T00:00:00Z'),
          noInvalidDate: true,
        }),
        (instant) => {
          const period = periodOf(instant);
          expect(todayInParis(instant).startsWith(period)).toBe(true);
          expect(periodStart(period).getTime()).toBeLessThanOrEqual(instant.getTime());
          expect(periodCutoff(period).getTime()).toBeGreaterThan(instant.getTime());
          expect(periodOf(periodCutoff(period))).toBe(shiftPeriod(period, 1));
          expect(periodOf(new Date(periodCutoff(period).getTime() - 1))).toBe(period);
          expect(previousPeriod(periodCutoff(period))).toBe(period);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('splitBatchByFunders', () => {
  const shares = [
    { key: 'state', basisPoints: 6500 },
    { key: 'feder', basisPoints: 2100 },
    { key: 'agglo', basisPoints: 1400 },
  ];

  it('splits a batch of cheques exactly when the shares allow it', () => {
    const split = splitBatchByFunders(
      [
        { key: 'epn-lievin', cents: 12_000 },
        { key: 'mediatheque', cents: 3000 },
      ],
      shares,
    );
    expect(split.funders).toEqual([
      { key: 'state', cents: 9750 },
      { key: 'feder', cents: 3150 },
      { key: 'agglo', cents: 2100 },
    ]);
    expect(split.lines).toEqual([
      {
        key: 'epn-lievin',
        cents: 12_000,
        funders: [
          { key: 'state', cents: 7800 },
          { key: 'feder', cents: 2520 },
          { key: 'agglo', cents: 1680 },
        ],
      },
      {
        key: 'mediatheque',
        cents: 3000,
        funders: [
          { key: 'state', cents: 1950 },
          { key: 'feder', cents: 630 },
          { key: 'agglo', cents: 420 },
        ],
      },
    ]);
  });

  it('reconciles thirds: the funder totals are the batch split, each line adds up', () => {
    const thirds = [
      { key: 'a', basisPoints: 3333 },
      { key: 'b', basisPoints: 3333 },
      { key: 'c', basisPoints: 3334 },
    ];
    const lines = ['v1', 'v2', 'v3', 'v4'].map((key) => ({ key, cents: 1000 }));
    const split = splitBatchByFunders(lines, thirds);
    expect(split.funders.map((f) => f.cents)).toEqual([1333, 1333, 1334]);
    // Each line alone: 333.3, 333.3, 333.4 → 333, 333, 334; four of them would give 1332, 1332,
    // 1336. Two lines give their cent to a and b instead.
    expect(split.lines.map((line) => line.funders.map((f) => f.cents))).toEqual([
      [334, 333, 333],
      [333, 334, 333],
      [333, 333, 334],
      [333, 333, 334],
    ]);
  });

  it('always reconciles both ways, each part within a cent of its exact value', () => {
    const sharesArb = fc
      .array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 6 })
      .map((cuts) => {
        const bounds = [0, ...cuts.sort((a, b) => a - b), 10_000];
        return bounds
          .slice(1)
          .map((bound, i) => ({ key: `f${i}`, basisPoints: bound - bounds[i] }));
      });
    const linesArb = fc
      .array(
        fc.oneof(
          fc.integer({ min: 1, max: 200 }).map((n) => n * 1000),
          fc.integer({ min: 1, max: 2_000_000 }),
          fc.integer({ min: -30_000, max: -1 }),
        ),
        { maxLength: 60 },
      )
      .map((amounts) => amounts.map((cents, i) => ({ key: `v${i}`, cents })));
    fc.assert(
      fc.property(linesArb, sharesArb, (lines, funderShares) => {
        const split = splitBatchByFunders(lines, funderShares);
        const total = lines.reduce((acc, line) => acc + line.cents, 0);
        expect(split.funders).toEqual(splitByBasisPoints(total, funderShares));
        expect(split.lines.map((line) => [line.key, line.cents])).toEqual(
          lines.map((line) => [line.key, line.cents]),
        );
        for (const line of split.lines) {
          expect(line.funders.map((f) => f.key)).toEqual(funderShares.map((s) => s.key));
          expect(line.funders.reduce((acc, f) => acc + f.cents, 0)).toBe(line.cents);
          line.funders.forEach((part, j) => {
            const gap = part.cents * 10_000 - line.cents * funderShares[j].basisPoints;
            expect(Math.abs(gap)).toBeLessThan(10_000);
          });
        }
        split.funders.forEach((funder, j) => {
          const fromLines = split.lines.reduce((acc, line) => acc + line.funders[j].cents, 0);
          expect(fromLines).toBe(funder.cents);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses duplicate lines, amounts that are not cents and shares that are not 100 %', () => {
    expect(() =>
      splitBatchByFunders(
        [
          { key: 'v', cents: 1 },
          { key: 'v', cents: 2 },
        ],
        shares,
      ),
    ).toThrow(/"v" appears more than once/);
    expect(() => splitBatchByFunders([{ key: 'v', cents: 1.5 }], shares)).toThrow(/integer cents/);
    expect(() =>
      splitBatchByFunders([{ key: 'v', cents: 100 }], [{ key: 'a', basisPoints: 9000 }]),
    ).toThrow(/add up to 10000/);
    expect(splitBatchByFunders([], shares)).toEqual({
      funders: shares.map((s) => ({ key: s.key, cents: 0 })),
      lines: [],
    });
  });
});
