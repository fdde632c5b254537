/**
 * Hard constraints on a (line, supplier) pair, as a dispatch table of named checks. Routing only
 * needs pass or fail from each, as one bit of the candidate's `flags`; the parameters of a verdict
 * (stock figures, transit, the delivery window) are stored once in the explanation and turned into
 * results and sentences only when someone reads them (`expand.ts`, `explain.ts`).
 */
import type { OrderContext, SupplierFacts } from "./context";
import type { RoutingPolicy } from "./policy";
import type { ConstraintName, SupplierOffer } from "./types";

/** Checked through the dispatch table; `supplierKnown` and `minimumScore` are decided around it. */
export type HardConstraintName = Exclude<ConstraintName, "supplierKnown" | "minimumScore">;

/**
 * A constraint either depends only on the supplier (checked once per order and shared by
 * every line) or on the offer too (checked per line).
 */
export type ConstraintSpec =
  | { readonly scope: "supplier"; readonly passes: (ctx: OrderContext, facts: SupplierFacts) => boolean }
  | {
      readonly scope: "offer";
      /** `needed`: units of the offer's variant across the whole order (looked up once per line). */
      readonly passes: (ctx: OrderContext, facts: SupplierFacts, offer: SupplierOffer, needed: number) => boolean;
    };

/** Units a supplier can commit: the buffered quantity when known, else on hand minus the buffer. */
export function availableStock(offer: SupplierOffer, policy: RoutingPolicy): number {
  if (offer.bufferedAvailable != null) return Math.max(0, offer.bufferedAvailable);
  return Math.max(0, offer.stockOnHand - policy.stock.minBuffer);
}

/** Age of an offer's stock figure when the order is routed, ms (negative for a figure from the future). */
export const stockAgeMs = (ctx: OrderContext, offer: SupplierOffer): number => ctx.order.nowMs - offer.stockUpdatedAtMs;

/** The hard constraints; every candidate is checked against all of them. */
export const HARD_CONSTRAINTS: Readonly<Record<HardConstraintName, ConstraintSpec>> = {
  supplierActive: { scope: "supplier", passes: (_ctx, { supplier }) => supplier.status === "active" },
  notExcluded: { scope: "supplier", passes: (_ctx, { excluded }) => !excluded },
  shipsToDestination: { scope: "supplier", passes: (_ctx, { transit }) => transit !== null },
  stockAvailable: { scope: "offer", passes: (ctx, _facts, offer, needed) => availableStock(offer, ctx.policy) >= needed },
  stockFresh: { scope: "offer", passes: (ctx, _facts, offer) => stockAgeMs(ctx, offer) <= ctx.policy.stock.maxAgeMs },
  meetsPromise: { scope: "supplier", passes: (ctx, { window }) => window !== null && window.latest <= ctx.deadline },
};

/** The order constraints are checked and explained in; position i is bit i of a candidate's `flags`. */
export const HARD_CONSTRAINT_ORDER: readonly HardConstraintName[] = [
  "supplierActive",
  "notExcluded",
  "shipsToDestination",
  "stockAvailable",
  "stockFresh",
  "meetsPromise",
];

type SupplierCheck = Extract<ConstraintSpec, { scope: "supplier" }>["passes"];
type OfferCheck = Extract<ConstraintSpec, { scope: "offer" }>["passes"];
// The table split by scope, each check with its bit.
const SUPPLIER_CHECKS: { readonly bit: number; readonly passes: SupplierCheck }[] = [];
const OFFER_CHECKS: { readonly bit: number; readonly passes: OfferCheck }[] = [];
HARD_CONSTRAINT_ORDER.forEach((name, i) => {
  const spec = HARD_CONSTRAINTS[name];
  if (spec.scope === "supplier") SUPPLIER_CHECKS.push({ bit: 1 << i, passes: spec.passes });
  else OFFER_CHECKS.push({ bit: 1 << i, passes: spec.passes });
});

/** The bits of the supplier-level constraints one supplier fails, computed once per order. */
export function supplierFailures(ctx: OrderContext, facts: SupplierFacts): number {
  let bits = 0;
  for (const check of SUPPLIER_CHECKS) if (!check.passes(ctx, facts)) bits |= check.bit;
  return bits;
}

/** The bits of the offer-level constraints one candidate fails. */
export function offerFailures(ctx: OrderContext, facts: SupplierFacts, offer: SupplierOffer, needed: number): number {
  let bits = 0;
  for (let k = 0; k < OFFER_CHECKS.length; k += 1) {
    const check = OFFER_CHECKS[k]!;
    if (!check.passes(ctx, facts, offer, needed)) bits |= check.bit;
  }
  return bits;
}
