/**
 * The weighted score of the candidates that passed every hard constraint. Each part is
 * normalised to 0..1 (higher is better). Speed and reliability depend only on the supplier and
 * are computed once per order; cost and stock confidence per candidate, in two passes per line
 * because the cost part compares each margin with the line's best. Plain functions of numbers:
 * the evaluation writes their results straight into the explanation's columns.
 */
import type { OrderContext, SupplierFacts } from "./context";
import type { Weights } from "./policy";
import type { OrderLine, SupplierOffer } from "./types";

/** What scoring needs of a line, computed once per line rather than per candidate. */
export interface LineFacts {
  readonly line: OrderLine;
  /** Units of the line's variant across the whole order. */
  readonly needed: number;
  readonly revenue: number;
  /** The line's share of the parcel's fee and shipping (its share of order revenue). */
  readonly parcelShare: number;
}

/** The per-line constants of scoring and the stock check; `needed`: the variant's units across the order. */
export function lineFacts(ctx: OrderContext, line: OrderLine, needed: number): LineFacts {
  const revenue = line.unitPrice * line.quantity;
  return {
    line,
    needed,
    revenue,
    parcelShare: ctx.orderRevenue > 0 ? revenue / ctx.orderRevenue : 1 / ctx.order.lines.length,
  };
}

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
export const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;
const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** The speed part of one supplier for this order: delivery at the deadline scores 1/(promised+1), same day 1. */
export function speedPart(ctx: OrderContext, facts: SupplierFacts): number {
  const latestDays = facts.latestBusinessDays ?? ctx.promisedBusinessDays;
  return r4(clamp01(1 - latestDays / (ctx.promisedBusinessDays + 1)));
}

/**
 * Units at the offer's cost plus the line's revenue share of one parcel's fee and shipping, as
 * if the whole order shipped from this supplier (the plan the engine prefers).
 */
export function landedCost(lf: LineFacts, facts: SupplierFacts, offer: SupplierOffer): number {
  const parcel = facts.supplier.costs.dropshipFee + (facts.shippingCost ?? 0);
  return offer.unitCost * lf.line.quantity + Math.round(parcel * lf.parcelShare);
}

/** 1 within the supplier's feed cadence, then halving per half-life of the policy (unrounded). */
export function freshness(ctx: OrderContext, facts: SupplierFacts, offer: SupplierOffer): number {
  const ageMs = Math.max(0, ctx.order.nowMs - offer.stockUpdatedAtMs);
  const cadence = facts.supplier.feedCadenceMs;
  return ageMs <= cadence ? 1 : 0.5 ** ((ageMs - cadence) / ctx.policy.stock.stalenessHalfLifeMs);
}

/** 0 when the order takes the last unit, 0.5 at double cover, 0.9 at ten times (unrounded). */
export const depth = (available: number, needed: number): number => (available > 0 ? clamp01(1 - needed / available) : 0);

/** The stock confidence part: freshness times stock depth, from their unrounded values. */
export const stockConfidence = (fresh: number, deep: number): number => r4(clamp01(fresh * (0.5 + 0.5 * deep)));

/**
 * The cost part: the margin relative to the best margin among the line's scored candidates
 * (the cheapest landed cost relative when all of them lose money).
 */
export function costPart(margin: number, landed: number, bestMargin: number, minLanded: number): number {
  const value = bestMargin > 0 ? margin / bestMargin : landed > 0 ? minLanded / landed : 1;
  return r4(clamp01(value));
}

/** The weighted total of the four parts. */
export function weightedTotal(w: Weights, speed: number, cost: number, stock: number, reliability: number): number {
  return r6(speed * w.speed + cost * w.cost + stock * w.stockConfidence + reliability * w.reliability);
}
