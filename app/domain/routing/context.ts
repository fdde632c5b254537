/**
 * Everything about an order that does not depend on the line: computed once per order so the
 * per-(line, supplier) work stays cheap. Each supplier's promise window is computed here once.
 */
import {
  addBusinessDays,
  businessDaysBetween,
  localDateTime,
  MONDAY_TO_FRIDAY,
  promiseWindow,
  transitFor,
} from "../promise";
import { formatRegion } from "./format";
import { reliabilityValue } from "./performance";
import { promisedBusinessDays, resolveWeights, type RoutingPolicy, type Weights } from "./policy";
import type {
  DayRange,
  Destination,
  PromiseWindow,
  RegionCost,
  RoutingInput,
  RoutingOptions,
  RoutingOrder,
  Supplier,
  SupplierOffer,
} from "./types";

/** Per-order facts about one supplier. */
export interface SupplierFacts {
  readonly supplier: Supplier;
  /** Position of the supplier in `OrderContext.supplierIds`. */
  readonly index: number;
  readonly excluded: boolean;
  readonly transit: DayRange | null;
  readonly window: PromiseWindow | null;
  readonly latestBusinessDays: number | null;
  /** Why no window could be computed (bad calendar data), if so. */
  readonly windowError: string | null;
  /** One parcel to the destination, minor units; null when the supplier has no rate for it. */
  readonly shippingCost: number | null;
  /** The reliability score part, 0..1. */
  readonly reliability: number;
}

export interface OrderContext {
  readonly order: RoutingOrder;
  readonly policy: RoutingPolicy;
  readonly weights: Weights;
  readonly region: string;
  /** The order date in the policy's zone. */
  readonly today: string;
  readonly promisedBusinessDays: number;
  readonly deadline: string;
  readonly excluded: readonly string[];
  readonly suppliers: ReadonlyMap<string, SupplierFacts>;
  /** Every supplier an ordered variant's offer names, known or not, in id order. */
  readonly supplierIds: readonly string[];
  /** Position of each id in `supplierIds`. */
  readonly supplierIndex: ReadonlyMap<string, number>;
  /** Offers per variant, one per supplier, sorted by supplier id. */
  readonly offersByVariant: ReadonlyMap<string, readonly SupplierOffer[]>;
  /** Units of each variant across the whole order (the stock check counts them together). */
  readonly variantQuantity: ReadonlyMap<string, number>;
  readonly orderRevenue: number;
}

const same = (a: string, b: string): boolean => a.toUpperCase() === b.toUpperCase();

/** A province rate wins over the country rate; null when neither exists. */
export function shippingCostFor(rates: readonly RegionCost[], destination: Destination): number | null {
  const inCountry = rates.filter((r) => same(r.countryCode, destination.countryCode));
  const province = destination.provinceCode;
  const specific = province ? inCountry.find((r) => r.provinceCode && same(r.provinceCode, province)) : undefined;
  return (specific ?? inCountry.find((r) => !r.provinceCode))?.cost ?? null;
}

function windowFacts(
  supplier: Supplier,
  transit: DayRange | null,
  nowMs: number,
  today: string,
): Pick<SupplierFacts, "window" | "latestBusinessDays" | "windowError"> {
  if (!transit) return { window: null, latestBusinessDays: null, windowError: null };
  try {
    const leg = {
      calendar: supplier.calendar,
      handling: supplier.serviceTier.handling,
      transit,
      carrierHolidays: supplier.carrierHolidays,
    };
    const window = promiseWindow(leg, nowMs);
    // Only the speed score needs the count, and only for suppliers that can be chosen.
    const latestBusinessDays =
      supplier.status === "active" ? businessDaysBetween(today, window.latest, { workdays: MONDAY_TO_FRIDAY }) : null;
    return { window, latestBusinessDays, windowError: null };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { window: null, latestBusinessDays: null, windowError: message };
  }
}

function supplierFacts(
  supplier: Supplier,
  index: number,
  order: RoutingOrder,
  policy: RoutingPolicy,
  excluded: ReadonlySet<string>,
  today: string,
): SupplierFacts {
  const transit = transitFor(supplier.coverage, order.destination);
  const { window, latestBusinessDays, windowError } = windowFacts(supplier, transit, order.nowMs, today);
  return {
    supplier,
    index,
    excluded: excluded.has(supplier.id),
    transit,
    window,
    latestBusinessDays,
    windowError,
    shippingCost: shippingCostFor(supplier.costs.shippingCostByRegion, order.destination),
    reliability: reliabilityValue(supplier.performance, policy.reliability.priorStrength),
  };
}

