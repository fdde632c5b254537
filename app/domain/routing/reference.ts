/**
 * The routing decision stated plainly: what `routeOrder` must decide, computed with ordinary
 * objects, arrays, maps and sorts. No working arrays, bit flags, columns or pruned searches —
 * those are how the engine stays fast (decision 007) and why it is hard to read. This module is
 * the readable account of the same decision, and a property test (`reference.test.ts`) routes
 * random orders through both and requires the same plan, holds, fallbacks, candidate verdicts,
 * scores and ranks.
 *
 * It shares the rules with the engine — the constraint table, the scoring formulas, the promise
 * window, reliability, the split rule and the hold messages — and restates everything around them:
 * which offer stands for a supplier, which candidates a line has, how they are scored against each
 * other and ranked, and how the plan is searched. It returns format 2's shape (an object per
 * candidate), which `explainDecision` reads like any stored decision. Not for production: it
 * allocates freely and expects input `routeOrder` would accept.
 */
import { addBusinessDays, localDateTime, MONDAY_TO_FRIDAY } from "../promise";
import { availableStock, HARD_CONSTRAINT_ORDER, HARD_CONSTRAINTS, type ConstraintTerms, type HardConstraintName } from "./constraints";
import { cmp } from "./context";
import { supplierFacts, type SupplierFacts } from "./facts";
import { formatRegion } from "./format";
import { COMBINATION_BUDGET, PARTIAL_COMBINATION_BUDGET } from "./plan";
import { promisedBusinessDays, resolveWeights } from "./policy";
import { applyPolicyScopes } from "./scope";
import { costPart, depth, freshness, landedCost, parcelShare, r4, speedPart, stockConfidence, weightedTotal } from "./scoring";
import type { Format2RoutingDecision } from "./stored-decision";
import { holdFor, splitPermission } from "./stop-loss";
import type {
  Assignment,
  CandidateExplanation,
  ConstraintResult,
  Hold,
  LineExplanation,
  OrderLine,
  RoutingInput,
  RoutingOptions,
  RoutingOutcome,
  SupplierOffer,
} from "./types";

/** What the order's terms say, once: the promise and the policy as they apply to this order. */
interface Terms extends ConstraintTerms {
  readonly region: string;
  readonly promised: number;
  /** The channel whose SLA set the promise, if one did. */
  readonly sla: string | null;
}

/** One supplier's facts for this order, with its speed part. */
interface Facts extends SupplierFacts {
  readonly speed: number;
}

/** A hard constraint's verdict with the parameters its sentence is rendered from. */
function hardResult(name: HardConstraintName, terms: Terms, facts: Facts, offer: SupplierOffer, needed: number): ConstraintResult {
  const spec = HARD_CONSTRAINTS[name];
  const passed = spec.scope === "supplier" ? spec.passes(terms, facts) : spec.passes(terms, facts, offer, needed);
  const { policy, order, region } = terms;
  switch (name) {
    case "supplierActive":
    case "notExcluded":
      return { name, passed };
    case "shipsToDestination":
      return { name, passed, region, transit: facts.transit };
    case "stockAvailable":
      return {
        name,
        passed,
        available: availableStock(offer, policy),
        needed,
        onHand: offer.stockOnHand,
        buffered: offer.bufferedAvailable != null,
        minBuffer: policy.stock.minBuffer,
      };
    case "stockFresh":
      return { name, passed, ageMs: order.nowMs - offer.stockUpdatedAtMs, maxAgeMs: policy.stock.maxAgeMs };
    case "meetsPromise":
      return {
        name,
        passed,
        region,
        serviceLevel: order.serviceLevel,
        promisedBusinessDays: terms.promised,
        deadline: terms.deadline,
        ...(terms.sla ? { sla: terms.sla } : {}),
        earliest: facts.window?.earliest ?? null,
        latest: facts.window?.latest ?? null,
        error: facts.windowError,
      };
  }
}

