/**
 * Daily rollups (MetricDay rows) and periods read back from them. A day's row per metric and
 * segment keeps what merges: counts, the sum of durations and their log-bucket histogram, so a
 * period's median, p90, mean and rate come from its day rows alone, never from the facts.
 */
import { METRICS, METRIC_NAMES, type Dimension, type MetricDefinition, type FulfillmentRecord, type MetricContext, type MetricName } from "./definitions";
import { histogramOf, histogramQuantile, mergeHistograms, type Histogram } from "./histogram";

/** "where is my order" contacts per order: see README "WISMO volume". */
export const WISMO_METRIC = "wismoPer100Orders";
export type RollupMetric = MetricName | typeof WISMO_METRIC;
export const ROLLUP_METRICS: readonly RollupMetric[] = [...METRIC_NAMES, WISMO_METRIC];

export type RollupDimension = "all" | Dimension;
export const ROLLUP_DIMENSIONS: readonly RollupDimension[] = ["all", "supplierId", "sku", "channel", "region"];
/** WISMO contacts belong to an order, not to one of its suppliers or SKUs. */
const WISMO_DIMENSIONS: readonly RollupDimension[] = ["all", "channel", "region"];

/** One MetricDay row. */
export interface MetricDayRow {
  readonly day: string;
  readonly metric: RollupMetric;
  readonly dimension: RollupDimension;
  readonly segment: string;
  readonly n: number;
  readonly numerator: number;
  readonly sumMs: number;
  readonly histogram: Histogram;
  readonly value: number | null;
  readonly p90: number | null;
}

/** A WISMO contact as the rollup needs it: the segments of its order. */
export interface ContactRecord {
  readonly orderId: string;
  readonly channel: string;
  readonly region: string;
}

interface Accumulator {
  n: number;
  numerator: number;
  values: number[];
}

const segmentOf = (record: { channel: string; region: string } & Partial<Record<Dimension, string>>, dimension: RollupDimension): string =>
  dimension === "all" ? "" : (record[dimension] ?? "");

function accumulate(groups: Map<string, Accumulator>, key: string): Accumulator {
  let group = groups.get(key);
  if (!group) groups.set(key, (group = { n: 0, numerator: 0, values: [] }));
  return group;
}

function durationRow(day: string, metric: RollupMetric, dimension: RollupDimension, segment: string, values: number[]): MetricDayRow {
  const histogram = histogramOf(values);
  return {
    day,
    metric,
    dimension,
    segment,
    n: values.length,
    numerator: 0,
    sumMs: values.reduce((a, b) => a + b, 0),
    histogram,
    value: histogramQuantile(histogram, 50),
    p90: histogramQuantile(histogram, 90),
  };
}

function rateRow(day: string, metric: RollupMetric, dimension: RollupDimension, segment: string, n: number, numerator: number): MetricDayRow {
  return { day, metric, dimension, segment, n, numerator, sumMs: 0, histogram: [], value: n === 0 ? null : numerator / n, p90: null };
}

const split = (key: string): [RollupDimension, string] => {
  const at = key.indexOf("\u0000");
  return [key.slice(0, at) as RollupDimension, key.slice(at + 1)];
};

function metricRows(day: string, metric: MetricName, records: readonly FulfillmentRecord[], context: MetricContext): MetricDayRow[] {
  const definition: MetricDefinition = METRICS[metric];
  const groups = new Map<string, Accumulator>();
  for (const record of records) {
    let value: number | undefined;
    let outcome: boolean | undefined;
    if (definition.kind === "duration") {
      value = definition.duration(record, context);
      // A negative duration is a clock or data error: left out, as metricOf does.
      if (value === undefined || value < 0) continue;
    } else {
      outcome = definition.outcome(record, context);
      if (outcome === undefined) continue;
    }
    for (const dimension of ROLLUP_DIMENSIONS) {
      const group = accumulate(groups, `${dimension}\u0000${segmentOf(record, dimension)}`);
      group.n += 1;
      if (value !== undefined) group.values.push(value);
      if (outcome === true) group.numerator += 1;
    }
  }
  return [...groups.entries()].map(([key, g]) => {
    const [dimension, segment] = split(key);
    return definition.kind === "duration" ? durationRow(day, metric, dimension, segment, g.values) : rateRow(day, metric, dimension, segment, g.n, g.numerator);
  });
}

/** WISMO: the day's contacts (numerator) against the orders placed that day (n). */
function wismoRows(day: string, records: readonly FulfillmentRecord[], contacts: readonly ContactRecord[]): MetricDayRow[] {
  const orders = new Map<string, Set<string>>();
  const counts = new Map<string, number>();
  for (const dimension of WISMO_DIMENSIONS) {
    for (const record of records) {
      const key = `${dimension}\u0000${segmentOf(record, dimension)}`;
      const set = orders.get(key) ?? new Set<string>();
      set.add(record.orderId);
      orders.set(key, set);
    }
    for (const contact of contacts) {
      const key = `${dimension}\u0000${segmentOf(contact, dimension)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const keys = new Set([...orders.keys(), ...counts.keys()]);
  return [...keys].map((key) => {
    const [dimension, segment] = split(key);
    return rateRow(day, WISMO_METRIC, dimension, segment, orders.get(key)?.size ?? 0, counts.get(key) ?? 0);
  });
}

/** Every MetricDay row of one day: its orders' facts (day = order creation day) and that day's WISMO contacts. */
export function rollupDay(day: string, records: readonly FulfillmentRecord[], contacts: readonly ContactRecord[], context: MetricContext): MetricDayRow[] {
  const rows = METRIC_NAMES.flatMap((metric) => metricRows(day, metric, records, context));
  return [...rows, ...wismoRows(day, records, contacts)].sort(
    (a, b) => a.metric.localeCompare(b.metric) || a.dimension.localeCompare(b.dimension) || a.segment.localeCompare(b.segment),
  );
}

/** A period of one metric and segment, merged from its day rows. */
export interface PeriodSummary {
  readonly kind: "duration" | "rate";
  readonly n: number;
  readonly numerator: number;
  readonly median: number | null;
  readonly p90: number | null;
  readonly mean: number | null;
  /** numerator / n for rates (WISMO: contacts per order; × 100 for "per 100 orders"). */
  readonly rate: number | null;
}

type Mergeable = Pick<MetricDayRow, "n" | "numerator" | "sumMs" | "histogram">;

/** The kind of a rollup metric. */
export function kindOf(metric: RollupMetric): "duration" | "rate" {
  return metric === WISMO_METRIC ? "rate" : METRICS[metric].kind;
}

/** Merges day rows of one metric and segment into the period's median, p90, mean or rate. */
export function summarizePeriod(metric: RollupMetric, rows: readonly Mergeable[]): PeriodSummary {
  const n = rows.reduce((total, r) => total + r.n, 0);
  const numerator = rows.reduce((total, r) => total + r.numerator, 0);
  if (kindOf(metric) === "rate") return { kind: "rate", n, numerator, median: null, p90: null, mean: null, rate: n === 0 ? null : numerator / n };
  const histogram = mergeHistograms(rows.map((r) => r.histogram));
  const sum = rows.reduce((total, r) => total + r.sumMs, 0);
  return {
    kind: "duration",
    n,
    numerator: 0,
    median: histogramQuantile(histogram, 50),
    p90: histogramQuantile(histogram, 90),
    mean: n === 0 ? null : sum / n,
    rate: null,
  };
}
