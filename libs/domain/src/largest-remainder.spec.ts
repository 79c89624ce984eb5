import fc from 'fast-check';
import { largestRemainder } from './largest-remainder.js';

const sum = (parts: readonly number[]) => parts.reduce((acc, part) => acc + part, 0);

describe('largestRemainder', () => {
  it('gives the leftover units to the largest remainders', () => {
    expect(largestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(largestRemainder(7, [5, 3, 2])).toEqual([4, 2, 1]);
  });

  it('breaks a tie on the remainder by the larger weight, then by the earlier party', () => {
    // Quotas 0.5 and 1.5: equal remainders, the larger weight wins.
    expect(largestRemainder(2, [1, 3])).toEqual([0, 2]);
    expect(largestRemainder(1, [2, 2, 2])).toEqual([1, 0, 0]);
  });

  it('never gives anything to a zero weight', () => {
    expect(largestRemainder(5, [0, 1, 0])).toEqual([0, 5, 0]);
    expect(largestRemainder(0, [0, 0])).toEqual([0, 0]);
  });

  it('accepts non-integer weights', () => {
    expect(largestRemainder(10, [0.2, 0.8])).toEqual([2, 8]);
    // Quotas 2.5 and 7.5: the tie goes to the larger weight.
    expect(largestRemainder(10, [0.25, 0.75])).toEqual([2, 8]);
    expect(sum(largestRemainder(1000, [Math.PI, Math.E, Math.SQRT2]))).toBe(1000);
  });

  it('refuses invalid totals and weights', () => {
    expect(() => largestRemainder(-1, [1])).toThrow(RangeError);
    expect(() => largestRemainder(1.5, [1])).toThrow(/non-negative safe integer/);
    expect(() => largestRemainder(2 ** 60, [1])).toThrow(RangeError);
    expect(() => largestRemainder(1, [1, -1])).toThrow(/Weight #1/);
    expect(() => largestRemainder(1, [Number.NaN])).toThrow(RangeError);
    expect(() => largestRemainder(1, [Number.POSITIVE_INFINITY])).toThrow(RangeError);
    expect(() => largestRemainder(3, [0, 0])).toThrow(/no weight is positive/);
    expect(() => largestRemainder(3, [])).toThrow(/no weight is positive/);
  });

  it('with integer weights: exact sum, each part its quota rounded down or up', () => {
    fc.assert(
      fc.property(
        fc.maxSafeInteger().map(Math.abs),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 12 }),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const parts = largestRemainder(total, weights);
          expect(parts.reduce((acc, part) => acc + BigInt(part), 0n)).toBe(BigInt(total));
          const weightSum = BigInt(sum(weights));
          parts.forEach((part, i) => {
            // |part − total × w / W| < 1, compared in integers.
            const gap = BigInt(part) * weightSum - BigInt(total) * BigInt(weights[i]);
            expect(gap < weightSum && -gap < weightSum).toBe(true);
            if (weights[i] === 0) expect(part).toBe(0);
          });
        },
      ),
    );
  });

  it('with float weights: exact sum, each part within a unit of its quota', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 12 }),
        (total, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const parts = largestRemainder(total, weights);
          expect(sum(parts)).toBe(total);
          const weightSum = sum(weights);
          parts.forEach((part, i) => {
            expect(Number.isInteger(part) && part >= 0).toBe(true);
            expect(Math.abs(part - (total * weights[i]) / weightSum)).toBeLessThan(1 + 1e-9);
            if (weights[i] === 0) expect(part).toBe(0);
          });
        },
      ),
    );
  });
});
