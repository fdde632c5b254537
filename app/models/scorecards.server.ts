/**
 * Scorecard reads and writes, scoped by shop: the settings, the purchase-order lines a scorecard
 * reads (FulfillmentFact, filled by the metrics refresh), and the measured performance written
 * back onto Supplier for routing.
 */
import type { FulfillmentFact, PrismaClient } from "@prisma/client";
import { resolveScorecardSettings, type MeasuredPerformance, type ScorecardLine, type ScorecardSettings } from "~/domain/scorecard";

/** The shop's scorecard settings (the defaults for any field not stored, or stored and no longer valid). */
export async function loadScorecardSettings(db: PrismaClient, shop: string): Promise<ScorecardSettings> {
  const row = await db.scorecardSettings.findUnique({ where: { shop } });
  return resolveScorecardSettings(row ? (JSON.parse(row.settings) as unknown) : null);
}

/** Stores validated settings. */
export async function saveScorecardSettings(db: PrismaClient, shop: string, settings: ScorecardSettings): Promise<void> {
  const json = JSON.stringify(settings);
  await db.scorecardSettings.upsert({ where: { shop }, create: { shop, settings: json }, update: { settings: json } });
}

/** The columns a scorecard reads. */
const LINE_COLUMNS = {
  purchaseOrderId: true,
  lineKey: true,
  orderId: true,
  orderName: true,
  supplierId: true,
  sku: true,
  orderCreatedAt: true,
  promisedShipBy: true,
  shippedAt: true,
  trackingUploadedAt: true,
  accepted: true,
  cancelled: true,
  cancelReason: true,
  stockout: true,
  exception: true,
} as const satisfies Partial<Record<keyof FulfillmentFact, true>>;

type LineColumns = Pick<FulfillmentFact, keyof typeof LINE_COLUMNS>;

/** A FulfillmentFact row as the scorecard reads it. */
export function scorecardLine(f: LineColumns): ScorecardLine {
  return {
    purchaseOrderId: f.purchaseOrderId,
    lineKey: f.lineKey,
    orderId: f.orderId,
    orderName: f.orderName,
    supplierId: f.supplierId,
    sku: f.sku,
    orderCreatedAtMs: f.orderCreatedAt.getTime(),
    promisedShipByMs: f.promisedShipBy?.getTime() ?? null,
    shippedAtMs: f.shippedAt?.getTime() ?? null,
    trackingUploadedAtMs: f.trackingUploadedAt?.getTime() ?? null,
    accepted: f.accepted,
    cancelled: f.cancelled,
    cancelReason: f.cancelReason,
    stockout: f.stockout,
    exception: f.exception,
  };
}

const DAY_MS = 86_400_000;

/**
 * Lines of orders created since `since` (one supplier's, or every supplier's). `day` (the order's
 * day in the shop's zone, indexed) narrows the scan first; a day either side covers any zone.
 */
export async function scorecardLines(db: PrismaClient, shop: string, since: Date, supplierId?: string): Promise<ScorecardLine[]> {
  const fromDay = new Date(since.getTime() - DAY_MS).toISOString().slice(0, 10);
  const facts = await db.fulfillmentFact.findMany({
    where: { shop, day: { gte: fromDay }, orderCreatedAt: { gte: since }, ...(supplierId ? { supplierId } : {}) },
    select: LINE_COLUMNS,
  });
  return facts.map(scorecardLine);
}

/** Purchase-order numbers by id (for the lines a page lists; asked in chunks under SQLite's variable limit). */
export async function purchaseOrderNumbers(db: PrismaClient, shop: string, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db.purchaseOrder.findMany({ where: { shop, id: { in: unique.slice(i, i + 500) } }, select: { id: true, number: true } });
    for (const r of rows) out.set(r.id, r.number);
  }
  return out;
}

/**
 * Writes what one supplier-measures run computed for a supplier: its measured performance onto
 * Supplier (routing reads it) and its scorecard snapshot (the scorecards page reads it), together.
 */
export async function writeSupplierScorecard(
  db: PrismaClient,
  shop: string,
  supplierId: string,
  run: { readonly measured: MeasuredPerformance; readonly summary: unknown; readonly windowDays: number; readonly at: Date },
): Promise<void> {
  const { measured, windowDays, at } = run;
  const summary = JSON.stringify(run.summary);
  await db.$transaction([
    db.supplier.updateMany({
      where: { shop, id: supplierId },
      data: {
        acceptanceRate: measured.acceptanceRate,
        cancellationRate: measured.cancellationRate,
        defectRate: measured.defectRate,
        onTimeShipRate: measured.onTimeShipRate,
        trackingLatencyHours: measured.trackingLatencyHours,
        sampleSize: measured.sampleSize,
      },
    }),
    db.supplierScorecardSnapshot.upsert({
      where: { shop_supplierId: { shop, supplierId } },
      create: { shop, supplierId, windowDays, computedAt: at, summary },
      update: { windowDays, computedAt: at, summary },
    }),
  ]);
}

export interface StoredSnapshot {
  readonly windowDays: number;
  readonly computedAt: Date;
  /** The JSON the run stored (the service that wrote it reads it back). */
  readonly summary: unknown;
}

/** The last run's snapshot per supplier. */
export async function scorecardSnapshots(db: PrismaClient, shop: string, supplierId?: string): Promise<Map<string, StoredSnapshot>> {
  const rows = await db.supplierScorecardSnapshot.findMany({ where: { shop, ...(supplierId ? { supplierId } : {}) } });
  return new Map(rows.map((r) => [r.supplierId, { windowDays: r.windowDays, computedAt: r.computedAt, summary: JSON.parse(r.summary) as unknown }]));
}

/** Oversell incidents per supplier since `since` (shown on the scorecard beside the buffer it raises). */
export async function oversellCounts(db: PrismaClient, shop: string, since: Date): Promise<Map<string, number>> {
  const rows = await db.oversellIncident.groupBy({ by: ["supplierId"], where: { shop, occurredAt: { gte: since } }, _count: { _all: true } });
  return new Map(rows.map((r) => [r.supplierId, r._count._all]));
}
