/**
 * What the metrics refresh reads from the app's records: which purchase orders changed since a
 * watermark, and each one's order, shipments (with their parcels' delivery) and exception cases as
 * app/domain/metrics `FactSources`. Every query is scoped by shop.
 */
import type { PrismaClient, Shipment, TrackedParcel } from "@prisma/client";
import type { LadderState } from "~/domain/escalation";
import type { FactCase, FactSources, FactShipment } from "~/domain/metrics";
import type { ShipmentState } from "~/domain/tracking";

export interface ChangedPurchaseOrders {
  readonly ids: ReadonlySet<string>;
  /** The newest updatedAt seen, the next watermark (null when nothing changed). */
  readonly newest: Date | null;
}

const later = (a: Date | null, b: Date | null): Date | null => (a === null ? b : b === null || a >= b ? a : b);
const newestOf = (rows: readonly { updatedAt: Date }[]): Date | null => rows.reduce<Date | null>((m, r) => later(m, r.updatedAt), null);

/** Runs an `in` query over many ids in slices, so no statement exceeds SQLite's parameter limit. */
async function inSlices<T>(ids: readonly string[], query: (slice: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(...(await query(ids.slice(i, i + 500))));
  return out;
}

/** Purchase orders whose own row, order, shipments, parcels or exception cases changed after `since` (all when null). */
export async function changedPurchaseOrders(db: PrismaClient, shop: string, since: Date | null): Promise<ChangedPurchaseOrders> {
  if (since === null) {
    const all = await db.purchaseOrder.findMany({ where: { shop }, select: { id: true, updatedAt: true } });
    const newest = [all, await db.shipment.findMany({ where: { shop }, select: { updatedAt: true }, orderBy: { updatedAt: "desc" }, take: 1 })]
      .map(newestOf)
      .reduce(later, null);
    return { ids: new Set(all.map((p) => p.id)), newest };
  }
  const after = { updatedAt: { gt: since } };
  const [pos, shipments, parcels, cases, orders] = await Promise.all([
    db.purchaseOrder.findMany({ where: { shop, ...after }, select: { id: true, updatedAt: true } }),
    db.shipment.findMany({ where: { shop, ...after }, select: { purchaseOrderId: true, updatedAt: true } }),
    db.trackedParcel.findMany({ where: { shop, ...after }, select: { shipmentId: true, updatedAt: true } }),
    db.exceptionCase.findMany({ where: { shop, ...after }, select: { subjectId: true, updatedAt: true } }),
    db.order.findMany({ where: { shop, ...after }, select: { id: true, updatedAt: true } }),
  ]);
  const ids = new Set(pos.map((p) => p.id));
  for (const s of shipments) if (s.purchaseOrderId) ids.add(s.purchaseOrderId);
  for (const c of cases) if (c.subjectId.startsWith("po:")) ids.add(c.subjectId.slice(3));
  const shipmentIds = [
    ...new Set([...parcels.map((p) => p.shipmentId), ...cases.filter((c) => c.subjectId.startsWith("shipment:")).map((c) => c.subjectId.slice(9))]),
  ];
  const viaShipments = await inSlices(shipmentIds, (slice) => db.shipment.findMany({ where: { shop, id: { in: slice } }, select: { purchaseOrderId: true } }));
  for (const s of viaShipments) if (s.purchaseOrderId) ids.add(s.purchaseOrderId);
  const viaOrders = await inSlices(
    orders.map((o) => o.id),
    (slice) => db.purchaseOrder.findMany({ where: { shop, orderId: { in: slice } }, select: { id: true } }),
  );
  for (const p of viaOrders) ids.add(p.id);
  const newest = [pos, shipments, parcels, cases, orders].map(newestOf).reduce(later, null);
  return { ids, newest };
}

/** Purchase orders of the orders placed in [from, to). */
export async function purchaseOrdersPlacedBetween(db: PrismaClient, shop: string, from: Date, to: Date): Promise<string[]> {
  const orders = await db.order.findMany({ where: { shop, placedAt: { gte: from, lt: to } }, select: { id: true } });
  const pos = await inSlices(
    orders.map((o) => o.id),
    (slice) => db.purchaseOrder.findMany({ where: { shop, orderId: { in: slice } }, select: { id: true } }),
  );
  return pos.map((p) => p.id);
}

/** When the parcel reached the delivered stage, from its folded carrier-event state. */
function parcelDeliveredAt(parcel: TrackedParcel): number | null {
  const state = JSON.parse(parcel.state) as Pick<ShipmentState, "progress" | "progressAtMs">;
  return state.progress === "delivered" ? state.progressAtMs : null;
}

function factShipment(s: Shipment & { parcels: TrackedParcel[] }): FactShipment {
  const delivered = s.parcels.map(parcelDeliveredAt);
  const allDelivered = delivered.length > 0 && delivered.every((d) => d !== null);
  return {
    id: s.id,
    skus: (JSON.parse(s.lines) as { sku?: string | null }[]).map((l) => l.sku ?? "").filter(Boolean),
    labelCreatedAtMs: s.labelCreatedAt.getTime(),
    syncedAtMs: s.syncedAt?.getTime() ?? null,
    deliveredAtMs: allDelivered ? Math.max(...(delivered as number[])) : null,
    promisedLatest: s.promisedLatest,
    promiseTimeZone: s.promiseTimeZone,
  };
}

const rejectionReason = (json: string | null): string | null => (json ? ((JSON.parse(json) as { reason?: string }).reason ?? null) : null);
const stockoutLadder = (json: string | null): boolean => (json ? (JSON.parse(json) as LadderState).phase === "stockout" : false);

/** Everything the facts of these purchase orders are built from (purchase orders of other shops are not found). */
export async function loadFactSources(db: PrismaClient, shop: string, poIds: readonly string[], timeZone: string): Promise<FactSources[]> {
  const pos = await db.purchaseOrder.findMany({ where: { shop, id: { in: [...poIds] } } });
  const [orders, shipments] = await Promise.all([
    db.order.findMany({ where: { shop, id: { in: [...new Set(pos.map((p) => p.orderId))] } } }),
    db.shipment.findMany({ where: { shop, purchaseOrderId: { in: pos.map((p) => p.id) } }, include: { parcels: true } }),
  ]);
  const subjects = [...pos.map((p) => `po:${p.id}`), ...shipments.map((s) => `shipment:${s.id}`)];
  const cases = await db.exceptionCase.findMany({ where: { shop, subjectId: { in: subjects } }, select: { subjectId: true, type: true } });
  const orderById = new Map(orders.map((o) => [o.id, o]));
  const sources: FactSources[] = [];
  for (const po of pos) {
    const order = orderById.get(po.orderId);
    // A purchase order without its order (redacted shop data) has no creation instant to count from.
    if (!order) continue;
    const own = shipments.filter((s) => s.purchaseOrderId === po.id);
    const ownIds = new Set(own.map((s) => s.id));
    const factCases: FactCase[] = cases
      .filter((c) => c.subjectId === `po:${po.id}` || ownIds.has(c.subjectId.slice(9)))
      .map((c) => ({ type: c.type, shipmentId: c.subjectId.startsWith("shipment:") ? c.subjectId.slice(9) : null }));
    sources.push({
      timeZone,
      order: {
        id: order.id,
        name: order.name,
        channel: order.channel,
        countryCode: order.countryCode,
        provinceCode: order.provinceCode,
        placedAtMs: order.placedAt.getTime(),
        cancelledAtMs: order.cancelledAt?.getTime() ?? null,
        cancelReason: order.cancelReason,
      },
      purchaseOrder: {
        id: po.id,
        supplierId: po.supplierId,
        status: po.status,
        lines: JSON.parse(po.lines) as FactSources["purchaseOrder"]["lines"],
        shipByMs: po.shipBy.getTime(),
        committedShipAtMs: po.committedShipAt?.getTime() ?? null,
        acknowledgedAtMs: po.acknowledgedAt?.getTime() ?? null,
        rejectionReason: rejectionReason(po.rejection),
        stockoutReported: stockoutLadder(po.ladder) || factCases.some((c) => c.type === "stockout_after_accept"),
      },
      shipments: own.map(factShipment),
      cases: factCases,
    });
  }
  return sources;
}
