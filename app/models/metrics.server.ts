/**
 * The metrics tables: FulfillmentFact (one purchase-order SKU), MetricDay (a day's rollup per
 * metric and segment) and MetricsState (where the refresh got to). Every query is scoped by shop.
 */
import { Prisma, type FulfillmentFact, type MetricDay, type PrismaClient } from "@prisma/client";
import { parseHistogram, type FulfillmentFactRow, type FulfillmentRecord, type MetricDayRow, type RollupDimension, type RollupMetric } from "~/domain/metrics";

const toDate = (ms: number | undefined): Date | null => (ms === undefined ? null : new Date(ms));
const toMs = (d: Date | null): number | undefined => (d === null ? undefined : d.getTime());

function factData(shop: string, f: FulfillmentFactRow) {
  return {
    shop,
    purchaseOrderId: f.purchaseOrderId,
    lineKey: f.lineKey,
    orderId: f.orderId,
    orderName: f.orderName,
    supplierId: f.supplierId,
    sku: f.sku,
    channel: f.channel,
    region: f.region,
    day: f.day,
    orderCreatedAt: new Date(f.orderCreatedAt),
    acknowledgedAt: toDate(f.acknowledgedAt),
    confirmedAt: toDate(f.confirmedAt),
    shippedAt: toDate(f.shippedAt),
    trackingUploadedAt: toDate(f.trackingUploadedAt),
    deliveredAt: toDate(f.deliveredAt),
    promisedShipBy: toDate(f.promisedShipBy),
    promisedDeliveryBy: toDate(f.promisedDeliveryBy),
    accepted: f.accepted ?? null,
    cancelled: f.cancelled ?? false,
    cancelReason: f.cancelReason ?? null,
    stockout: f.stockout ?? false,
    exception: f.exception ?? false,
  };
}

/** The columns the metric definitions read. */
const RECORD_COLUMNS = {
  orderId: true,
  supplierId: true,
  sku: true,
  channel: true,
  region: true,
  orderCreatedAt: true,
  acknowledgedAt: true,
  confirmedAt: true,
  shippedAt: true,
  trackingUploadedAt: true,
  deliveredAt: true,
  promisedShipBy: true,
  promisedDeliveryBy: true,
  accepted: true,
  cancelled: true,
  stockout: true,
  exception: true,
} as const satisfies Prisma.FulfillmentFactSelect;

/** A stored fact as the metric definitions read it. */
export function toRecord(f: Prisma.FulfillmentFactGetPayload<{ select: typeof RECORD_COLUMNS }>): FulfillmentRecord {
  return {
    orderId: f.orderId,
    supplierId: f.supplierId,
    sku: f.sku,
    channel: f.channel,
    region: f.region,
    orderCreatedAt: f.orderCreatedAt.getTime(),
    acknowledgedAt: toMs(f.acknowledgedAt),
    confirmedAt: toMs(f.confirmedAt),
    shippedAt: toMs(f.shippedAt),
    trackingUploadedAt: toMs(f.trackingUploadedAt),
    deliveredAt: toMs(f.deliveredAt),
    promisedShipBy: toMs(f.promisedShipBy),
    promisedDeliveryBy: toMs(f.promisedDeliveryBy),
    ...(f.accepted === null ? {} : { accepted: f.accepted }),
    cancelled: f.cancelled,
    stockout: f.stockout,
    exception: f.exception,
  };
}

const factKey = (f: { purchaseOrderId: string; lineKey: string }) => `${f.purchaseOrderId}\u0000${f.lineKey}`;
const sameFact = (a: ReturnType<typeof factData>, b: FulfillmentFact): boolean =>
  Object.entries(a).every(([field, value]) => {
    const stored = b[field as keyof FulfillmentFact];
    return value instanceof Date && stored instanceof Date ? value.getTime() === stored.getTime() : value === stored;
  });

/**
 * Replaces the facts of these purchase orders with `facts` (a SKU no longer on a purchase order
 * loses its fact). Purchase orders whose facts are unchanged are left alone; returns the days whose
 * rollup changed (the old days and the new of every purchase order that did change).
 */
