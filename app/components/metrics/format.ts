/** How the control tower shows metric numbers: durations in hours, rates in percent with n, WISMO per 100 orders. */
import { METRICS, WISMO_METRIC, type PeriodSummary, type RollupMetric } from "~/domain/metrics";

const HOUR = 3_600_000;
const hours = (ms: number | null) => (ms === null ? "—" : `${(ms / HOUR).toFixed(1)} h`);
const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

/** One line for a period: "median 26.5 h · p90 40.1 h · mean 28.0 h (n = 120)" or "4.2% (5 of 120)". */
export function formatSummary(metric: RollupMetric, s: PeriodSummary): string {
  if (s.n === 0 && s.numerator === 0) return "No data in this period";
  if (metric === WISMO_METRIC) {
    return s.rate === null ? `${s.numerator} contacts, no orders` : `${(s.rate * 100).toFixed(1)} per 100 orders (${s.numerator} contacts, ${s.n} orders)`;
  }
  if (s.kind === "duration") return `median ${hours(s.median)} · p90 ${hours(s.p90)} · mean ${hours(s.mean)} (n = ${s.n})`;
  return `${s.rate === null ? "—" : percent(s.rate)} (${s.numerator} of ${s.n})`;
}

/** A trend point in the chart's unit. */
export function trendValue(metric: RollupMetric, value: number | null): number | null {
  if (value === null) return null;
  if (metric !== WISMO_METRIC && METRICS[metric].kind === "duration") return value / HOUR;
  return value * 100;
}

export function trendUnit(metric: RollupMetric): string {
  if (metric === WISMO_METRIC) return "";
  return METRICS[metric].kind === "duration" ? " h" : "%";
}

const SEGMENT_HEADINGS: Record<string, string> = { supplierId: "Supplier", sku: "SKU", channel: "Sales channel", region: "Region" };
export const segmentHeading = (dimension: string): string => SEGMENT_HEADINGS[dimension] ?? "Segment";

/** The metric sets offered: all, the durations, the rates, or one metric. */
export function metricSetOptions(all: readonly RollupMetric[]): { label: string; value: string }[] {
  const durations = all.filter((m) => m !== WISMO_METRIC && METRICS[m].kind === "duration");
  const rates = all.filter((m) => !durations.includes(m));
  return [
    { label: "All metrics", value: all.join(",") },
    { label: "Times (order-to-confirmation, order-to-ship, tracking upload)", value: durations.join(",") },
    { label: "Rates (acceptance, cancellation, stockout, on-time, exceptions, promise kept, WISMO)", value: rates.join(",") },
    ...all.map((m) => ({ label: m === WISMO_METRIC ? "WISMO contacts per 100 orders" : METRICS[m].label, value: m })),
  ];
}
