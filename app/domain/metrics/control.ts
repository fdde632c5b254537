/**
 * Shewhart control limits over a daily series, and the signals that should alert operations.
 * Rates use a p-chart (limits widen on days with few orders); durations use an individuals
 * (XmR) chart of the daily values. Limits come from a baseline — by default every day before
 * the last `runLength` days — so a drift under way does not widen its own limits.
 */
import type { DailyPoint } from "./series";

export type ChartKind = "p" | "xmr";

/** Centre line, one sigma and the 3-sigma limits for one point. */
export interface PointLimits {
  readonly center: number;
  readonly sigma: number;
  readonly ucl: number;
  readonly lcl: number;
}

export interface ControlOptions {
  readonly chart: ChartKind;
  /** How many leading points form the baseline; default all but the last `runLength`. */
  readonly baselinePoints?: number;
  /** Fewest baseline days with data for limits to mean anything; default 5. */
  readonly minBaseline?: number;
  /** Consecutive days for the run rule; default 3. */
  readonly runLength?: number;
}

/** Limits for each point of a series (null on a day without data). */
export interface ControlLimits {
  readonly chart: ChartKind;
  readonly center: number;
  readonly baselinePoints: number;
  readonly points: readonly (PointLimits | null)[];
}

/** d2 for moving ranges of two: sigma ≈ mean moving range / 1.128. */
const D2 = 1.128;

const present = (points: readonly DailyPoint[]): (DailyPoint & { value: number })[] =>
  points.filter((point): point is DailyPoint & { value: number } => point.value !== null);

function xmrLimits(baseline: readonly (DailyPoint & { value: number })[]) {
  const values = baseline.map((point) => point.value);
  const center = values.reduce((sum, value) => sum + value, 0) / values.length;
  let ranges = 0;
  for (let i = 1; i < values.length; i++) ranges += Math.abs((values[i] as number) - (values[i - 1] as number));
  const sigma = ranges / (values.length - 1) / D2;
  return { center, limitsFor: (): PointLimits => ({ center, sigma, ucl: center + 3 * sigma, lcl: center - 3 * sigma }) };
}

function pLimits(baseline: readonly (DailyPoint & { value: number })[]) {
  const n = baseline.reduce((sum, point) => sum + point.n, 0);
  const hits = baseline.reduce((sum, point) => sum + point.value * point.n, 0);
  const center = n === 0 ? 0 : hits / n;
  return {
    center,
    limitsFor: (size: number): PointLimits => {
      const sigma = Math.sqrt((center * (1 - center)) / size);
      return { center, sigma, ucl: Math.min(1, center + 3 * sigma), lcl: Math.max(0, center - 3 * sigma) };
    },
  };
}

/** Control limits for a daily series, or null when the baseline has too few days with data. */
export function controlLimits(series: readonly DailyPoint[], options: ControlOptions): ControlLimits | null {
  const runLength = options.runLength ?? 3;
  const baselinePoints = Math.max(0, Math.min(series.length, options.baselinePoints ?? series.length - runLength));
  const baseline = present(series.slice(0, baselinePoints));
  if (baseline.length < Math.max(2, options.minBaseline ?? 5)) return null;
  const chart = options.chart === "p" ? pLimits(baseline) : xmrLimits(baseline);
  return {
    chart: options.chart,
    center: chart.center,
    baselinePoints,
    points: series.map((point) => (point.value === null || point.n <= 0 ? null : chart.limitsFor(point.n))),
  };
}

export interface SignalOptions extends ControlOptions {
  /** Which direction is bad; default "higher" (durations, cancellations). */
  readonly worse?: "higher" | "lower";
  /** The run rule's distance from the centre in sigmas; default 1. */
  readonly runSigma?: number;
  /** A merchant threshold for the run rule (e.g. 24 h to confirm), used instead of centre ± runSigma·σ. */
  readonly threshold?: number;
  /** What is measured, for the message: "Order-to-confirmation time for supplier Acme". */
  readonly label?: string;
  readonly format?: (value: number) => string;
}

