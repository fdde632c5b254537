/**
 * Every line against every supplier offering its variant: hard constraints, then scores for
 * the survivors, then the stop-loss minimum score, then a rank with a deterministic tie-break.
 * Supplier-level constraints and the speed and reliability parts are computed once per order,
 * not per line. Results go straight into the explanation's columns (`CandidateColumns`,
 * `ScoreColumns`), one set for the whole order: a 20-line order against 50 suppliers has 1,000
 * candidates, and an object (or several) per candidate was most of the engine's garbage and,
 * through young-generation collections, its slowest decisions (decision 007).
 */
import { doubles, integers } from "./arrays";
import { availableStock, offerFailures, stockAgeMs, supplierFailures } from "./constraints";
import type { OrderContext } from "./context";
import { costPart, depth, freshness, landedCost, lineFacts, r4, speedPart, stockConfidence, weightedTotal } from "./scoring";
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
    speed: speedPart(ctx, facts),
    reliability: facts.reliability,
  };
}

// Working values of the order being evaluated, one entry per candidate (lines one after another,
// each line's in offer order). Module-level and reused, grown when an order has more candidates
// than any before: an order is evaluated synchronously from start to end, so no two evaluations
// ever share them, and they are not garbage per order.
let capacity = 0;
let wSupplier = new Int32Array(0);
let wFlags = new Int32Array(0);
let wAvailable = new Float64Array(0);
let wLanded = new Float64Array(0);
let wFresh = new Float64Array(0);
let wDepth = new Float64Array(0);
let wStock = new Float64Array(0);
let wCost = new Float64Array(0);
let wTotal = new Float64Array(0);
/** Per line, its candidates' working positions in the order they are stored (ranked first). */
let wOrder = new Int32Array(0);
/** Internal to the working flags: the offer names a supplier with no record (never stored). */
const UNKNOWN = 1 << 30;
const UNSCORED = UNKNOWN | HARD_FAILURE_BITS;

function reserve(n: number): void {
  if (n <= capacity) return;
  capacity = Math.max(n, capacity * 2, 256);
  wSupplier = new Int32Array(capacity);
  wFlags = new Int32Array(capacity);
  wAvailable = new Float64Array(capacity);
  wLanded = new Float64Array(capacity);
  wFresh = new Float64Array(capacity);
  wDepth = new Float64Array(capacity);
  wStock = new Float64Array(capacity);
  wCost = new Float64Array(capacity);
  wTotal = new Float64Array(capacity);
  wOrder = new Int32Array(capacity);
}

/**
 * Evaluates the line whose candidates take working entries `base` … `base` + n − 1 and the kept
 * offers `start` … `start` + n − 1, and orders them in `wOrder`. Returns how many are eligible.
 */
function evaluateLine(ctx: OrderContext, verdicts: readonly SupplierVerdict[], failures: readonly number[], lineIndex: number, base: number): number {
  const line = ctx.order.lines[lineIndex]!;
  const { start, end, quantity } = ctx.lineVariants[lineIndex]!;
  const n = end - start;
  const lf = lineFacts(ctx, line, quantity);
  const { offers, keptOffer, keptSupplier } = ctx;

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
    const available = availableStock(offer, ctx.policy);
    const flags =
      failures[index]! | offerFailures(ctx, facts, offer, lf.needed) | (offer.bufferedAvailable != null ? FLAG_BUFFERED : 0);
    wFlags[w] = flags;
    wAvailable[w] = available;
    if ((flags & HARD_FAILURE_BITS) !== 0) continue;
    const landed = landedCost(lf, facts, offer);
    const margin = lf.revenue - landed;
    if (margin > bestMargin) bestMargin = margin;
    if (landed < minLanded) minLanded = landed;
    const fresh = freshness(ctx, facts, offer);
    const deep = depth(available, lf.needed);
    wLanded[w] = landed;
    wFresh[w] = r4(fresh);
    wDepth[w] = r4(deep);
    wStock[w] = stockConfidence(fresh, deep);
  }

  // 2. The cost part against the line's best margin, the weighted total and the minimum score;
  // the eligible candidates best first (stable, so equal totals stay in supplier id order).
  const minScore = ctx.policy.stopLoss.minScore;
  let ranked = 0;
  for (let w = base; w < base + n; w += 1) {
    if ((wFlags[w]! & UNSCORED) !== 0) continue;
    const verdict = verdicts[wSupplier[w]!]!;
    const landed = wLanded[w]!;
    const cost = costPart(lf.revenue - landed, landed, bestMargin, minLanded);
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
  reserve(count);
  const ranks = new Array<number>(lineCount);
  for (let i = 0; i < lineCount; i += 1) ranks[i] = evaluateLine(ctx, verdicts, failures, i, bases[i]!);

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
      candidates.stockAgeMs[k] = stockAgeMs(ctx, offer);
      if ((f & UNKNOWN) !== 0) continue;
      candidates.flags[k] = f;
      candidates.available[k] = wAvailable[w]!;
      if ((f & HARD_FAILURE_BITS) !== 0) continue;
      scores.total[s] = wTotal[w]!;
      scores.cost[s] = wCost[w]!;
      scores.stockConfidence[s] = wStock[w]!;
      scores.landedCost[s] = wLanded[w]!;
      scores.freshness[s] = wFresh[w]!;
      scores.depth[s] = wDepth[w]!;
      s += 1;
    }
  }
  return { suppliers: verdicts, lines, candidates, scores };
}
