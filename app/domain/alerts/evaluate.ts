/**
 * Control-limit alerts: for each metric and segment, the daily series' state on the newest
 * complete day, and the plan for the shop's alert store — open (once), keep (while it persists;
 * nothing is sent again) or close (back in control).
 *
 * Two rules per series:
 *  - control_limit: the newest day with data is beyond its 3-sigma limit (p-chart for rates,
 *    XmR for durations), limits from a baseline of the days before the recent window, so a drift
 *    under way does not widen its own limits ("a channel's cancellation rate jumps").
 *  - threshold_run: the last `runLength` days with data are all past the merchant's threshold
 *    ("confirmation time over 24 h three days running"); only when a threshold is set.
 * An open alert closes when the newest `recoveryDays` days with data are all back in control
 * (inside the limit, or on the good side of the threshold). Days without data neither open,
 * extend nor close anything. A breach after closure opens a new alert.
 */
import { controlLimits, type ControlLimits } from "../metrics/control";
import { METRICS, formatMetricValue, type MetricName } from "../metrics/definitions";
import type { DailyPoint } from "../metrics/series";
import { thresholdFor, thresholdValue, type AlertThresholds } from "./thresholds";

export type AlertRule = "control_limit" | "threshold_run";
export type AlertDimension = "all" | "supplierId" | "sku" | "channel" | "region";

/** One metric's daily series for one segment, contiguous days ending on the day evaluated. */
export interface SegmentSeries {
  readonly metric: MetricName;
  readonly dimension: AlertDimension;
  readonly segment: string;
  /** What is measured, for the message: "Order-to-confirmation time for supplier Acme". */
  readonly label: string;
  readonly series: readonly DailyPoint[];
}

/** Where one rule stands on the newest day. */
export interface RuleState {
  readonly rule: AlertRule;
  /** The breach on the newest day with data, or null when that day is in control. */
  readonly breach: AlertCondition | null;
  /** Trailing days with data in control (0 when the newest is a breach). */
  readonly inControlDays: number;
  readonly lastDay: string;
  readonly lastValue: number;
}

/** A condition worth an alert: what was measured, against which limit, on which days. */
export interface AlertCondition {
  readonly rule: AlertRule;
  readonly day: string;
  readonly value: number;
  readonly limit: number;
  /** The chart's centre line (usual value), when known. */
  readonly center: number | null;
  readonly days: readonly string[];
  readonly message: string;
}

export interface AlertKey {
  readonly metric: string;
  readonly dimension: string;
  readonly segment: string;
  readonly rule: string;
}

export interface NewAlert extends AlertKey, AlertCondition {
  readonly rule: AlertRule;
}

export interface AlertPlan<A extends AlertKey> {
  readonly open: readonly NewAlert[];
  readonly keep: readonly { readonly alert: A; readonly lastDay: string; readonly lastValue: number }[];
  readonly close: readonly { readonly alert: A; readonly reason: string }[];
}

export interface EvaluationWindow {
  /** Days at the end of each series judged against the baseline before them; default 7. */
  readonly recentDays: number;
  /** Fewest baseline days with data for control limits; default 5. */
  readonly minBaseline: number;
}

export const DEFAULT_WINDOW: EvaluationWindow = { recentDays: 7, minBaseline: 5 };
/** Baseline days before the recent window: four weeks, so weekday patterns average out. */
export const BASELINE_DAYS = 28;

/** Least volume (orders measured over the window) for a segment to be judged; SKUs need more. */
export const MIN_SEGMENT_VOLUME: Readonly<Record<AlertDimension, number>> = { all: 1, supplierId: 20, channel: 20, region: 20, sku: 60 };

/** The key an open alert is stored under (one open alert per key). */
export function alertKeyOf(shop: string, key: AlertKey): string {
  return [shop, key.metric, key.dimension, key.segment, key.rule].join("|");
}

const sameKey = (a: AlertKey, b: AlertKey): boolean => a.metric === b.metric && a.dimension === b.dimension && a.segment === b.segment && a.rule === b.rule;

type Present = DailyPoint & { readonly value: number; readonly index: number };

const withData = (series: readonly DailyPoint[]): Present[] =>
  series.flatMap((point, index) => (point.value === null || point.n <= 0 ? [] : [{ ...point, value: point.value, index }]));

const isBad = (worse: "higher" | "lower", value: number, limit: number): boolean => (worse === "higher" ? value > limit : value < limit);

function trailingGood(points: readonly Present[], bad: (p: Present) => boolean): number {
  let count = 0;
  for (let i = points.length - 1; i >= 0 && !bad(points[i] as Present); i--) count++;
  return count;
}

