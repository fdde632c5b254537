/**
 * Reads a format 3 explanation (columns, `CandidateColumns`) back into a candidate object per entry,
 * each constraint a `ConstraintResult` with its parameters: the shape format 2 stored, which the
 * sentences (`explain.ts`), hold messages and the admin are written against. Only run when
 * someone reads a decision or a line is held, never per candidate while routing.
 */
import { HARD_CONSTRAINT_ORDER, type HardConstraintName } from "./constraints";
import {
  FLAG_BUFFERED,
  FLAG_MIN_SCORE_FAILED,
  HARD_FAILURE_BITS,
  type CandidateExplanation,
  type ConstraintResult,
  type DecisionContext,
  type DecisionExplanation,
  type LineEntry,
  type LineExplanation,
  type RoutingDecision,
  type SupplierVerdict,
} from "./types";

/** What expanding a line needs besides the line: the explanation's order-wide part and columns, and the promise. */
export type ExplanationHeader = Omit<DecisionExplanation, "lines">;
export type PromiseTerms = Pick<DecisionContext, "serviceLevel" | "promisedBusinessDays" | "deadline" | "policy">;

function hardResult(
  name: HardConstraintName,
  passed: boolean,
  x: ExplanationHeader,
  terms: PromiseTerms,
  v: SupplierVerdict,
  line: LineEntry,
  k: number,
): ConstraintResult {
  const c = x.candidates;
  switch (name) {
    case "supplierActive":
    case "notExcluded":
      return { name, passed };
    case "shipsToDestination":
      return { name, passed, region: x.region, transit: v.transit };
    case "stockAvailable":
      return {
        name,
        passed,
        available: c.available[k]!,
        needed: line.needed,
        onHand: c.onHand[k]!,
        buffered: (c.flags[k]! & FLAG_BUFFERED) !== 0,
        minBuffer: x.minBuffer,
      };
    case "stockFresh":
      return { name, passed, ageMs: c.stockAgeMs[k]!, maxAgeMs: x.maxStockAgeMs };
    case "meetsPromise":
      return {
        name,
        passed,
        region: x.region,
        serviceLevel: terms.serviceLevel,
        promisedBusinessDays: terms.promisedBusinessDays,
        deadline: terms.deadline,
        ...(terms.policy?.sla ? { sla: terms.policy.sla.channel } : {}),
        earliest: v.earliest,
        latest: v.latest,
        error: v.error,
      };
  }
}

// `k`: the candidate's index in the candidate columns; `s`: its index in the score columns, if it has a score.
function candidate(x: ExplanationHeader, terms: PromiseTerms, line: LineEntry, k: number, s: number): CandidateExplanation {
  const c = x.candidates;
  const v = x.suppliers[c.supplier[k]!];
  if (!v) throw new Error(`Line ${line.lineId}: candidate ${k} names supplier #${c.supplier[k]}, which the explanation does not list`);
  const position = k - line.start;
  const eligible = position < line.ranked;
  const identity = { supplierId: v.id, supplierName: v.name, supplierSku: c.sku[k]!, eligible };
  if (!v.known) return { ...identity, constraints: [{ name: "supplierKnown", passed: false }], score: null, rank: null };
  const flags = c.flags[k]!;
  const constraints = HARD_CONSTRAINT_ORDER.map((name, bit) => hardResult(name, (flags & (1 << bit)) === 0, x, terms, v, line, k));
  const scored = (flags & HARD_FAILURE_BITS) === 0;
  const sc = x.scores;
  const total = sc.total[s]!;
  if (scored && x.minScore !== null) {
    constraints.push({ name: "minimumScore", passed: (flags & FLAG_MIN_SCORE_FAILED) === 0, total, minScore: x.minScore });
  }
  const landedCost = sc.landedCost[s]!;
  return {
    ...identity,
    constraints,
    score: scored
      ? {
          total,
          parts: { speed: v.speed, cost: sc.cost[s]!, stockConfidence: sc.stockConfidence[s]!, reliability: v.reliability },
          landedCost,
          margin: line.revenue - landedCost,
          freshness: sc.freshness[s]!,
          depth: sc.depth[s]!,
        }
      : null,
    rank: eligible ? position + 1 : null,
  };
}

/** One line's candidates as objects, in the stored order (eligible best first, then the rest). */
export function expandLine(x: ExplanationHeader, terms: PromiseTerms, line: LineEntry): LineExplanation {
  const candidates: CandidateExplanation[] = [];
  let s = line.scoreStart;
  for (let k = line.start; k < line.end; k += 1) {
    const c = candidate(x, terms, line, k, s);
    if (c.score) s += 1;
    candidates.push(c);
  }
  return { lineId: line.lineId, variantId: line.variantId, quantity: line.quantity, candidates };
}

/** Every line of a format 3 decision, expanded. */
export function expandExplanation(decision: RoutingDecision): LineExplanation[] {
  return decision.explanation.lines.map((line) => expandLine(decision.explanation, decision.context, line));
}
