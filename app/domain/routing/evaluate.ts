/**
 * Every line against every supplier offering its variant: hard constraints, then scores for
 * the survivors, then the stop-loss minimum score, then a rank with a deterministic tie-break.
 * Supplier-level constraints and the speed and reliability parts are computed once per order,
 * not per line; per candidate only the offer's own checks and numbers are built.
 */
import { checkCandidate, checkSupplier, UNKNOWN_SUPPLIER, type SupplierChecks } from "./constraints";
import { cmp, type OrderContext, type SupplierFacts } from "./context";
import { finishScores, provisionalScore, supplierParts, type ProvisionalScore, type SupplierParts } from "./scoring";
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

function allPassed(results: readonly ConstraintResult[]): boolean {
  for (const r of results) if (!r.passed) return false;
  return true;
}

// Drafts arrive in supplier id order (offers are indexed that way) and the sort is stable, so
// equal totals keep id order; the id comparison only makes that explicit.
function byRank(a: Draft, b: Draft): number {
  return b.score!.total - a.score!.total || cmp(a.supplierId, b.supplierId);
}

function draftFor(ctx: OrderContext, line: OrderLine, offer: SupplierOffer, evaluation: SupplierEvaluation | undefined): Draft {
  if (!evaluation) {
    const constraints = UNKNOWN_SUPPLIER as ConstraintResult[];
    const { supplierId, supplierSku } = offer;
    return { supplierId, supplierName: supplierId, supplierSku, eligible: false, constraints, score: null, rank: null };
  }
  const { facts, checks } = evaluation;
  const constraints = checkCandidate(ctx, facts, offer, checks);
  const eligible = checks.passed && allPassed(constraints);
  return {
    supplierId: offer.supplierId,
    supplierName: facts.supplier.name,
    supplierSku: offer.supplierSku,
    eligible,
    constraints,
    score: eligible ? provisionalScore(ctx, line, facts, offer, evaluation.parts) : null,
    rank: null,
  };
}

function evaluateLine(ctx: OrderContext, suppliers: ReadonlyMap<string, SupplierEvaluation>, line: OrderLine): LineEvaluation {
  const offers = ctx.offersByVariant.get(line.variantId) ?? NO_OFFERS;
  const candidates: Draft[] = [];
  const scored: Draft[] = [];
  const scores: ProvisionalScore[] = [];
  for (const offer of offers) {
    const draft = draftFor(ctx, line, offer, suppliers.get(offer.supplierId));
    candidates.push(draft);
    if (draft.score) {
      scored.push(draft);
      scores.push(draft.score);
    }
  }
  finishScores(ctx, scores);
  const minScore = ctx.policy.stopLoss.minScore;
  if (minScore !== undefined) {
    for (const draft of scored) {
      const total = draft.score!.total;
      const passed = total >= minScore;
      draft.constraints.push({ name: "minimumScore", passed, total, minScore });
      draft.eligible = passed;
    }
  }
  return explain(line, candidates, scored);
}

function explain(line: OrderLine, candidates: readonly Draft[], scored: readonly Draft[]): LineEvaluation {
  const ranked: Draft[] = [];
  for (const d of scored) if (d.eligible) ranked.push(d);
  ranked.sort(byRank);
  for (let i = 0; i < ranked.length; i += 1) ranked[i]!.rank = i + 1;
  // Ranked first, then the rest in supplier id order (the order they arrived in).
  const ordered: Draft[] = ranked.slice();
  for (const d of candidates) if (!d.eligible) ordered.push(d);
  return {
    line,
    ranked: ranked as RankedCandidate[],
    explanation: { lineId: line.lineId, variantId: line.variantId, quantity: line.quantity, candidates: ordered },
  };
}

/** Evaluates and ranks every candidate of every line of the order. */
export function evaluateOrder(ctx: OrderContext): LineEvaluation[] {
  const suppliers = evaluateSuppliers(ctx);
  return ctx.order.lines.map((line) => evaluateLine(ctx, suppliers, line));
}
