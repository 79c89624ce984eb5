import { shiftPeriod } from '@carnet/domain';

/**
 * The arithmetic of the reports, pure: ratios, rates per inhabitant, percentiles of a histogram,
 * the months of a time series. The SQL sums; these turn sums into what a reader compares.
 */

/** A part of a whole as a ratio 0..1, to four decimals; null when there is no whole. */
export function ratio(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 10_000) / 10_000;
}

/** So many per 1,000 inhabitants, to two decimals; null without a population. */
export function per1000(count: number, population: number | null): number | null {
  if (!population || population <= 0) return null;
  return Math.round((count * 1000 * 100) / population) / 100;
}

/** One bar of a histogram: `count` observations of `value`. */
export interface Bar {
  value: number;
  count: number;
}

/**
 * The nearest-rank percentile of a histogram: the smallest value whose cumulative count reaches
 * ⌈p × N⌉ (p in ]0, 1]); null for an empty histogram. The median is p = 0.5, so with an even
 * count it is the lower of the two middle values, always one that was observed.
 */
export function nearestRank(bars: readonly Bar[], p: number): number | null {
  const sorted = bars.filter((b) => b.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, b) => sum + b.count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const bar of sorted) {
    seen += bar.count;
    if (seen >= rank) return bar.value;
  }
  return sorted[sorted.length - 1].value;
}

/** Every month from `from` to `to` ('YYYY-MM'), both included; empty when `to` is before. */
export function periodsBetween(from: string, to: string): string[] {
  const periods: string[] = [];
  for (let period = from; period <= to; period = shiftPeriod(period, 1)) periods.push(period);
  return periods;
}
