/**
 * Controlled rounding of a table of shares: row i (a venue's line of a batch) is split between
 * columns j (funders) in proportion to integer weights w_j (basis points), the exact part being
 * q_ij = rowTotal_i × w_j / W (W = Σ w). The result x is an integer matrix such that
 *
 * 1. each row adds up to its (integer) total exactly;
 * 2. each column adds up to the given column total exactly (the caller's rounding of the column's
 *    exact sum, e.g. the funder's share of the batch by largest remainder);
 * 3. every cell is its exact part rounded down or up (⌊q_ij⌋ ≤ x_ij ≤ ⌈q_ij⌉) whenever a matrix
 *    with 1 and 2 allows it, and otherwise as few units as possible lie outside that band;
 * 4. among those, Σ (x_ij − q_ij)² is the smallest: the cents rounding forces are spread where
 *    the exact parts were closest to the next cent.
 *
 * The algorithm is a min-cost flow with convex costs, solved by successive shortest paths:
 * - Start: each row on its own, by largest remainder (its exact parts rounded down, then the
 *   leftover units to the largest fractional parts; ties to the larger weight, then the earlier
 *   column). Every row is then optimal for the cost of 3–4, so the matrix is optimal for the
 *   column sums it happens to have; only those sums can be wrong.
 * - Repair: while a column has more than its total, move one unit from it to a column that lacks
 *   one, along the cheapest chain of moves. A move "row i gives a unit from column a to column b"
 *   keeps row i's sum and costs the change of cost of the two cells (marginal costs of the
 *   squared error, plus a penalty P per unit leaving the band, P larger than any in-band cost of
 *   the whole matrix, so that the band is left only when nothing else adds up). The chains are
 *   shortest paths in the small graph of columns (Bellman–Ford, edge a→b = the cheapest row for
 *   that move), from every column in surplus to the nearest column in deficit. Augmenting along a
 *   shortest path keeps the matrix optimal for its current column sums, so the end result is
 *   optimal for the requested ones (the classical argument for successive shortest paths).
 *
 * Every step is deterministic (ties go to the earlier row, then the earlier column), so the same
 * input gives the same matrix. All arithmetic is in integers: costs are scaled by W.
 *
 * Cost: each row's m² possible moves sit in one heap per move, so a unit moved costs O(m³) for the
 * paths plus O(m³ log) to re-file the rows it touched; units moved are at most those the rows'
 * own roundings put in the wrong columns (fewer than n·m).
 */
export function controlledRounding(
  rowTotals: readonly number[],
  weights: readonly number[],
  columnTotals: readonly number[],
): number[][] {
  const m = weights.length;
  if (columnTotals.length !== m) {
    throw new RangeError(`${m} weights but ${columnTotals.length} column totals`);
  }
  for (const [j, weight] of weights.entries()) {
    if (!Number.isSafeInteger(weight) || weight < 0) {
      throw new RangeError(`Weight #${j} must be a non-negative safe integer, got ${weight}`);
    }
  }
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  if (weightSum <= 0 || !Number.isSafeInteger(weightSum)) {
    throw new RangeError('The weights must add up to a positive safe integer');
  }
  let rowSum = 0;
  for (const [i, total] of rowTotals.entries()) {
    // x·W and q·W must stay exact integers (and their differences, doubled, too).
    if (!Number.isSafeInteger(total) || Math.abs(total) * weightSum > MAX_SCALED) {
      throw new RangeError(`Row total #${i} is not an integer small enough to split: ${total}`);
    }
    rowSum += total;
  }
  let columnSum = 0;
  for (const [j, total] of columnTotals.entries()) {
    if (!Number.isSafeInteger(total)) {
      throw new RangeError(`Column total #${j} must be a safe integer, got ${total}`);
    }
    columnSum += total;
  }
  if (columnSum !== rowSum) {
    throw new RangeError(`Column totals add up to ${columnSum}, rows to ${rowSum}`);
  }

  const n = rowTotals.length;
  const W = weightSum;
  // scaled[i][j] = q_ij × W; low[i][j] = ⌊q_ij⌋; fractional part of q_ij = (scaled − low·W) / W.
  const scaled = rowTotals.map((total) => weights.map((weight) => total * weight));
  const low = scaled.map((row) => row.map((value) => (value - positiveModulo(value, W)) / W));
  const high = scaled.map((row, i) =>
    row.map((value, j) => low[i][j] + (positiveModulo(value, W) === 0 ? 0 : 1)),
  );
  const penalty = (n * m + 1) * W;

  const x = scaled.map((row, i) => startRow(rowTotals[i], row, low[i], weights, W));

  const surplus = columnTotals.map((total) => -total);
  for (const row of x) row.forEach((value, j) => (surplus[j] += value));

  // Marginal costs, scaled by W, of one unit more (up) or less (down) in a cell.
  const up = (i: number, j: number) =>
    2 * (x[i][j] * W - scaled[i][j]) + W + (x[i][j] + 1 > high[i][j] ? penalty : 0);
  const down = (i: number, j: number) =>
    -2 * (x[i][j] * W - scaled[i][j]) + W + (x[i][j] - 1 < low[i][j] ? penalty : 0);

  // For each move a→b, the rows by cost of that move (ties to the earlier row). A row's entries
  // go stale when one of its cells changes: it is pushed again and the old entries skipped.
  const version = new Array<number>(n).fill(0);
  const moveHeaps = weights.map(() => weights.map(() => new MoveHeap()));
  const pushRow = (i: number) => {
    const downs = weights.map((_, j) => down(i, j));
    const ups = weights.map((_, j) => up(i, j));
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) {
        if (a !== b) moveHeaps[a][b].push({ cost: downs[a] + ups[b], row: i, version: version[i] });
      }
    }
  };
  for (let i = 0; i < n; i++) pushRow(i);

  while (surplus.some((value) => value > 0)) {
    // The cheapest row for each move a→b.
    const cost: number[][] = weights.map(() => weights.map(() => Infinity));
    const via: number[][] = weights.map(() => weights.map(() => -1));
    for (let a = 0; a < m; a++) {
      for (let b = 0; b < m; b++) {
        if (a === b) continue;
        const best = moveHeaps[a][b].peekValid(version);
        if (best) {
          cost[a][b] = best.cost;
          via[a][b] = best.row;
        }
      }
    }

    // Bellman–Ford from every column in surplus at once.
    const distance = surplus.map((value) => (value > 0 ? 0 : Infinity));
    const previous = weights.map(() => -1);
    for (let round = 0; round <= m; round++) {
      let changed = false;
      for (let a = 0; a < m; a++) {
        if (distance[a] === Infinity) continue;
        for (let b = 0; b < m; b++) {
          if (a !== b && via[a][b] >= 0 && distance[a] + cost[a][b] < distance[b]) {
            distance[b] = distance[a] + cost[a][b];
            previous[b] = a;
            changed = true;
          }
        }
      }
      if (!changed) break;
      if (round === m) throw new Error('controlledRounding: negative cycle (a bug)');
    }

    let target = -1;
    for (let j = 0; j < m; j++) {
      if (surplus[j] < 0 && (target < 0 || distance[j] < distance[target])) target = j;
    }
    if (target < 0 || distance[target] === Infinity) {
      // Every row may move a unit between any two columns (at a cost), so this cannot happen
      // while some row exists; with no row, column totals must all be zero, checked above.
      throw new Error('controlledRounding: no way to balance the columns (a bug)');
    }

    // Follow the chain back to a column in surplus, then apply its moves.
    const moves: [number, number, number][] = [];
    for (let b = target, steps = 0; previous[b] >= 0; b = previous[b], steps++) {
      if (steps > m) throw new Error('controlledRounding: cyclic path (a bug)');
      const a = previous[b];
      moves.push([via[a][b], a, b]);
    }
    const touched = new Set<number>();
    for (const [i, a, b] of moves) {
      x[i][a]--;
      x[i][b]++;
      touched.add(i);
    }
    for (const i of touched) {
      version[i]++;
      pushRow(i);
    }
    const source = moves.length > 0 ? moves[moves.length - 1][1] : target;
    surplus[source]--;
    surplus[target]++;
  }
  // `0 * -1` style negative zeros cannot arise from the integer steps above; normalise anyway.
  return x.map((row) => row.map((value) => value + 0));
}

