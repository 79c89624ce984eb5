import { largestRemainder } from './largest-remainder.js';

/** 100 % in basis points: funders' shares of a programme are stored this way, never as floats. */
export const FULL_SHARE_BASIS_POINTS = 10_000;

export interface BasisPointShare<K extends string> {
  key: K;
  basisPoints: number;
}

export interface CentsPart<K extends string> {
  key: K;
  cents: number;
}

export class SplitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SplitError';
  }
}

/**
 * Splits an amount of cents between parties by their shares in basis points, so that the parts
 * add up to the amount to the cent (e.g. what each funder owes for a reimbursement batch).
 *
 * Cents left over after rounding down go to the largest remainders, then to the larger share,
 * then to the earlier party in `shares`; the result keeps the order of `shares`.
 *
 * A negative total (a correction, a refund) is split as its absolute value and then negated, so
 * that a correction takes back from each party exactly what the same positive amount gave it.
 */
export function splitByBasisPoints<K extends string>(
  totalCents: number,
  shares: readonly BasisPointShare<K>[],
): CentsPart<K>[] {
  if (!Number.isSafeInteger(totalCents)) {
    throw new SplitError(`The amount to split must be a safe integer of cents, got ${totalCents}`);
  }
  const seen = new Set<string>();
  for (const { key, basisPoints } of shares) {
    if (seen.has(key)) throw new SplitError(`Party "${key}" appears more than once`);
    seen.add(key);
    if (!Number.isSafeInteger(basisPoints) || basisPoints < 0) {
      throw new SplitError(
        `The share of "${key}" must be a non-negative integer of basis points, got ${basisPoints}`,
      );
    }
  }
  const sum = shares.reduce((acc, share) => acc + share.basisPoints, 0);
  if (sum !== FULL_SHARE_BASIS_POINTS) {
    throw new SplitError(
      `Shares must add up to ${FULL_SHARE_BASIS_POINTS} basis points (100 %), got ${sum}`,
    );
  }

  const parts = largestRemainder(
    Math.abs(totalCents),
    shares.map((share) => share.basisPoints),
  );
  // `0 - 0` would be -0, which serialises as 0 but fails strict equality checks in tests.
  const sign = totalCents < 0 ? -1 : 1;
  return shares.map((share, index) => ({
    key: share.key,
    cents: parts[index] === 0 ? 0 : sign * parts[index],
  }));
}
