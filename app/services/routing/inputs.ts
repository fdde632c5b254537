import { toMinorUnits } from "~/domain/money";
import { destinationTimeZone, type DestinationZones, type SupplierPromiseData } from "~/domain/promise";
import { DESTINATION_ZONES } from "~/domain/promise/destination-zones";
import { NEUTRAL_PERFORMANCE, type RoutingRequest, type ScopedLine, type Supplier, type SupplierOffer } from "~/domain/routing";
import { supplierCalendar, type SupplierRecord } from "~/models/suppliers.server";
import { serviceLevelOf } from "~/models/orders.server";
import type { OrderForRouting } from "~/shopify/order-for-routing";

export interface OfferRow {
  readonly supplierId: string;
  readonly variantId: string;
  readonly supplierSku: string;
  readonly unitCostMinor: number;
  readonly stockOnHand: number;
  readonly stockUpdatedAt: Date;
  /** Publishable quantity from `~/models/buffer.server` (the same numbers stock publishing uses). */
  readonly bufferedAvailable?: number | null;
}

/** A stored supplier as the routing engine sees it. */
export function engineSupplier(s: SupplierRecord): Supplier {
  const measured = s.sampleSize !== null && s.sampleSize > 0;
  return {
    id: s.id,
    name: s.name,
    status: s.status,
    calendar: supplierCalendar(s),
    serviceTier: { tier: s.serviceTier, handling: { min: s.handlingMinDays, max: s.handlingMaxDays } },
    coverage: s.coverage.map((c) => ({
      countryCode: c.countryCode,
      ...(c.provinceCode ? { provinceCode: c.provinceCode } : {}),
      transit: { min: c.transitMin, max: c.transitMax },
    })),
    costs: {
      dropshipFee: s.dropshipFeeMinor,
      shippingCostByRegion: s.coverage.map((c) => ({ countryCode: c.countryCode, provinceCode: c.provinceCode ?? null, cost: c.shippingCostMinor })),
    },
    feedCadenceMs: s.feedCadenceMinutes * 60_000,
    performance: measured
      ? {
          acceptanceRate: s.acceptanceRate ?? NEUTRAL_PERFORMANCE.acceptanceRate,
          cancellationRate: s.cancellationRate ?? NEUTRAL_PERFORMANCE.cancellationRate,
          defectRate: s.defectRate ?? NEUTRAL_PERFORMANCE.defectRate,
          onTimeShipRate: s.onTimeShipRate ?? NEUTRAL_PERFORMANCE.onTimeShipRate,
          trackingLatencyHours: s.trackingLatencyHours ?? NEUTRAL_PERFORMANCE.trackingLatencyHours,
          sampleSize: s.sampleSize ?? 0,
        }
      : NEUTRAL_PERFORMANCE,
  };
}

/** A stored offer as the routing engine sees it. */
export function engineOffer(o: OfferRow): SupplierOffer {
  return {
    supplierId: o.supplierId,
    variantId: o.variantId,
    supplierSku: o.supplierSku,
    unitCost: o.unitCostMinor,
    stockOnHand: o.stockOnHand,
    stockUpdatedAtMs: o.stockUpdatedAt.getTime(),
    ...(o.bufferedAvailable != null ? { bufferedAvailable: o.bufferedAvailable } : {}),
  };
}

/**
 * The routing request for the part of an order still waiting at the merchant's own locations:
 * one line per order line item with the units left to place (lines already at a supplier are
 * not routed again). `scopes` (product and collections per variant) is what product and collection
 * policies match on; a variant missing from it matches only region and channel rules.
 */
export function routingRequest(
  order: OrderForRouting,
  pendingFulfillmentOrderIds: ReadonlySet<string>,
  suppliers: readonly SupplierRecord[],
  offers: readonly OfferRow[],
  nowMs: number,
  scopes: ReadonlyMap<string, ScopedLine> = new Map(),
): RoutingRequest {
  const prices = new Map(order.lineItems.nodes.map((l) => [l.id, toMinorUnits(l.originalUnitPriceSet.shopMoney.amount)]));
  const pending = new Map<string, { variantId: string; quantity: number; title: string }>();
  for (const fo of order.fulfillmentOrders.nodes) {
    if (!pendingFulfillmentOrderIds.has(fo.id)) continue;
    for (const line of fo.lineItems.nodes) {
      if (!line.variant || line.remainingQuantity === 0) continue;
      const prev = pending.get(line.lineItem.id);
      pending.set(line.lineItem.id, {
        variantId: line.variant.id,
        quantity: (prev?.quantity ?? 0) + line.remainingQuantity,
        title: line.lineItem.title,
      });
    }
  }
  const countryCode = order.shippingAddress?.countryCodeV2 ?? order.fulfillmentOrders.nodes[0]?.destination?.countryCode ?? "";
  return {
    order: {
      id: order.id,
      lines: [...pending.entries()].map(([lineId, l]) => ({
        lineId,
        variantId: l.variantId,
        quantity: l.quantity,
        unitPrice: prices.get(lineId) ?? 0,
        title: l.title,
        ...scopes.get(l.variantId),
      })),
      destination: { countryCode, ...(order.shippingAddress?.provinceCode ? { provinceCode: order.shippingAddress.provinceCode } : {}) },
      channel: order.sourceName ?? "web",
      serviceLevel: serviceLevelOf(order.shippingLines.nodes.map((s) => s.title)),
      basketValue: toMinorUnits(order.totalPriceSet.shopMoney.amount),
      currencyCode: order.currencyCode,
      nowMs,
    },
    suppliers: suppliers.map(engineSupplier),
    offers: offers.map(engineOffer),
  };
}

/**
 * The request with each supplier's published promise data and the shop's carrier holidays, so
 * routing's meets-the-promise check computes the window checkout shows (`routingLeg`).
 */
export function withPublishedPromises(
  request: RoutingRequest,
  published: ReadonlyMap<string, SupplierPromiseData>,
  carrierHolidays: readonly string[],
  destinationRules: DestinationRules = {},
): RoutingRequest {
  // The destination's own carrier holidays and zone, by the rule checkout reads from `$app.calendar`.
  const country = request.order.destination.countryCode.trim().toUpperCase();
  const own = destinationRules.carrierHolidaysByCountry?.[country];
  const holidays = own && own.length > 0 ? [...new Set([...carrierHolidays, ...own])].sort() : carrierHolidays;
  const zone = destinationTimeZone(request.order.destination, destinationRules.zones ?? DESTINATION_ZONES);
  return {
    ...request,
    order: zone ? { ...request.order, destinationTimeZone: zone } : request.order,
    suppliers: request.suppliers.map((s) => {
      const data = published.get(s.id);
      return { ...s, carrierHolidays: holidays, ...(data ? { published: data } : {}) };
    }),
  };
}

/** Per-destination rules routing applies as checkout does: a country's own carrier holidays, destination zones. */
export interface DestinationRules {
  readonly carrierHolidaysByCountry?: Readonly<Record<string, readonly string[]>>;
  /** Default: the full table (`DESTINATION_ZONES`), of which the published calendar carries the shop's part. */
  readonly zones?: DestinationZones;
}
