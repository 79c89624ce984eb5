/** Counts under this are withheld from published figures (statistical secrecy of small cells). */
export const SMALL_CELL_THRESHOLD = 5;

/** Why a cell is withheld: its own count is small, or it hides another one's. */
export type SuppressionReason = 'PRIMARY' | 'SECONDARY';

export interface CellSuppression<C> {
  cell: C;
  /** Why it is withheld, null when it is published. */
  suppressed: SuppressionReason | null;
}

export interface RowSuppression<C> {
  /** The row's cells, in the order given. */
  cells: CellSuppression<C>[];
  /** The sum of every cell's count, withheld ones included. */
  total: number;
  /** The total is withheld: it is itself a small count. */
  totalSuppressed: boolean;
}

/**
 * Small-cell suppression of a table published with row totals (a row: a commune and a month; its
 * cells: services; each cell has a count, here of sessions paid, and other measures that are
 * published or withheld with it).
 *
 * 1. Primary: a cell whose count is not zero and under the threshold is withheld.
 * 2. The total: when the row's total is not zero and under the threshold, it is withheld too
 *    (then every non-zero cell of the row is under the threshold, hence already withheld).
 * 3. Secondary: when the total is published and exactly one non-zero cell of the row is withheld,
 *    the total minus the published cells would give that cell back; so the smallest other
 *    non-zero cell is withheld as well (ties: the earlier cell in the row's order, so the caller
 *    sorts its cells by a stable key and the same table always gives the same answer).
 *
 * After this, in each row whose total is published, either no cell is withheld or at least two
 * are: the total minus the published cells only gives the sum of two or more withheld counts,
 * never one of them. A count of zero is never withheld (it tells nothing about anyone) and never
 * picked to hide another (withholding a zero hides nothing: the difference stays the same).
 *
 * What it does not protect against: reasoning on bounds as well as sums. A withheld cell is known
 * not to be zero, a primary one to be under the threshold, a secondary one to be the smallest of
 * its row: in a row of 1, 1 and 10 sessions the two withheld cells add up to 2, so each is 1. And
 * rows are protected one at a time: a table that also published column totals would need the
 * same rule along its columns.
 */
export function suppressSmallCells<C>(
  rows: readonly (readonly C[])[],
  count: (cell: C) => number,
  threshold: number = SMALL_CELL_THRESHOLD,
): RowSuppression<C>[] {
  if (!Number.isSafeInteger(threshold) || threshold < 1) {
    throw new RangeError(`The threshold must be a positive integer, got ${threshold}`);
  }
  return rows.map((cells, row) => {
    const counts = cells.map((cell, index) => {
      const n = count(cell);
      if (!Number.isSafeInteger(n) || n < 0) {
        throw new RangeError(
          `Row ${row}, cell ${index}: a count is a non-negative integer, got ${n}`,
        );
      }
      return n;
    });
    const small = (n: number) => n > 0 && n < threshold;
    const suppressed: (SuppressionReason | null)[] = counts.map((n) =>
      small(n) ? 'PRIMARY' : null,
    );
    const total = counts.reduce((sum, n) => sum + n, 0);
    const totalSuppressed = small(total);
    if (!totalSuppressed && suppressed.filter(Boolean).length === 1) {
      let pick = -1;
      counts.forEach((n, index) => {
        if (n > 0 && suppressed[index] === null && (pick < 0 || n < counts[pick])) pick = index;
      });
      // A published total of at least the threshold with one small cell has other non-zero cells.
      suppressed[pick] = 'SECONDARY';
    }
    return {
      cells: cells.map((cell, index) => ({ cell, suppressed: suppressed[index] })),
      total,
      totalSuppressed,
    };
  });
}