/** One line's candidates: every supplier with an offer for its variant, eligible ones first, best first. */
function explainLine(line: OrderLine, offers: readonly SupplierOffer[], facts: ReadonlyMap<string, Facts>, terms: Terms, needed: number): LineExplanation {
  const { order, policy } = terms;
  const revenue = line.unitPrice * line.quantity;
  const orderRevenue = order.lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
  const share = parcelShare(revenue, orderRevenue, order.lines.length);

  const checked = offers.map((offer) => {
    const f = facts.get(offer.supplierId);
    const constraints: ConstraintResult[] = f
      ? HARD_CONSTRAINT_ORDER.map((name) => hardResult(name, terms, f, offer, needed))
      : [{ name: "supplierKnown", passed: false }];
    return { offer, facts: f, constraints, scored: f !== undefined && constraints.every((c) => c.passed) };
  });

  // The cost part compares each scored candidate's margin with the best among them.
  const landed = new Map(
    checked.filter((c) => c.scored).map((c) => [c.offer.supplierId, landedCost(c.offer.unitCost, line.quantity, c.facts!.parcelCost, share)]),
  );
  const bestMargin = Math.max(...[...landed.values()].map((l) => revenue - l));
  const minLanded = Math.min(...landed.values());
  const minScore = policy.stopLoss.minScore;

  const candidates = checked.map(({ offer, facts: f, constraints, scored }): CandidateExplanation => {
    const identity = { supplierId: offer.supplierId, supplierName: f?.supplier.name ?? offer.supplierId, supplierSku: offer.supplierSku };
    if (!scored) return { ...identity, eligible: false, constraints, score: null, rank: null };
    const cost = landed.get(offer.supplierId)!;
    const fresh = freshness(order.nowMs - offer.stockUpdatedAtMs, f!.supplier.feedCadenceMs, policy.stock.stalenessHalfLifeMs);
    const deep = depth(availableStock(offer, policy), needed);
    const parts = {
      speed: f!.speed,
      cost: costPart(revenue - cost, cost, bestMargin, minLanded),
      stockConfidence: stockConfidence(fresh, deep),
      reliability: f!.reliability,
    };
    const total = weightedTotal(resolveWeights(policy, order.channel), parts.speed, parts.cost, parts.stockConfidence, parts.reliability);
    const verdicts = minScore === undefined ? constraints : [...constraints, { name: "minimumScore" as const, passed: total >= minScore, total, minScore }];
    const score = { total, parts, landedCost: cost, margin: revenue - cost, freshness: r4(fresh), depth: r4(deep) };
    return { ...identity, eligible: verdicts.every((c) => c.passed), constraints: verdicts, score, rank: null };
  });

  // Eligible candidates by total, best first (a stable sort: equal totals stay in supplier id order), then the rest.
  const eligible = candidates.filter((c) => c.eligible).sort((a, b) => b.score!.total - a.score!.total);
  const ranked = eligible.map((c, i) => ({ ...c, rank: i + 1 }));
  return { lineId: line.lineId, variantId: line.variantId, quantity: line.quantity, candidates: [...ranked, ...candidates.filter((c) => !c.eligible)] };
}

// ---------------------------------------------------------------- the plan

/** A candidate plan: a set of suppliers, each line going to its best-scoring member. */
interface Plan {
  /** Supplier ids, in id order. */
  readonly suppliers: readonly string[];
  readonly units: number;
  readonly parcels: number;
  readonly score: number;
}

/** The best supplier of a set for a line (highest total; the lower id on a tie), or null when none can take it. */
function bestFor(line: LineExplanation, suppliers: readonly string[]): { readonly id: string; readonly total: number } | null {
  let best: { id: string; total: number } | null = null;
  for (const id of suppliers) {
    const candidate = line.candidates.find((c) => c.eligible && c.supplierId === id);
    if (candidate && (!best || candidate.score!.total > best.total)) best = { id, total: candidate.score!.total };
  }
  return best;
}

