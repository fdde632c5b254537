/** Metric values over a set of records, overall or segmented by supplier, SKU, channel and region. */
import { METRICS, METRIC_NAMES, type Dimension, type FulfillmentRecord, type MetricContext, type MetricDefinition, type MetricName } from "./definitions";
import { summarize, type Summary } from "./percentile";

/** Median/p90/mean of a duration metric, in ms. `invalid` counts negative durations left out (clock or data errors). */
export interface DurationResult extends Summary {
  readonly kind: "duration";
  readonly invalid: number;
}

/** A rate: numerator / denominator, null when no record counts. */
export interface RateResult {
  readonly kind: "rate";
  readonly numerator: number;
  readonly denominator: number;
  readonly rate: number | null;
}

export type MetricResult = DurationResult | RateResult;

/** The segment a result belongs to, e.g. { supplierId: "sup-1", region: "EU" }; {} = everything. */
export type GroupKey = Partial<Record<Dimension, string>>;

export interface GroupedResult<T> {
  readonly key: GroupKey;
  readonly result: T;
}

export interface MetricOptions extends MetricContext {
  /** Dimensions to segment by; none = one overall group. */
  readonly groupBy?: readonly Dimension[];
}

/** Durations of a metric over records, split into usable values and the count of negative ones. */
function durationResult(definition: MetricDefinition, records: readonly FulfillmentRecord[], context: MetricContext) {
  if (definition.kind !== "duration") throw new TypeError(`${definition.label} is not a duration`);
  const values: number[] = [];
  let invalid = 0;
  for (const record of records) {
    const duration = definition.duration(record, context);
    if (duration === undefined) continue;
    if (duration < 0) invalid += 1;
    else values.push(duration);
  }
  return { kind: "duration" as const, ...summarize(values), invalid };
}

function rateResult(definition: MetricDefinition, records: readonly FulfillmentRecord[], context: MetricContext) {
  if (definition.kind !== "rate") throw new TypeError(`${definition.label} is not a rate`);
  let numerator = 0;
  let denominator = 0;
  for (const record of records) {
    const outcome = definition.outcome(record, context);
    if (outcome === undefined) continue;
    denominator += 1;
    if (outcome) numerator += 1;
  }
  return { kind: "rate" as const, numerator, denominator, rate: denominator === 0 ? null : numerator / denominator };
}

/** One metric over one set of records (no grouping). */
export function metricOf(metric: MetricName, records: readonly FulfillmentRecord[], context: MetricContext = {}): MetricResult {
  const definition: MetricDefinition = METRICS[metric];
  return definition.kind === "duration" ? durationResult(definition, records, context) : rateResult(definition, records, context);
}

const keyText = (key: GroupKey, dimensions: readonly Dimension[]): string => JSON.stringify(dimensions.map((dimension) => key[dimension]));

/** Records split by the given dimensions, groups sorted by key. */
export function groupRecords(records: readonly FulfillmentRecord[], dimensions: readonly Dimension[]): GroupedResult<FulfillmentRecord[]>[] {
  const groups = new Map<string, { key: GroupKey; result: FulfillmentRecord[] }>();
  for (const record of records) {
    const key: GroupKey = Object.fromEntries(dimensions.map((dimension) => [dimension, record[dimension]]));
    const text = keyText(key, dimensions);
    const group = groups.get(text) ?? { key, result: [] };
    group.result.push(record);
    groups.set(text, group);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, group]) => group);
}

/** One metric per group (e.g. order-to-confirmation by supplier). */
export function computeMetric(records: readonly FulfillmentRecord[], metric: MetricName, options: MetricOptions = {}): GroupedResult<MetricResult>[] {
  return groupRecords(records, options.groupBy ?? []).map(({ key, result }) => ({
    key,
    result: metricOf(metric, result, options),
  }));
}

/** Every metric per group: a supplier (or SKU, channel, region) scorecard. */
export function computeScorecard(records: readonly FulfillmentRecord[], options: MetricOptions = {}): GroupedResult<Record<MetricName, MetricResult>>[] {
  return groupRecords(records, options.groupBy ?? []).map(({ key, result }) => ({
    key,
    result: Object.fromEntries(METRIC_NAMES.map((name) => [name, metricOf(name, result, options)])) as Record<MetricName, MetricResult>,
  }));
}
