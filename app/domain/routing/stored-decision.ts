/**
 * Decisions as they are stored, in every format Dropline has written, and their explanation in
 * words. Format 3 (current) stores the explanation as columns, lines as ranges of them; format 2
 * stored an object per candidate with constraint codes and parameters; format 1 (no `format`
 * field, before 2026-12) stored the sentences themselves and each score part with its weight and
 * raw inputs. All read into the same explained form, so an order's older decisions stay readable.
 */
import { expandExplanation } from "./expand";
import { constraintWords } from "./explain";
import {
  DECISION_FORMAT,
  type ConstraintName,
  type DecisionPlan,
  type LineExplanation,
  type RawValue,
  type RoutingDecision,
  type ScorePartName,
} from "./types";
import type { Weights } from "./policy";

/** Format 2: an object per candidate, constraints as codes with parameters. */
export interface Format2RoutingDecision extends DecisionPlan {
  readonly format: 2;
  readonly explanation: readonly LineExplanation[];
}

/** Format 1: a constraint with its sentences. */
export interface LegacyConstraintResult {
  readonly name: ConstraintName;
  readonly passed: boolean;
  readonly reason: string;
  readonly detail: string;
}

/** Format 1: a score part with its weight and raw inputs. */
export interface LegacyScorePart {
  readonly value: number;
  readonly weight: number;
  readonly raw: Readonly<Record<string, RawValue>>;
}

export interface LegacyCandidateExplanation {
  readonly supplierId: string;
  readonly supplierName: string;
  readonly supplierSku: string;
  readonly eligible: boolean;
  readonly constraints: readonly LegacyConstraintResult[];
  readonly score: { readonly parts: Readonly<Record<ScorePartName, LegacyScorePart>>; readonly total: number } | null;
  readonly rank: number | null;
}

export interface LegacyRoutingDecision extends DecisionPlan {
  readonly format?: undefined;
  readonly explanation: readonly {
    readonly lineId: string;
    readonly variantId: string;
    readonly quantity: number;
    readonly candidates: readonly LegacyCandidateExplanation[];
  }[];
}

/** A decision read back from storage, in whichever format it was written. */
export type StoredRoutingDecision = RoutingDecision | Format2RoutingDecision | LegacyRoutingDecision;

/** Parses a stored decision's JSON; throws on a format this version does not know. */
export function readStoredDecision(json: string): StoredRoutingDecision {
  const parsed = JSON.parse(json) as { format?: unknown; explanation?: unknown };
  if (parsed.format !== undefined && parsed.format !== 2 && parsed.format !== DECISION_FORMAT) {
    throw new Error(
      `This routing decision was stored in format ${String(parsed.format)}, which this version of Dropline cannot read; update Dropline to view it`,
    );
  }
  const explanation = parsed.explanation as { lines?: unknown; candidates?: unknown; scores?: unknown } | undefined;
  const complete =
    parsed.format === DECISION_FORMAT
      ? Array.isArray(explanation?.lines) && typeof explanation?.candidates === "object" && typeof explanation?.scores === "object"
      : Array.isArray(explanation);
  if (!complete) throw new Error("This stored routing decision has no explanation; it cannot be shown");
  return parsed as StoredRoutingDecision;
}

export interface ExplainedConstraint {
  readonly name: ConstraintName;
  readonly passed: boolean;
  /** The sentence a merchant reads. */
  readonly reason: string;
  /** The short form quoted in hold messages; "ok" when it passed. */
  readonly detail: string;
}

export interface ExplainedScore {
  readonly total: number;
  readonly parts: Readonly<Record<ScorePartName, { readonly value: number; readonly weight: number }>>;
}

export interface ExplainedCandidate {
  readonly supplierId: string;
  readonly supplierName: string;
  readonly supplierSku: string;
  readonly eligible: boolean;
  readonly rank: number | null;
  readonly constraints: readonly ExplainedConstraint[];
  readonly score: ExplainedScore | null;
}

export interface ExplainedLine {
  readonly lineId: string;
  readonly variantId: string;
  readonly quantity: number;
  readonly candidates: readonly ExplainedCandidate[];
}

interface StoredCandidateIdentity {
  readonly supplierId: string;
  readonly supplierName: string;
  readonly supplierSku: string;
  readonly eligible: boolean;
  readonly rank: number | null;
}

/** The line and candidate fields both formats store alike; `explainRest` reads what differs. */
function explainLines<C extends StoredCandidateIdentity>(
  lines: readonly { readonly lineId: string; readonly variantId: string; readonly quantity: number; readonly candidates: readonly C[] }[],
  explainRest: (candidate: C) => Pick<ExplainedCandidate, "constraints" | "score">,
): ExplainedLine[] {
  return lines.map((line) => ({
    lineId: line.lineId,
    variantId: line.variantId,
    quantity: line.quantity,
    candidates: line.candidates.map((c) => ({
      supplierId: c.supplierId,
      supplierName: c.supplierName,
      supplierSku: c.supplierSku,
      eligible: c.eligible,
      rank: c.rank,
      ...explainRest(c),
    })),
  }));
}

function explainLegacy(decision: LegacyRoutingDecision): ExplainedLine[] {
  return explainLines(decision.explanation, (c) => ({
    constraints: c.constraints.map(({ name, passed, reason, detail }) => ({ name, passed, reason, detail })),
    score: c.score && {
      total: c.score.total,
      parts: {
        speed: { value: c.score.parts.speed.value, weight: c.score.parts.speed.weight },
        cost: { value: c.score.parts.cost.value, weight: c.score.parts.cost.weight },
        stockConfidence: { value: c.score.parts.stockConfidence.value, weight: c.score.parts.stockConfidence.weight },
        reliability: { value: c.score.parts.reliability.value, weight: c.score.parts.reliability.weight },
      },
    },
  }));
}

function explainExpanded(lines: readonly LineExplanation[], w: Weights): ExplainedLine[] {
  return explainLines(lines, (c) => ({
    constraints: c.constraints.map((r) => ({ name: r.name, passed: r.passed, ...constraintWords(r, c.supplierName) })),
    score: c.score && {
      total: c.score.total,
      parts: {
        speed: { value: c.score.parts.speed, weight: w.speed },
        cost: { value: c.score.parts.cost, weight: w.cost },
        stockConfidence: { value: c.score.parts.stockConfidence, weight: w.stockConfidence },
        reliability: { value: c.score.parts.reliability, weight: w.reliability },
      },
    },
  }));
}

/** Every line's candidates with each check in words and each score part with its weight, whatever the stored format. */
export function explainDecision(decision: StoredRoutingDecision): ExplainedLine[] {
  if (decision.format === DECISION_FORMAT) return explainExpanded(expandExplanation(decision), decision.context.weights);
  if (decision.format === 2) return explainExpanded(decision.explanation, decision.context.weights);
  return explainLegacy(decision);
}
