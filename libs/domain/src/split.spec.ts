import fc from 'fast-check';
import { type BasisPointShare, SplitError, splitByBasisPoints } from './split.js';

/** Shares summing to 10 000 bp, zeros included, from random cut points of [0, 10 000]. */
const sharesArb = fc
  .array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 7 })
  .map((cuts): BasisPointShare<string>[] => {
    const bounds = [0, ...cuts.sort((a, b) => a - b), 10_000];
    return bounds.slice(1).map((bound, i) => ({ key: `p${i}`, basisPoints: bound - bounds[i] }));
  });
const totalArb = fc.oneof(fc.integer({ min: -100_000, max: 100_000 }), fc.maxSafeInteger());

const centsByKey = (parts: readonly { key: string; cents: number }[]) =>
  new Map(parts.map((part) => [part.key, part.cents]));

describe('splitByBasisPoints', () => {
  it('splits €480,000 between 65 %, 21 % and 14 % exactly', () => {
    const shares = [
      { key: 'state', basisPoints: 6500 },
      { key: 'feder', basisPoints: 2100 },
      { key: 'agglo', basisPoints: 1400 },
    ] as const;
    expect(splitByBasisPoints(48_000_000, shares)).toEqual([
      { key: 'state', cents: 31_200_000 },
      { key: 'feder', cents: 10_080_000 },
      { key: 'agglo', cents: 6_720_000 },
    ]);
  });

  it('gives the leftover cent to the largest remainder, keeping the input order', () => {
    const shares = [
      { key: 'b', basisPoints: 3333 },
      { key: 'a', basisPoints: 3334 },
      { key: 'c', basisPoints: 3333 },
    ];
    expect(splitByBasisPoints(100, shares).map((p) => p.cents)).toEqual([33, 34, 33]);
  });

  it('breaks ties by the larger share, then by the earlier party', () => {
    const twoToOne = [
      { key: 'small', basisPoints: 2500 },
      { key: 'large', basisPoints: 7500 },
    ];
    // Quotas 0.5 and 1.5 cents: equal remainders.
    expect(splitByBasisPoints(2, twoToOne).map((p) => p.cents)).toEqual([0, 2]);
    const halves = [
      { key: 'x', basisPoints: 5000 },
      { key: 'y', basisPoints: 5000 },
    ];
    expect(splitByBasisPoints(1, halves).map((p) => p.cents)).toEqual([1, 0]);
  });

  it('splits a negative amount as the negation of the positive one, without -0', () => {
    const shares = [
      { key: 'a', basisPoints: 3334 },
      { key: 'b', basisPoints: 6666 },
      { key: 'z', basisPoints: 0 },
    ];
    expect(splitByBasisPoints(-100, shares).map((p) => p.cents)).toEqual([-33, -67, 0]);
    expect(splitByBasisPoints(-100, shares)[2].cents).toBe(0);
    expect(splitByBasisPoints(0, shares).every((p) => Object.is(p.cents, 0))).toBe(true);
  });

  it('refuses shares that are not a full, well-formed 100 %', () => {
    const one = (basisPoints: number) => [{ key: 'a', basisPoints }];
    expect(() => splitByBasisPoints(100, [])).toThrow(/add up to 10000 basis points/);
    expect(() => splitByBasisPoints(100, one(9999))).toThrow(/got 9999/);
    expect(() => splitByBasisPoints(100, one(10_000.5))).toThrow(/non-negative integer/);
    expect(() =>
      splitByBasisPoints(100, [
        { key: 'a', basisPoints: 10_001 },
        { key: 'b', basisPoints: -1 },
      ]),
    ).toThrow(/"b" must be a non-negative integer/);
    expect(() =>
      splitByBasisPoints(100, [
        { key: 'a', basisPoints: 5000 },
        { key: 'a', basisPoints: 5000 },
      ]),
    ).toThrow(/"a" appears more than once/);
  });

  it('refuses an amount that is not a safe integer of cents', () => {
    const shares = [{ key: 'a', basisPoints: 10_000 }];
    expect(() => splitByBasisPoints(10.5, shares)).toThrow(SplitError);
    expect(() => splitByBasisPoints(2 ** 53, shares)).toThrow(SplitError);
    expect(() => splitByBasisPoints(Number.NaN, shares)).toThrow(SplitError);
  });

  it('always adds up to the amount, each part within a cent of its exact value', () => {
    fc.assert(
      fc.property(totalArb, sharesArb, (total, shares) => {
        const parts = splitByBasisPoints(total, shares);
        expect(parts.map((p) => p.key)).toEqual(shares.map((s) => s.key));
        expect(parts.reduce((acc, p) => acc + BigInt(p.cents), 0n)).toBe(BigInt(total));
        parts.forEach((part, i) => {
          // |cents − total × bp / 10 000| < 1, compared in integers.
          const gap = BigInt(part.cents) * 10_000n - BigInt(total) * BigInt(shares[i].basisPoints);
          expect(gap < 10_000n && -gap < 10_000n).toBe(true);
          if (shares[i].basisPoints === 0) expect(part.cents).toBe(0);
        });
      }),
    );
  });

  it('gives the same amounts whatever the order, up to a cent between equal shares', () => {
    const sharesAndPermutation = sharesArb.chain((shares) =>
      fc.tuple(
        fc.constant(shares),
        fc.shuffledSubarray(shares, { minLength: shares.length, maxLength: shares.length }),
      ),
    );
    fc.assert(
      fc.property(totalArb, sharesAndPermutation, (total, [shares, permuted]) => {
        const original = centsByKey(splitByBasisPoints(total, shares));
        const reordered = centsByKey(splitByBasisPoints(total, permuted));
        for (const { key, basisPoints } of shares) {
          const a = original.get(key)!;
          const b = reordered.get(key)!;
          // Only parties with the very same share can swap the leftover cent (order tie-break).
          const shared = shares.filter((s) => s.basisPoints === basisPoints).length > 1;
          if (shared) expect(Math.abs(a - b)).toBeLessThanOrEqual(1);
          else expect(a).toBe(b);
        }
      }),
    );
  });
});
