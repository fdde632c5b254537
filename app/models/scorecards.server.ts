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

/** A FulfillmentFact row as the scorecard reads it. */
export function scorecardLine(f: FulfillmentFact): ScorecardLine {
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

/** Lines of orders created since `since` (one supplier's, or every supplier's). */
export async function scorecardLines(db: PrismaClient, shop: string, since: Date, supplierId?: string): Promise<ScorecardLine[]> {
  const facts = await db.fulfillmentFact.findMany({
    where: { shop, orderCreatedAt: { gte: since }, ...(supplierId ? { supplierId } : {}) },
    orderBy: { orderCreatedAt: "desc" },
  });
  return facts.map(scorecardLine);
}

/** Writes a supplier's measured performance (routing reads it) and when it was measured. */
export async function writeSupplierMeasures(
  db: PrismaClient,
  shop: string,
  supplierId: string,
  measured: MeasuredPerformance,
  windowDays: number,
  at: Date,
): Promise<boolean> {
  const [updated] = await db.$transaction([
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
    db.supplierMeasureRun.upsert({
      where: { shop_supplierId: { shop, supplierId } },
      create: { shop, supplierId, windowDays, computedAt: at },
      update: { windowDays, computedAt: at },
    }),
  ]);
  return updated.count === 1;
}

/** When each supplier's measures were last computed. */
export async function measureRuns(db: PrismaClient, shop: string): Promise<Map<string, { windowDays: number; computedAt: Date }>> {
  const rows = await db.supplierMeasureRun.findMany({ where: { shop } });
  return new Map(rows.map((r) => [r.supplierId, { windowDays: r.windowDays, computedAt: r.computedAt }]));
}

/** Oversell incidents per supplier since `since` (shown on the scorecard beside the buffer it raises). */
export async function oversellCounts(db: PrismaClient, shop: string, since: Date): Promise<Map<string, number>> {
  const rows = await db.oversellIncident.groupBy({ by: ["supplierId"], where: { shop, occurredAt: { gte: since } }, _count: { _all: true } });
  return new Map(rows.map((r) => [r.supplierId, r._count._all]));
}
