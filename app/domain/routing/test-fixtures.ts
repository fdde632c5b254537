/**
 * Builders for routing tests: a supplier, an offer, an order and a policy with sensible
 * defaults, each overridable. Tuesday 2026-11-24 14:00 UTC is "now".
 */
import { parseRoutingPolicy, type RoutingPolicy, type RoutingPolicyInput } from "./policy";
import type { OrderLine, RoutingInput, RoutingOrder, Supplier, SupplierOffer } from "./types";

export const HOUR = 3_600_000;
/** Tuesday 2026-11-24 14:00 UTC. */
export const NOW = Date.UTC(2026, 10, 24, 14, 0);

export const MUG = "gid://shopify/ProductVariant/1001";
export const LAMP = "gid://shopify/ProductVariant/1002";
export const RUG = "gid://shopify/ProductVariant/1003";

/** An active next-day supplier in UTC shipping to the whole US in 2–3 days. */
export function makeSupplier(id: string, overrides: Partial<Supplier> = {}): Supplier {
  return {
    id,
    name: id.charAt(0).toUpperCase() + id.slice(1),
    status: "active",
    calendar: { timeZone: "UTC", cutoff: "17:00", holidays: [] },
    serviceTier: { tier: "next_day", handling: { min: 1, max: 1 } },
    coverage: [{ countryCode: "US", transit: { min: 2, max: 3 } }],
    costs: { dropshipFee: 200, shippingCostByRegion: [{ countryCode: "US", cost: 500 }] },
    feedCadenceMs: HOUR,
    performance: {
      acceptanceRate: 0.97,
      cancellationRate: 0.02,
      defectRate: 0.01,
      onTimeShipRate: 0.95,
      trackingLatencyHours: 12,
      sampleSize: 200,
    },
    ...overrides,
  };
}

/** 50 fresh units at 2 400 minor units each. */
export function makeOffer(supplierId: string, variantId: string, overrides: Partial<SupplierOffer> = {}): SupplierOffer {
  return {
    supplierId,
    variantId,
    supplierSku: `${supplierId}-${variantId.split("/").at(-1)}`,
    unitCost: 2_400,
    stockOnHand: 50,
    stockUpdatedAtMs: NOW - 10 * 60_000,
    ...overrides,
  };
}

export function makeLine(lineId: string, variantId: string, overrides: Partial<OrderLine> = {}): OrderLine {
  return { lineId, variantId, quantity: 1, unitPrice: 5_000, ...overrides };
}

/** A standard online-store order of one mug to California. */
export function makeOrder(overrides: Partial<RoutingOrder> = {}): RoutingOrder {
  const lines = overrides.lines ?? [makeLine("line-1", MUG, { title: "Mug" })];
  return {
    id: "order-1",
    lines,
    destination: { countryCode: "US", provinceCode: "CA" },
    channel: "online_store",
    serviceLevel: "standard",
    basketValue: lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0),
    nowMs: NOW,
    ...overrides,
  };
}

export function makePolicy(input: RoutingPolicyInput = {}): RoutingPolicy {
  return parseRoutingPolicy(input);
}

/** A routing input from parts; every supplier offers every ordered variant unless offers are given. */
export function makeInput(parts: { order?: RoutingOrder; suppliers: Supplier[]; offers?: SupplierOffer[]; policy?: RoutingPolicy }): RoutingInput {
  const order = parts.order ?? makeOrder();
  const offers = parts.offers ?? order.lines.flatMap((l) => parts.suppliers.map((s) => makeOffer(s.id, l.variantId)));
  return { order, suppliers: parts.suppliers, offers, policy: parts.policy ?? makePolicy() };
}
