import { FULL_SHARE_BASIS_POINTS, splitByBasisPoints } from '@carnet/domain';
import type { FundingShare } from './funding-share.entity.js';

/**
 * Each funder's part of an amount, split to the cent by its share (largest remainder). While the
 * shares do not make 100 % there is no split: every part is 0.
 */
export function funderParts(cents: number, shares: readonly FundingShare[]): Map<string, number> {
  const total = shares.reduce((sum, share) => sum + share.basisPoints, 0);
  if (total !== FULL_SHARE_BASIS_POINTS) return new Map(shares.map((s) => [s.funderId, 0]));
  const parts = splitByBasisPoints(
    cents,
    shares.map((s) => ({ key: s.funderId, basisPoints: s.basisPoints })),
  );
  return new Map(parts.map((p) => [p.key, p.cents]));
}
