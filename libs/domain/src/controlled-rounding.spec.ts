import fc from 'fast-check';
import { controlledRounding } from './controlled-rounding.js';
import { largestRemainder } from './largest-remainder.js';

const sum = (values: readonly number[]) => values.reduce((acc, value) => acc + value, 0);
const columnSums = (x: readonly number[][], m: number) =>
  Array.from({ length: m }, (_, j) => sum(x.map((row) => row[j])));

/** Units outside [⌊q⌋, ⌈q⌉], then Σ (x·W − q·W)²: what controlledRounding minimises, in order. */
function cost(rows: readonly number[], weights: readonly number[], x: readonly number[][]) {
  const W = sum(weights);
  let outside = 0;
  let squares = 0;
  rows.forEach((total, i) =>
    weights.forEach((weight, j) => {
      const scaled = total * weight;
      const low = Math.floor(scaled / W);
      const high = Math.ceil(scaled / W);
      outside += Math.max(0, x[i][j] - high) + Math.max(0, low - x[i][j]);
      squares += (x[i][j] * W - scaled) ** 2;
    }),
  );
  return { outside, squares };
}

/** Every integer matrix with the given sums whose cells lie within `slack` of their band. */
function* matrices(
  rows: readonly number[],
  weights: readonly number[],
  columns: readonly number[],
  slack: number,
): Generator<number[][]> {
  const W = sum(weights);
  const ranges = rows.map((total) =>
    weights.map((weight) => [
      Math.floor((total * weight) / W) - slack,
      Math.ceil((total * weight) / W) + slack,
    ]),
  );
  const cells = rows.length * weights.length;
  const x = rows.map(() => weights.map(() => 0));
  function* fill(k: number): Generator<number[][]> {
    if (k === cells) {
      const ok =
        x.every((row, i) => sum(row) === rows[i]) &&
        columnSums(x, weights.length).every((value, j) => value === columns[j]);
      if (ok) yield x.map((row) => [...row]);
      return;
    }
    const i = Math.floor(k / weights.length);
    const j = k % weights.length;
    for (let v = ranges[i][j][0]; v <= ranges[i][j][1]; v++) {
      x[i][j] = v;
      yield* fill(k + 1);
    }
  }
  yield* fill(0);
}

/** Basis points summing to 10 000, zeros included, from random cut points. */
const basisPoints = fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 7 }).map((cuts) => {
  const bounds = [0, ...cuts.sort((a, b) => a - b), 10_000];
  return bounds.slice(1).map((bound, i) => bound - bounds[i]);
});

