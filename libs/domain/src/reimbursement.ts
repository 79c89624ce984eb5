import { CALENDAR_YEARS, parisMidnight, todayInParis } from './calendar.js';
import { type ChequeStatus } from './cheque.js';
import { controlledRounding } from './controlled-rounding.js';
import { type BasisPointShare, type CentsPart, SplitError, splitByBasisPoints } from './split.js';
import { type BankAccountStatus, type QualificationStatus } from './venue.js';

/**
 * Monthly reimbursement batches: every month each venue is paid for the cheques it redeemed the
 * month before. The rules the batches module and the admin share: the states of a batch and of
 * its lines, who may approve, which month a batch covers and where it stops, and how the money
 * is split between the programme's funders, to the cent, batch and lines alike.
 */

export const BATCH_STATUSES = [
  'GENERATING',
  'DRAFT',
  'APPROVED',
  'EXPORTED',
  'PAID',
  'PARTIALLY_PAID',
] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

const NEXT_BATCH: Readonly<Record<BatchStatus, readonly BatchStatus[]>> = {
  GENERATING: ['DRAFT'],
  DRAFT: ['APPROVED'],
  APPROVED: ['EXPORTED'],
  EXPORTED: ['PAID', 'PARTIALLY_PAID'],
  PAID: [],
  PARTIALLY_PAID: [],
};

/**
 * Life of a batch: GENERATING (the job gathers the redemptions; a retried job finishes it) →
 * DRAFT (sealed totals, waiting for a second finance officer) → APPROVED (frozen: a correction is
 * a compensating line in a later batch) → EXPORTED (files produced once, sent to the bank) → PAID,
 * or PARTIALLY_PAID when the bank rejected some lines. No way back: nothing approved is undone.
 */
export function canMoveBatch(from: BatchStatus, to: BatchStatus): boolean {
  return NEXT_BATCH[from].includes(to);
}

/** Throws when a batch has no such move, so that a bug fails loudly (as assertChequeMove). */
export function assertBatchMove(from: BatchStatus, to: BatchStatus): void {
  if (canMoveBatch(from, to)) return;
  const allowed = NEXT_BATCH[from].length > 0 ? NEXT_BATCH[from].join(', ') : 'none, it is final';
  throw new Error(`A batch cannot move from ${from} to ${to} (from ${from}: ${allowed})`);
}

/** Every status from which a batch may move to `to`: the WHERE of a conditional UPDATE. */
export function batchStatusesMovableTo(to: BatchStatus): BatchStatus[] {
  return BATCH_STATUSES.filter((from) => canMoveBatch(from, to));
}

export function isBatchStatus(value: unknown): value is BatchStatus {
  return (BATCH_STATUSES as readonly unknown[]).includes(value);
}

/** Approved or later: its lines, amounts and files never change again. */
export function isBatchFrozen(status: BatchStatus): boolean {
  return status !== 'GENERATING' && status !== 'DRAFT';
}

export type BatchApprovalRefusal = 'NOT_DRAFT' | 'FOUR_EYES_REQUIRED';

/**
 * Four eyes: whoever created a batch (a finance officer's request) or generated it (a person
 * who ran the generation; null when the monthly job did) may not approve it.
 */
export function mayApproveBatch(
  batch: { createdBy: string | null; generatedBy: string | null },
  approverId: string,
): boolean {
  return batch.createdBy !== approverId && batch.generatedBy !== approverId;
}

/**
 * Why `approverId` may not approve the batch now, or null when they may: only a DRAFT is
 * approved, and never by the person who created or generated it. The admin shows the reason on
 * the disabled button; the API answers it as a problem code.
 */
export function batchApprovalRefusal(
  batch: { status: BatchStatus; createdBy: string | null; generatedBy: string | null },
  approverId: string,
): BatchApprovalRefusal | null {
  if (batch.status !== 'DRAFT') return 'NOT_DRAFT';
  if (!mayApproveBatch(batch, approverId)) return 'FOUR_EYES_REQUIRED';
  return null;
}

/**
 * One line per venue in a batch. PAYABLE lines are in the transfer file; ON_HOLD lines are not
 * (the venue cannot be paid yet) and their redemptions wait for a later batch; the bank's outcome
 * turns a PAYABLE line PAID or REJECTED (a rejected line's redemptions wait too).
 */