/** Scaled values (total × W) stay below this, so that every cost computed from them is exact. */
const MAX_SCALED = 2 ** 50;

function positiveModulo(value: number, modulus: number): number {
  return ((value % modulus) + modulus) % modulus;
}

/** One row on its own: its exact parts rounded down, then the leftover units by largest remainder. */
function startRow(
  total: number,
  scaledRow: readonly number[],
  lowRow: readonly number[],
  weights: readonly number[],
  W: number,
): number[] {
  const row = [...lowRow];
  let leftover = total - row.reduce((sum, value) => sum + value, 0);
  const ranking = scaledRow
    .map((value, j) => ({ j, remainder: positiveModulo(value, W), weight: weights[j] }))
    .filter((entry) => entry.remainder > 0)
    .sort((a, b) => b.remainder - a.remainder || b.weight - a.weight || a.j - b.j);
  // Σ remainders = leftover × W with each remainder < W: there are at least `leftover` of them.
  for (let k = 0; leftover > 0; k++, leftover--) row[ranking[k].j]++;
  return row;
}

interface MoveEntry {
  cost: number;
  row: number;
  version: number;
}

/** A binary min-heap of moves by cost, then row: the cheapest row for one move a→b. */
class MoveHeap {
  private readonly entries: MoveEntry[] = [];

  push(entry: MoveEntry): void {
    const entries = this.entries;
    entries.push(entry);
    let k = entries.length - 1;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (!before(entries[k], entries[parent])) break;
      [entries[k], entries[parent]] = [entries[parent], entries[k]];
      k = parent;
    }
  }

  /** The cheapest entry still current for its row, dropping stale ones on the way. */
  peekValid(version: readonly number[]): MoveEntry | undefined {
    const entries = this.entries;
    while (entries.length > 0 && entries[0].version !== version[entries[0].row]) {
      const last = entries.pop()!;
      if (entries.length === 0) break;
      entries[0] = last;
      let k = 0;
      for (;;) {
        const left = 2 * k + 1;
        const right = left + 1;
        let smallest = k;
        if (left < entries.length && before(entries[left], entries[smallest])) smallest = left;
        if (right < entries.length && before(entries[right], entries[smallest])) smallest = right;
        if (smallest === k) break;
        [entries[k], entries[smallest]] = [entries[smallest], entries[k]];
        k = smallest;
      }
    }
    return entries[0];
  }
}

function before(a: MoveEntry, b: MoveEntry): boolean {
  return a.cost < b.cost || (a.cost === b.cost && a.row < b.row);
}