function assertValid(input: RoutingInput): void {
  if (input.order.lines.length === 0) throw new RangeError(`Order ${input.order.id} has no lines to route`);
  const seen = new Set<string>();
  for (const line of input.order.lines) {
    if (seen.has(line.lineId)) throw new RangeError(`Order ${input.order.id} lists line ${line.lineId} twice`);
    seen.add(line.lineId);
    if (!Number.isInteger(line.quantity) || line.quantity < 1) {
      throw new RangeError(`Line ${line.lineId} has quantity ${line.quantity}; it must be a whole number ≥ 1`);
    }
  }
  const suppliers = new Set<string>();
  for (const s of input.suppliers) {
    if (suppliers.has(s.id)) throw new RangeError(`Supplier ${s.id} appears twice in the routing input`);
    suppliers.add(s.id);
  }
  if (!Number.isFinite(input.order.nowMs)) throw new RangeError(`Order ${input.order.id} has no valid routing time`);
}

const offerBefore = (a: SupplierOffer, b: SupplierOffer): boolean => (cmp(a.supplierId, b.supplierId) || cmp(a.supplierSku, b.supplierSku)) < 0;

// One offer per (variant, supplier): sorting first makes the choice independent of input order.
function indexOffers(offers: readonly SupplierOffer[], variants: Iterable<string>) {
  // A list per ordered variant up front: one lookup per offer both filters and files it.
  const byVariant = new Map<string, SupplierOffer[]>();
  for (const variantId of variants) byVariant.set(variantId, []);
  for (const offer of offers) byVariant.get(offer.variantId)?.push(offer);
  for (const list of byVariant.values()) {
    sortSmall(list, offerBefore);
    let kept = 0;
    for (const offer of list) if (kept === 0 || list[kept - 1]!.supplierId !== offer.supplierId) list[kept++] = offer;
    list.length = kept;
  }
  return byVariant;
}

/** Ordinal string comparison (locale-free, so every host sorts the same way). */
export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Sorts in place, stably, by `before` (strict "comes first"): a binary insertion sort. The lists
 * routing sorts are short (an order's suppliers, a variant's offers) and usually nearly sorted;
 * Array.prototype.sort allocated working copies on each of them, for every order.
 */
export function sortSmall<T>(list: T[], before: (a: T, b: T) => boolean): void {
  for (let i = 1; i < list.length; i += 1) {
    const item = list[i]!;
    if (!before(item, list[i - 1]!)) continue;
    let lo = 0;
    let hi = i - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (before(item, list[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    for (let j = i; j > lo; j -= 1) list[j] = list[j - 1]!;
    list[lo] = item;
  }
}

/** Builds the per-order context; throws on malformed input (duplicate ids, bad quantities). */
export function buildContext(input: RoutingInput, options: RoutingOptions = {}): OrderContext {
  assertValid(input);
  const { order, policy } = input;
  const excluded = [...new Set(options.exclude ?? [])].sort(cmp);
  const excludedSet = new Set(excluded);
  const variantQuantity = new Map<string, number>();
  for (const line of order.lines) {
    variantQuantity.set(line.variantId, (variantQuantity.get(line.variantId) ?? 0) + line.quantity);
  }
  const offersByVariant = indexOffers(input.offers, variantQuantity.keys());
  const referenced = new Set<string>();
  for (const list of offersByVariant.values()) for (const o of list) referenced.add(o.supplierId);
  const supplierIds = [...referenced].sort(cmp);
  const supplierIndex = new Map<string, number>();
  for (let i = 0; i < supplierIds.length; i += 1) supplierIndex.set(supplierIds[i]!, i);
  const today = localDateTime(order.nowMs, policy.timeZone).date;
  const promised = promisedBusinessDays(policy, order.serviceLevel, order.promisedBusinessDays);
  const suppliers = new Map<string, SupplierFacts>();
  for (const supplier of input.suppliers) {
    const index = supplierIndex.get(supplier.id);
    if (index !== undefined) suppliers.set(supplier.id, supplierFacts(supplier, index, order, policy, excludedSet, today));
  }
  return {
    order,
    policy,
    weights: resolveWeights(policy, order.channel),
    region: formatRegion(order.destination),
    today,
    promisedBusinessDays: promised,
    deadline: addBusinessDays(today, promised, { workdays: MONDAY_TO_FRIDAY }),
    excluded,
    suppliers,
    supplierIds,
    supplierIndex,
    offersByVariant,
    variantQuantity,
    orderRevenue: order.lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0),
  };
}
