/**
 * The routing engine: constraints and scores per line, then one plan for the order — a single
 * supplier when one can take everything, a split only when the policy allows it, holds for
 * the rest. Returns a RoutingDecision (plain JSON); the shell executes and stores it.
 */
import { buildContext, type OrderContext } from "./context";
import { evaluateOrder, type LineEvaluation } from "./evaluate";
import { expandLine, type ExplanationHeader } from "./expand";
import { oneSupplierTakesAll, planAssignment, planMatrix, type Matrix, type PlanAssignment, type PlanLine } from "./plan";
import { holdFor, splitPermission } from "./stop-loss";
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


function assignmentFor(ctx: OrderContext, index: number, evs: readonly LineEvaluation[]): Assignment {
  const facts = ctx.facts[index]!;
  const supplierId = ctx.supplierIds[index]!;
  const offerFor = (variantId: string) => {
    const { start, end } = ctx.variants[ctx.variantAt.get(variantId)!]!;
    for (let k = start; k < end; k += 1) if (ctx.keptSupplier[k] === index) return ctx.offers[ctx.keptOffer[k]!]!;
    throw new Error(`No offer of ${supplierId} for ${variantId}, though it was assigned`);
  };
  const unitCosts = evs.reduce((sum, ev) => sum + offerFor(ev.line.variantId).unitCost * ev.line.quantity, 0);
  // An assigned supplier passed meetsPromise, so its window exists.
  const window = facts.window!;
  return {
    supplierId,
    lines: evs.map((ev) => ({ lineId: ev.line.lineId, quantity: ev.line.quantity })),
    landedCost: unitCosts + facts.supplier.costs.dropshipFee + (facts.shippingCost ?? 0),
    promise: { earliest: window.earliest, latest: window.latest, latestBusinessDays: facts.latestBusinessDays ?? 0 },
  };
}

// One assignment per supplier, in supplier id order (the order of the context's numbering).
function assignments(ctx: OrderContext, evaluations: readonly LineEvaluation[], plan: PlanAssignment): Assignment[] {
  const bySupplier = new Map<number, LineEvaluation[]>();
  plan.forEach((index, i) => {
    if (index === null) return;
    const list = bySupplier.get(index);
    if (list) list.push(evaluations[i]!);
    else bySupplier.set(index, [evaluations[i]!]);
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
  const ctx = buildContext(input, options);
  const evaluation = evaluateOrder(ctx);
  const evaluations = evaluation.lines;
  // The ranked candidates lead each line's columns; suppliers are numbered in id order, the plan's tie-break.
  const lines: PlanLine[] = evaluations.map(({ line, columns }) => ({
    units: line.quantity,
    weight: Math.max(1, line.unitPrice * line.quantity),
    count: columns.ranked,
    supplier: columns.supplier,
    totals: columns.total,
  }));
  const matrix = planMatrix(lines);
  const single = oneSupplierTakesAll(matrix);
  const split = splitPermission(ctx, single);
  const plan = choosePlan(ctx, lines, matrix, split.permitted, single);
  const assigned = assignments(ctx, evaluations, plan);
  const header: ExplanationHeader = {
    region: ctx.region,
    minBuffer: ctx.policy.stock.minBuffer,
    maxStockAgeMs: ctx.policy.stock.maxAgeMs,
    minScore: ctx.policy.stopLoss.minScore ?? null,
    suppliers: evaluation.suppliers,
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
  };
  const holds = evaluations
    .filter((_, i) => plan[i] === null)
    .map((ev) => holdFor(ctx, { line: ev.line, explanation: expandLine(header, context, ev.columns) }, split));
  const fallbacks: LineFallback[] = evaluations.map(({ line, columns }, i) => {
    // The ranked suppliers but the chosen one (a placed line's supplier is always among them).
    const supplierIds = new Array<string>(plan[i] === null ? columns.ranked : columns.ranked - 1);
    let f = 0;
    for (let r = 0; r < columns.ranked; r += 1) {
      const index = columns.supplier[r]!;
      if (index !== plan[i]) supplierIds[f++] = ctx.supplierIds[index]!;
    }
    return { lineId: line.lineId, supplierIds };
  });
  return {
    format: DECISION_FORMAT,
    orderId: ctx.order.id,
    outcome: outcomeOf(assigned, holds),
    assignments: assigned,
    holds,
    fallbacks,
    context,
    explanation: { ...header, lines: evaluations.map((ev) => ev.columns) },
  };
}
