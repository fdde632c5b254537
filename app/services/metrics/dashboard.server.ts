/**
 * The control tower's numbers for a period, read from the MetricDay rollups only (never the facts):
 * per metric the period's summary (median, p90 and mean of durations; rate with n), a daily trend,
 * and the same per segment (supplier, SKU, channel, region).
 */
import { csvCell } from "~/domain/csv-safe";
import type { PrismaClient } from "@prisma/client";
import { METRICS, WISMO_METRIC, dayOf, kindOf, nextDay, summarizePeriod, type MetricDayRow, type PeriodSummary, type RollupMetric } from "~/domain/metrics";
import { metricDays, segmentDays, segmentTotals, type SegmentTotal } from "~/models/metrics.server";
import type { DashboardQuery } from "./dashboard-query";

export interface TrendPoint {
  readonly day: string;
  /** The day's median (durations, ms) or rate; null on a day with nothing counted. */
  readonly value: number | null;
  readonly p90: number | null;
  readonly n: number;
  readonly numerator: number;
}

export interface SegmentSummary {
  readonly segment: string;
  readonly label: string;
  readonly summary: PeriodSummary;
}

export interface MetricPanel {
  readonly metric: RollupMetric;
  readonly label: string;
  readonly kind: "duration" | "rate";
  readonly worse: "higher" | "lower";
  readonly overall: PeriodSummary;
  readonly trend: readonly TrendPoint[];
  readonly segments: readonly SegmentSummary[];
}

/** The most segments a panel lists (the busiest first). */
export const MAX_SEGMENTS = 25;

export function metricLabel(metric: RollupMetric): string {
  return metric === WISMO_METRIC ? "WISMO contacts per 100 orders" : METRICS[metric].label;
}

function worseOf(metric: RollupMetric): "higher" | "lower" {
  return metric === WISMO_METRIC ? "higher" : METRICS[metric].worse;
}

function daysOf(fromDay: string, toDay: string): string[] {
  const days: string[] = [];
  for (let day = fromDay; day <= toDay; day = nextDay(day)) days.push(day);
  return days;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** The busiest segments of a metric with their period summary; durations merge their day histograms. */
async function segmentsOf(
  db: PrismaClient,
  shop: string,
  query: DashboardQuery,
  metric: RollupMetric,
  totals: readonly SegmentTotal[],
  names: ReadonlyMap<string, string>,
) {
  const top = totals
    .filter((t) => t.metric === metric)
    .sort((a, b) => b.n - a.n || a.segment.localeCompare(b.segment))
    .slice(0, MAX_SEGMENTS);
  const label = (segment: string) => names.get(segment) ?? (segment || "—");
  const busiestFirst = (a: SegmentSummary, b: SegmentSummary) => b.summary.n - a.summary.n || a.label.localeCompare(b.label);
  if (kindOf(metric) === "rate" || top.length === 0) {
    return top.map((t) => ({ segment: t.segment, label: label(t.segment), summary: summarizePeriod(metric, [{ ...t, histogram: [] }]) })).sort(busiestFirst);
  }
  const days = await segmentDays(db, shop, {
    metric,
    dimension: query.dimension,
    segments: top.map((t) => t.segment),
    fromDay: query.fromDay,
    toDay: query.toDay,
  });
  const bySegment = groupBy(days, (r) => r.segment);
  return top.map((t) => ({ segment: t.segment, label: label(t.segment), summary: summarizePeriod(metric, bySegment.get(t.segment) ?? []) })).sort(busiestFirst);
}

function panel(metric: RollupMetric, days: readonly string[], overallRows: readonly MetricDayRow[], segments: readonly SegmentSummary[]): MetricPanel {
  const byDay = new Map(overallRows.map((r) => [r.day, r]));
  return {
    metric,
    label: metricLabel(metric),
    kind: kindOf(metric),
    worse: worseOf(metric),
    overall: summarizePeriod(metric, overallRows),
    trend: days.map((day) => {
      const row = byDay.get(day);
      return { day, value: row?.value ?? null, p90: row?.p90 ?? null, n: row?.n ?? 0, numerator: row?.numerator ?? 0 };
    }),
    segments,
  };
}

/** Every panel of the dashboard for a query. */
export async function dashboardPanels(db: PrismaClient, shop: string, query: DashboardQuery): Promise<MetricPanel[]> {
  const range = { metrics: query.metrics, fromDay: query.fromDay, toDay: query.toDay };
  const segmented = query.dimension !== "all";
  const [overall, totals, suppliers] = await Promise.all([
    metricDays(db, shop, { ...range, dimension: "all" }),
    segmented ? segmentTotals(db, shop, { ...range, dimension: query.dimension }) : Promise.resolve([]),
    query.dimension === "supplierId" ? db.supplier.findMany({ where: { shop }, select: { id: true, name: true } }) : Promise.resolve([]),
  ]);
  const names = new Map(suppliers.map((s) => [s.id, s.name]));
  const overallByMetric = groupBy(overall, (r) => r.metric);
  const days = daysOf(query.fromDay, query.toDay);
  return Promise.all(
    query.metrics.map(async (metric) =>
      panel(metric, days, overallByMetric.get(metric) ?? [], segmented ? await segmentsOf(db, shop, query, metric, totals, names) : []),
    ),
  );
}

/** The shop's current calendar day. */
export function today(now: Date, timeZone: string): string {
  return dayOf(now.getTime(), timeZone);
}

const HOUR = 3_600_000;
const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / HOUR) * 100) / 100);

/** The dashboard as CSV: one row per metric and segment with the period's numbers, then one per day of the trend. */
export function dashboardCsv(query: DashboardQuery, panels: readonly MetricPanel[]): string {
  const header = ["section", "metric", "dimension", "segment", "day", "n", "numerator", "median_hours", "p90_hours", "mean_hours", "rate"];
  const lines = [header.join(",")];
  const row = (section: string, p: MetricPanel, dimension: string, segment: string, day: string, s: PeriodSummary) => [
    section,
    p.metric,
    dimension,
    segment,
    day,
    s.n,
    s.numerator,
    hours(s.median),
    hours(s.p90),
    hours(s.mean),
    s.rate === null ? null : Math.round(s.rate * 10_000) / 10_000,
  ];
  for (const p of panels) {
    const period = `${query.fromDay}..${query.toDay}`;
    lines.push(row("period", p, "all", "", period, p.overall).map(csvCell).join(","));
    for (const s of p.segments) lines.push(row("period", p, query.dimension, s.label, period, s.summary).map(csvCell).join(","));
    for (const t of p.trend) {
      const s: PeriodSummary =
        p.kind === "duration"
          ? { kind: "duration", n: t.n, numerator: 0, median: t.value, p90: t.p90, mean: null, rate: null }
          : { kind: "rate", n: t.n, numerator: t.numerator, median: null, p90: null, mean: null, rate: t.value };
      lines.push(row("day", p, "all", "", t.day, s).map(csvCell).join(","));
    }
  }
  return lines.join("\r\n") + "\r\n";
}
