/**
 * Largest-remainder (Hamilton) apportionment: shares an integer total between parties in
 * proportion to weights, so that the parts are integers, add up to the total exactly and each
 * part is its exact quota rounded down or up.
 *
 * Ties between equal remainders go to the larger weight, then to the earlier party, so the result
 * is reproducible from the same input.
 */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) {
    throw new RangeError(`The total to share must be a non-negative safe integer, got ${total}`);
  }
  for (const [index, weight] of weights.entries()) {
    if (!Number.isFinite(weight) || weight < 0) {
      throw new RangeError(`Weight #${index} must be a non-negative finite number, got ${weight}`);
    }
  }
  if (total === 0) return weights.map(() => 0);
  if (!weights.some((weight) => weight > 0)) {
    throw new RangeError(`Cannot share ${total} when no weight is positive`);
  }
  // Integer weights (basis points, counts) take an exact path so that a tie is a true tie; the
  // float path serves computed scores, whose exact ties are rare anyway.
  const quotas = weights.every(Number.isSafeInteger)
    ? exactQuotas(total, weights)
    : floatQuotas(total, weights);
  const parts = quotas.map((quota) => quota.floor);

  // Zero weights stay out of the ranking: a party with no share must never receive a unit.
  const ranking = weights
    .map((weight, index) => ({ weight, index, remainder: quotas[index].remainder }))
    .filter((entry) => entry.weight > 0)
    .sort(
      (a, b) =>
        compareDescending(a.remainder, b.remainder) ||
        compareDescending(a.weight, b.weight) ||
        a.index - b.index,
    );

  // Exactly: 0 ≤ leftover < number of positive weights. Float rounding can push it outside by
  // a unit in contrived cases, so the loops below correct either way instead of assuming.
  let leftover = total - parts.reduce((sum, part) => sum + part, 0);
  for (let i = 0; leftover > 0; i = (i + 1) % ranking.length, leftover--) {
    parts[ranking[i].index]++;
  }
  for (let i = ranking.length - 1; leftover < 0; i = (i - 1 + ranking.length) % ranking.length) {
    if (parts[ranking[i].index] > 0) {
      parts[ranking[i].index]--;
      leftover++;
    }
  }
  return parts;
}

interface Quota {
  floor: number;
  /** Only compared between parties of the same call, so its scale does not matter. */
  remainder: number | bigint;
}

/** total × w / W in integers: the remainder's numerator over the common denominator W. */
function exactQuotas(total: number, weights: readonly number[]): Quota[] {
  const sum = weights.reduce((acc, weight) => acc + BigInt(weight), 0n);
  return weights.map((weight) => {
    const product = BigInt(total) * BigInt(weight);
    return { floor: Number(product / sum), remainder: product % sum };
  });
}

function floatQuotas(total: number, weights: readonly number[]): Quota[] {
  const sum = weights.reduce((acc, weight) => acc + weight, 0);
  return weights.map((weight) => {
    // Clamped: rounding must not give a zero weight a quota, nor anyone more than the total.
    const quota = Math.min(total, (total * weight) / sum);
    const floor = Math.floor(quota);
    return { floor, remainder: quota - floor };
  });
}

function compareDescending(a: number | bigint, b: number | bigint): number {
  return a > b ? -1 : a < b ? 1 : 0;
}
