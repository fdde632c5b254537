/**
 * The routing engine: constraints and scores per line, then one plan for the order — a single
 * supplier when one can take everything, a split only when the policy allows it, holds for
 * the rest. Returns a RoutingDecision (plain JSON); the shell executes and stores it.
 */
import { buildContext, type OrderContext } from "./context";
import { evaluateOrder } from "./evaluate";
import { expandLine, type ExplanationHeader } from "./expand";
import { oneSupplierTakesAll, planAssignment, planMatrix, type Matrix, type PlanAssignment, type PlanLine } from "./plan";
import { applyPolicyScopes } from "./scope";
import { holdFor, splitPermission, type HoldTerms } from "./stop-loss";
import {
  DECISION_FORMAT,
  type Assignment,
  type DecisionContext,
  type Hold,
  type LineFallback,
  type RoutingDecision,
  type RoutingInput,
  type RoutingOptions,
  type RoutingOutcome,
} from "./types";

// `lines`: positions in the order's lines.
function assignmentFor(ctx: OrderContext, index: number, lines: readonly number[]): Assignment {
  const facts = ctx.facts[index]!;
  const supplierId = ctx.supplierIds[index]!;
  const offerFor = (i: number) => {
    const { start, end, variantId } = ctx.lineVariants[i]!;
    for (let k = start; k < end; k += 1) if (ctx.keptSupplier[k] === index) return ctx.offers[ctx.keptOffer[k]!]!;
    throw new Error(`No offer of ${supplierId} for ${variantId}, though it was assigned`);
  };
  const unitCosts = lines.reduce((sum, i) => sum + offerFor(i).unitCost * ctx.order.lines[i]!.quantity, 0);
  // An assigned supplier passed meetsPromise, so its window exists.
  const window = facts.window!;
  return {
    supplierId,
    lines: lines.map((i) => ({ lineId: ctx.order.lines[i]!.lineId, quantity: ctx.order.lines[i]!.quantity })),
    landedCost: unitCosts + facts.parcelCost,
    promise: { earliest: window.earliest, latest: window.latest, latestBusinessDays: facts.latestBusinessDays ?? 0 },
  };
}

// One assignment per supplier, in supplier id order (the order of the context's numbering).
function assignments(ctx: OrderContext, plan: PlanAssignment): Assignment[] {
  const bySupplier = new Map<number, number[]>();
  plan.forEach((index, i) => {
    if (index === null) return;
    const list = bySupplier.get(index);
    if (list) list.push(i);
    else bySupplier.set(index, [i]);
  });
  return [...bySupplier.keys()].sort((a, b) => a - b).map((index) => assignmentFor(ctx, index, bySupplier.get(index)!));
}

function outcomeOf(assigned: readonly Assignment[], holds: readonly Hold[]): RoutingOutcome {
  if (assigned.length === 0) return "held";
  if (holds.length > 0) return "partially_held";
  return assigned.length > 1 ? "split" : "routed";
}

function choosePlan(ctx: OrderContext, lines: readonly PlanLine[], matrix: Matrix, splitPermitted: boolean, single: boolean): PlanAssignment {
  if (splitPermitted) return planAssignment(lines, ctx.policy.split.maxParcels, matrix);
  // No split: one supplier takes the whole order, or the whole order waits.
  return single ? planAssignment(lines, 1, matrix) : lines.map(() => null);
}

/** Routes one order: evaluates every (line, supplier) pair and returns the plan with its explanation. */
export function routeOrder(input: RoutingInput, options: RoutingOptions = {}): RoutingDecision {
  // Product, collection, region and channel rules first: the engine then routes with one policy.
  const scoped = applyPolicyScopes(input);
  const ctx = buildContext(scoped.input, options);
  const evaluation = evaluateOrder(ctx);
  const { candidates, scores } = evaluation;
  // The ranked candidates lead each line's entries in the columns; suppliers are numbered in id
  // order, the plan's tie-break.
  const lines: PlanLine[] = evaluation.lines.map((entry) => ({
    units: entry.quantity,
    weight: Math.max(1, entry.revenue),
    count: entry.ranked,
    supplier: candidates.supplier,
    supplierAt: entry.start,
    totals: scores.total,
    totalAt: entry.scoreStart,
  }));
  const matrix = planMatrix(lines);
  const single = oneSupplierTakesAll(matrix);
  const split = splitPermission(ctx, single);
  const plan = choosePlan(ctx, lines, matrix, split.permitted, single);
  const assigned = assignments(ctx, plan);
  const header: ExplanationHeader = {
    region: ctx.region,
    minBuffer: ctx.policy.stock.minBuffer,
    maxStockAgeMs: ctx.policy.stock.maxAgeMs,
    minScore: ctx.policy.stopLoss.minScore ?? null,
    suppliers: evaluation.suppliers,
    candidates,
    scores,
  };
  const context: DecisionContext = {
    channel: ctx.order.channel,
    serviceLevel: ctx.order.serviceLevel,
    weights: ctx.weights,
    promisedBusinessDays: ctx.promisedBusinessDays,
    deadline: ctx.deadline,
    splitPermitted: split.permitted,
    splitReason: split.reason,
    excluded: ctx.excluded,
    ...(scoped.note ? { policy: scoped.note } : {}),
  };
  const holds: Hold[] = [];
  const terms: HoldTerms = { order: ctx.order, policy: ctx.policy, region: ctx.region, note: scoped.note };
  evaluation.lines.forEach((entry, i) => {
    if (plan[i] === null) holds.push(holdFor(terms, { line: ctx.order.lines[i]!, explanation: expandLine(header, context, entry) }, split));
  });
  const fallbacks: LineFallback[] = evaluation.lines.map((entry, i) => {
    // The ranked suppliers but the chosen one (a placed line's supplier is always among them).
    const supplierIds = new Array<string>(plan[i] === null ? entry.ranked : entry.ranked - 1);
    let f = 0;
    for (let k = entry.start; k < entry.start + entry.ranked; k += 1) {
      const index = candidates.supplier[k]!;
      if (index !== plan[i]) supplierIds[f++] = ctx.supplierIds[index]!;
    }
    return { lineId: entry.lineId, supplierIds };
  });
  return {
    format: DECISION_FORMAT,
    orderId: ctx.order.id,
    outcome: outcomeOf(assigned, holds),
    assignments: assigned,
    holds,
    fallbacks,
    context,
    explanation: { ...header, lines: evaluation.lines },
  };
}