function planOf(lines: readonly LineExplanation[], order: readonly OrderLine[], suppliers: readonly string[]): Plan {
  let units = 0;
  let score = 0;
  const used = new Set<string>();
  lines.forEach((line, i) => {
    const best = bestFor(line, suppliers);
    if (!best) return;
    used.add(best.id);
    units += line.quantity;
    score += Math.max(1, order[i]!.unitPrice * order[i]!.quantity) * best.total;
  });
  return { suppliers, units, parcels: used.size, score };
}

/** More units placed, then fewer parcels, then a higher weighted score; a tie keeps the plan found first. */
const better = (a: Plan, b: Plan | null): boolean =>
  !b || (a.units !== b.units ? a.units > b.units : a.parcels !== b.parcels ? a.parcels < b.parcels : a.score > b.score + 1e-9);

/** Every k-element subset of `ids`, in lexicographic order. */
function combinations(ids: readonly string[], k: number): string[][] {
  if (k === 0) return [[]];
  return ids.flatMap((id, i) => combinations(ids.slice(i + 1), k - 1).map((rest) => [id, ...rest]));
}

const binomial = (n: number, k: number): number => (k === 0 ? 1 : (binomial(n, k - 1) * (n - k + 1)) / k);

/** Adds the supplier that places the most more units (then the best score) until none places more or the limit is reached. */
function greedyPlan(lines: readonly LineExplanation[], order: readonly OrderLine[], ids: readonly string[], maxParcels: number): Plan {
  let current = planOf(lines, order, []);
  while (current.suppliers.length < maxParcels) {
    let next: Plan | null = null;
    for (const id of ids.filter((s) => !current.suppliers.includes(s))) {
      const plan = planOf(lines, order, [...current.suppliers, id].sort(cmp));
      if (plan.units > current.units && (!next || plan.units > next.units || (plan.units === next.units && plan.score > next.score + 1e-9))) next = plan;
    }
    if (!next) break;
    current = next;
  }
  return current;
}

/**
 * The supplier set of the plan: the fewest parcels that place every line some supplier can take
 * (best score among those), else the most units within the parcel limit. Every combination is
 * tried up to a budget; beyond it, the greedy plan.
 */
function choosePlan(lines: readonly LineExplanation[], order: readonly OrderLine[], maxParcels: number): Plan | null {
  const ids = [...new Set(lines.flatMap((l) => l.candidates.filter((c) => c.eligible).map((c) => c.supplierId)))].sort(cmp);
  if (ids.length === 0) return null;
  const sizes = Array.from({ length: Math.min(maxParcels, ids.length) }, (_, i) => i + 1);
  const count = sizes.reduce((sum, k) => sum + binomial(ids.length, k), 0);
  if (count > COMBINATION_BUDGET) return greedyPlan(lines, order, ids, maxParcels);
  const placeable = lines.filter((l) => l.candidates.some((c) => c.eligible));
  for (const k of sizes) {
    const covers = combinations(ids, k).filter((set) => placeable.every((l) => bestFor(l, set) !== null));
    const best = covers.map((set) => planOf(lines, order, set)).reduce<Plan | null>((acc, plan) => (better(plan, acc) ? plan : acc), null);
    if (best) return best;
  }
  if (count > PARTIAL_COMBINATION_BUDGET) return greedyPlan(lines, order, ids, maxParcels);
  const all = sizes.flatMap((k) => combinations(ids, k)).map((set) => planOf(lines, order, set));
  return all.reduce<Plan | null>((acc, plan) => (better(plan, acc) ? plan : acc), null);
}

function outcomeOf(assignments: number, holds: number): RoutingOutcome {
  if (assignments === 0) return "held";
  if (holds > 0) return "partially_held";
  return assignments > 1 ? "split" : "routed";
}

