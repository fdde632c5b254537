/**
 * Hard constraints on a (line, supplier) pair, as a dispatch table of named checks. Each
 * returns pass/fail with the parameters of its verdict; the sentences a merchant reads are
 * rendered from those only when shown (`explain.ts`), not built per candidate while routing.
 */
import type { SupplierFacts, OrderContext } from "./context";
import type { RoutingPolicy } from "./policy";
import type { ConstraintName, ConstraintResult, SupplierOffer } from "./types";

/** Checked through the dispatch table; `supplierKnown` and `minimumScore` are decided around it. */
export type HardConstraintName = Exclude<ConstraintName, "supplierKnown" | "minimumScore">;

/**
 * A constraint either depends only on the supplier (checked once per order and shared by
 * every line) or on the offer too (checked per line).
 */
export type ConstraintSpec =
  | { readonly scope: "supplier"; readonly check: (ctx: OrderContext, facts: SupplierFacts) => ConstraintResult }
  | {
      readonly scope: "offer";
      /** `needed`: units of the offer's variant across the whole order (looked up once per line). */
      readonly check: (ctx: OrderContext, facts: SupplierFacts, offer: SupplierOffer, needed: number) => ConstraintResult;
    };

/** Units a supplier can commit: the buffered quantity when known, else on hand minus the buffer. */
export function availableStock(offer: SupplierOffer, policy: RoutingPolicy): number {
  if (offer.bufferedAvailable != null) return Math.max(0, offer.bufferedAvailable);
  return Math.max(0, offer.stockOnHand - policy.stock.minBuffer);
}

function stockAvailable(ctx: OrderContext, _facts: SupplierFacts, offer: SupplierOffer, needed: number): ConstraintResult {
  const available = availableStock(offer, ctx.policy);
  return {
    name: "stockAvailable",
    passed: available >= needed,
    available,
    needed,
    onHand: offer.stockOnHand,
    buffered: offer.bufferedAvailable != null,
    minBuffer: ctx.policy.stock.minBuffer,
  };
}

function stockFresh(ctx: OrderContext, _facts: SupplierFacts, offer: SupplierOffer): ConstraintResult {
  const ageMs = ctx.order.nowMs - offer.stockUpdatedAtMs;
  const maxAgeMs = ctx.policy.stock.maxAgeMs;
  return { name: "stockFresh", passed: ageMs <= maxAgeMs, ageMs, maxAgeMs };
}

function meetsPromise(ctx: OrderContext, facts: SupplierFacts): ConstraintResult {
  const window = facts.window;
  return {
    name: "meetsPromise",
    passed: window !== null && window.latest <= ctx.deadline,
    region: ctx.region,
    serviceLevel: ctx.order.serviceLevel,
    promisedBusinessDays: ctx.promisedBusinessDays,
    deadline: ctx.deadline,
    earliest: window?.earliest ?? null,
    latest: window?.latest ?? null,
    error: facts.windowError,
  };
}

/** The hard constraints; every candidate is checked against all of them. */
export const HARD_CONSTRAINTS: Readonly<Record<HardConstraintName, ConstraintSpec>> = {
  supplierActive: {
    scope: "supplier",
    check: (_ctx, { supplier }) => ({ name: "supplierActive", passed: supplier.status === "active" }),
  },
  notExcluded: {
    scope: "supplier",
    check: (_ctx, { excluded }) => ({ name: "notExcluded", passed: !excluded }),
  },
  shipsToDestination: {
    scope: "supplier",
    check: (ctx, { transit }) => ({ name: "shipsToDestination", passed: transit !== null, region: ctx.region, transit }),
  },
  stockAvailable: { scope: "offer", check: stockAvailable },
  stockFresh: { scope: "offer", check: stockFresh },
  meetsPromise: { scope: "supplier", check: meetsPromise },
};

/** The order constraints are checked and explained in. */
export const HARD_CONSTRAINT_ORDER: readonly HardConstraintName[] = [
  "supplierActive",
  "notExcluded",
  "shipsToDestination",
  "stockAvailable",
  "stockFresh",
  "meetsPromise",
];

/** Supplier-level results (aligned with HARD_CONSTRAINT_ORDER, offer-level positions empty), computed once per order. */
export interface SupplierChecks {
  readonly results: readonly (ConstraintResult | undefined)[];
  readonly passed: boolean;
}

/** Runs the supplier-scoped constraints for one supplier. */
export function checkSupplier(ctx: OrderContext, facts: SupplierFacts): SupplierChecks {
  let passed = true;
  const results = HARD_CONSTRAINT_ORDER.map((name) => {
    const spec = HARD_CONSTRAINTS[name];
    if (spec.scope !== "supplier") return undefined;
    const result = spec.check(ctx, facts);
    passed &&= result.passed;
    return result;
  });
  return { results, passed };
}

// Per position of HARD_CONSTRAINT_ORDER: the offer-level check, or null where the supplier's shared result is reused.
const OFFER_CHECKS = HARD_CONSTRAINT_ORDER.map((name) => {
  const spec = HARD_CONSTRAINTS[name];
  return spec.scope === "offer" ? spec.check : null;
});

/** Every hard constraint for one candidate, in order, reusing the supplier-level results. */
export function checkCandidate(
  ctx: OrderContext,
  facts: SupplierFacts,
  offer: SupplierOffer,
  needed: number,
  supplier: SupplierChecks,
): ConstraintResult[] {
  const results = new Array<ConstraintResult>(OFFER_CHECKS.length);
  for (let i = 0; i < OFFER_CHECKS.length; i += 1) {
    const check = OFFER_CHECKS[i];
    results[i] = check ? check(ctx, facts, offer, needed) : (supplier.results[i] ?? unreachable());
  }
  return results;
}

const OFFER_POSITIONS = OFFER_CHECKS.flatMap((check, i) => (check ? [i] : []));

/**
 * Whether a candidate passed every hard constraint: its supplier's (decided once per order) and
 * its offer's. Reads `passed` only on the offer-level results: results differ in shape per
 * constraint, and one property read across all of them is a slow, megamorphic one.
 */
export function candidatePassed(results: readonly ConstraintResult[], supplier: SupplierChecks): boolean {
  if (!supplier.passed) return false;
  for (const i of OFFER_POSITIONS) if (!results[i]!.passed) return false;
  return true;
}

function unreachable(): never {
  throw new Error("A supplier-level constraint was not evaluated");
}

/** The single failed result of an offer whose supplier has no record (shared: it carries no parameters). */
export const UNKNOWN_SUPPLIER: readonly ConstraintResult[] = Object.freeze([{ name: "supplierKnown", passed: false }]);