export async function replaceFacts(db: PrismaClient, shop: string, poIds: readonly string[], facts: readonly FulfillmentFactRow[]): Promise<Set<string>> {
  const old = await db.fulfillmentFact.findMany({ where: { shop, purchaseOrderId: { in: [...poIds] } } });
  const oldByKey = new Map(old.map((f) => [factKey(f), f]));
  const next = facts.map((f) => factData(shop, f));
  const changed = new Set<string>();
  for (const f of next) {
    const stored = oldByKey.get(factKey(f));
    if (!stored || !sameFact(f, stored)) changed.add(f.purchaseOrderId);
  }
  const kept = new Set(next.map(factKey));
  for (const f of old) if (!kept.has(factKey(f))) changed.add(f.purchaseOrderId);
  if (changed.size === 0) return new Set();
  const days = new Set([...old, ...next].filter((f) => changed.has(f.purchaseOrderId)).map((f) => f.day));
  await db.$transaction([
    db.fulfillmentFact.deleteMany({ where: { shop, purchaseOrderId: { in: [...changed] } } }),
    db.fulfillmentFact.createMany({ data: next.filter((f) => changed.has(f.purchaseOrderId)) }),
  ]);
  return days;
}

/** The facts of one day (the day their order was created). */
export async function factsOfDay(db: PrismaClient, shop: string, day: string): Promise<FulfillmentRecord[]> {
  return (await db.fulfillmentFact.findMany({ where: { shop, day }, select: RECORD_COLUMNS })).map(toRecord);
}

/** Days holding a fact whose ship-by or delivery promise fell due in (from, to] and is not yet met. */
export async function daysWithPromisesDue(db: PrismaClient, shop: string, from: Date, to: Date): Promise<Set<string>> {
  const [ship, delivery] = await Promise.all([
    db.fulfillmentFact.findMany({ where: { shop, shippedAt: null, promisedShipBy: { gt: from, lte: to } }, select: { day: true }, distinct: ["day"] }),
    db.fulfillmentFact.findMany({ where: { shop, deliveredAt: null, promisedDeliveryBy: { gt: from, lte: to } }, select: { day: true }, distinct: ["day"] }),
  ]);
  return new Set([...ship, ...delivery].map((f) => f.day));
}

/** Every day that has facts. */
export async function allFactDays(db: PrismaClient, shop: string): Promise<string[]> {
  return (await db.fulfillmentFact.findMany({ where: { shop }, select: { day: true }, distinct: ["day"] })).map((f) => f.day);
}

const INSERT_CHUNK = 500;

/**
 * Replaces one day's rollup rows. Written as multi-row INSERTs: a busy day has thousands of rows
 * (metrics × suppliers, SKUs, channels, regions) and createMany's per-row cost dominated the rollup.
 */
export async function replaceMetricDay(db: PrismaClient, shop: string, day: string, rows: readonly MetricDayRow[]): Promise<void> {
  const updatedAt = new Date();
  const inserts = [];
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const values = rows
      .slice(i, i + INSERT_CHUNK)
      .map(
        (r) =>
          Prisma.sql`(${shop}, ${day}, ${r.metric}, ${r.dimension}, ${r.segment}, ${r.n}, ${r.numerator}, ${r.sumMs}, ${JSON.stringify(r.histogram)}, ${r.value}, ${r.p90}, ${updatedAt})`,
      );
    inserts.push(
      db.$executeRaw`INSERT INTO "MetricDay" ("shop", "day", "metric", "dimension", "segment", "n", "numerator", "sumMs", "histogram", "value", "p90", "updatedAt") VALUES ${Prisma.join(values)}`,
    );
  }
  await db.$transaction([db.metricDay.deleteMany({ where: { shop, day } }), ...inserts]);
}

/** The columns a day row is read back with (not the shop or updatedAt). */
const DAY_COLUMNS = {
  day: true,
  metric: true,
  dimension: true,
  segment: true,
  n: true,
  numerator: true,
  sumMs: true,
  histogram: true,
  value: true,
  p90: true,
} as const satisfies Prisma.MetricDaySelect;

