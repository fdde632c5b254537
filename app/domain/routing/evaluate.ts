/**
 * Every line against every supplier offering its variant: hard constraints, then scores for
 * the survivors, then the stop-loss minimum score, then a rank with a deterministic tie-break.
 * Supplier-level constraints and the speed and reliability parts are computed once per order,
 * not per line. Results go straight into the explanation's columns (`CandidateColumns`,
 * `ScoreColumns`), one set for the whole order: a 20-line order against 50 suppliers has 1,000
 * candidates, and an object (or several) per candidate was most of the engine's garbage and,
 * through young-generation collections, its slowest decisions (decision 007). The per-candidate
 * working values live in the kernel's reused arrays (`../kernel.ts`); `reference.ts` computes the
 * same verdicts and scores with plain objects.
 */
import { doubles, integers, reserveCandidateWork, type CandidateWork } from "../kernel";
import { availableStock, offerFailures, stockAgeMs, supplierFailures } from "./constraints";
import type { OrderContext } from "./context";
import { costPart, depth, freshness, landedCost, parcelShare, r4, speedPart, stockConfidence, weightedTotal } from "./scoring";
import {
  FLAG_BUFFERED,
  FLAG_MIN_SCORE_FAILED,
  HARD_FAILURE_BITS,
  type CandidateColumns,
  type LineEntry,
  type ScoreColumns,
  type SupplierVerdict,
} from "./types";

export interface OrderEvaluation {
  /** Aligned with `OrderContext.supplierIds`. */
  readonly suppliers: readonly SupplierVerdict[];
  /** Aligned with the order's lines. */
  readonly lines: readonly LineEntry[];
  readonly candidates: CandidateColumns;
  readonly scores: ScoreColumns;
}

function verdictOf(ctx: OrderContext, id: string, index: number): SupplierVerdict {
  const facts = ctx.facts[index];
  if (!facts) return { id, name: id, known: false, transit: null, earliest: null, latest: null, error: null, speed: 0, reliability: 0 };
  return {
    id,
    name: facts.supplier.name,
    known: true,
    transit: facts.transit,
    earliest: facts.window?.earliest ?? null,
    latest: facts.window?.latest ?? null,
    error: facts.windowError,
    speed: speedPart(facts.latestBusinessDays, ctx.promisedBusinessDays),
    reliability: facts.reliability,
  };
}

/** Internal to the working flags: the offer names a supplier with no record (never stored). */
const UNKNOWN = 1 << 30;
const UNSCORED = UNKNOWN | HARD_FAILURE_BITS;

/**
 * Evaluates the line whose candidates take working entries `base` … `base` + n − 1 and the kept
 * offers `start` … `start` + n − 1, and orders them in `work.order`. Returns how many are eligible.
 */
function evaluateLine(
  ctx: OrderContext,
  work: CandidateWork,
  verdicts: readonly SupplierVerdict[],
  failures: readonly number[],
  lineIndex: number,
  base: number,
): number {
  const { supplier: wSupplier, flags: wFlags, available: wAvailable, landed: wLanded, order: wOrder } = work;
  const { freshness: wFresh, depth: wDepth, stockConfidence: wStock, cost: wCost, total: wTotal } = work;
  const line = ctx.order.lines[lineIndex]!;
  const { start, end, quantity: needed } = ctx.lineVariants[lineIndex]!;
  const n = end - start;
  const revenue = line.unitPrice * line.quantity;
  const share = parcelShare(revenue, ctx.orderRevenue, ctx.order.lines.length);
  const { offers, keptOffer, keptSupplier, policy } = ctx;
  const nowMs = ctx.order.nowMs;

  // 1. Hard constraints, and the parts of the score that need only the candidate itself.
  let bestMargin = -Infinity;
  let minLanded = Infinity;
  for (let j = 0; j < n; j += 1) {
    const w = base + j;
    const offer = offers[keptOffer[start + j]!]!;
    const index = keptSupplier[start + j]!;
    const facts = ctx.facts[index];
    wSupplier[w] = index;
    if (!facts) {
      wFlags[w] = UNKNOWN;
      continue;
    }
    const available = availableStock(offer, policy);
    const flags = failures[index]! | offerFailures(ctx, facts, offer, needed) | (offer.bufferedAvailable != null ? FLAG_BUFFERED : 0);
    wFlags[w] = flags;
    wAvailable[w] = available;
    if ((flags & HARD_FAILURE_BITS) !== 0) continue;
    const landed = landedCost(offer.unitCost, line.quantity, facts.parcelCost, share);
    const margin = revenue - landed;
    if (margin > bestMargin) bestMargin = margin;
    if (landed < minLanded) minLanded = landed;
    const fresh = freshness(stockAgeMs(nowMs, offer), facts.supplier.feedCadenceMs, policy.stock.stalenessHalfLifeMs);
    const deep = depth(available, needed);
    wLanded[w] = landed;
    wFresh[w] = r4(fresh);
    wDepth[w] = r4(deep);
    wStock[w] = stockConfidence(fresh, deep);
  }

  // 2. The cost part against the line's best margin, the weighted total and the minimum score;
  // the eligible candidates best first (stable, so equal totals stay in supplier id order).
  const minScore = policy.stopLoss.minScore;
  let ranked = 0;
  for (let w = base; w < base + n; w += 1) {
    if ((wFlags[w]! & UNSCORED) !== 0) continue;
    const verdict = verdicts[wSupplier[w]!]!;
    const landed = wLanded[w]!;
    const cost = costPart(revenue - landed, landed, bestMargin, minLanded);
    const total = weightedTotal(ctx.weights, verdict.speed, cost, wStock[w]!, verdict.reliability);
    wCost[w] = cost;
    wTotal[w] = total;
    if (minScore !== undefined && total < minScore) {
      wFlags[w] = wFlags[w]! | FLAG_MIN_SCORE_FAILED;
      continue;
    }
    let at = base + ranked;
    while (at > base && wTotal[wOrder[at - 1]!]! < total) {
      wOrder[at] = wOrder[at - 1]!;
      at -= 1;
    }
    wOrder[at] = w;
    ranked += 1;
  }
  // Then the rest, in offer (supplier id) order.
  let next = base + ranked;
  for (let w = base; w < base + n; w += 1) {
    if ((wFlags[w]! & (UNSCORED | FLAG_MIN_SCORE_FAILED)) !== 0) wOrder[next++] = w;
  }
  return ranked;
}

