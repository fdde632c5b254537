/**
 * Percentiles and summaries. Percentiles interpolate linearly between closest ranks
 * (Hyndman–Fan type 7: the default of NumPy, R and Excel's PERCENTILE.INC): for sorted
 * x[0..n-1], position h = (n − 1) · p / 100, result x[⌊h⌋] + (h − ⌊h⌋) · (x[⌊h⌋+1] − x[⌊h⌋]).
 * So the median of [1, 2, 3, 4] is 2.5 and p90 of 1..10 is 9.1.
 */

function assertFinite(values: readonly number[]): void {
  for (const value of values) {
    if (!Number.isFinite(value)) throw new RangeError(`Cannot summarize a non-finite value (${value})`);
  }
}

/** The p-th percentile (0–100) of already sorted values, linear interpolation; null when empty. */
export function percentileOfSorted(sorted: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`Percentile must be between 0 and 100, got ${p}`);
  if (sorted.length === 0) return null;
  const h = ((sorted.length - 1) * p) / 100;
  const lower = Math.floor(h);
  const below = sorted[lower] as number;
  const above = sorted[Math.min(lower + 1, sorted.length - 1)] as number;
  return below + (h - lower) * (above - below);
}

/** The p-th percentile (0–100) of values, linear interpolation between closest ranks; null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  assertFinite(values);
  return percentileOfSorted(
    [...values].sort((a, b) => a - b),
    p,
  );
}

/** Count, median, 90th percentile and mean; the statistics are null when there are no values. */
export interface Summary {
  readonly count: number;
  readonly median: number | null;
  readonly p90: number | null;
  readonly mean: number | null;
}

/** Median and tail (p90) with the mean, since averages alone hide the slowest orders. */
export function summarize(values: readonly number[]): Summary {
  assertFinite(values);
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    median: percentileOfSorted(sorted, 50),
    p90: percentileOfSorted(sorted, 90),
    mean: sorted.length === 0 ? null : sum / sorted.length,
  };
}
