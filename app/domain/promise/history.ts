/** Handling time learned from what a supplier actually did, not what it said it would do. */
import type { CoverageEntry } from "./coverage";
import { histogramOf } from "./distribution";
import type { DayHistogram, DayRange } from "./types";

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

/** One delivered parcel: where it went and its carrier business days from hand-off to delivery. */
export interface TransitSample {
  readonly countryCode: string;
  readonly provinceCode?: string | null;
  readonly days: number;
}

/** Learned handling distribution: null below `minSamples` usable samples (the configured range stands). */
export function handlingDaysFromHistory(samples: readonly number[], minSamples = 20): DayHistogram | null {
  const usable = samples.filter((s) => Number.isInteger(s) && s >= 0);
  return usable.length < minSamples ? null : histogramOf(usable);
}

/**
 * Learned transit per coverage row, aligned with the rows: a country row learns from every
 * parcel to the country, a province row from that province's; null below `minSamples`.
 */
export function transitDaysByCoverage(coverage: readonly CoverageEntry[], samples: readonly TransitSample[], minSamples = 20): (DayHistogram | null)[] {
  const code = (c: string | null | undefined): string => (c ?? "").trim().toUpperCase();
  return coverage.map((row) => {
    const matching = samples.filter(
      (s) =>
        code(s.countryCode) === code(row.countryCode) &&
        (!row.provinceCode || code(s.provinceCode) === code(row.provinceCode)) &&
        Number.isInteger(s.days) &&
        s.days >= 0,
    );
    return matching.length < minSamples ? null : histogramOf(matching.map((s) => s.days));
  });
}
