/**
 * Hard constraints on a (line, supplier) pair, as a dispatch table of named checks. Each
 * returns pass/fail with a sentence for the explanation and a short detail for hold messages.
 */
import type { SupplierFacts, OrderContext } from "./context";
import { formatDuration } from "./format";
import type { RoutingPolicy } from "./policy";
import type { ConstraintName, ConstraintResult, OrderLine, SupplierOffer } from "./types";

/** What a supplier-level constraint looks at (the same for every line of the order). */
export interface SupplierCheckInput {
  readonly ctx: OrderContext;
  readonly facts: SupplierFacts;
}

/** What an offer-level constraint looks at: one line, one supplier's offer for it. */
export interface CandidateInput extends SupplierCheckInput {
  readonly line: OrderLine;
  readonly offer: SupplierOffer;
}

/** Checked through the dispatch table; `supplierKnown` and `minimumScore` are decided around it. */
export type HardConstraintName = Exclude<ConstraintName, "supplierKnown" | "minimumScore">;

/**
 * A constraint either depends only on the supplier (checked once per order and shared by
 * every line) or on the offer too (checked per line).
 */
export type ConstraintSpec =
  | { readonly scope: "supplier"; readonly check: (c: SupplierCheckInput) => ConstraintResult }
  | { readonly scope: "offer"; readonly check: (c: CandidateInput) => ConstraintResult };

const pass = (name: ConstraintName, reason: string): ConstraintResult => ({ name, passed: true, reason, detail: "ok" });
const fail = (name: ConstraintName, reason: string, detail: string): ConstraintResult => ({
  name,
  passed: false,
  reason,
  detail,
});

/** Units a supplier can commit: the buffered quantity when known, else on hand minus the buffer. */
export function availableStock(offer: SupplierOffer, policy: RoutingPolicy): number {
  if (offer.bufferedAvailable != null) return Math.max(0, offer.bufferedAvailable);
  return Math.max(0, offer.stockOnHand - policy.stock.minBuffer);
}

const unitWord = (n: number): string => `${n} unit${n === 1 ? "" : "s"}`;

function stockAvailable({ ctx, offer, facts }: CandidateInput): ConstraintResult {
  const needed = ctx.variantQuantity.get(offer.variantId) ?? 0;
  const available = availableStock(offer, ctx.policy);
  const basis =
    offer.bufferedAvailable != null
      ? `buffered quantity, ${offer.stockOnHand} on hand`
      : `${offer.stockOnHand} on hand, buffer ${ctx.policy.stock.minBuffer}`;
  const sentence = `${facts.supplier.name} can commit ${unitWord(available)} (${basis}); ${needed} needed`;
  if (available >= needed) return pass("stockAvailable", sentence);
  const kind = available === 0 ? "out of stock" : "short of stock";
  return fail("stockAvailable", sentence, `${kind}: ${available} of ${needed} needed`);
}

function freshnessResult(ctx: OrderContext, age: number, ageText: string): ConstraintResult {
  const trust = ctx.stockTrust;
  if (age <= ctx.policy.stock.maxAgeMs) {
    return pass("stockFresh", `Stock updated ${ageText} ago; policy trusts stock for ${trust}`);
  }
  return fail("stockFresh", `Stock last updated ${ageText} ago; policy trusts stock for ${trust}`, `stock ${ageText} old`);
}

// Offers of one order share a few dozen ages in words ("5 hours"): one result per age and
// verdict, kept on the order's context, instead of a new sentence per offer.
function stockFresh({ ctx, offer }: CandidateInput): ConstraintResult {
  const age = ctx.order.nowMs - offer.stockUpdatedAtMs;
  const ageText = formatDuration(age);
  const results = age <= ctx.policy.stock.maxAgeMs ? ctx.freshResults : ctx.staleResults;
  let result = results.get(ageText);
  if (!result) results.set(ageText, (result = freshnessResult(ctx, age, ageText)));
  return result;
}

