/**
 * Reads a format 3 explanation (columns, `LineColumns`) back into a candidate object per entry,
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
  type LineColumns,
  type LineExplanation,
  type RoutingDecision,
  type SupplierVerdict,
} from "./types";

/** What expanding a line needs besides the line: the explanation's order-wide part and the promise. */
export type ExplanationHeader = Omit<DecisionExplanation, "lines">;
export type PromiseTerms = Pick<DecisionContext, "serviceLevel" | "promisedBusinessDays" | "deadline">;

function hardResult(
  name: HardConstraintName,
  passed: boolean,
  x: ExplanationHeader,
  terms: PromiseTerms,
  v: SupplierVerdict,
  line: LineColumns,
  i: number,
): ConstraintResult {
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
        available: line.available[i]!,
        needed: line.needed,
        onHand: line.onHand[i]!,
        buffered: (line.flags[i]! & FLAG_BUFFERED) !== 0,
        minBuffer: x.minBuffer,
      };
    case "stockFresh":
      return { name, passed, ageMs: line.stockAgeMs[i]!, maxAgeMs: x.maxStockAgeMs };
    case "meetsPromise":
      return {
        name,
        passed,
        region: x.region,
        serviceLevel: terms.serviceLevel,
        promisedBusinessDays: terms.promisedBusinessDays,
        deadline: terms.deadline,
        earliest: v.earliest,
        latest: v.latest,
        error: v.error,
      };
  }
}

// `s`: the candidate's index in the score columns, if it has a score.
function candidate(x: ExplanationHeader, terms: PromiseTerms, line: LineColumns, i: number, s: number): CandidateExplanation {
  const v = x.suppliers[line.supplier[i]!];
  if (!v) throw new Error(`Line ${line.lineId}: candidate ${i} names supplier #${line.supplier[i]}, which the explanation does not list`);
  const eligible = i < line.ranked;
  const identity = { supplierId: v.id, supplierName: v.name, supplierSku: line.sku[i]!, eligible };
  if (!v.known) return { ...identity, constraints: [{ name: "supplierKnown", passed: false }], score: null, rank: null };
  const flags = line.flags[i]!;
  const constraints = HARD_CONSTRAINT_ORDER.map((name, bit) => hardResult(name, (flags & (1 << bit)) === 0, x, terms, v, line, i));
  const scored = (flags & HARD_FAILURE_BITS) === 0;
  const total = line.total[s]!;
  if (scored && x.minScore !== null) {
    constraints.push({ name: "minimumScore", passed: (flags & FLAG_MIN_SCORE_FAILED) === 0, total, minScore: x.minScore });
  }
  const landedCost = line.landedCost[s]!;
  return {
    ...identity,
    constraints,
    score: scored
      ? {
          total,
          parts: { speed: v.speed, cost: line.cost[s]!, stockConfidence: line.stockConfidence[s]!, reliability: v.reliability },
          landedCost,
          margin: line.revenue - landedCost,
          freshness: line.freshness[s]!,
          depth: line.depth[s]!,
        }
      : null,
    rank: eligible ? i + 1 : null,
  };
}

/** One line's candidates as objects, in the stored order (eligible best first, then the rest). */
export function expandLine(x: ExplanationHeader, terms: PromiseTerms, line: LineColumns): LineExplanation {
  const candidates: CandidateExplanation[] = [];
  let s = 0;
  for (let i = 0; i < line.supplier.length; i += 1) {
    const c = candidate(x, terms, line, i, s);
    if (c.score) s += 1;
    candidates.push(c);
  }
  return { lineId: line.lineId, variantId: line.variantId, quantity: line.quantity, candidates };
}

/** Every line of a format 3 decision, expanded. */
export function expandExplanation(decision: RoutingDecision): LineExplanation[] {
  return decision.explanation.lines.map((line) => expandLine(decision.explanation, decision.context, line));
}
