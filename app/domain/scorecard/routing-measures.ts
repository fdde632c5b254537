/**
 * The measured performance routing's reliability factor reads (Supplier.acceptanceRate …
 * sampleSize), from the same line classification the scorecard uses. Routing shrinks these toward
 * neutral by the sample size (app/domain/routing/performance.ts); a rate with no line is null, and
 * routing reads null as neutral.
 */
import { lateness, lineStatus, type ScorecardLine } from "./lines";

export interface MeasuredPerformance {
  /** Of the lines the supplier answered (accepted, rejected, stockout before accepting, or shipped), the share accepted. */
  readonly acceptanceRate: number | null;
  /** Of the lines it answered, the share it did not fill (the scorecard's share cancelled). */
  readonly cancellationRate: number | null;
  /** Of the lines it shipped, the share with a parcel exception. */
  readonly defectRate: number | null;
  /** Of the lines due (not cancelled, with a promise that has passed or shipped), the share shipped by the promise. */
  readonly onTimeShipRate: number | null;
  /** Median hours from shipping to tracking uploaded. */
  readonly trackingLatencyHours: number | null;
  /** Purchase orders the supplier answered in the window ("measured over N orders"). */
  readonly sampleSize: number;
}

const HOUR_MS = 3_600_000;

const rate = (hits: number, of: number): number | null => (of === 0 ? null : hits / of);

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** One supplier's measured performance over these lines (already limited to its window), at `nowMs`. */
export function measuredPerformance(lines: readonly ScorecardLine[], nowMs: number): MeasuredPerformance {
  let answered = 0;
  let acceptedCount = 0;
  let cancelled = 0;
  let shipped = 0;
  let defects = 0;
  let due = 0;
  let onTime = 0;
  const latencies: number[] = [];
  const orders = new Set<string>();
  for (const line of lines) {
    const status = lineStatus(line);
    if (status === "withdrawn" || status === "pending") continue;
    answered += 1;
    orders.add(line.purchaseOrderId);
    const wasAccepted = line.accepted === true || (line.accepted !== false && line.shippedAtMs != null);
    if (wasAccepted) acceptedCount += 1;
    if (status === "cancelled") {
      cancelled += 1;
      continue;
    }
    const late = lateness(line, nowMs);
    if (late !== null) {
      due += 1;
      if (late <= 0) onTime += 1;
    }
    if (status === "shipped") {
      shipped += 1;
      if (line.exception === true) defects += 1;
      if (line.trackingUploadedAtMs != null && line.shippedAtMs != null) latencies.push(Math.max(0, line.trackingUploadedAtMs - line.shippedAtMs) / HOUR_MS);
    }
  }
  return {
    acceptanceRate: rate(acceptedCount, answered),
    cancellationRate: rate(cancelled, answered),
    defectRate: rate(defects, shipped),
    onTimeShipRate: rate(onTime, due),
    trackingLatencyHours: median(latencies),
    sampleSize: orders.size,
  };
}
