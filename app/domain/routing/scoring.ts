/**
 * The score of a candidate that passed every hard constraint: four parts, each normalised to 0..1
 * (higher is better), and their weighted total. Plain functions of numbers, so the engine, the
 * reference implementation (`reference.ts`) and promise publishing all score with the same rules:
 * speed and reliability depend only on the supplier (computed once per order); cost and stock
 * confidence per candidate, the cost part against the best margin among the line's candidates.
 */
import type { Weights } from "./policy";

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
export const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;
const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/**
 * The speed part: delivery at the promised deadline scores 1/(promised+1), same day 1. A supplier
 * whose delivery window is unknown (`latestBusinessDays` null) counts as delivering at the deadline.
 */
export function speedPart(latestBusinessDays: number | null, promisedBusinessDays: number): number {
  const latestDays = latestBusinessDays ?? promisedBusinessDays;
  return r4(clamp01(1 - latestDays / (promisedBusinessDays + 1)));
}

/** A line's share of one parcel's fee and shipping: its share of the order's revenue (equal shares when the order is free). */
export const parcelShare = (lineRevenue: number, orderRevenue: number, lineCount: number): number =>
  orderRevenue > 0 ? lineRevenue / orderRevenue : 1 / lineCount;

/**
 * Units at the offer's cost plus the line's share of one parcel (the supplier's dropship fee and
 * shipping), as if the whole order shipped from this supplier (the plan the engine prefers).
 */
export const landedCost = (unitCost: number, quantity: number, parcelCost: number, share: number): number =>
  unitCost * quantity + Math.round(parcelCost * share);

/** Stock confidence's freshness: 1 within the supplier's feed cadence, then halving per half-life of the policy (unrounded). */
export function freshness(stockAgeMs: number, feedCadenceMs: number, halfLifeMs: number): number {
  const age = Math.max(0, stockAgeMs);
  return age <= feedCadenceMs ? 1 : 0.5 ** ((age - feedCadenceMs) / halfLifeMs);
}

/** Stock confidence's depth: 0 when the order takes the last unit, 0.5 at double cover, 0.9 at ten times (unrounded). */
export const depth = (available: number, needed: number): number => (available > 0 ? clamp01(1 - needed / available) : 0);

/** The stock confidence part: freshness times stock depth, from their unrounded values. The one stock-confidence rule. */
export const stockConfidence = (fresh: number, deep: number): number => r4(clamp01(fresh * (0.5 + 0.5 * deep)));

/**
 * The cost part: the margin relative to the best margin among the line's scored candidates
 * (the cheapest landed cost relative when all of them lose money, or the price is unknown).
 */
export function costPart(margin: number, landed: number, bestMargin: number, minLanded: number): number {
  const value = bestMargin > 0 ? margin / bestMargin : landed > 0 ? minLanded / landed : 1;
  return r4(clamp01(value));
}

/** The weighted total of the four parts. */
export function weightedTotal(w: Weights, speed: number, cost: number, stock: number, reliability: number): number {
  return r6(speed * w.speed + cost * w.cost + stock * w.stockConfidence + reliability * w.reliability);
}
