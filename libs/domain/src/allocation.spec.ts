import fc from 'fast-check';
import { type AllocationInput, AllocationError, allocateCarnets } from './allocation.js';

const CRITERIA = ['population', 'qpv', 'rsa'] as const;

/** Random but valid inputs: unique ids, values possibly missing, enough carnets for fixed parts. */
const inputArb: fc.Arbitrary<AllocationInput> = fc
  .record({
    fixedPerCommune: fc.integer({ min: 0, max: 20 }),
    extra: fc.integer({ min: 0, max: 5000 }),
    weights: fc.record({
      population: fc.integer({ min: 0, max: 10 }),
      qpv: fc.double({ min: 0, max: 10, noNaN: true }),
      rsa: fc.integer({ min: 0, max: 5 }),
    }),
    criteria: fc.array(
      fc.record(
        {
          population: fc.integer({ min: 0, max: 500_000 }),
          qpv: fc.integer({ min: 0, max: 20_000 }),
          rsa: fc.integer({ min: 0, max: 5000 }),
        },
        { requiredKeys: [] },
      ),
      { minLength: 1, maxLength: 25 },
    ),
  })
  .map(({ fixedPerCommune, extra, weights, criteria }) => ({
    totalCarnets: fixedPerCommune * criteria.length + extra,
    fixedPerCommune,
    weights,
    communes: criteria.map((values, i) => ({ id: `c${i}`, criteria: values })),
  }));

const totalsById = (input: AllocationInput) =>
  new Map(allocateCarnets(input).communes.map((c) => [c.id, c]));

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof AllocationError) return error.code;
    throw error;
  }
  return undefined;
}

