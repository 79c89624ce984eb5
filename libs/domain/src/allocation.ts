import { largestRemainder } from './largest-remainder.js';

export interface AllocationInput {
  totalCarnets: number;
  /** Carnets every commune receives whatever its criteria (e.g. 10). */
  fixedPerCommune: number;
  /** Criterion name → relative importance (≥ 0). Criteria absent here are ignored. */
  weights: Readonly<Record<string, number>>;
  /** Criterion values (≥ 0, any unit); a missing criterion counts as 0. */
  communes: readonly { id: string; criteria: Readonly<Record<string, number>> }[];
}

export interface CriterionContribution {
  criterion: string;
  value: number;
  /** The commune's fraction of the criterion's total over all communes (0 when that total is 0). */
  share: number;
  weight: number;
  /** weight × share: this criterion's part of the score. */
  contribution: number;
}

export interface CommuneAllocation {
  id: string;
  fixed: number;
  variable: number;
  total: number;
  score: number;
  /** The variable part before rounding, so that a preview can show what rounding moved. */
  exactVariable: number;
  explanation: CriterionContribution[];
}

export interface AllocationResult {
  communes: CommuneAllocation[];
  totals: { fixed: number; variable: number; total: number };
}

export type AllocationErrorCode =
  | 'NO_COMMUNES'
  | 'TOTAL_BELOW_FIXED_PARTS'
  | 'INVALID_WEIGHT'
  | 'INVALID_CRITERION_VALUE'
  | 'INVALID_TOTAL'
  | 'DUPLICATE_COMMUNE';

export class AllocationError extends Error {
  constructor(
    readonly code: AllocationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AllocationError';
  }
}

/**
 * The allocation key: each commune gets the fixed part, and the rest of the carnets is shared by
 * largest remainder in proportion to a score Σ weight × (value / criterion total). Dividing by the
 * criterion total makes weights mean relative importance whatever the criteria's units.
 *
 * The result (returned in input order) does not depend on the order of communes or criteria:
 * both are processed sorted, so the same data always gives the same carnets even if it was
 * loaded in another order, and ties go to the smaller commune id.
 */
export function allocateCarnets(input: AllocationInput): AllocationResult {
  const { totalCarnets, fixedPerCommune, weights, communes } = input;
  assertCount(totalCarnets, 'totalCarnets');
  assertCount(fixedPerCommune, 'fixedPerCommune');
  if (communes.length === 0) throw new AllocationError('NO_COMMUNES', 'No commune to allocate to');
  const needed = fixedPerCommune * communes.length;
  if (totalCarnets < needed) {
    throw new AllocationError(
      'TOTAL_BELOW_FIXED_PARTS',
      `The fixed parts alone need ${needed} carnets (${communes.length} communes × ` +
        `${fixedPerCommune}), but only ${totalCarnets} are available`,
    );
  }
  const criteria = Object.keys(weights).sort(compareCodeUnits);
  for (const criterion of criteria) {
    const weight = weights[criterion];
    if (!Number.isFinite(weight) || weight < 0) {
      throw new AllocationError(
        'INVALID_WEIGHT',
        `The weight of "${criterion}" must be a non-negative number, got ${weight}`,
      );
    }
  }
  const sorted = [...communes].sort((a, b) => compareCodeUnits(a.id, b.id));
  for (const [index, commune] of sorted.entries()) {
    if (index > 0 && sorted[index - 1].id === commune.id) {
      throw new AllocationError('DUPLICATE_COMMUNE', `Commune "${commune.id}" appears twice`);
    }
    for (const criterion of criteria) {
      const value = valueOf(commune.criteria, criterion);
      if (!Number.isFinite(value) || value < 0) {
        throw new AllocationError(
          'INVALID_CRITERION_VALUE',
          `"${criterion}" of commune "${commune.id}" must be a non-negative number, got ${value}`,
        );
      }
    }
  }

  const criterionTotals = criteria.map((criterion) =>
    sorted.reduce((sum, commune) => sum + valueOf(commune.criteria, criterion), 0),
  );
  const explanations = sorted.map((commune) =>
    criteria.map((criterion, c): CriterionContribution => {
      const value = valueOf(commune.criteria, criterion);
      const share = criterionTotals[c] > 0 ? value / criterionTotals[c] : 0;
      const weight = weights[criterion];
      return { criterion, value, share, weight, contribution: weight * share };
    }),
  );
  const scores = explanations.map((lines) => lines.reduce((sum, l) => sum + l.contribution, 0));
  const scoreSum = scores.reduce((sum, score) => sum + score, 0);
  if (!Number.isFinite(scoreSum)) {
    throw new AllocationError('INVALID_WEIGHT', 'The weights are too large to compute scores');
  }

  // With no usable criterion (no weights, or all values 0) the pool is shared evenly rather than
  // refused: the fixed parts are then simply raised for everyone.
  const pool = totalCarnets - needed;
  const even = scoreSum === 0;
  const variables = largestRemainder(pool, even ? scores.map(() => 1) : scores);

  const byId = new Map(
    sorted.map((commune, index): [string, CommuneAllocation] => [
      commune.id,
      {
        id: commune.id,
        fixed: fixedPerCommune,
        variable: variables[index],
        total: fixedPerCommune + variables[index],
        score: scores[index],
        exactVariable: even ? pool / sorted.length : (pool * scores[index]) / scoreSum,
        explanation: explanations[index],
      },
    ]),
  );
  return {
    communes: communes.map((commune) => byId.get(commune.id)!),
    totals: { fixed: needed, variable: pool, total: totalCarnets },
  };
}

function assertCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new AllocationError(
      'INVALID_TOTAL',
      `${name} must be a non-negative integer, got ${value}`,
    );
  }
}

/** Own properties only: a criterion named like an Object method ("constructor") reads as 0. */
function valueOf(criteria: Readonly<Record<string, number>>, criterion: string): number {
  return Object.hasOwn(criteria, criterion) ? criteria[criterion] : 0;
}

/** Locale-independent, so that the order (and hence tie-breaks) is the same on every server. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
