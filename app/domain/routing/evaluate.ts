/**
 * Every line against every supplier offering its variant: hard constraints, then scores for
 * the survivors, then the stop-loss minimum score, then a rank with a deterministic tie-break.
 * Supplier-level constraints and the speed and reliability parts are computed once per order,
 * not per line; per candidate only the offer's own checks and numbers are built.
 */
import { candidatePassed, checkCandidate, checkSupplier, UNKNOWN_SUPPLIER, type SupplierChecks } from "./constraints";
import { cmp, sortSmall, type OrderContext, type SupplierFacts } from "./context";
import { finishScores, lineFacts, provisionalScore, supplierParts, type LineFacts, type ProvisionalScore, type SupplierParts } from "./scoring";
import type { CandidateExplanation, ConstraintResult, LineExplanation, OrderLine, SupplierOffer } from "./types";

export interface LineEvaluation {
  readonly line: OrderLine;
  /** Eligible candidates (each with its score), best first: total desc, then supplier id. */
  readonly ranked: readonly RankedCandidate[];
  readonly explanation: LineExplanation;
}

export type RankedCandidate = CandidateExplanation & { readonly score: NonNullable<CandidateExplanation["score"]> };

interface SupplierEvaluation {
  readonly facts: SupplierFacts;
  readonly checks: SupplierChecks;
  readonly parts: SupplierParts;
}

// The explanation entry itself, filled in as the evaluation proceeds.
type Draft = { -readonly [K in keyof CandidateExplanation]: CandidateExplanation[K] } & {
  constraints: ConstraintResult[];
  score: ProvisionalScore | null;
};

const NO_OFFERS: readonly SupplierOffer[] = [];

function evaluateSuppliers(ctx: OrderContext): Map<string, SupplierEvaluation> {
  const result = new Map<string, SupplierEvaluation>();
  for (const [id, facts] of ctx.suppliers) {
    result.set(id, { facts, checks: checkSupplier(ctx, facts), parts: supplierParts(ctx, facts) });
  }
  return result;
}

/** Whether `a` ranks before `b`: higher total, then supplier id. */
function ranksBefore(a: Draft, b: Draft): boolean {
  const ta = a.score!.total;
  const tb = b.score!.total;
  return ta > tb || (ta === tb && cmp(a.supplierId, b.supplierId) < 0);
}

function draftFor(ctx: OrderContext, lf: LineFacts, offer: SupplierOffer, evaluation: SupplierEvaluation | undefined): Draft {
  if (!evaluation) {
    const constraints = UNKNOWN_SUPPLIER as ConstraintResult[];
    const { supplierId, supplierSku } = offer;
    return { supplierId, supplierName: supplierId, supplierSku, eligible: false, constraints, score: null, rank: null };
  }
  const { facts, checks } = evaluation;
  const constraints = checkCandidate(ctx, facts, offer, lf.needed, checks);
  const eligible = candidatePassed(constraints, checks);
  return {
    supplierId: offer.supplierId,
    supplierName: facts.supplier.name,
    supplierSku: offer.supplierSku,
    eligible,
    constraints,
    score: eligible ? provisionalScore(ctx, lf, facts, offer, evaluation.parts) : null,
    rank: null,
  };
}

function evaluateLine(ctx: OrderContext, suppliers: ReadonlyMap<string, SupplierEvaluation>, line: OrderLine): LineEvaluation {
  const offers = ctx.offersByVariant.get(line.variantId) ?? NO_OFFERS;
  // Sized up front: growing arrays one push at a time allocated more than the drafts themselves.
  const lf = lineFacts(ctx, line);
  const candidates = new Array<Draft>(offers.length);
  for (let i = 0; i < offers.length; i += 1) {
    const offer = offers[i]!;
    candidates[i] = draftFor(ctx, lf, offer, suppliers.get(offer.supplierId));
  }
  finishScores(ctx, candidates);
  const minScore = ctx.policy.stopLoss.minScore;
  if (minScore !== undefined) {
    for (const draft of candidates) {
      if (!draft.score) continue;
      const total = draft.score.total;
      const passed = total >= minScore;
      draft.constraints.push({ name: "minimumScore", passed, total, minScore });
      draft.eligible = passed;
    }
  }
  return explain(line, candidates);
}

// Reorders `candidates` in place: ranked (best first), then the rest in supplier id order, the
// order they arrived in.
function explain(line: OrderLine, candidates: Draft[]): LineEvaluation {
  let eligible = 0;
  for (const d of candidates) if (d.eligible) eligible += 1;
  const ranked = new Array<Draft>(eligible);
  let r = 0;
  for (const d of candidates) if (d.eligible) ranked[r++] = d;
  sortSmall(ranked, ranksBefore);
  // From the back, the rest move towards the end; every slot written has already been read.
  let rest = candidates.length;
  for (let i = candidates.length - 1; i >= 0; i -= 1) {
    const d = candidates[i]!;
    if (!d.eligible) candidates[--rest] = d;
  }
  for (let i = 0; i < eligible; i += 1) {
    const d = ranked[i]!;
    d.rank = i + 1;
    candidates[i] = d;
  }
  return {
    line,
    ranked: ranked as RankedCandidate[],
    explanation: { lineId: line.lineId, variantId: line.variantId, quantity: line.quantity, candidates },
  };
}

/** Evaluates and ranks every candidate of every line of the order. */
export function evaluateOrder(ctx: OrderContext): LineEvaluation[] {
  const suppliers = evaluateSuppliers(ctx);
  return ctx.order.lines.map((line) => evaluateLine(ctx, suppliers, line));
}
