/**
 * Supplier reliability from measured performance, shrunk toward a neutral prior by sample
 * size so one bad order does not sink a new supplier (and one good order does not crown it).
 */
import type { RawValue, SupplierPerformance } from "./types";

/** What we assume of a supplier with no history. */
export const NEUTRAL_PERFORMANCE: SupplierPerformance = {
  acceptanceRate: 0.95,
  cancellationRate: 0.03,
  defectRate: 0.02,
  onTimeShipRate: 0.9,
  trackingLatencyHours: 24,
  sampleSize: 0,
};

// Cancellations hurt the customer most, so they weigh most.
const RELIABILITY_WEIGHTS = {
  acceptance: 0.2,
  cancellation: 0.3,
  defect: 0.2,
  onTime: 0.2,
  tracking: 0.1,
} as const;

/** Tracking uploaded this late (or later) earns nothing. */
const TRACKING_LATENCY_CEILING_HOURS = 72;

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

// A module-level function rather than a closure per call: this runs for every supplier of
// every order, and a closure per call costs more than the arithmetic.
const blend = (m: number, n: number, p: number, k: number): number => (n + k > 0 ? (m * n + p * k) / (n + k) : p);

/** Blends measured rates with the neutral prior: (measured·n + neutral·k) / (n + k). */
export function smoothPerformance(
  measured: SupplierPerformance,
  priorStrength: number,
  neutral: SupplierPerformance = NEUTRAL_PERFORMANCE,
): SupplierPerformance {
  const n = Math.max(0, measured.sampleSize);
  const k = priorStrength;
  return {
    acceptanceRate: blend(clamp01(measured.acceptanceRate), n, neutral.acceptanceRate, k),
    cancellationRate: blend(clamp01(measured.cancellationRate), n, neutral.cancellationRate, k),
    defectRate: blend(clamp01(measured.defectRate), n, neutral.defectRate, k),
    onTimeShipRate: blend(clamp01(measured.onTimeShipRate), n, neutral.onTimeShipRate, k),
    trackingLatencyHours: blend(Math.max(0, measured.trackingLatencyHours), n, neutral.trackingLatencyHours, k),
    sampleSize: n,
  };
}

export interface ReliabilityScore {
  readonly value: number;
  readonly raw: Readonly<Record<string, RawValue>>;
}

const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;

function weightedReliability(acceptance: number, cancellation: number, defect: number, onTime: number, trackingHours: number): number {
  const tracking = clamp01(1 - trackingHours / TRACKING_LATENCY_CEILING_HOURS);
  const value =
    RELIABILITY_WEIGHTS.acceptance * acceptance +
    RELIABILITY_WEIGHTS.cancellation * (1 - cancellation) +
    RELIABILITY_WEIGHTS.defect * (1 - defect) +
    RELIABILITY_WEIGHTS.onTime * onTime +
    RELIABILITY_WEIGHTS.tracking * tracking;
  return r4(clamp01(value));
}

/** The reliability score's value alone, without building the smoothed rates (routing needs only this, per supplier per order). */
export function reliabilityValue(measured: SupplierPerformance, priorStrength: number): number {
  const n = Math.max(0, measured.sampleSize);
  const k = priorStrength;
  const p = NEUTRAL_PERFORMANCE;
  return weightedReliability(
    blend(clamp01(measured.acceptanceRate), n, p.acceptanceRate, k),
    blend(clamp01(measured.cancellationRate), n, p.cancellationRate, k),
    blend(clamp01(measured.defectRate), n, p.defectRate, k),
    blend(clamp01(measured.onTimeShipRate), n, p.onTimeShipRate, k),
    blend(Math.max(0, measured.trackingLatencyHours), n, p.trackingLatencyHours, k),
  );
}

/** Reliability 0..1 from smoothed performance, with the smoothed rates as its raw inputs. */
export function reliabilityScore(measured: SupplierPerformance, priorStrength: number): ReliabilityScore {
  const s = smoothPerformance(measured, priorStrength);
  return {
    value: weightedReliability(s.acceptanceRate, s.cancellationRate, s.defectRate, s.onTimeShipRate, s.trackingLatencyHours),
    raw: {
      sampleSize: s.sampleSize,
      priorStrength,
      acceptanceRate: r4(s.acceptanceRate),
      cancellationRate: r4(s.cancellationRate),
      defectRate: r4(s.defectRate),
      onTimeShipRate: r4(s.onTimeShipRate),
      trackingLatencyHours: r4(s.trackingLatencyHours),
    },
  };
}

/**
 * How a supplier's reliability part was arrived at, in the words the explanation shows: "measured
 * over 42 orders", or "no history yet — neutral" (a neutral prior is not a measurement).
 */
export function reliabilityBasis(performance: Pick<SupplierPerformance, "sampleSize">): string {
  const n = Number.isFinite(performance.sampleSize) ? Math.max(0, Math.floor(performance.sampleSize)) : 0;
  return n === 0 ? "no history yet — neutral" : `measured over ${n} order${n === 1 ? "" : "s"}`;
}
