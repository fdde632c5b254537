/**
 * What routing needs to know of one supplier for one order, whatever the line: whether it ships
 * to the destination and how fast (its promise window, computed once per supplier per order),
 * what a parcel costs, and its reliability. Rules only, no state: the engine (`context.ts`) and
 * the reference (`reference.ts`) both build suppliers' facts here.
 */
import { businessDaysBetween, coverageRowIndex, legFromPromiseData, MONDAY_TO_FRIDAY, promiseWindow, transitFor } from "../promise";
import { reliabilityValue } from "./performance";
import type { RoutingPolicy } from "./policy";
import type { DayRange, Destination, PromiseWindow, RegionCost, RoutingOrder, Supplier } from "./types";
import type { PromiseLeg } from "../promise";

/** Per-order facts about one supplier. */
export interface SupplierFacts {
  readonly supplier: Supplier;
  readonly excluded: boolean;
  readonly transit: DayRange | null;
  readonly window: PromiseWindow | null;
  readonly latestBusinessDays: number | null;
  /** Why no window could be computed (bad calendar data), if so. */
  readonly windowError: string | null;
  /** One parcel to the destination, minor units; null when the supplier has no rate for it. */
  readonly shippingCost: number | null;
  /** The supplier's dropship fee plus that shipping (none when it has no rate): what one parcel costs. */
  readonly parcelCost: number;
  /** The reliability score part, 0..1. */
  readonly reliability: number;
}

/** A province rate wins over the country rate; null when neither exists. */
export function shippingCostFor(rates: readonly RegionCost[], destination: Destination): number | null {
  return rates[coverageRowIndex(rates, destination)]?.cost ?? null;
}

/**
 * The supplier's promise leg to a destination. With the supplier's published promise data it is
 * the leg checkout builds (`legFromPromiseData`: learned distributions, calibrated coverage, the
 * shop's carrier holidays); else the configured ranges.
 */
export function routingLeg(supplier: Supplier, destination: Destination, transit: DayRange, destinationTimeZone?: string): PromiseLeg {
  const checkout = supplier.published ? legFromPromiseData(supplier.published, destination, supplier.carrierHolidays ?? [], destinationTimeZone) : null;
  return (
    checkout ?? {
      calendar: supplier.calendar,
      handling: supplier.serviceTier.handling,
      transit,
      carrierHolidays: supplier.carrierHolidays,
      ...(destinationTimeZone ? { destinationTimeZone } : {}),
    }
  );
}

function windowFacts(
  supplier: Supplier,
  transit: DayRange | null,
  destination: Destination,
  nowMs: number,
  today: string,
  destinationTimeZone?: string,
): Pick<SupplierFacts, "window" | "latestBusinessDays" | "windowError"> {
  if (!transit) return { window: null, latestBusinessDays: null, windowError: null };
  try {
    const leg = routingLeg(supplier, destination, transit, destinationTimeZone);
    const window = promiseWindow(leg, nowMs);
    // Only the speed score needs the count, and only for suppliers that can be chosen.
    const latestBusinessDays = supplier.status === "active" ? businessDaysBetween(today, window.latest, { workdays: MONDAY_TO_FRIDAY }) : null;
    return { window, latestBusinessDays, windowError: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { window: null, latestBusinessDays: null, windowError: message };
  }
}

/** One supplier's facts for an order: transit and delivery window to its destination, parcel cost, reliability. */
export function supplierFacts(supplier: Supplier, order: RoutingOrder, policy: RoutingPolicy, excluded: ReadonlySet<string>, today: string): SupplierFacts {
  const transit = transitFor(supplier.coverage, order.destination);
  const { window, latestBusinessDays, windowError } = windowFacts(supplier, transit, order.destination, order.nowMs, today, order.destinationTimeZone);
  const shippingCost = shippingCostFor(supplier.costs.shippingCostByRegion, order.destination);
  return {
    supplier,
    excluded: excluded.has(supplier.id),
    transit,
    window,
    latestBusinessDays,
    windowError,
    shippingCost,
    parcelCost: supplier.costs.dropshipFee + (shippingCost ?? 0),
    reliability: reliabilityValue(supplier.performance, policy.reliability.priorStrength),
  };
}
