/**
 * Everything about an order that does not depend on the line: computed once per order so the
 * per-(line, supplier) work stays cheap. Each supplier's facts (promise window included) are
 * computed here once (`facts.ts`); the offers are filed into the kernel's working arrays.
 */
import { reserveOfferWork } from "../kernel";
import { addBusinessDays, localDateTime, MONDAY_TO_FRIDAY } from "../promise";
import { supplierFacts, type SupplierFacts } from "./facts";
import { formatRegion } from "./format";
import { promisedBusinessDays, resolveWeights, type RoutingPolicy, type Weights } from "./policy";
import type { RoutingInput, RoutingOptions, RoutingOrder, SupplierOffer } from "./types";

export type { SupplierFacts } from "./facts";

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
  /** Every supplier an ordered variant's offer names, known or not, in id order. */
  readonly supplierIds: readonly string[];
  /** Facts per entry of `supplierIds`; undefined for a supplier with no record. */
  readonly facts: readonly (SupplierFacts | undefined)[];
  /** The input's offers. */
  readonly offers: readonly SupplierOffer[];
  /** Per order line (same order), its variant with the variant's kept offers: one per supplier, in supplier id order. */
  readonly lineVariants: readonly OrderedVariant[];
  /** Kept offer k is `offers[keptOffer[k]]`, its supplier `supplierIds[keptSupplier[k]]` (valid during this routing call only). */
  readonly keptOffer: Int32Array;
  readonly keptSupplier: Int32Array;
  readonly orderRevenue: number;
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
  if (!Number.isFinite(input.order.nowMs)) throw new RangeError(`Order ${input.order.id} has no valid routing time`);
}

/** An ordered variant: its units across the whole order and its kept offers (entries start … end − 1 of `keptOffer`/`keptSupplier`). */
export interface OrderedVariant {
  readonly variantId: string;
  /** Units of the variant across the whole order (the stock check counts them together). */
  readonly quantity: number;
  readonly start: number;
  readonly end: number;
}

type VariantDraft = { -readonly [K in keyof OrderedVariant]: OrderedVariant[K] };

/**
 * The kept offers of all ordered variants, grouped by variant and in supplier id order within a
 * variant: `offer[k]` is a position in the input's offers, `supplier[k]` that offer's supplier's
 * position in `supplierIds`. Working arrays of the kernel (`../kernel.ts`), reused by the next
 * order: valid only until `buildContext` runs again (routing is synchronous and the context never
 * outlives it).
 */
interface KeptOffers {
  readonly offer: Int32Array;
  readonly supplier: Int32Array;
}

interface OfferIndex extends KeptOffers {
  /** Every supplier the kept offers name, known or not, in id order. */
  readonly supplierIds: readonly string[];
  /** Position in `supplierIds` of a supplier id, if any offer names it. */
  readonly indexOf: (supplierId: string) => number | undefined;
}

/**
 * The offers of the ordered variants, grouped by variant, one per (variant, supplier): the one
 * with the lowest supplier SKU, so the choice does not depend on input order. One pass files each
 * offer (a map lookup for its variant and one for its supplier, each skipped when the guess from
 * the previous offer holds) and numbers suppliers as first seen; a counting sort then groups the
 * offers by variant in working arrays, and each variant's run is sorted by supplier number (id
 * order) and SKU, and deduplicated. No per-offer garbage: numbers, not objects.
 */
