/**
 * The weighted score of the candidates that passed every hard constraint. Each part is
 * normalised to 0..1 (higher is better) and keeps the raw inputs it was computed from.
 */
import type { CandidateInput } from "./constraints";
import { availableStock } from "./constraints";
import type { OrderContext, SupplierFacts } from "./context";
import type { CandidateScore, ScorePart, ScorePartName } from "./types";

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;
const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** A score part before its weight is attached. */
export type PartValue = Omit<ScorePart, "weight">;

/** Speed depends only on the supplier: delivery at the deadline scores 1/(promised+1), same day 1. */
export function speedPart(ctx: OrderContext, facts: SupplierFacts): PartValue {
  const latestDays = facts.latestBusinessDays ?? ctx.promisedBusinessDays;
  return {
    value: r4(clamp01(1 - latestDays / (ctx.promisedBusinessDays + 1))),
    raw: {
      earliest: facts.window?.earliest ?? null,
      latest: facts.window?.latest ?? null,
      latestBusinessDays: latestDays,
      promisedBusinessDays: ctx.promisedBusinessDays,
      deadline: ctx.deadline,
    },
  };
}

const weighted = (part: PartValue, weight: number): ScorePart => ({ value: part.value, weight, raw: part.raw });

/** The weighted parts that depend only on the supplier, shared by every line of the order. */
export interface SupplierParts {
  readonly speed: ScorePart;
  readonly reliability: ScorePart;
}

/** Speed and reliability of one supplier for this order, weighted once rather than per line. */
export function supplierParts(ctx: OrderContext, facts: SupplierFacts): SupplierParts {
  return {
    speed: weighted(speedPart(ctx, facts), ctx.weights.speed),
    reliability: weighted(facts.reliability, ctx.weights.reliability),
  };
}

interface LandedCost {
  readonly revenue: number;
  readonly landed: number;
  readonly margin: number;
  readonly allocatedParcelCost: number;
}

// The parcel's fee and shipping are shared by the lines in proportion to revenue, as if the
// whole order shipped from this supplier (the plan the engine prefers).
function landedCost(ctx: OrderContext, c: CandidateInput): LandedCost {
  const revenue = c.line.unitPrice * c.line.quantity;
  const share = ctx.orderRevenue > 0 ? revenue / ctx.orderRevenue : 1 / ctx.order.lines.length;
  const parcel = c.facts.supplier.costs.dropshipFee + (c.facts.shippingCost ?? 0);
  const allocatedParcelCost = Math.round(parcel * share);
  const landed = c.offer.unitCost * c.line.quantity + allocatedParcelCost;
  return { revenue, landed, margin: revenue - landed, allocatedParcelCost };
}

/** Margin relative to the best margin among the line's eligible candidates (cheapest landed when all lose money). */
function costPart(c: CandidateInput, cost: LandedCost, bestMargin: number, minLanded: number, weight: number): ScorePart {
  const value =
    bestMargin > 0 ? cost.margin / bestMargin : cost.landed > 0 ? minLanded / cost.landed : 1;
  return {
    value: r4(clamp01(value)),
    weight,
    raw: {
      unitCost: c.offer.unitCost,
      quantity: c.line.quantity,
      dropshipFee: c.facts.supplier.costs.dropshipFee,
      shippingCost: c.facts.shippingCost,
      allocatedParcelCost: cost.allocatedParcelCost,
      landedCost: cost.landed,
      revenue: cost.revenue,
      margin: cost.margin,
      bestMargin,
    },
  };
}

/** Freshness (full within the feed cadence, then halving per half-life) times stock depth. */
function stockPart(ctx: OrderContext, c: CandidateInput, weight: number): ScorePart {
  const ageMs = Math.max(0, ctx.order.nowMs - c.offer.stockUpdatedAtMs);
  const cadence = c.facts.supplier.feedCadenceMs;
  const halfLife = ctx.policy.stock.stalenessHalfLifeMs;
  const freshness = ageMs <= cadence ? 1 : 0.5 ** ((ageMs - cadence) / halfLife);
  const needed = ctx.variantQuantity.get(c.offer.variantId) ?? c.line.quantity;
  const available = availableStock(c.offer, ctx.policy);
  // 0 when the order takes the last unit, 0.5 at double cover, 0.9 at ten times.
  const depth = available > 0 ? clamp01(1 - needed / available) : 0;
  return {
    value: r4(clamp01(freshness * (0.5 + 0.5 * depth))),
    weight,
    raw: { ageMs, feedCadenceMs: cadence, stalenessHalfLifeMs: halfLife, freshness: r4(freshness), available, needed, depth: r4(depth) },
  };
}

/** Scores every eligible candidate of one line (same order as given); `suppliers` are per candidate. */
export function scoreCandidates(
  ctx: OrderContext,
  eligible: readonly CandidateInput[],
  suppliers: readonly SupplierParts[],
): CandidateScore[] {
  const costs = eligible.map((c) => landedCost(ctx, c));
  let bestMargin = -Infinity;
  let minLanded = Infinity;
  for (const c of costs) {
    bestMargin = Math.max(bestMargin, c.margin);
    minLanded = Math.min(minLanded, c.landed);
  }
  const w = ctx.weights;
  return eligible.map((c, i) => {
    const shared = suppliers[i]!;
    const parts: Record<ScorePartName, ScorePart> = {
      speed: shared.speed,
      cost: costPart(c, costs[i]!, bestMargin, minLanded, w.cost),
      stockConfidence: stockPart(ctx, c, w.stockConfidence),
      reliability: shared.reliability,
    };
    const total =
      parts.speed.value * w.speed +
      parts.cost.value * w.cost +
      parts.stockConfidence.value * w.stockConfidence +
      parts.reliability.value * w.reliability;
    return { parts, total: r6(total) };
  });
}
