/**
 * A mergeable log-bucket histogram of durations (ms), so a period's median and p90 come from its
 * days' rows alone. Bucket i ≥ 0 holds values in [γ^i, γ^(i+1)); bucket -1 holds values below 1 ms.
 * Each value is read back as its bucket's representative 2γ^(i+1)/(1+γ), which is within
 * RELATIVE_ERROR = (γ−1)/(γ+1) ≈ 0.99 % of every value in the bucket. Quantiles interpolate between
 * closest ranks like `percentile` (type 7) and, being a convex combination of two order statistics
 * each read within that relative error, are within RELATIVE_ERROR of the exact percentile.
 * Merging is adding counts, so merge(days) = histogram(all values), exactly.
 */

const GAMMA = 1.02;
const LOG_GAMMA = Math.log(GAMMA);
const ZERO_BUCKET = -1;

/** The largest relative error of a quantile read from a histogram, against the exact percentile. */
export const RELATIVE_ERROR = (GAMMA - 1) / (GAMMA + 1);

/** Sparse bucket counts as [bucket, count] pairs, buckets ascending. Stored as JSON on MetricDay. */
export type Histogram = readonly (readonly [number, number])[];

/** The bucket of a non-negative duration. */
export function bucketOf(ms: number): number {
  if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`A duration must be a finite non-negative number, got ${ms}`);
  if (ms < 1) return ZERO_BUCKET;
  // The epsilon keeps exact powers of γ from landing one bucket low through rounding.
  return Math.floor(Math.log(ms) / LOG_GAMMA + 1e-9);
}

/** The value a bucket stands for. */
export function bucketValue(bucket: number): number {
  if (bucket === ZERO_BUCKET) return 0;
  return (2 * GAMMA ** (bucket + 1)) / (1 + GAMMA);
}

function fromCounts(counts: Map<number, number>): Histogram {
  return [...counts.entries()].filter(([, c]) => c > 0).sort((a, b) => a[0] - b[0]);
}

/** The histogram of some durations. */
export function histogramOf(values: readonly number[]): Histogram {
  const counts = new Map<number, number>();
  for (const value of values) {
    const bucket = bucketOf(value);
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  }
  return fromCounts(counts);
}

/** The histogram of the union of the histograms' values. */
export function mergeHistograms(histograms: Iterable<Histogram>): Histogram {
  const counts = new Map<number, number>();
  for (const histogram of histograms) for (const [bucket, count] of histogram) counts.set(bucket, (counts.get(bucket) ?? 0) + count);
  return fromCounts(counts);
}

/** How many values a histogram holds. */
export function histogramCount(histogram: Histogram): number {
  return histogram.reduce((total, [, count]) => total + count, 0);
}

/** The value at a 0-based rank of the sorted values (read as its bucket's representative). */
function valueAtRank(histogram: Histogram, rank: number): number {
  let seen = 0;
  for (const [bucket, count] of histogram) {
    seen += count;
    if (rank < seen) return bucketValue(bucket);
  }
  throw new RangeError(`Rank ${rank} is beyond the histogram`);
}

/** The p-th percentile (0–100), interpolated between closest ranks as `percentile` does; null when empty. */
export function histogramQuantile(histogram: Histogram, p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`Percentile must be between 0 and 100, got ${p}`);
  const n = histogramCount(histogram);
  if (n === 0) return null;
  const h = ((n - 1) * p) / 100;
  const lower = Math.floor(h);
  const below = valueAtRank(histogram, lower);
  const above = valueAtRank(histogram, Math.min(lower + 1, n - 1));
  return below + (h - lower) * (above - below);
}

/** Reads a stored histogram (MetricDay.histogram); anything malformed is an error, not an empty day. */
export function parseHistogram(json: string): Histogram {
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) throw new TypeError("A histogram must be a JSON array");
  return parsed.map((pair: unknown) => {
    if (!Array.isArray(pair) || pair.length !== 2 || !Number.isInteger(pair[0]) || !Number.isInteger(pair[1])) {
      throw new TypeError(`Not a [bucket, count] pair: ${JSON.stringify(pair)}`);
    }
    return [pair[0] as number, pair[1] as number] as const;
  });
}
