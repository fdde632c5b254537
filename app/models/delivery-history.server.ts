/**
 * The delivery history the promise learns from: recent shipments of this shop with their order's
 * placement time and destination and their parcels' carrier events. Scoped by shop.
 */
import type { PrismaClient } from "@prisma/client";
import type { ShipmentObservation } from "~/domain/promise/observations";
import type { ShipmentState } from "~/domain/tracking";

/** Shipments looked at per publish: enough for 200 samples per busy lane, bounded for big shops. */
export const HISTORY_SHIPMENTS = 5000;

/** The shop's most recent supplier shipments (newest first), with order time, destination and events. */
export async function recentShipmentObservations(db: PrismaClient, shop: string, take = HISTORY_SHIPMENTS): Promise<ShipmentObservation[]> {
  const shipments = await db.shipment.findMany({
    where: { shop, supplierId: { not: null } },
    orderBy: { labelCreatedAt: "desc" },
    take,
    select: { orderId: true, supplierId: true, promisedEarliest: true, promisedLatest: true, promiseTimeZone: true, parcels: { select: { state: true } } },
  });
  const orderIds = [...new Set(shipments.map((s) => s.orderId))];
  const orders = await db.order.findMany({
    where: { shop, id: { in: orderIds } },
    select: { id: true, placedAt: true, countryCode: true, provinceCode: true, serviceLevel: true },
  });
  const byId = new Map(orders.map((o) => [o.id, o]));
  return shipments.flatMap((s): ShipmentObservation[] => {
    const order = byId.get(s.orderId);
    if (!order || !s.supplierId) return [];
    return [
      {
        supplierId: s.supplierId,
        orderedAtMs: order.placedAt.getTime(),
        countryCode: order.countryCode,
        provinceCode: order.provinceCode,
        parcels: s.parcels.map((p) => ({ events: parcelEvents(p.state) })),
        promisedEarliest: s.promisedEarliest,
        promisedLatest: s.promisedLatest,
        promiseTimeZone: s.promiseTimeZone,
        serviceLevel: order.serviceLevel,
      },
    ];
  });
}

// A parcel whose stored state cannot be read teaches nothing, but must not stop every variant's
// promise from publishing: it is reported and left out.
function parcelEvents(state: string): ShipmentObservation["parcels"][number]["events"] {
  try {
    const parsed = JSON.parse(state) as Partial<ShipmentState>;
    return Array.isArray(parsed.events) ? parsed.events.map((e) => ({ stage: e.stage ?? null, happenedAtMs: e.happenedAtMs })) : [];
  } catch (error) {
    console.warn("[promise] unreadable parcel state left out of the delivery history", error);
    return [];
  }
}