export const BATCH_LINE_STATUSES = ['PAYABLE', 'ON_HOLD', 'PAID', 'REJECTED'] as const;
export type BatchLineStatus = (typeof BATCH_LINE_STATUSES)[number];

const NEXT_LINE: Readonly<Record<BatchLineStatus, readonly BatchLineStatus[]>> = {
  PAYABLE: ['PAID', 'REJECTED'],
  ON_HOLD: [],
  PAID: [],
  REJECTED: [],
};

export function canMoveBatchLine(from: BatchLineStatus, to: BatchLineStatus): boolean {
  return NEXT_LINE[from].includes(to);
}

export function assertBatchLineMove(from: BatchLineStatus, to: BatchLineStatus): void {
  if (canMoveBatchLine(from, to)) return;
  const allowed = NEXT_LINE[from].length > 0 ? NEXT_LINE[from].join(', ') : 'none, it is final';
  throw new Error(`A batch line cannot move from ${from} to ${to} (from ${from}: ${allowed})`);
}

export function isBatchLineStatus(value: unknown): value is BatchLineStatus {
  return (BATCH_LINE_STATUSES as readonly unknown[]).includes(value);
}

/**
 * The status of the cheques a line pays, as the cheque state machine has them: in a payable line
 * they are IN_BATCH, paid they are REIMBURSED; on hold (never taken) or rejected (IN_BATCH →
 * REDEEMED) they are REDEEMED again, waiting for the batch that will pay them.
 */
export function chequeStatusOfLine(status: BatchLineStatus): ChequeStatus {
  switch (status) {
    case 'PAYABLE':
      return 'IN_BATCH';
    case 'PAID':
      return 'REIMBURSED';
    case 'ON_HOLD':
    case 'REJECTED':
      return 'REDEEMED';
  }
}

export const LINE_HOLD_REASONS = [
  'VENUE_SUSPENDED',
  'NO_VERIFIED_BANK_ACCOUNT',
  'BANK_REJECTED_TRANSFER',
] as const;
export type LineHoldReason = (typeof LINE_HOLD_REASONS)[number];

/**
 * Why a venue's line cannot be paid now (empty when it can): a suspended venue is not paid until
 * reinstated, and money only goes to a bank account a second person verified. A venue whose
 * qualification was withdrawn is still paid for what it redeemed while qualified. When the bank
 * rejected a transfer to the venue's current account (`bankRejectedCurrentAccount`), nothing
 * more is sent there: the venue's next lines wait until new bank details are entered and
 * verified.
 */
export function lineHoldReasons(venue: {
  qualificationStatus: QualificationStatus;
  bankAccountStatus: BankAccountStatus | null;
  bankRejectedCurrentAccount?: boolean;
}): LineHoldReason[] {
  const reasons: LineHoldReason[] = [];
  if (venue.qualificationStatus === 'SUSPENDED') reasons.push('VENUE_SUSPENDED');
  if (venue.bankAccountStatus !== 'VERIFIED') reasons.push('NO_VERIFIED_BANK_ACCOUNT');
  else if (venue.bankRejectedCurrentAccount === true) reasons.push('BANK_REJECTED_TRANSFER');
  return reasons;
}

/**
 * What an EXPORTED batch becomes once the bank answered for its lines: null while a PAYABLE line
 * waits for its outcome; PAID when every line sent was paid; PARTIALLY_PAID when the bank
 * rejected any (even all: the batch is closed, its rejected lines carried into a later one).
 * ON_HOLD lines were never sent and do not count.
 */
export function batchOutcome(
  lineStatuses: Iterable<BatchLineStatus>,
): 'PAID' | 'PARTIALLY_PAID' | null {
  let rejected = false;
  for (const status of lineStatuses) {
    if (status === 'PAYABLE') return null;
    if (status === 'REJECTED') rejected = true;
  }
  return rejected ? 'PARTIALLY_PAID' : 'PAID';
}

/** A batch's period: a month, YYYY-MM (DESIGN.md: periods are `YYYY-MM`). */
export function isPeriod(value: string): boolean {
  const match = /^(\d{4})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month] = [Number(match[1]), Number(match[2])];
  return year >= CALENDAR_YEARS.min && year <= CALENDAR_YEARS.max && month >= 1 && month <= 12;
}

function assertPeriod(period: string): [number, number] {
  if (!isPeriod(period)) throw new RangeError(`Not a period (YYYY-MM): ${period}`);
  return [Number(period.slice(0, 4)), Number(period.slice(5, 7))];
}

