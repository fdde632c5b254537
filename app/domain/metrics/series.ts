/**
 * Daily series of a metric, the input of the control charts. A record belongs to the day its
 * order was created, in the merchant's time zone. A duration day's value is that day's median
 * (robust to one stuck order); a rate day's value is its proportion, with n = its denominator.
 */
import { type FulfillmentRecord, type MetricContext, type MetricName } from "./definitions";
import { dayFormatters } from "../kernel";
import { metricOf } from "./compute";

/** One day of a metric. `value` is null on a day with nothing to count. */
export interface DailyPoint {
  readonly day: string;
  readonly value: number | null;
  /** Durations measured, or the rate's denominator. */
  readonly n: number;
}

export interface SeriesOptions extends MetricContext {
  /** IANA zone the days are cut in; default "UTC". */
  readonly timeZone?: string;
  /** First and last day ("YYYY-MM-DD") to include; default the span of the records. */
  readonly fromDay?: string;
  readonly toDay?: string;
}

const MS_PER_DAY = 86_400_000;

const dayFormatter = (timeZone: string): Intl.DateTimeFormat =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar day ("YYYY-MM-DD") of an instant in a time zone. */
export function dayOf(ms: number, timeZone = "UTC"): string {
  if (timeZone === "UTC") return new Date(ms).toISOString().slice(0, 10);
  const format = dayFormatters.get(timeZone, dayFormatter);
  const parts = Object.fromEntries(format.formatToParts(new Date(ms)).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The day after a "YYYY-MM-DD" day. */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + MS_PER_DAY).toISOString().slice(0, 10);
}

/** A metric per day over a contiguous range of days (days without records are present, value null). */
export function dailySeries(records: readonly FulfillmentRecord[], metric: MetricName, options: SeriesOptions = {}): DailyPoint[] {
  const byDay = new Map<string, FulfillmentRecord[]>();
  for (const record of records) {
    const day = dayOf(record.orderCreatedAt, options.timeZone);
    const list = byDay.get(day) ?? [];
    list.push(record);
    byDay.set(day, list);
  }
  const days = [...byDay.keys()].sort();
  const from = options.fromDay ?? days[0];
  const to = options.toDay ?? days.at(-1);
  if (from === undefined || to === undefined) return [];
  const points: DailyPoint[] = [];
  for (let day = from; day <= to; day = nextDay(day)) points.push(pointOf(day, byDay.get(day) ?? [], metric, options));
  return points;
}

function pointOf(day: string, records: readonly FulfillmentRecord[], metric: MetricName, context: MetricContext) {
  const result = metricOf(metric, records, context);
  return result.kind === "duration" ? { day, value: result.median, n: result.count } : { day, value: result.rate, n: result.denominator };
}
