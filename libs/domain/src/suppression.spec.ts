import fc from 'fast-check';
import { type RowSuppression, SMALL_CELL_THRESHOLD, suppressSmallCells } from './suppression.js';

const counts = (rows: number[][], threshold?: number) =>
  suppressSmallCells(rows, (n) => n, threshold);

/** The reasons of one row's cells, in order ('-' for a published cell). */
const reasons = (row: RowSuppression<number>) => row.cells.map((c) => c.suppressed ?? '-');

/** What a reader of the published table sees of a row: withheld values are null. */
function published(row: RowSuppression<number>): {
  cells: (number | null)[];
  total: number | null;
} {
  return {
    cells: row.cells.map((c) => (c.suppressed ? null : c.cell)),
    total: row.totalSuppressed ? null : row.total,
  };
}

/**
 * Everything a reader can work out by differences in one row (the table publishes nothing but its
 * cells and its rows' totals): with the total and all cells but one, that one; with every cell,
 * the total. Answers the values recovered, by cell index ('total' for the total).
 */
function recoverable(row: { cells: (number | null)[]; total: number | null }) {
  const recovered = new Map<number | 'total', number>();
  const unknown = row.cells.flatMap((value, index) => (value === null ? [index] : []));
  const known = row.cells.reduce<number>((sum, value) => sum + (value ?? 0), 0);
  if (row.total !== null && unknown.length === 1) recovered.set(unknown[0], row.total - known);
  if (row.total === null && unknown.length === 0) recovered.set('total', known);
  return recovered;
}

