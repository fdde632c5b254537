/**
 * Watching a metric per segment: "if a supplier's confirmation time exceeds your threshold for
 * three consecutive days, alert operations" — the daily series, its control chart and signals
 * for each supplier (or SKU, channel, region).
 */
import { groupRecords, type GroupKey } from "./compute";
import { detectSignals, type ControlSignal } from "./control";
import { METRICS, formatMetricValue, type Dimension, type FulfillmentRecord, type MetricName } from "./definitions";
import { dailySeries, type DailyPoint, type SeriesOptions } from "./series";

export interface MonitorOptions extends SeriesOptions {
  readonly groupBy?: readonly Dimension[];
  readonly baselinePoints?: number;
  readonly minBaseline?: number;
  readonly runLength?: number;
  readonly runSigma?: number;
  /** A merchant threshold for the run rule, in the metric's unit (ms or 0..1). */
  readonly threshold?: number;
}

export interface MonitoredSegment {
  readonly key: GroupKey;
  readonly series: readonly DailyPoint[];
  readonly signals: readonly ControlSignal[];
}

const DIMENSION_NAMES: Record<Dimension, string> = {
  supplierId: "supplier",
  sku: "SKU",
  channel: "channel",
  region: "region",
};

/** "Order-to-confirmation time for supplier sup-1, region EU". */
export function segmentLabel(metric: MetricName, key: GroupKey): string {
  const parts = (Object.keys(key) as Dimension[]).map((dimension) => `${DIMENSION_NAMES[dimension]} ${key[dimension]}`);
  return parts.length === 0 ? METRICS[metric].label : `${METRICS[metric].label} for ${parts.join(", ")}`;
}

/** Daily series and control-chart signals of one metric for each segment (all on the same day range). */
export function monitorMetric(records: readonly FulfillmentRecord[], metric: MetricName, options: MonitorOptions = {}): MonitoredSegment[] {
  const definition = METRICS[metric];
  const overall = dailySeries(records, metric, options);
  const range = { fromDay: options.fromDay ?? overall[0]?.day, toDay: options.toDay ?? overall.at(-1)?.day };
  return groupRecords(records, options.groupBy ?? []).map(({ key, result }) => {
    const series = dailySeries(result, metric, { ...options, ...range });
    const signals = detectSignals(series, {
      chart: definition.kind === "rate" ? "p" : "xmr",
      worse: definition.worse,
      baselinePoints: options.baselinePoints,
      minBaseline: options.minBaseline,
      runLength: options.runLength,
      runSigma: options.runSigma,
      threshold: options.threshold,
      label: segmentLabel(metric, key),
      format: (value) => formatMetricValue(metric, value),
    });
    return { key, series, signals };
  });
}
