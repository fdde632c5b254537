/**
 * Hard constraints on a (line, supplier) pair, as a dispatch table of named checks. Routing only
 * needs pass or fail from each, as one bit of the candidate's `flags`; the parameters of a verdict
 * (stock figures, transit, the delivery window) are stored once in the explanation and turned into
 * results and sentences only when someone reads them (`expand.ts`, `explain.ts`).
 */
import type { OrderContext } from "./context";
import type { SupplierFacts } from "./facts";
import type { RoutingPolicy } from "./policy";
import type { ConstraintName, SupplierOffer } from "./types";

/** Checked through the dispatch table; `supplierKnown` and `minimumScore` are decided around it. */
export type HardConstraintName = Exclude<ConstraintName, "supplierKnown" | "minimumScore">;

/** What the checks read of the order being routed: its time, the policy and the promised deadline. */
export type ConstraintTerms = Pick<OrderContext, "order" | "policy" | "deadline">;
/** What the checks read of one supplier's facts for this order. */
export type ConstraintSubject = Pick<SupplierFacts, "supplier" | "excluded" | "transit" | "window">;

/**
 * A constraint either depends only on the supplier (checked once per order and shared by
 * every line) or on the offer too (checked per line).
 */
export type ConstraintSpec =
  | { readonly scope: "supplier"; readonly passes: (terms: ConstraintTerms, facts: ConstraintSubject) => boolean }
  | {
      readonly scope: "offer";
      /** `needed`: units of the offer's variant across the whole order (looked up once per line). */
      readonly passes: (terms: ConstraintTerms, facts: ConstraintSubject, offer: SupplierOffer, needed: number) => boolean;
    };

/**
 * Units a supplier can commit: the buffered quantity when known, else on hand minus the policy's
 * buffer. The one stock rule: routing's stock check and promise publishing's in-stock tier use it.
 */
export function availableStock(offer: SupplierOffer, policy: RoutingPolicy): number {
  if (offer.bufferedAvailable != null) return Math.max(0, offer.bufferedAvailable);
  return Math.max(0, offer.stockOnHand - policy.stock.minBuffer);
}

/** Age of an offer's stock figure at `nowMs`, ms (negative for a figure from the future). */
export const stockAgeMs = (nowMs: number, offer: SupplierOffer): number => nowMs - offer.stockUpdatedAtMs;

/** The hard constraints; every candidate is checked against all of them. */
export const HARD_CONSTRAINTS: Readonly<Record<HardConstraintName, ConstraintSpec>> = {
  supplierActive: { scope: "supplier", passes: (_terms, { supplier }) => supplier.status === "active" },
  notExcluded: { scope: "supplier", passes: (_terms, { excluded }) => !excluded },
  shipsToDestination: { scope: "supplier", passes: (_terms, { transit }) => transit !== null },
  stockAvailable: { scope: "offer", passes: (terms, _facts, offer, needed) => availableStock(offer, terms.policy) >= needed },
  stockFresh: { scope: "offer", passes: (terms, _facts, offer) => stockAgeMs(terms.order.nowMs, offer) <= terms.policy.stock.maxAgeMs },
  meetsPromise: { scope: "supplier", passes: (terms, { window }) => window !== null && window.latest <= terms.deadline },
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
const SUPPLIER_CHECKS: readonly { readonly bit: number; readonly passes: SupplierCheck }[] = HARD_CONSTRAINT_ORDER.flatMap((name, i) => {
  const spec = HARD_CONSTRAINTS[name];
  return spec.scope === "supplier" ? [{ bit: 1 << i, passes: spec.passes }] : [];
});
const OFFER_CHECKS: readonly { readonly bit: number; readonly passes: OfferCheck }[] = HARD_CONSTRAINT_ORDER.flatMap((name, i) => {
  const spec = HARD_CONSTRAINTS[name];
  return spec.scope === "offer" ? [{ bit: 1 << i, passes: spec.passes }] : [];
});

/** The bits of the supplier-level constraints one supplier fails, computed once per order. */
export function supplierFailures(terms: ConstraintTerms, facts: ConstraintSubject): number {
  let bits = 0;
  for (const check of SUPPLIER_CHECKS) if (!check.passes(terms, facts)) bits |= check.bit;
  return bits;
}

/** The bits of the offer-level constraints one candidate fails. */
export function offerFailures(terms: ConstraintTerms, facts: ConstraintSubject, offer: SupplierOffer, needed: number): number {
  let bits = 0;
  for (let k = 0; k < OFFER_CHECKS.length; k += 1) {
    const check = OFFER_CHECKS[k]!;
    if (!check.passes(terms, facts, offer, needed)) bits |= check.bit;
  }
  return bits;
}