function meetsPromise({ ctx, facts }: SupplierCheckInput): ConstraintResult {
  const name = facts.supplier.name;
  const level = ctx.order.serviceLevel;
  const promise = `the ${level} promise of ${ctx.promisedBusinessDays} business days (by ${ctx.deadline})`;
  if (facts.windowError) {
    return fail("meetsPromise", `${name}'s delivery window cannot be computed: ${facts.windowError}`, "delivery window unknown");
  }
  if (!facts.window) {
    return fail("meetsPromise", `${name} has no delivery estimate for ${ctx.region}`, `no delivery estimate for ${ctx.region}`);
  }
  const { earliest, latest } = facts.window;
  if (latest <= ctx.deadline) return pass("meetsPromise", `${name} delivers ${earliest} – ${latest}, within ${promise}`);
  return fail(
    "meetsPromise",
    `${name} would deliver by ${latest} at the latest, missing ${promise}`,
    `misses the ${level} promise: latest ${latest}, promised by ${ctx.deadline}`,
  );
}

/** The hard constraints; every candidate is checked against all of them. */
export const HARD_CONSTRAINTS: Readonly<Record<HardConstraintName, ConstraintSpec>> = {
  supplierActive: {
    scope: "supplier",
    check: ({ facts: { supplier } }) =>
      supplier.status === "active"
        ? pass("supplierActive", `${supplier.name} is active`)
        : fail("supplierActive", `${supplier.name} is paused; paused suppliers receive no orders`, "paused"),
  },
  notExcluded: {
    scope: "supplier",
    check: ({ facts: { supplier, excluded } }) =>
      excluded
        ? fail("notExcluded", `${supplier.name} was excluded from this routing (it rejected the order or was removed)`, "excluded")
        : pass("notExcluded", `${supplier.name} is not excluded`),
  },
  shipsToDestination: {
    scope: "supplier",
    check: ({ ctx, facts: { supplier, transit } }) =>
      transit
        ? pass("shipsToDestination", `${supplier.name} ships to ${ctx.region} in ${transit.min}–${transit.max} business days`)
        : fail("shipsToDestination", `${supplier.name} does not ship to ${ctx.region}`, `does not ship to ${ctx.region}`),
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

/** What a merchant can do about each failed constraint. */
export const CONSTRAINT_HINTS: Readonly<Record<ConstraintName, (ctx: OrderContext) => string>> = {
  supplierKnown: () => "set up the missing supplier or remove its offers",
  supplierActive: () => "resume a paused supplier",
  notExcluded: () => "assign the line by hand",
  shipsToDestination: (ctx) => `add a supplier covering ${ctx.region}`,
  stockAvailable: () => "restock or lower the buffer",
  stockFresh: () => "refresh the stock feed",
  meetsPromise: (ctx) => `relax the ${ctx.order.serviceLevel} promise or add a faster supplier`,
  minimumScore: () => "lower the policy's minimum score",
};

/** Supplier-level results (aligned with HARD_CONSTRAINT_ORDER), computed once per order. */
export interface SupplierChecks {
  readonly results: readonly (ConstraintResult | undefined)[];
  readonly passed: boolean;
}

/** Runs the supplier-scoped constraints for one supplier. */
export function checkSupplier(input: SupplierCheckInput): SupplierChecks {
  let passed = true;
  const results = HARD_CONSTRAINT_ORDER.map((name) => {
    const spec = HARD_CONSTRAINTS[name];
    if (spec.scope !== "supplier") return undefined;
    const result = spec.check(input);
    passed &&= result.passed;
    return result;
  });
  return { results, passed };
}

// One resolver per position of HARD_CONSTRAINT_ORDER, built once: reuse or check.
const RESOLVERS = HARD_CONSTRAINT_ORDER.map((name, index) => {
  const spec = HARD_CONSTRAINTS[name];
  return spec.scope === "offer"
    ? (c: CandidateInput): ConstraintResult => spec.check(c)
    : (_: CandidateInput, s: SupplierChecks): ConstraintResult => s.results[index] ?? unreachable();
});

/** Every hard constraint for one candidate, in order, reusing the supplier-level results. */
export function checkCandidate(candidate: CandidateInput, supplier: SupplierChecks): ConstraintResult[] {
  const results: ConstraintResult[] = [];
  for (const resolve of RESOLVERS) results.push(resolve(candidate, supplier));
  return results;
}

function unreachable(): never {
  throw new Error("A supplier-level constraint was not evaluated");
}

/** The single failed result for an offer whose supplier has no record. */
export function unknownSupplier(supplierId: string): ConstraintResult[] {
  return [
    {
      name: "supplierKnown",
      passed: false,
      reason: `No supplier record for ${supplierId}; set the supplier up before routing to it`,
      detail: "no supplier record",
    },
  ];
}
