/**
 * Every line against every supplier offering its variant: hard constraints, then scores for
 * the survivors, then the stop-loss minimum score, then a rank with a deterministic tie-break.
 * Supplier-level constraints and the speed and reliability parts are computed once per order,
 * not per line. Results go straight into the explanation's columns (`LineColumns`): a 20-line
 * order against 50 suppliers has 1,000 candidates, and an object (or several) per candidate was
 * most of the engine's garbage and, through young-generation collections, its slowest decisions.
 */
import { doubles, integers } from "./arrays";
import { availableStock, offerFailures, stockAgeMs, supplierFailures } from "./constraints";
import type { OrderContext } from "./context";
import { costPart, depth, freshness, landedCost, lineFacts, r4, speedPart, stockConfidence, weightedTotal } from "./scoring";
import {
  FLAG_BUFFERED,
  FLAG_MIN_SCORE_FAILED,
  HARD_FAILURE_BITS,
  type LineColumns,
  type OrderLine,
  type SupplierVerdict,
} from "./types";

export interface LineEvaluation {
  readonly line: OrderLine;
  readonly columns: LineColumns;
}

export interface OrderEvaluation {
  /** Aligned with `OrderContext.supplierIds`. */
  readonly suppliers: readonly SupplierVerdict[];
  readonly lines: readonly LineEvaluation[];
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

// Working values of the line being evaluated, one entry per offer in offer order. Module-level and
// reused, grown when a line has more offers than any before: a line is evaluated synchronously from
// start to end, so no two evaluations ever share them, and they are not garbage per line.
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
let wOrder = new Int32Array(0);
/** Internal to the working flags: the offer names a supplier with no record (never stored). */
const UNKNOWN = 1 << 30;

function reserve(n: number): void {
  if (n <= capacity) return;
  capacity = Math.max(n, capacity * 2, 64);
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

function evaluateLine(
  ctx: OrderContext,
  verdicts: readonly SupplierVerdict[],
  failures: readonly number[],
  line: OrderLine,
): LineEvaluation {
  const { start, end, quantity } = ctx.variants[ctx.variantAt.get(line.variantId)!]!;
  const { offers, keptOffer, keptSupplier } = ctx;
  const n = end - start;
  reserve(n);
  const lf = lineFacts(ctx, line, quantity);

  // 1. Hard constraints, and the parts of the score that need only the candidate itself.
  let bestMargin = -Infinity;
  let minLanded = Infinity;
  for (let i = 0; i < n; i += 1) {
    const offer = offers[keptOffer[start + i]!]!;
    const index = keptSupplier[start + i]!;
    const facts = ctx.facts[index];
    wSupplier[i] = index;
    if (!facts) {
      wFlags[i] = UNKNOWN;
      continue;
    }
    const available = availableStock(offer, ctx.policy);
    const flags =
      failures[index]! | offerFailures(ctx, facts, offer, lf.needed) | (offer.bufferedAvailable != null ? FLAG_BUFFERED : 0);
    wFlags[i] = flags;
    wAvailable[i] = available;
    if ((flags & HARD_FAILURE_BITS) !== 0) continue;
    const landed = landedCost(lf, facts, offer);
    const margin = lf.revenue - landed;
    if (margin > bestMargin) bestMargin = margin;
    if (landed < minLanded) minLanded = landed;
    const fresh = freshness(ctx, facts, offer);
    const deep = depth(available, lf.needed);
    wLanded[i] = landed;
    wFresh[i] = r4(fresh);
    wDepth[i] = r4(deep);
    wStock[i] = stockConfidence(fresh, deep);
  }

  // 2. The cost part against the line's best margin, the weighted total and the minimum score;
  // the eligible candidates' positions, best first (stable, so equal totals stay in supplier id order).
  const minScore = ctx.policy.stopLoss.minScore;
  let ranked = 0;
  for (let i = 0; i < n; i += 1) {
    if ((wFlags[i]! & (UNKNOWN | HARD_FAILURE_BITS)) !== 0) continue;
    const verdict = verdicts[wSupplier[i]!]!;
    const landed = wLanded[i]!;
    const cost = costPart(lf.revenue - landed, landed, bestMargin, minLanded);
    const total = weightedTotal(ctx.weights, verdict.speed, cost, wStock[i]!, verdict.reliability);
    wCost[i] = cost;
    wTotal[i] = total;
    if (minScore !== undefined && total < minScore) {
      wFlags[i] = wFlags[i]! | FLAG_MIN_SCORE_FAILED;
      continue;
    }
    let at = ranked;
    while (at > 0 && wTotal[wOrder[at - 1]!]! < total) {
      wOrder[at] = wOrder[at - 1]!;
      at -= 1;
    }
    wOrder[at] = i;
    ranked += 1;
  }
  // Then the rest, in offer (supplier id) order.
  let next = ranked;
  for (let i = 0; i < n; i += 1) {
    const f = wFlags[i]!;
    if ((f & (UNKNOWN | HARD_FAILURE_BITS | FLAG_MIN_SCORE_FAILED)) !== 0) wOrder[next++] = i;
  }

  // 3. The columns, in that order; the score columns only for the candidates with a score.
  let scored = 0;
  for (let i = 0; i < n; i += 1) if ((wFlags[i]! & (UNKNOWN | HARD_FAILURE_BITS)) === 0) scored += 1;
  const supplier = integers(n);
  const sku = new Array<string>(n);
  const flags = integers(n);
  const available = doubles(n);
  const onHand = doubles(n);
  const ageMs = doubles(n);
  const total = doubles(scored);
  const cost = doubles(scored);
  const stock = doubles(scored);
  const landed = doubles(scored);
  const fresh = doubles(scored);
  const deep = doubles(scored);
  let s = 0;
  for (let k = 0; k < n; k += 1) {
    const i = wOrder[k]!;
    const offer = offers[keptOffer[start + i]!]!;
    const f = wFlags[i]!;
    supplier[k] = wSupplier[i]!;
    sku[k] = offer.supplierSku;
    onHand[k] = offer.stockOnHand;
    ageMs[k] = stockAgeMs(ctx, offer);
    if ((f & UNKNOWN) !== 0) continue;
    flags[k] = f;
    available[k] = wAvailable[i]!;
    if ((f & HARD_FAILURE_BITS) !== 0) continue;
    total[s] = wTotal[i]!;
    cost[s] = wCost[i]!;
    stock[s] = wStock[i]!;
    landed[s] = wLanded[i]!;
    fresh[s] = wFresh[i]!;
    deep[s] = wDepth[i]!;
    s += 1;
  }
  const columns: LineColumns = {
    lineId: line.lineId,
    variantId: line.variantId,
    quantity: line.quantity,
    needed: lf.needed,
    revenue: lf.revenue,
    ranked,
    supplier,
    sku,
    flags,
    available,
    onHand,
    stockAgeMs: ageMs,
    total,
    cost,
    stockConfidence: stock,
    landedCost: landed,
    freshness: fresh,
    depth: deep,
  };
  return { line, columns };
}

/** Evaluates and ranks every candidate of every line of the order. */
export function evaluateOrder(ctx: OrderContext): OrderEvaluation {
  const verdicts = ctx.supplierIds.map((id, index) => verdictOf(ctx, id, index));
  const failures = ctx.facts.map((facts) => (facts ? supplierFailures(ctx, facts) : 0));
  return { suppliers: verdicts, lines: ctx.order.lines.map((line) => evaluateLine(ctx, verdicts, failures, line)) };
}