/** The period `months` later (or earlier when negative): shiftPeriod('2026-12', 1) = '2027-01'. */
export function shiftPeriod(period: string, months: number): string {
  const [year, month] = assertPeriod(period);
  if (!Number.isSafeInteger(months)) throw new RangeError(`Not a number of months: ${months}`);
  const index = year * 12 + (month - 1) + months;
  const shifted = `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
  if (!isPeriod(shifted)) throw new RangeError(`Period out of range: ${shifted}`);
  return shifted;
}

/**
 * The month `instant` falls in, in France: a redemption made then is paid for that month (the
 * same as redemptionPeriod).
 */
export function periodOf(instant: Date): string {
  return todayInParis(instant).slice(0, 7);
}

/**
 * The period the monthly job settles when it runs at `instant`: the month before the one it is in
 * Paris (run on 1 December 06:00, it makes November's batch).
 */
export function previousPeriod(instant: Date): string {
  return shiftPeriod(periodOf(instant), -1);
}

/** The first instant of a period: midnight on its first day in Paris. */
export function periodStart(period: string): Date {
  assertPeriod(period);
  return parisMidnight(`${period}-01`);
}

/**
 * The cutoff of a period's batch: midnight in Paris starting the next month, the first instant
 * that is no longer in the period. A batch takes the redemptions made strictly before it
 * (`created_at < cutoff`); a later one waits for the next batch. Correct across DST: 31 March
 * 22:00 UTC (summer time) and 31 October 23:00 UTC (winter time).
 */
export function periodCutoff(period: string): Date {
  return periodStart(shiftPeriod(period, 1));
}

export interface BatchLineAmount<L extends string> {
  key: L;
  cents: number;
}

export interface FunderSplitOfLine<L extends string, F extends string> {
  key: L;
  cents: number;
  funders: CentsPart<F>[];
}

export interface BatchFunderSplit<L extends string, F extends string> {
  /** Each funder's part of the batch total: splitByBasisPoints(total, shares). */
  funders: CentsPart<F>[];
  /** Each line split between funders, in the order of `lines`, funders in the order of `shares`. */
  lines: FunderSplitOfLine<L, F>[];
}

/**
 * Splits a batch between its programme's funders, so that a funder sees what it paid each venue
 * and every figure reconciles to the cent both ways:
 * - each funder's part of the batch is its share of the batch total by largest remainder, as
 *   splitByBasisPoints gives it (the figure the batch summary shows);
 * - each line's funder parts add up to the line;
 * - each funder's parts of the lines add up to its part of the batch.
 *
 * Rounding each line on its own would break the third rule by a few cents; rounding the total on
 * its own says nothing about the lines. The matrix is a controlled rounding (see
 * controlledRounding): every part is its exact value rounded down or up whenever such a matrix
 * exists, and among those the closest to the exact values. The result depends only on the input,
 * in its order: give lines in a stable order (e.g. by venue id) to get the same split again.
 * Lines are what the batch pays (negative ones, compensations, allowed), each up to about
 * 1 billion euros (controlledRounding keeps its arithmetic exact below that).
 */
export function splitBatchByFunders<L extends string, F extends string>(
  lines: readonly BatchLineAmount<L>[],
  shares: readonly BasisPointShare<F>[],
): BatchFunderSplit<L, F> {
  const seen = new Set<string>();
  let total = 0;
  for (const line of lines) {
    if (seen.has(line.key)) throw new SplitError(`Line "${line.key}" appears more than once`);
    seen.add(line.key);
    if (!Number.isSafeInteger(line.cents)) {
      throw new SplitError(
        `The amount of line "${line.key}" must be integer cents, got ${line.cents}`,
      );
    }
    total += line.cents;
  }
  if (!Number.isSafeInteger(total)) throw new SplitError('The batch total is out of range');
  // Validates the shares (100 %, no duplicate) before anything else uses them.
  const funders = splitByBasisPoints(total, shares);
  const matrix = controlledRounding(
    lines.map((line) => line.cents),
    shares.map((share) => share.basisPoints),
    funders.map((funder) => funder.cents),
  );
  return {
    funders,
    lines: lines.map((line, i) => ({
      key: line.key,
      cents: line.cents,
      funders: shares.map((share, j) => ({ key: share.key, cents: matrix[i][j] })),
    })),
  };
}