function indexOffers(offers: readonly SupplierOffer[], variantAt: ReadonlyMap<string, number>, variants: VariantDraft[]): OfferIndex {
  // Per input offer: its variant's position (-1 = not ordered) and its supplier's first-seen
  // number; then the kept offers (see KeptOffers).
  const { variant: offerVariant, supplierNumber: offerNumber, keptOffer, keptSupplier } = reserveOfferWork(offers.length);
  const starts = new Array<number>(variants.length + 1).fill(0);
  const seen = new Map<string, number>();
  const firstSeen: string[] = [];
  // Offers usually come grouped by variant: the previous offer's variant is checked first.
  let lastVariant: string | null = null;
  let lastAt: number | undefined;
  let lastNumber = -1;
  for (let i = 0; i < offers.length; i += 1) {
    const offer = offers[i]!;
    if (offer.variantId !== lastVariant) {
      lastVariant = offer.variantId;
      lastAt = variantAt.get(lastVariant);
    }
    const v = lastAt;
    if (v === undefined) {
      offerVariant[i] = -1;
      continue;
    }
    // …and each variant's offers usually list the suppliers in the same order: the supplier
    // numbered after the previous offer's (after the last one, the first) is checked before the map.
    let k: number | undefined = lastNumber + 1;
    if (firstSeen[k] !== offer.supplierId) k = seen.get(offer.supplierId);
    if (k === undefined) {
      k = firstSeen.length;
      seen.set(offer.supplierId, k);
      firstSeen.push(offer.supplierId);
    }
    lastNumber = k === firstSeen.length - 1 ? -1 : k;
    offerVariant[i] = v;
    offerNumber[i] = k;
    starts[v + 1] = starts[v + 1]! + 1;
  }
  for (let v = 0; v < variants.length; v += 1) starts[v + 1] = starts[v + 1]! + starts[v]!;
  const byId = firstSeen.map((_, k) => k);
  sortSmall(byId, (a, b) => firstSeen[a]! < firstSeen[b]!);
  const position = new Array<number>(byId.length);
  for (let r = 0; r < byId.length; r += 1) position[byId[r]!] = r;

  const next = starts.slice(0, variants.length);
  for (let i = 0; i < offers.length; i += 1) {
    const v = offerVariant[i]!;
    if (v < 0) continue;
    const at = next[v]!;
    next[v] = at + 1;
    keptOffer[at] = i;
    keptSupplier[at] = position[offerNumber[i]!]!;
  }

  let write = 0;
  for (let v = 0; v < variants.length; v += 1) {
    const from = starts[v]!;
    const to = starts[v + 1]!;
    // Insertion sort of the run by (supplier, SKU), stable; runs usually arrive sorted.
    for (let i = from + 1; i < to; i += 1) {
      const o = keptOffer[i]!;
      const s = keptSupplier[i]!;
      let j = i;
      for (; j > from; j -= 1) {
        const t = keptSupplier[j - 1]!;
        if (t < s || (t === s && !(offers[o]!.supplierSku < offers[keptOffer[j - 1]!]!.supplierSku))) break;
        keptOffer[j] = keptOffer[j - 1]!;
        keptSupplier[j] = t;
      }
      keptOffer[j] = o;
      keptSupplier[j] = s;
    }
    // Keep the first offer per supplier, compacting towards the front (write ≤ i throughout).
    const start = write;
    for (let i = from; i < to; i += 1) {
      if (write > start && keptSupplier[write - 1] === keptSupplier[i]) continue;
      keptOffer[write] = keptOffer[i]!;
      keptSupplier[write] = keptSupplier[i]!;
      write += 1;
    }
    variants[v]!.start = start;
    variants[v]!.end = write;
  }
  const indexOf = (supplierId: string): number | undefined => {
    const k = seen.get(supplierId);
    return k === undefined ? undefined : position[k];
  };
  return { supplierIds: byId.map((k) => firstSeen[k]!), indexOf, offer: keptOffer, supplier: keptSupplier };
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
  // The ordered variants, numbered in order of first appearance.
  const variantAt = new Map<string, number>();
  const variantList: VariantDraft[] = [];
  const lineVariants = new Array<OrderedVariant>(order.lines.length);
  order.lines.forEach((line, i) => {
    let v = variantAt.get(line.variantId);
    if (v !== undefined) variantList[v]!.quantity += line.quantity;
    else {
      v = variantList.length;
      variantAt.set(line.variantId, v);
      variantList.push({ variantId: line.variantId, quantity: line.quantity, start: 0, end: 0 });
    }
    lineVariants[i] = variantList[v]!;
  });
  const { supplierIds, indexOf, offer, supplier: offerSupplier } = indexOffers(input.offers, variantAt, variantList);
  const today = localDateTime(order.nowMs, policy.timeZone).date;
  const promised = promisedBusinessDays(policy, order.serviceLevel, order.promisedBusinessDays);
  const facts = new Array<SupplierFacts | undefined>(supplierIds.length).fill(undefined);
  // Suppliers no offer names are only checked for duplicates (in a set made only if there are any).
  let unreferenced: Set<string> | undefined;
  for (const supplier of input.suppliers) {
    const index = indexOf(supplier.id);
    const duplicate = index === undefined ? unreferenced?.has(supplier.id) : facts[index] !== undefined;
    if (duplicate) throw new RangeError(`Supplier ${supplier.id} appears twice in the routing input`);
    if (index === undefined) (unreferenced ??= new Set()).add(supplier.id);
    else facts[index] = supplierFacts(supplier, order, policy, excludedSet, today);
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
    supplierIds,
    facts,
    offers: input.offers,
    lineVariants,
    keptOffer: offer,
    keptSupplier: offerSupplier,
    orderRevenue: order.lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0),
  };
}