/** Evaluates and ranks every candidate of every line of the order, into one set of columns. */
export function evaluateOrder(ctx: OrderContext): OrderEvaluation {
  const verdicts = ctx.supplierIds.map((id, index) => verdictOf(ctx, id, index));
  const failures = ctx.facts.map((facts) => (facts ? supplierFailures(ctx, facts) : 0));
  const lineCount = ctx.order.lines.length;
  const bases = new Array<number>(lineCount + 1);
  bases[0] = 0;
  for (let i = 0; i < lineCount; i += 1) {
    const { start, end } = ctx.lineVariants[i]!;
    bases[i + 1] = bases[i]! + end - start;
  }
  const count = bases[lineCount]!;
  const work = reserveCandidateWork(count);
  const ranks = new Array<number>(lineCount);
  for (let i = 0; i < lineCount; i += 1) ranks[i] = evaluateLine(ctx, work, verdicts, failures, i, bases[i]!);
  const { supplier: wSupplier, flags: wFlags, available: wAvailable, order: wOrder } = work;

  // The columns, each allocated once at its final size; the score columns for scored candidates only.
  let scoredCount = 0;
  for (let w = 0; w < count; w += 1) if ((wFlags[w]! & UNSCORED) === 0) scoredCount += 1;
  const candidates = {
    supplier: integers(count),
    sku: new Array<string>(count),
    flags: integers(count),
    available: doubles(count),
    onHand: doubles(count),
    stockAgeMs: doubles(count),
  };
  const scores = {
    total: doubles(scoredCount),
    cost: doubles(scoredCount),
    stockConfidence: doubles(scoredCount),
    landedCost: doubles(scoredCount),
    freshness: doubles(scoredCount),
    depth: doubles(scoredCount),
  };
  const { offers, keptOffer } = ctx;
  const lines = new Array<LineEntry>(lineCount);
  let s = 0;
  for (let i = 0; i < lineCount; i += 1) {
    const line = ctx.order.lines[i]!;
    const base = bases[i]!;
    const end = bases[i + 1]!;
    const { start: offerStart, quantity } = ctx.lineVariants[i]!;
    lines[i] = {
      lineId: line.lineId,
      variantId: line.variantId,
      quantity: line.quantity,
      needed: quantity,
      revenue: line.unitPrice * line.quantity,
      start: base,
      end,
      ranked: ranks[i]!,
      scoreStart: s,
    };
    for (let k = base; k < end; k += 1) {
      const w = wOrder[k]!;
      const offer = offers[keptOffer[offerStart + w - base]!]!;
      const f = wFlags[w]!;
      candidates.supplier[k] = wSupplier[w]!;
      candidates.sku[k] = offer.supplierSku;
      candidates.onHand[k] = offer.stockOnHand;
      candidates.stockAgeMs[k] = stockAgeMs(ctx.order.nowMs, offer);
      if ((f & UNKNOWN) !== 0) continue;
      candidates.flags[k] = f;
      candidates.available[k] = wAvailable[w]!;
      if ((f & HARD_FAILURE_BITS) !== 0) continue;
      scores.total[s] = work.total[w]!;
      scores.cost[s] = work.cost[w]!;
      scores.stockConfidence[s] = work.stockConfidence[w]!;
      scores.landedCost[s] = work.landed[w]!;
      scores.freshness[s] = work.freshness[w]!;
      scores.depth[s] = work.depth[w]!;
      s += 1;
    }
  }
  return { suppliers: verdicts, lines, candidates, scores };
}
