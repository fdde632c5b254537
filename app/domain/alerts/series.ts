/** Daily series for alerting from stored day rows (MetricDay), and what a segment is called. */
import { METRICS, type MetricName } from "../metrics/definitions";
import type { DailyPoint } from "../metrics/series";
import { addDays } from "../promise/dates";
import type { AlertDimension } from "./evaluate";

/** A stored day of a metric for one segment: n and the day's value (median ms or rate). */
export interface DayRow {
  readonly day: string;
  readonly n: number;
  readonly value: number | null;
}

/** The contiguous series from `fromDay` to `toDay` (days without a row have no data). */
export function seriesFromRows(rows: readonly DayRow[], fromDay: string, toDay: string): DailyPoint[] {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const points: DailyPoint[] = [];
  for (let day = fromDay; day <= toDay; day = addDays(day, 1)) {
    const row = byDay.get(day);
    points.push(row && row.n > 0 && row.value !== null ? { day, value: row.value, n: row.n } : { day, value: null, n: 0 });
  }
  return points;
}

const DIMENSION_WORDS: Readonly<Record<AlertDimension, string>> = { all: "", supplierId: "supplier", sku: "SKU", channel: "channel", region: "region" };

/** "Order-to-confirmation time for supplier Acme" (the whole shop: just the metric). */
export function alertLabel(metric: MetricName, dimension: AlertDimension, segmentName: string): string {
  const label = METRICS[metric].label;
  return dimension === "all" ? label : `${label} for ${DIMENSION_WORDS[dimension]} ${segmentName}`;
}

/** The dimensions Dropline alerts on, broadest first. */
export const ALERT_DIMENSIONS: readonly AlertDimension[] = ["all", "supplierId", "channel", "region", "sku"];

export const isAlertDimension = (value: string): value is AlertDimension => (ALERT_DIMENSIONS as readonly string[]).includes(value);

export const isMetricName = (value: string): value is MetricName => Object.prototype.hasOwnProperty.call(METRICS, value);
