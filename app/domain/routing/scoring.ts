/**
 * The weighted score of the candidates that passed every hard constraint. Each part is
 * normalised to 0..1 (higher is better). Speed and reliability depend only on the supplier and
 * are computed once per order; cost and stock confidence per candidate, in two passes per line
 * because the cost part compares each margin with the line's best.
 */
import { availableStock } from "./constraints";
import type { OrderContext, SupplierFacts } from "./context";
import type { CandidateScore, OrderLine, ScorePartName, SupplierOffer } from "./types";

/** What scoring needs of a line, computed once per line rather than per candidate. */
export interface LineFacts {
  readonly line: OrderLine;
  /** Units of the line's variant across the whole order. */
  readonly needed: number;
  readonly revenue: number;
  /** The line's share of the parcel's fee and shipping (its share of order revenue). */
  readonly parcelShare: number;
}

/** The per-line constants of scoring and the stock check. */
export function lineFacts(ctx: OrderContext, line: OrderLine): LineFacts {
  const revenue = line.unitPrice * line.quantity;
  return {
    line,
    needed: ctx.variantQuantity.get(line.variantId) ?? line.quantity,
    revenue,
    parcelShare: ctx.orderRevenue > 0 ? revenue / ctx.orderRevenue : 1 / ctx.order.lines.length,
  };
}

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;
const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** The parts that depend only on the supplier, shared by every line of the order. */
export interface SupplierParts {
  readonly speed: number;
  readonly reliability: number;
}

/** Speed (delivery at the deadline scores 1/(promised+1), same day 1) and reliability of one supplier for this order. */
export function supplierParts(ctx: OrderContext, facts: SupplierFacts): SupplierParts {
  const latestDays = facts.latestBusinessDays ?? ctx.promisedBusinessDays;
  return {
    speed: r4(clamp01(1 - latestDays / (ctx.promisedBusinessDays + 1))),
    reliability: facts.reliability,
  };
}

/** A score whose cost part and total `finishScores` fills in once the line's best margin is known. */
export type ProvisionalScore = { -readonly [K in keyof CandidateScore]: CandidateScore[K] } & {
  parts: Record<ScorePartName, number>;
};

/**
 * Everything of one candidate's score but the cost part: its landed cost (the parcel's fee and
 * shipping shared by the lines in proportion to revenue, as if the whole order shipped from this
 * supplier, the plan the engine prefers) and its stock confidence (freshness — full within the
 * feed cadence, then halving per half-life — times stock depth).
 */
export function provisionalScore(ctx: OrderContext, lf: LineFacts, facts: SupplierFacts, offer: SupplierOffer, shared: SupplierParts): ProvisionalScore {
  const parcel = facts.supplier.costs.dropshipFee + (facts.shippingCost ?? 0);
  const landedCost = offer.unitCost * lf.line.quantity + Math.round(parcel * lf.parcelShare);

  const ageMs = Math.max(0, ctx.order.nowMs - offer.stockUpdatedAtMs);
  const cadence = facts.supplier.feedCadenceMs;
  const freshness = ageMs <= cadence ? 1 : 0.5 ** ((ageMs - cadence) / ctx.policy.stock.stalenessHalfLifeMs);
  const available = availableStock(offer, ctx.policy);
  // 0 when the order takes the last unit, 0.5 at double cover, 0.9 at ten times.
  const depth = available > 0 ? clamp01(1 - lf.needed / available) : 0;

  return {
    total: 0,
    parts: {
      speed: shared.speed,
      cost: 0,
      stockConfidence: r4(clamp01(freshness * (0.5 + 0.5 * depth))),
      reliability: shared.reliability,
    },
    landedCost,
    margin: lf.revenue - landedCost,
    freshness: r4(freshness),
    depth: r4(depth),
  };
}

/**
 * Completes the scores of one line's scored candidates (the others have none): the cost part is the margin relative
 * to the best margin among them (cheapest landed cost relative when all lose money), then the
 * weighted total.
 */
export function finishScores(ctx: OrderContext, candidates: readonly { readonly score: ProvisionalScore | null }[]): void {
  let bestMargin = -Infinity;
  let minLanded = Infinity;
  for (const { score: s } of candidates) {
    if (!s) continue;
    if (s.margin > bestMargin) bestMargin = s.margin;
    if (s.landedCost < minLanded) minLanded = s.landedCost;
  }
  const w = ctx.weights;
  for (const { score: s } of candidates) {
    if (!s) continue;
    const value = bestMargin > 0 ? s.margin / bestMargin : s.landedCost > 0 ? minLanded / s.landedCost : 1;
    const p = s.parts;
    p.cost = r4(clamp01(value));
    s.total = r6(p.speed * w.speed + p.cost * w.cost + p.stockConfidence * w.stockConfidence + p.reliability * w.reliability);
  }
}