/** An out-of-control day and why. */
export interface ControlSignal {
  readonly day: string;
  readonly rule: "beyond-limit" | "run";
  readonly value: number;
  /** The limit or threshold that was crossed. */
  readonly limit: number;
  /** The days that make up the signal (one, or the run). */
  readonly days: readonly string[];
  readonly message: string;
}

interface SignalRules {
  readonly limits: ControlLimits | null;
  readonly worse: "higher" | "lower";
  readonly runLength: number;
  readonly runSigma: number;
  readonly threshold: number | undefined;
  readonly label: string;
  readonly format: (value: number) => string;
}

const isBad = (rules: SignalRules, value: number, limit: number): boolean => (rules.worse === "higher" ? value > limit : value < limit);

const sideOf = (rules: SignalRules): string => (rules.worse === "higher" ? "above" : "below");

function beyondLimit(rules: SignalRules, point: DailyPoint, value: number, at: PointLimits): ControlSignal | null {
  const limit = rules.worse === "higher" ? at.ucl : at.lcl;
  if (!isBad(rules, value, limit)) return null;
  const { format } = rules;
  return {
    day: point.day,
    rule: "beyond-limit",
    value,
    limit,
    days: [point.day],
    message: `${rules.label} was ${format(value)} on ${point.day}, ${sideOf(rules)} its control limit of ` + `${format(limit)} (usually ${format(at.center)}).`,
  };
}

/** The run rule's line for a point: the merchant's threshold, else centre ± runSigma·σ. */
function runLine(rules: SignalRules, at: PointLimits | null): number | undefined {
  if (rules.threshold !== undefined) return rules.threshold;
  if (!at) return undefined;
  return at.center + (rules.worse === "higher" ? 1 : -1) * rules.runSigma * at.sigma;
}

function runSignal(rules: SignalRules, run: readonly DailyPoint[], line: number): ControlSignal {
  const last = run.at(-1) as DailyPoint;
  const days = run.map((point) => point.day);
  const values = run.map((point) => rules.format(point.value ?? 0)).join(", ");
  const against = rules.threshold !== undefined ? `your threshold of ${rules.format(line)}` : rules.format(line);
  const usual = rules.limits ? `; it is usually ${rules.format(rules.limits.center)}` : "";
  return {
    day: last.day,
    rule: "run",
    value: last.value ?? 0,
    limit: line,
    days,
    message: `${rules.label} has been ${sideOf(rules)} ${against} for ${run.length} consecutive days ` + `(${days[0]} to ${last.day}: ${values})${usual}.`,
  };
}

/** Alerts for a daily series: a point beyond its 3-sigma limit, or `runLength` consecutive days past the run line. */
export function detectSignals(series: readonly DailyPoint[], options: SignalOptions): ControlSignal[] {
  const rules: SignalRules = {
    limits: controlLimits(series, options),
    worse: options.worse ?? "higher",
    runLength: options.runLength ?? 3,
    runSigma: options.runSigma ?? 1,
    threshold: options.threshold,
    label: options.label ?? "The metric",
    format: options.format ?? ((value: number) => String(Math.round(value * 1000) / 1000)),
  };
  const signals: ControlSignal[] = [];
  let run: DailyPoint[] = [];
  series.forEach((point, i) => {
    // Days without data neither break nor extend a run.
    if (point.value === null) return;
    const at = rules.limits?.points[i] ?? null;
    const beyond = at ? beyondLimit(rules, point, point.value, at) : null;
    if (beyond) signals.push(beyond);
    const line = runLine(rules, at);
    run = line !== undefined && isBad(rules, point.value, line) ? [...run, point] : [];
    // Fire once, on the day the run reaches its length; a longer run does not repeat the alert.
    if (line !== undefined && run.length === rules.runLength) signals.push(runSignal(rules, run, line));
  });
  return signals;
}
