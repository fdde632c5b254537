/**
 * The fulfillment metrics of the operating model (§9), as data: each metric says how to read
 * one record — a duration, or an outcome counted toward a rate — and which direction is worse.
 */

/** One purchase-order line as the metrics see it. Instants are epoch ms (UTC). */
export interface FulfillmentRecord {
  readonly orderId: string;
  readonly supplierId: string;
  readonly sku: string;
  /** Sales channel, e.g. "online-store", "pos", "marketplace". */
  readonly channel: string;
  /** Destination region, e.g. "US-CA" or "EU". */
  readonly region: string;
  readonly orderCreatedAt: number;
  /** The supplier acknowledged receipt of the purchase order. */
  readonly acknowledgedAt?: number;
  /** The supplier confirmed availability and a ship date. */
  readonly confirmedAt?: number;
  readonly shippedAt?: number;
  readonly trackingUploadedAt?: number;
  /** The carrier delivered every parcel of the line's shipment. */
  readonly deliveredAt?: number;
  /** The ship-by instant promised to the customer. */
  readonly promisedShipBy?: number;
  /** The end of the last day of the delivery window promised to the customer. */
  readonly promisedDeliveryBy?: number;
  /** The supplier accepted (true) or declined (false) the order; absent while undecided. */
  readonly accepted?: boolean;
  readonly cancelled?: boolean;
  /** The supplier reported a stockout after the order was placed. */
  readonly stockout?: boolean;
  /** A parcel exception (lost, damaged, returned to sender, address problem). */
  readonly exception?: boolean;
}

/** What a metric may need besides the record: the current instant for "late and still not shipped". */
export interface MetricContext {
  readonly nowMs?: number;
}

export interface DurationMetric {
  readonly kind: "duration";
  readonly label: string;
  readonly worse: "higher";
  /** Milliseconds, or undefined when the record does not have both ends yet. */
  readonly duration: (record: FulfillmentRecord, context: MetricContext) => number | undefined;
}

export interface RateMetric {
  readonly kind: "rate";
  readonly label: string;
  readonly worse: "higher" | "lower";
  /** true/false counts toward the rate (true = numerator); undefined leaves the record out. */
  readonly outcome: (record: FulfillmentRecord, context: MetricContext) => boolean | undefined;
}

export type MetricDefinition = DurationMetric | RateMetric;

const between = (from: number | undefined, to: number | undefined): number | undefined => (from === undefined || to === undefined ? undefined : to - from);

/** On time = shipped by the promised instant. Unshipped orders count as late once the promise has passed. */
function shippedOnTime(record: FulfillmentRecord, context: MetricContext): boolean | undefined {
  if (record.promisedShipBy === undefined || record.cancelled === true) return undefined;
  if (record.shippedAt !== undefined) return record.shippedAt <= record.promisedShipBy;
  if (context.nowMs !== undefined && context.nowMs > record.promisedShipBy) return false;
  return undefined;
}

/** Promise kept = delivered by the end of the promised window. Undelivered orders count as broken once it has passed. */
function deliveredInWindow(record: FulfillmentRecord, context: MetricContext): boolean | undefined {
  if (record.promisedDeliveryBy === undefined || record.cancelled === true) return undefined;
  if (record.deliveredAt !== undefined) return record.deliveredAt <= record.promisedDeliveryBy;
  if (context.nowMs !== undefined && context.nowMs > record.promisedDeliveryBy) return false;
  return undefined;
}

/** Every metric Dropline tracks, by name. */
export const METRICS = {
  orderToAcknowledgement: {
    kind: "duration",
    label: "Order-to-acknowledgement time",
    worse: "higher",
    duration: (r) => between(r.orderCreatedAt, r.acknowledgedAt),
  },
  orderToConfirmation: {
    kind: "duration",
    label: "Order-to-confirmation time",
    worse: "higher",
    duration: (r) => between(r.orderCreatedAt, r.confirmedAt),
  },
  orderToShip: {
    kind: "duration",
    label: "Order-to-ship time",
    worse: "higher",
    duration: (r) => between(r.orderCreatedAt, r.shippedAt),
  },
  trackingUploadLatency: {
    kind: "duration",
    label: "Tracking upload latency",
    worse: "higher",
    duration: (r) => between(r.shippedAt, r.trackingUploadedAt),
  },
  acceptanceRate: {
    kind: "rate",
    label: "Supplier acceptance rate",
    worse: "lower",
    outcome: (r) => r.accepted,
  },
  cancellationRate: {
    kind: "rate",
    label: "Cancellation rate",
    worse: "higher",
    outcome: (r) => r.cancelled === true,
  },
  stockoutRate: {
    kind: "rate",
    label: "Stockout rate",
    worse: "higher",
    outcome: (r) => r.stockout === true,
  },
  onTimeShipRate: {
    kind: "rate",
    label: "On-time ship rate",
    worse: "lower",
    outcome: shippedOnTime,
  },
  exceptionRate: {
    kind: "rate",
    label: "Parcel exception rate",
    worse: "higher",
    outcome: (r) => r.exception === true,
  },
  promiseKeptRate: {
    kind: "rate",
    label: "Promise kept rate",
    worse: "lower",
    outcome: deliveredInWindow,
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricName = keyof typeof METRICS;

/** All metric names, in dashboard order. */
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

/** How records can be segmented. */
export type Dimension = "supplierId" | "sku" | "channel" | "region";

const HOUR = 3_600_000;

/** A metric value as a merchant reads it: durations in hours ("26.5 h"), rates in percent ("4.2%"). */
export function formatMetricValue(metric: MetricName, value: number): string {
  if (METRICS[metric].kind === "duration") return `${(value / HOUR).toFixed(1)} h`;
  return `${(value * 100).toFixed(1)}%`;
}
