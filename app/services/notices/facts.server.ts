/**
 * What the delay detection reads about an order, gathered from our records: the promise each
 * supplier's part was routed with, the supplier's calendar and what its shipments taught the
 * promise (handling per supplier, transit per lane, as the promise publisher learns them), the
 * ship date it committed to, and where its parcels are.
 */
import { legFromPromiseData, localDateTime, toSupplierPromiseData, type PromiseLeg } from "~/domain/promise";
import { handlingDaysFromHistory, transitDaysByCoverage } from "~/domain/promise/history";
import { carrierHolidaysByDestination, learnFromShipments, shipmentMilestones } from "~/domain/promise/observations";
import type { DeliveryFacts, ParcelFacts } from "~/domain/notices";
import type { ShipmentState, TrackingStage } from "~/domain/tracking";
import { recentShipmentObservations } from "~/models/delivery-history.server";
import { loadCarrierHolidays, loadCarrierHolidaysByCountry } from "~/models/promise.server";
import { latestDecision } from "~/models/routing.server";
import { NOT_SHIPPING } from "~/models/shipments.server";
import { listSuppliers } from "~/models/suppliers.server";
import { engineSupplier } from "~/services/routing/inputs";
import type { JobServices } from "~/services/deps";

/** One supplier's part of the order, with what detection needs. */
export interface OrderPart {
  readonly supplierId: string;
  readonly purchaseOrderId: string | null;
  /** One entry per live shipment of the part; a part not shipped yet has one entry without a parcel. */
  readonly facts: readonly DeliveryFacts[];
}

export interface OrderFacts {
  readonly orderId: string;
  readonly orderName: string;
  readonly email: string | null;
  readonly parts: readonly OrderPart[];
}

const LIVE_PO = ["sent", "accepted", "cancellation_requested", "shipped", "awaiting_review"];

function parcelFacts(stage: string, parcels: readonly { state: string }[], lastScanAt: Date | null, estimate: string | null): ParcelFacts {
  const states = parcels.flatMap((p) => {
    try {
      return [JSON.parse(p.state) as ShipmentState];
    } catch {
      return [];
    }
  });
  const { handedOverMs } = shipmentMilestones(states.map((s) => ({ events: s.events.map((e) => ({ stage: e.stage ?? null, happenedAtMs: e.happenedAtMs })) })));
  return { stage: stage as TrackingStage, handedOverAtMs: handedOverMs, lastScanAtMs: lastScanAt?.getTime() ?? null, carrierEstimate: estimate };
}

/**
 * The supplier's committed ship date: a date the supplier typed is stored as midnight UTC (the
 * portal's and API's convention) and is that date; any other instant is read in its own zone.
 */
function committedDate(at: Date, timeZone: string): string {
  const iso = at.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : localDateTime(at.getTime(), timeZone).date;
}

/** The order's parts as detection reads them; null when the order is unknown, cancelled or not routed. */
export async function loadOrderFacts(services: JobServices, shop: string, orderId: string): Promise<OrderFacts | null> {
  const { db } = services;
  const order = await db.order.findFirst({ where: { shop, id: orderId } });
  if (!order || order.cancelledAt || order.redactedAt) return null;
  const decision = await latestDecision(db, shop, orderId);
  const assignments = decision?.decision.assignments ?? [];
  if (assignments.length === 0) return null;
  const [suppliers, everywhere, byCountry, history, pos, shipments] = await Promise.all([
    listSuppliers(db, shop),
    loadCarrierHolidays(db, shop),
    loadCarrierHolidaysByCountry(db, shop),
    recentShipmentObservations(db, shop),
    db.purchaseOrder.findMany({ where: { shop, orderId, status: { in: LIVE_PO } } }),
    db.shipment.findMany({ where: { shop, orderId, syncStatus: { notIn: [...NOT_SHIPPING] } }, include: { parcels: { select: { state: true } } } }),
  ]);
  const engine = new Map(suppliers.map((s) => [s.id, engineSupplier(s)]));
  const holidaysTo = carrierHolidaysByDestination(everywhere, byCountry);
  const learned = learnFromShipments(history, new Map([...engine.values()].map((s) => [s.id, s.calendar])), holidaysTo);
  const destination = { countryCode: order.countryCode ?? "", provinceCode: order.provinceCode };
  // As routing computed the promise: the destination country's carrier holidays, its zone.
  const holidays = holidaysTo(destination.countryCode || null);
  const zone = decision?.request.order.destinationTimeZone;
  const parts: OrderPart[] = [];
  for (const a of assignments) {
    const supplier = engine.get(a.supplierId);
    if (!supplier) continue;
    // The leg exactly as checkout and routing compute it: the same packing, the same learned distributions.
    const data = toSupplierPromiseData(supplier.calendar, supplier.serviceTier.handling, supplier.coverage, supplier.id, {
      handling: handlingDaysFromHistory(learned.handling.get(supplier.id) ?? []),
      transit: transitDaysByCoverage(supplier.coverage, learned.transit.get(supplier.id) ?? []),
    });
    const leg: PromiseLeg | null = legFromPromiseData(data, destination, holidays, zone);
    if (!leg) continue;
    const po = pos.find((p) => p.supplierId === a.supplierId) ?? null;
    const committedShipDate = po?.committedShipAt ? committedDate(po.committedShipAt, supplier.calendar.timeZone) : null;
    const base = { promised: { earliest: a.promise.earliest, latest: a.promise.latest }, orderedAtMs: order.placedAt.getTime(), leg, committedShipDate };
    const own = shipments.filter((s) => (po && s.purchaseOrderId === po.id) || s.supplierId === a.supplierId);
    const facts: DeliveryFacts[] =
      own.length === 0
        ? [{ ...base, parcel: null }]
        : own.map((s) => ({ ...base, parcel: parcelFacts(s.stage, s.parcels, s.lastScanAt, s.estimatedDeliveryAt) }));
    parts.push({ supplierId: a.supplierId, purchaseOrderId: po?.id ?? null, facts });
  }
  return { orderId, orderName: order.name, email: order.email, parts };
}