describe('allocateCarnets', () => {
  it('gives 36 communes at least their 10 fixed carnets and hands out all 4000', () => {
    const communes = Array.from({ length: 36 }, (_, i) => ({
      id: String(13001 + i),
      criteria: { population: 800 + ((i * 7919) % 60_000), qpv: i % 5 === 0 ? 1200 + i * 40 : 0 },
    }));
    const result = allocateCarnets({
      totalCarnets: 4000,
      fixedPerCommune: 10,
      weights: { population: 1, qpv: 2 },
      communes,
    });
    expect(result.communes.map((c) => c.id)).toEqual(communes.map((c) => c.id));
    expect(result.communes.every((c) => c.total >= 10 && c.fixed === 10)).toBe(true);
    expect(result.communes.reduce((sum, c) => sum + c.total, 0)).toBe(4000);
    expect(result.totals).toEqual({ fixed: 360, variable: 3640, total: 4000 });
  });

  it('explains each score, criterion by criterion', () => {
    const result = allocateCarnets({
      totalCarnets: 30,
      fixedPerCommune: 10,
      weights: { population: 1 },
      communes: [
        { id: 'A', criteria: { population: 300 } },
        { id: 'B', criteria: { population: 100 } },
      ],
    });
    // Variable quotas 7.5 and 2.5: equal remainders, the larger score wins the tie.
    expect(result.communes).toEqual([
      {
        id: 'A',
        fixed: 10,
        variable: 8,
        total: 18,
        score: 0.75,
        exactVariable: 7.5,
        explanation: [
          { criterion: 'population', value: 300, share: 0.75, weight: 1, contribution: 0.75 },
        ],
      },
      expect.objectContaining({ id: 'B', variable: 2, total: 12, exactVariable: 2.5 }),
    ]);
  });

  it('weighs criteria by relative importance, whatever their units', () => {
    const input = (populationScale: number): AllocationInput => ({
      totalCarnets: 40,
      fixedPerCommune: 0,
      weights: { population: 1, qpv: 3 },
      communes: [
        { id: 'A', criteria: { population: 100 * populationScale, qpv: 0 } },
        { id: 'B', criteria: { population: 100 * populationScale, qpv: 50 } },
      ],
    });
    // Scores 0.5 and 0.5 + 3 × 1 out of 4.
    expect(allocateCarnets(input(1)).communes.map((c) => c.total)).toEqual([5, 35]);
    expect(allocateCarnets(input(1000)).communes.map((c) => c.total)).toEqual([5, 35]);
  });

  it('reads a missing criterion as 0 and ignores a criterion nobody has', () => {
    const result = allocateCarnets({
      totalCarnets: 10,
      fixedPerCommune: 0,
      weights: { population: 1, qpv: 5 },
      communes: [
        { id: 'A', criteria: { population: 3 } },
        { id: 'B', criteria: { population: 7, qpv: 0 } },
      ],
    });
    expect(result.communes.map((c) => c.total)).toEqual([3, 7]);
    expect(result.communes[0].explanation[1]).toEqual({
      criterion: 'qpv',
      value: 0,
      share: 0,
      weight: 5,
      contribution: 0,
    });
  });

  it('reads only own criterion values, even for names like "constructor"', () => {
    const result = allocateCarnets({
      totalCarnets: 4,
      fixedPerCommune: 0,
      weights: { constructor: 1 },
      communes: [
        { id: 'A', criteria: { constructor: 1 } },
        { id: 'B', criteria: {} },
      ],
    });
    expect(result.communes.map((c) => c.total)).toEqual([4, 0]);
  });

  it('spreads the pool evenly when no score is positive, ties to the smaller id', () => {
    const result = allocateCarnets({
      totalCarnets: 13,
      fixedPerCommune: 1,
      weights: {},
      communes: [
        { id: 'b', criteria: {} },
        { id: 'a', criteria: {} },
        { id: 'c', criteria: {} },
      ],
    });
    expect(result.communes.map((c) => [c.id, c.total])).toEqual([
      ['b', 4],
      ['a', 5],
      ['c', 4],
    ]);
    expect(result.communes[0].exactVariable).toBeCloseTo(10 / 3);
  });

  it('refuses invalid input with a code', () => {
    const base: AllocationInput = {
      totalCarnets: 100,
      fixedPerCommune: 10,
      weights: { population: 1 },
      communes: [{ id: 'A', criteria: { population: 1 } }],
    };
    expect(codeOf(() => allocateCarnets({ ...base, communes: [] }))).toBe('NO_COMMUNES');
    expect(codeOf(() => allocateCarnets({ ...base, totalCarnets: -1 }))).toBe('INVALID_TOTAL');
    expect(codeOf(() => allocateCarnets({ ...base, totalCarnets: 1.5 }))).toBe('INVALID_TOTAL');
    expect(codeOf(() => allocateCarnets({ ...base, fixedPerCommune: -2 }))).toBe('INVALID_TOTAL');
    const weights = { population: -1 };
    expect(codeOf(() => allocateCarnets({ ...base, weights }))).toBe('INVALID_WEIGHT');
    const bad = [{ id: 'A', criteria: { population: Number.NaN } }];
    expect(codeOf(() => allocateCarnets({ ...base, communes: bad }))).toBe(
      'INVALID_CRITERION_VALUE',
    );
    const twice = [base.communes[0], base.communes[0]];
    expect(codeOf(() => allocateCarnets({ ...base, communes: twice }))).toBe('DUPLICATE_COMMUNE');
  });

  it('says how many carnets the fixed parts need', () => {
    const communes = Array.from({ length: 36 }, (_, i) => ({ id: `c${i}`, criteria: {} }));
    const run = () =>
      allocateCarnets({ totalCarnets: 300, fixedPerCommune: 10, weights: {}, communes });
    expect(codeOf(run)).toBe('TOTAL_BELOW_FIXED_PARTS');
    expect(run).toThrow(/need 360 carnets \(36 communes × 10\), but only 300/);
  });

  it('hands out exactly the total, at least the fixed part each, close to the exact share', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { communes, totals } = allocateCarnets(input);
        expect(communes.reduce((sum, c) => sum + c.total, 0)).toBe(input.totalCarnets);
        expect(totals.total).toBe(input.totalCarnets);
        for (const commune of communes) {
          expect(commune.total).toBe(commune.fixed + commune.variable);
          expect(commune.variable).toBeGreaterThanOrEqual(0);
          expect(Math.abs(commune.variable - commune.exactVariable)).toBeLessThan(1 + 1e-9);
        }
      }),
    );
  });

  it('never lowers a commune whose criterion value rises', () => {
    const changeArb = inputArb.chain((input) =>
      fc.record({
        input: fc.constant(input),
        index: fc.nat({ max: input.communes.length - 1 }),
        criterion: fc.constantFrom(...CRITERIA),
        increase: fc.integer({ min: 1, max: 100_000 }),
      }),
    );
    fc.assert(
      fc.property(changeArb, ({ input, index, criterion, increase }) => {
        const { id, criteria } = input.communes[index];
        const raised = {
          id,
          criteria: { ...criteria, [criterion]: (criteria[criterion] ?? 0) + increase },
        };
        const communes = input.communes.map((c, i) => (i === index ? raised : c));
        const before = totalsById(input).get(id)!;
        const after = totalsById({ ...input, communes }).get(id)!;
        // Its share of that criterion rises while the others' fall, and the shares still sum to
        // 1; largest remainder cannot then take a unit from it (it can only be overtaken by a
        // commune whose floor dropped, which frees a unit too).
        expect(after.exactVariable).toBeGreaterThanOrEqual(before.exactVariable * (1 - 1e-12));
        expect(after.total).toBeGreaterThanOrEqual(before.total);
      }),
      { numRuns: 500 },
    );
  });

  it('treats communes with equal criteria equally, up to one carnet', () => {
    fc.assert(
      fc.property(
        inputArb.filter((input) => input.communes.length >= 2),
        (input) => {
          const [first, second, ...rest] = input.communes;
          const twin = { id: second.id, criteria: { ...first.criteria } };
          const result = totalsById({ ...input, communes: [first, twin, ...rest] });
          const gap = result.get(first.id)!.total - result.get(twin.id)!.total;
          expect(Math.abs(gap)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('does not depend on the order of communes at all', () => {
    const shuffledArb = inputArb.chain((input) =>
      fc.tuple(
        fc.constant(input),
        fc.shuffledSubarray([...input.communes], {
          minLength: input.communes.length,
          maxLength: input.communes.length,
        }),
      ),
    );
    fc.assert(
      fc.property(shuffledArb, ([input, shuffled]) => {
        const original = totalsById(input);
        const reordered = totalsById({ ...input, communes: shuffled });
        for (const [id, commune] of original) expect(reordered.get(id)).toEqual(commune);
      }),
    );
  });
});