/** A stored day row as the domain reads it. */
export function toMetricDayRow(row: Pick<MetricDay, keyof typeof DAY_COLUMNS>): MetricDayRow {
  return {
    day: row.day,
    metric: row.metric as RollupMetric,
    dimension: row.dimension as RollupDimension,
    segment: row.segment,
    n: row.n,
    numerator: row.numerator,
    sumMs: row.sumMs,
    histogram: parseHistogram(row.histogram),
    value: row.value,
    p90: row.p90,
  };
}

/** Day rows of some metrics for one dimension over [fromDay, toDay]. */
export async function metricDays(
  db: PrismaClient,
  shop: string,
  query: { metrics: readonly RollupMetric[]; dimension: RollupDimension; fromDay: string; toDay: string },
): Promise<MetricDayRow[]> {
  const rows = await db.metricDay.findMany({
    where: { shop, metric: { in: [...query.metrics] }, dimension: query.dimension, day: { gte: query.fromDay, lte: query.toDay } },
    orderBy: [{ day: "asc" }, { segment: "asc" }],
    select: DAY_COLUMNS,
  });
  return rows.map(toMetricDayRow);
}

export interface SegmentTotal {
  readonly metric: RollupMetric;
  readonly segment: string;
  readonly n: number;
  readonly numerator: number;
  readonly sumMs: number;
}

/**
 * Each segment's totals over [fromDay, toDay], summed by the database: a period by SKU spans
 * days × metrics × SKUs rows, too many to carry to the page one by one.
 */
export async function segmentTotals(
  db: PrismaClient,
  shop: string,
  query: { metrics: readonly RollupMetric[]; dimension: RollupDimension; fromDay: string; toDay: string },
): Promise<SegmentTotal[]> {
  const rows = await db.$queryRaw<{ metric: string; segment: string; n: bigint | number; numerator: bigint | number; sumMs: number | null }[]>`
    SELECT "metric", "segment", SUM("n") AS "n", SUM("numerator") AS "numerator", SUM("sumMs") AS "sumMs" FROM "MetricDay"
    WHERE "shop" = ${shop} AND "metric" IN (${Prisma.join([...query.metrics])}) AND "dimension" = ${query.dimension}
      AND "day" >= ${query.fromDay} AND "day" <= ${query.toDay}
    GROUP BY "metric", "segment"`;
  return rows.map((r) => ({
    metric: r.metric as RollupMetric,
    segment: r.segment,
    n: Number(r.n),
    numerator: Number(r.numerator),
    sumMs: Number(r.sumMs ?? 0),
  }));
}

/** Day rows of one metric for some segments of a dimension over [fromDay, toDay]. */
export async function segmentDays(
  db: PrismaClient,
  shop: string,
  query: { metric: RollupMetric; dimension: RollupDimension; segments: readonly string[]; fromDay: string; toDay: string },
): Promise<MetricDayRow[]> {
  const rows = await db.metricDay.findMany({
    where: { shop, metric: query.metric, dimension: query.dimension, segment: { in: [...query.segments] }, day: { gte: query.fromDay, lte: query.toDay } },
    select: DAY_COLUMNS,
  });
  return rows.map(toMetricDayRow);
}

export interface MetricsStateRow {
  readonly watermark: Date | null;
  readonly lastRunAt: Date | null;
  readonly lastFullDay: string | null;
}

export async function metricsState(db: PrismaClient, shop: string): Promise<MetricsStateRow> {
  const row = await db.metricsState.findUnique({ where: { shop } });
  return { watermark: row?.watermark ?? null, lastRunAt: row?.lastRunAt ?? null, lastFullDay: row?.lastFullDay ?? null };
}

export async function saveMetricsState(db: PrismaClient, shop: string, state: Partial<MetricsStateRow>): Promise<void> {
  await db.metricsState.upsert({ where: { shop }, create: { shop, ...state }, update: state });
}