function limitState(input: SegmentSeries, window: EvaluationWindow): RuleState | null {
  const { metric, series } = input;
  const definition = METRICS[metric];
  const limits: ControlLimits | null = controlLimits(series, {
    chart: definition.kind === "rate" ? "p" : "xmr",
    baselinePoints: Math.max(0, series.length - window.recentDays),
    minBaseline: window.minBaseline,
  });
  if (!limits) return null;
  const recent = withData(series).filter((p) => p.index >= limits.baselinePoints);
  const last = recent.at(-1);
  if (!last) return null;
  const limitAt = (p: Present): number => {
    const at = limits.points[p.index];
    return at ? (definition.worse === "higher" ? at.ucl : at.lcl) : Number.NaN;
  };
  const bad = (p: Present) => isBad(definition.worse, p.value, limitAt(p));
  const format = (v: number) => formatMetricValue(metric, v);
  const limit = limitAt(last);
  const side = definition.worse === "higher" ? "above" : "below";
  return {
    rule: "control_limit",
    inControlDays: trailingGood(recent, bad),
    lastDay: last.day,
    lastValue: last.value,
    breach: bad(last)
      ? {
          rule: "control_limit",
          day: last.day,
          value: last.value,
          limit,
          center: limits.center,
          days: [last.day],
          message: `${input.label} was ${format(last.value)} on ${last.day}, ${side} its control limit of ${format(limit)} (usually ${format(limits.center)}).`,
        }
      : null,
  };
}

function runState(input: SegmentSeries, thresholds: AlertThresholds, window: EvaluationWindow): RuleState | null {
  const { metric, series } = input;
  const setting = thresholdFor(thresholds, metric);
  if (setting.threshold === null) return null;
  const definition = METRICS[metric];
  const line = thresholdValue(metric, setting.threshold);
  const points = withData(series);
  const last = points.at(-1);
  // Only a newest day inside the recent window counts: stale data opens nothing.
  if (!last || last.index < series.length - window.recentDays) return null;
  const bad = (p: Present) => isBad(definition.worse, p.value, line);
  const run = points.slice(-setting.runLength);
  const breached = run.length === setting.runLength && run.every(bad);
  const format = (v: number) => formatMetricValue(metric, v);
  const side = definition.worse === "higher" ? "above" : "below";
  const days = run.map((p) => p.day);
  return {
    rule: "threshold_run",
    inControlDays: trailingGood(points, bad),
    lastDay: last.day,
    lastValue: last.value,
    breach: breached
      ? {
          rule: "threshold_run",
          day: last.day,
          value: last.value,
          limit: line,
          center: null,
          days,
          message:
            `${input.label} has been ${side} your threshold of ${format(line)} for ${run.length} consecutive ` +
            `day${run.length === 1 ? "" : "s"} with orders (${days[0]} to ${last.day}: ${run.map((p) => format(p.value)).join(", ")}).`,
        }
      : null,
  };
}

/** Where each rule stands for one series on its newest day (rules that cannot be judged are left out). */
export function assessSeries(input: SegmentSeries, thresholds: AlertThresholds, window: EvaluationWindow = DEFAULT_WINDOW): RuleState[] {
  if (!thresholdFor(thresholds, input.metric).enabled) return [];
  return [limitState(input, window), runState(input, thresholds, window)].filter((s): s is RuleState => s !== null);
}

/** Total orders measured over a series (the volume gate). */
export function seriesVolume(series: readonly DailyPoint[]): number {
  return series.reduce((sum, p) => sum + (p.value === null ? 0 : p.n), 0);
}

/**
 * The plan for the alert store: open an alert for each new breach (never a second one for a key
 * already open), keep open alerts that are not yet back in control, close the rest.
 */
export function planAlerts<A extends AlertKey>(
  segments: readonly SegmentSeries[],
  openAlerts: readonly A[],
  thresholds: AlertThresholds,
  window: EvaluationWindow = DEFAULT_WINDOW,
): AlertPlan<A> {
  const open: NewAlert[] = [];
  const keep: { alert: A; lastDay: string; lastValue: number }[] = [];
  const close: { alert: A; reason: string }[] = [];
  const judged = new Set<A>();
  for (const input of segments) {
    if (seriesVolume(input.series) < MIN_SEGMENT_VOLUME[input.dimension]) continue;
    for (const state of assessSeries(input, thresholds, window)) {
      const key = { metric: input.metric, dimension: input.dimension, segment: input.segment, rule: state.rule };
      const existing = openAlerts.find((a) => sameKey(a, key));
      if (!existing) {
        if (state.breach) open.push({ ...key, ...state.breach });
        continue;
      }
      judged.add(existing);
      if (!state.breach && state.inControlDays >= thresholds.recoveryDays) {
        close.push({
          alert: existing,
          reason: `Back in control: ${state.inControlDays} day${state.inControlDays === 1 ? "" : "s"} in a row (last ${state.lastDay}).`,
        });
      } else keep.push({ alert: existing, lastDay: state.lastDay, lastValue: state.lastValue });
    }
  }
  for (const alert of openAlerts) {
    if (judged.has(alert)) continue;
    close.push({
      alert,
      reason: stillWatched(alert, thresholds) ? "No longer judged: too few recent orders in this segment." : "Alerts for this metric or rule were turned off.",
    });
  }
  return { open, keep, close };
}

function stillWatched(alert: AlertKey, thresholds: AlertThresholds): boolean {
  if (!(alert.metric in METRICS)) return false;
  const setting = thresholdFor(thresholds, alert.metric as MetricName);
  return setting.enabled && (alert.rule !== "threshold_run" || setting.threshold !== null);
}