describe('suppressSmallCells', () => {
  it('withholds small cells, and the smallest other cell when one alone would be recomputed', () => {
    const [row] = counts([[3, 10, 7]]);
    expect(reasons(row)).toEqual(['PRIMARY', '-', 'SECONDARY']);
    expect(row).toMatchObject({ total: 20, totalSuppressed: false });
    // 20 − 10 = 10 is the sum of the two withheld cells, neither of them.
    expect(published(row)).toEqual({ cells: [null, 10, null], total: 20 });
    expect(recoverable(published(row))).toEqual(new Map());
  });

  it('needs no secondary cell when two or more are small', () => {
    const [row] = counts([[2, 3, 10]]);
    expect(reasons(row)).toEqual(['PRIMARY', 'PRIMARY', '-']);
    expect(recoverable(published(row))).toEqual(new Map());
  });

  it('breaks a tie for the secondary cell by the earlier cell', () => {
    expect(reasons(counts([[2, 6, 6]])[0])).toEqual(['PRIMARY', 'SECONDARY', '-']);
    expect(reasons(counts([[6, 6, 2]])[0])).toEqual(['SECONDARY', '-', 'PRIMARY']);
    expect(reasons(counts([[9, 4, 5, 5]])[0])).toEqual(['-', 'PRIMARY', 'SECONDARY', '-']);
  });

  it('withholds a total under the threshold (every cell of the row is then small too)', () => {
    const [single, pair] = counts([[4], [1, 2]]);
    expect(reasons(single)).toEqual(['PRIMARY']);
    expect(single).toMatchObject({ total: 4, totalSuppressed: true });
    expect(reasons(pair)).toEqual(['PRIMARY', 'PRIMARY']);
    expect(pair).toMatchObject({ total: 3, totalSuppressed: true });
    expect(published(pair)).toEqual({ cells: [null, null], total: null });
  });

  it('withholds the only other cell of a row with one small cell', () => {
    // A small cell next to a large one: the large one goes too (else 12 − 8 = 4).
    expect(published(counts([[4, 8]])[0])).toEqual({ cells: [null, null], total: 12 });
  });

  it('never withholds a zero, nor picks one to hide another', () => {
    const [row] = counts([[0, 3, 0, 8, 12]]);
    expect(reasons(row)).toEqual(['-', 'PRIMARY', '-', 'SECONDARY', '-']);
    const [zeros] = counts([[0, 0]]);
    expect(reasons(zeros)).toEqual(['-', '-']);
    expect(zeros).toMatchObject({ total: 0, totalSuppressed: false });
  });

  it('publishes cells and totals at or over the threshold as they are', () => {
    const [row, empty] = counts([[5, 5, 120], []]);
    expect(reasons(row)).toEqual(['-', '-', '-']);
    expect(published(row)).toEqual({ cells: [5, 5, 120], total: 130 });
    expect(empty).toEqual({ cells: [], total: 0, totalSuppressed: false });
  });

  it('takes another threshold', () => {
    expect(SMALL_CELL_THRESHOLD).toBe(5);
    expect(reasons(counts([[3, 10, 7]], 3)[0])).toEqual(['-', '-', '-']);
    expect(reasons(counts([[2, 10, 7]], 3)[0])).toEqual(['PRIMARY', '-', 'SECONDARY']);
    expect(reasons(counts([[9, 10, 11]], 11)[0])).toEqual(['PRIMARY', 'PRIMARY', '-']);
  });

  it('keeps each cell with its other measures, in the order given', () => {
    const cells = [
      { service: 'Ateliers', sessions: 12, cheques: 15, amountCents: 15_000 },
      { service: 'Démarches', sessions: 2, cheques: 2, amountCents: 2_000 },
      { service: 'Prise en main', sessions: 6, cheques: 9, amountCents: 9_000 },
    ];
    const [row] = suppressSmallCells([cells], (c) => c.sessions);
    expect(row.cells).toEqual([
      { cell: cells[0], suppressed: null },
      { cell: cells[1], suppressed: 'PRIMARY' },
      { cell: cells[2], suppressed: 'SECONDARY' },
    ]);
    expect(row.total).toBe(20);
  });

  it('refuses counts and thresholds that are not counts', () => {
    expect(() => counts([[1, -1]])).toThrow(/Row 0, cell 1/);
    expect(() => counts([[2.5]])).toThrow(RangeError);
    expect(() => counts([[Number.NaN]])).toThrow(RangeError);
    expect(() => counts([[1]], 0)).toThrow(/threshold/);
    expect(() => counts([[1]], 2.5)).toThrow(/threshold/);
  });

  // Small values most of the time, so that small cells, small totals and ties are common.
  const cell = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 }));
  const table = fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 12 });

  it('on generated tables: no withheld value can be recomputed from its row', () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 1, max: 10 }), (rows, threshold) => {
        for (const row of counts(rows, threshold)) {
          expect(recoverable(published(row))).toEqual(new Map());
          // Whenever the total is published, the withheld cells add up to what it leaves, and
          // there are two of them at least (or none), so that sum names none of them.
          const withheld = row.cells.filter((c) => c.suppressed !== null).map((c) => c.cell);
          if (!row.totalSuppressed) {
            const shown = published(row).cells.reduce<number>((s, v) => s + (v ?? 0), 0);
            expect(row.total - shown).toBe(withheld.reduce((s, v) => s + v, 0));
            expect(withheld.length === 0 || withheld.length >= 2).toBe(true);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('on generated tables: small cells withheld, large ones only as the one secondary cell', () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 1, max: 10 }), (rows, threshold) => {
        const result = counts(rows, threshold);
        result.forEach((row, r) => {
          expect(row.cells.map((c) => c.cell)).toEqual(rows[r]);
          expect(row.total).toBe(rows[r].reduce((s, v) => s + v, 0));
          expect(row.totalSuppressed).toBe(row.total > 0 && row.total < threshold);
          const primary = row.cells.filter((c) => c.suppressed === 'PRIMARY');
          const secondary = row.cells.filter((c) => c.suppressed === 'SECONDARY');
          for (const c of row.cells) {
            expect(c.suppressed === 'PRIMARY').toBe(c.cell > 0 && c.cell < threshold);
          }
          expect(secondary.length).toBe(primary.length === 1 && !row.totalSuppressed ? 1 : 0);
          for (const s of secondary) {
            // The smallest non-zero cell not already withheld, the earliest among equals.
            const others = row.cells.filter((c) => c.cell > 0 && c.suppressed !== 'PRIMARY');
            expect(s.cell).toBe(Math.min(...others.map((c) => c.cell)));
            expect(others.find((c) => c.cell === s.cell)).toBe(s);
          }
          // The same table gives the same answer.
          expect(counts([rows[r]], threshold)[0]).toEqual(row);
        });
      }),
      { numRuns: 2000 },
    );
  });
});