/** Routes one order the plain way: the same decision as `routeOrder`, in format 2's shape. */
export function referenceDecision(original: RoutingInput, options: RoutingOptions = {}): Format2RoutingDecision {
  // The scoped rules are one pure step before routing, shared with the engine.
  const { input, note } = applyPolicyScopes(original);
  const { order, policy } = input;
  const excluded = [...new Set(options.exclude ?? [])].sort(cmp);
  const today = localDateTime(order.nowMs, policy.timeZone).date;
  const promised = promisedBusinessDays(policy, order.serviceLevel, order.promisedBusinessDays);
  const deadline = addBusinessDays(today, promised, { workdays: MONDAY_TO_FRIDAY });
  const terms: Terms = { order, policy, deadline, region: formatRegion(order.destination), promised, sla: note?.sla?.channel ?? null };

  // Units of each variant across the order: the stock check counts a variant's lines together.
  const needed = new Map<string, number>();
  for (const line of order.lines) needed.set(line.variantId, (needed.get(line.variantId) ?? 0) + line.quantity);

  // One offer per (variant, supplier): the lowest SKU, the first listed on a tie.
  const offers = new Map<string, Map<string, SupplierOffer>>();
  for (const offer of input.offers) {
    if (!needed.has(offer.variantId)) continue;
    const bySupplier = offers.get(offer.variantId) ?? new Map<string, SupplierOffer>();
    offers.set(offer.variantId, bySupplier);
    const kept = bySupplier.get(offer.supplierId);
    if (!kept || offer.supplierSku < kept.supplierSku) bySupplier.set(offer.supplierId, offer);
  }

  const facts = new Map<string, Facts>();
  for (const supplier of input.suppliers) {
    const f = supplierFacts(supplier, order, policy, new Set(excluded), today);
    facts.set(supplier.id, { ...f, speed: speedPart(f.latestBusinessDays, promised) });
  }

  const lines = order.lines.map((line) => {
    const candidates = [...(offers.get(line.variantId)?.values() ?? [])].sort((a, b) => cmp(a.supplierId, b.supplierId));
    return explainLine(line, candidates, facts, terms, needed.get(line.variantId)!);
  });

  // The plan: split only when the policy allows it; otherwise one supplier takes everything or the order waits.
  const eligibleIds = (line: LineExplanation): string[] => line.candidates.filter((c) => c.eligible).map((c) => c.supplierId);
  const single = [...facts.keys()].some((id) => lines.every((line) => eligibleIds(line).includes(id)));
  const split = splitPermission({ order, policy }, single);
  const plan = split.permitted ? choosePlan(lines, order.lines, policy.split.maxParcels) : single ? choosePlan(lines, order.lines, 1) : null;
  const chosen = lines.map((line) => (plan ? (bestFor(line, plan.suppliers)?.id ?? null) : null));

  const assignments: Assignment[] = [...new Set(chosen.filter((id): id is string => id !== null))].sort(cmp).map((supplierId) => {
    const f = facts.get(supplierId)!;
    const placed = order.lines.filter((_, i) => chosen[i] === supplierId);
    const unitCosts = placed.reduce((sum, line) => sum + offers.get(line.variantId)!.get(supplierId)!.unitCost * line.quantity, 0);
    return {
      supplierId,
      lines: placed.map((line) => ({ lineId: line.lineId, quantity: line.quantity })),
      landedCost: unitCosts + f.parcelCost,
      promise: { earliest: f.window!.earliest, latest: f.window!.latest, latestBusinessDays: f.latestBusinessDays ?? 0 },
    };
  });
  const holds: Hold[] = order.lines.flatMap((line, i) =>
    chosen[i] === null ? [holdFor({ order, policy, region: terms.region, note }, { line, explanation: lines[i]! }, split)] : [],
  );
  return {
    format: 2,
    orderId: order.id,
    outcome: outcomeOf(assignments.length, holds.length),
    assignments,
    holds,
    fallbacks: lines.map((line, i) => ({ lineId: line.lineId, supplierIds: eligibleIds(line).filter((id) => id !== chosen[i]) })),
    context: {
      channel: order.channel,
      serviceLevel: order.serviceLevel,
      weights: resolveWeights(policy, order.channel),
      promisedBusinessDays: promised,
      deadline,
      splitPermitted: split.permitted,
      splitReason: split.reason,
      excluded,
      ...(note ? { policy: note } : {}),
    },
    explanation: lines,
  };
}
