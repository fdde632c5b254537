/** Handling time learned from what a supplier actually did, not what it said it would do. */
import type { DayRange } from "./types";

/** What to learn handling from: the configured range and observed order → ship business days. */
export interface HandlingHistory {
  readonly configured: DayRange;
  /** Observed order → hand-off times, in supplier business days (one per shipped order). */
  readonly samples: readonly number[];
  /** Below this many usable samples the configured range stands. Default 20. */
  readonly minSamples?: number;
}

/** Nearest-rank percentile (q in 0–1) of sorted values: always one of the observations. */
export function nearestRankPercentile(sorted: readonly number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  const value = sorted[index];
  if (value === undefined) throw new RangeError("A percentile needs at least one value");
  return value;
}

/** Handling to promise: measured p50–p90 once there are enough samples, else the configured range. */
export function handlingFromHistory({ configured, samples, minSamples = 20 }: HandlingHistory): DayRange {
  // Negative or non-numeric samples are data errors (e.g. clock skew); they are not evidence.
  const usable = samples.filter((s) => Number.isFinite(s) && s >= 0);
  if (usable.length === 0 || usable.length < minSamples) return configured;
  const sorted = [...usable].sort((a, b) => a - b);
  // Whole days: round the typical case, never round the slow case down.
  const max = Math.ceil(nearestRankPercentile(sorted, 0.9));
  const min = Math.min(max, Math.max(0, Math.round(nearestRankPercentile(sorted, 0.5))));
  return { min, max };
}
