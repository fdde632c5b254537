/**
 * Every line against every supplier offering its variant: hard constraints, then scores for
 * the survivors, then the stop-loss minimum score, then a rank with a deterministic tie-break.
 * Supplier-level constraints and the speed and reliability parts are computed once per order,
 * not per line.
 */
import { checkCandidate, checkSupplier, unknownSupplier, type CandidateInput, type SupplierChecks } from "./constraints";
import { cmp, type OrderContext, type SupplierFacts } from "./context";
import { scoreCandidates, supplierParts, type SupplierParts } from "./scoring";
import type { CandidateExplanation, ConstraintResult, LineExplanation, OrderLine } from "./types";

export interface RankedCandidate {
  readonly supplierId: string;
  readonly total: number;
}

export interface LineEvaluation {
  readonly line: OrderLine;
  /** Eligible candidates, best first (total desc, then supplier id). */
  readonly ranked: readonly RankedCandidate[];
  readonly explanation: LineExplanation;
}

interface SupplierEvaluation {
  readonly facts: SupplierFacts;
  readonly checks: SupplierChecks;
  readonly parts: SupplierParts;
}

// The explanation entry itself, filled in as the evaluation proceeds.
type Draft = { -readonly [K in keyof CandidateExplanation]: CandidateExplanation[K] } & {
  constraints: ConstraintResult[];
};

function minimumScoreResult(total: number, minScore: number): ConstraintResult {
  const passed = total >= minScore;
  return {
    name: "minimumScore",
    passed,
    reason: `Scored ${total.toFixed(3)}; the policy's minimum is ${minScore.toFixed(3)}`,
    detail: passed ? "ok" : `scored ${total.toFixed(2)}, below ${minScore.toFixed(2)}`,
  };
}

function evaluateSuppliers(ctx: OrderContext): Map<string, SupplierEvaluation> {
  const result = new Map<string, SupplierEvaluation>();
  for (const [id, facts] of ctx.suppliers) {
    result.set(id, { facts, checks: checkSupplier({ ctx, facts }), parts: supplierParts(ctx, facts) });
  }
  return result;
}

function allPassed(results: readonly ConstraintResult[]): boolean {
  for (const r of results) if (!r.passed) return false;
  return true;
}

function byRank(a: Draft, b: Draft): number {
  return (b.score?.total ?? 0) - (a.score?.total ?? 0) || cmp(a.supplierId, b.supplierId);
}

function evaluateLine(ctx: OrderContext, suppliers: ReadonlyMap<string, SupplierEvaluation>, line: OrderLine): LineEvaluation {
  const drafts: Draft[] = [];
  const eligibleDrafts: Draft[] = [];
  const eligibleInputs: CandidateInput[] = [];
  const shared: SupplierParts[] = [];
  for (const offer of ctx.offersByVariant.get(line.variantId) ?? []) {
    const evaluation = suppliers.get(offer.supplierId);
    const input = evaluation && { ctx, facts: evaluation.facts, line, offer };
    const constraints = input && evaluation ? checkCandidate(input, evaluation.checks) : unknownSupplier(offer.supplierId);
    const eligible = evaluation !== undefined && evaluation.checks.passed && allPassed(constraints);
    const draft: Draft = {
      supplierId: offer.supplierId,
      supplierName: evaluation?.facts.supplier.name ?? offer.supplierId,
      supplierSku: offer.supplierSku,
      eligible,
      constraints,
      score: null,
      rank: null,
    };
    drafts.push(draft);
    if (eligible && input && evaluation) {
      eligibleDrafts.push(draft);
      eligibleInputs.push(input);
      shared.push(evaluation.parts);
    }
  }
  const scores = scoreCandidates(ctx, eligibleInputs, shared);
  const minScore = ctx.policy.stopLoss.minScore;
  eligibleDrafts.forEach((draft, i) => {
    draft.score = scores[i]!;
    if (minScore === undefined) return;
    const gate = minimumScoreResult(draft.score.total, minScore);
    draft.constraints.push(gate);
    draft.eligible = gate.passed;
  });
  return explain(line, drafts);
}

function explain(line: OrderLine, drafts: readonly Draft[]): LineEvaluation {
  const ranked = drafts.filter((d) => d.eligible).sort(byRank);
  const rest = drafts.filter((d) => !d.eligible).sort((a, b) => cmp(a.supplierId, b.supplierId));
  ranked.forEach((d, i) => (d.rank = i + 1));
  const candidates: CandidateExplanation[] = ranked.concat(rest);
  return {
    line,
    ranked: ranked.map((d) => ({ supplierId: d.supplierId, total: d.score?.total ?? 0 })),
    explanation: { lineId: line.lineId, variantId: line.variantId, quantity: line.quantity, candidates },
  };
}

/** Evaluates and ranks every candidate of every line of the order. */
export function evaluateOrder(ctx: OrderContext): LineEvaluation[] {
  const suppliers = evaluateSuppliers(ctx);
  return ctx.order.lines.map((line) => evaluateLine(ctx, suppliers, line));
}