describe('controlledRounding', () => {
  it('spreads rounding cents over funders so that each funder gets its total', () => {
    // Alone, each 1-cent line would go to the largest share (the last): 0, 0, 3 in all. All
    // moves cost the same: ties go to the earlier line and the earlier funder.
    const x = controlledRounding([1, 1, 1], [3333, 3333, 3334], [1, 1, 1]);
    expect(x).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
  });

  it('keeps exact parts untouched, negative rows and zero weights included', () => {
    expect(controlledRounding([10_000, -20_000, 0], [6500, 0, 3500], [-6500, 0, -3500])).toEqual([
      [6500, 0, 3500],
      [-13_000, 0, -7000],
      [0, 0, 0],
    ]);
  });

  it('puts the cent a row must give up where its exact part was furthest from the next cent', () => {
    // Exact parts of 10 cents by 2/3 and 1/3: 6.67 and 3.33; of 5: 3.33 and 1.67. Column
    // targets 10 and 5: the first row gives 7 and 3, the second 3 and 2.
    expect(controlledRounding([10, 5], [2, 1], [10, 5])).toEqual([
      [7, 3],
      [3, 2],
    ]);
  });

  it('leaves the band only when no matrix inside it has the requested sums, then by one unit', () => {
    // Column 2 wants 5 = row 0's 1 cent + row 1's 4, but column 0 wants 3 and row 1 gives at
    // most 2 there: column 0 takes row 0's cent, so row 1 must give column 0 a third unit.
    const rows = [1, 10];
    const weights = [4, 1, 8, 5, 3];
    const columns = [3, 0, 5, 2, 1];
    expect([...matrices(rows, weights, columns, 0)]).toEqual([]);
    const x = controlledRounding(rows, weights, columns);
    x.forEach((row, i) => expect(sum(row)).toBe(rows[i]));
    expect(columnSums(x, weights.length)).toEqual(columns);
    expect(cost(rows, weights, x).outside).toBe(1);
  });

  it('with column totals by largest remainder: exact sums both ways, every cell within its band', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: -50, max: 50 }),
            fc.integer({ min: 0, max: 10_000_000 }),
            fc.integer({ min: 1, max: 500 }).map((n) => n * 1000),
          ),
          { maxLength: 40 },
        ),
        basisPoints,
        (rows, weights) => {
          const total = sum(rows);
          // As splitByBasisPoints does a negative total (0 - v: never -0).
          const columns = largestRemainder(Math.abs(total), weights).map((v) =>
            total < 0 ? 0 - v : v,
          );
          const x = controlledRounding(rows, weights, columns);
          expect(x).toHaveLength(rows.length);
          x.forEach((row, i) => {
            expect(sum(row)).toBe(rows[i]);
            row.forEach((value, j) => {
              expect(Number.isSafeInteger(value) && !Object.is(value, -0)).toBe(true);
              // ⌊q⌋ ≤ x ≤ ⌈q⌉ ⇔ |x·W − q·W| < W, in integers (W = 10 000).
              expect(Math.abs(value * 10_000 - rows[i] * weights[j])).toBeLessThan(10_000);
            });
          });
          expect(columnSums(x, weights.length)).toEqual(columns);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('finds the best matrix (fewest units out of band, then least squared error), as brute force does', () => {
    const small = fc
      .tuple(
        fc.array(fc.integer({ min: -6, max: 12 }), { minLength: 1, maxLength: 2 }),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 3 }),
      )
      .filter(([, weights]) => sum(weights) > 0)
      .chain(([rows, weights]) => {
        // Any column totals whose sum is right, each within a unit of its exact column sum.
        const total = sum(rows);
        const W = sum(weights);
        const lows = weights.map((w) => Math.floor((total * w) / W));
        return fc
          .shuffledSubarray(
            weights.map((_, j) => j),
            { minLength: 0, maxLength: weights.length },
          )
          .map((ups) => {
            const columns = [...lows];
            for (const j of ups) columns[j]++;
            return { rows, weights, columns };
          })
          .filter(({ columns }) => sum(columns) === total);
      });
    fc.assert(
      fc.property(small, ({ rows, weights, columns }) => {
        const x = controlledRounding(rows, weights, columns);
        const got = cost(rows, weights, x);
        let best: { outside: number; squares: number } | null = null;
        for (const candidate of matrices(rows, weights, columns, 2)) {
          const c = cost(rows, weights, candidate);
          if (
            !best ||
            c.outside < best.outside ||
            (c.outside === best.outside && c.squares < best.squares)
          ) {
            best = c;
          }
        }
        expect(best).not.toBeNull();
        expect(got).toEqual(best);
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same matrix for the same input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 20 }),
        basisPoints,
        (rows, weights) => {
          const columns = largestRemainder(sum(rows), weights);
          expect(controlledRounding(rows, weights, columns)).toEqual(
            controlledRounding([...rows], [...weights], [...columns]),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('balances thousands of one-cent lines, each alone rounded to the same funder', () => {
    const rows = new Array<number>(2000).fill(1);
    const weights = [3333, 3333, 3334];
    const x = controlledRounding(rows, weights, largestRemainder(2000, weights));
    expect(columnSums(x, 3)).toEqual([667, 666, 667]);
    expect(x.every((row) => sum(row) === 1 && row.every((v) => v === 0 || v === 1))).toBe(true);
  });

  it('refuses inputs that cannot be split', () => {
    expect(() => controlledRounding([1], [1, 1], [1])).toThrow(/2 weights but 1 column totals/);
    expect(() => controlledRounding([1], [0, 0], [1, 0])).toThrow(/positive safe integer/);
    expect(() => controlledRounding([1], [1, -1], [1, 0])).toThrow(/Weight #1/);
    expect(() => controlledRounding([1.5], [1], [1.5])).toThrow(/Row total #0/);
    expect(() => controlledRounding([2 ** 40], [10_000], [2 ** 40])).toThrow(/Row total #0/);
    expect(() => controlledRounding([1, 2], [1, 1], [1, 1])).toThrow(/add up to 2, rows to 3/);
    expect(() => controlledRounding([1], [1], [0.5])).toThrow(/Column total #0/);
    expect(controlledRounding([], [1, 1], [0, 0])).toEqual([]);
  });
});
