/**
 * A stored routing decision as the order page shows it: supplier names instead of ids, item titles
 * instead of line ids, money formatted, and per line the candidates best first with each check and
 * each score part (value × weight). Plain JSON, built in the loader.
 */
import { formatWindow } from "~/domain/promise/format";
import { formatMoney } from "~/domain/routing/format";
import { policyWords } from "~/domain/routing/scope";
import { explainDecision, type ExplainedCandidate, type ExplainedLine } from "~/domain/routing/stored-decision";
import { reliabilityBasis } from "~/domain/routing/performance";
import type { RoutingRequest } from "~/domain/routing/types";
import { WEIGHT_KEYS, WEIGHT_LABELS, type WeightKey } from "~/models/routing-form";
import type { StoredDecision } from "~/models/routing.server";
import { CONSTRAINT_LABELS, HOLD_REASON_LABELS } from "./labels";
import { weightShares } from "./weights";

export interface ConstraintView {
  readonly label: string;
  readonly passed: boolean;
  readonly reason: string;
}

export interface ScorePartView {
  readonly key: WeightKey;
  readonly label: string;
  /** 0..1, higher is better. */
  readonly value: number;
  /** The normalised weight the decision used, 0..1. */
  readonly weight: number;
  readonly contribution: number;
  /** How the value was arrived at, when the part says (reliability: "measured over 42 orders" or "no history yet — neutral"). */
  readonly basis?: string;
}

export interface CandidateView {
  readonly supplierId: string;
  readonly supplierName: string;
  readonly supplierSku: string;
  readonly eligible: boolean;
  readonly rank: number | null;
  /** The decision gave this line to this supplier. */
  readonly chosen: boolean;
  readonly constraints: readonly ConstraintView[];
  readonly parts: readonly ScorePartView[] | null;
  readonly total: number | null;
}

export interface LineView {
  readonly lineId: string;
  readonly title: string;
  readonly quantity: number;
  readonly candidates: readonly CandidateView[];
}

export interface AssignmentView {
  readonly supplierName: string;
  readonly items: string;
  readonly landedCost: string;
  readonly window: string;
  readonly latestBusinessDays: number;
}

export interface HoldView {
  readonly item: string;
  readonly reason: string;
  readonly message: string;
}

export interface DecisionView {
  readonly id: string;
  readonly version: number;
  readonly status: string;
  readonly outcome: string;
  readonly lastError: string | null;
  readonly createdAt: string;
  readonly appliedAt: string | null;
  readonly context: {
    readonly channel: string;
    readonly serviceLevel: string;
    readonly promisedBusinessDays: number;
    readonly deadline: string;
    readonly splitPermitted: boolean;
    readonly splitReason: string;
    /** Normalised weights as whole percentages. */
    readonly weightShares: Record<WeightKey, number>;
    readonly excluded: readonly string[];
    /** Which product, collection, region or channel rules applied ("Weights: product \"Ceramic mug\" (overrides shop default)"); empty for the shop's defaults. */
    readonly policy: readonly string[];
  };
  readonly assignments: readonly AssignmentView[];
  readonly holds: readonly HoldView[];
  readonly lines: readonly LineView[];
}

const round = (x: number, places = 4): number => Math.round(x * 10 ** places) / 10 ** places;

function candidateView(c: ExplainedCandidate, chosen: boolean, reliabilityBases: ReadonlyMap<string, string>): CandidateView {
  const score = c.score;
  const basis = reliabilityBases.get(c.supplierId);
  const parts = score
    ? WEIGHT_KEYS.map((key) => {
        const part = score.parts[key];
        const view = { key, label: WEIGHT_LABELS[key], value: round(part.value), weight: round(part.weight), contribution: round(part.value * part.weight) };
        return key === "reliability" && basis ? { ...view, basis } : view;
      })
    : null;
  return {
    supplierId: c.supplierId,
    supplierName: c.supplierName,
    supplierSku: c.supplierSku,
    eligible: c.eligible,
    rank: c.rank,
    chosen,
    constraints: c.constraints.map((r) => ({ label: CONSTRAINT_LABELS[r.name] ?? r.name, passed: r.passed, reason: r.reason })),
    parts,
    total: score ? round(score.total) : null,
  };
}

/** Ranked candidates first (best first), then the ones a check ruled out, in the engine's order. */
const byRank = (a: CandidateView, b: CandidateView): number => (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY);

function namesFrom(explained: readonly ExplainedLine[], request: RoutingRequest): Map<string, string> {
  const names = new Map(request.suppliers.map((s) => [s.id, s.name]));
  for (const line of explained) for (const c of line.candidates) if (!names.has(c.supplierId)) names.set(c.supplierId, c.supplierName);
  return names;
}

/** The view of one stored decision, in whichever format it was stored. */
export function decisionView(stored: StoredDecision): DecisionView {
  const { decision, request } = stored;
  const explained = explainDecision(decision);
  const currency = request.order.currencyCode ?? "USD";
  const names = namesFrom(explained, request);
  const supplierName = (id: string): string => names.get(id) ?? id;
  const titles = new Map(request.order.lines.map((l) => [l.lineId, l.title ?? l.variantId]));
  const item = (lineId: string, quantity: number): string => `${quantity} × ${titles.get(lineId) ?? lineId}`;
  const chosenFor = new Map(decision.assignments.flatMap((a) => a.lines.map((l) => [l.lineId, a.supplierId] as const)));
  // The sample each supplier's reliability was measured over when routed (the stored request holds it).
  // (A request stored before suppliers carried their performance says nothing rather than "neutral".)
  const reliabilityBases = new Map(request.suppliers.flatMap((s) => (s.performance ? [[s.id, reliabilityBasis(s.performance)] as const] : [])));

  return {
    id: stored.id,
    version: stored.version,
    status: stored.status,
    outcome: stored.outcome,
    lastError: stored.lastError,
    createdAt: stored.createdAt.toISOString(),
    appliedAt: stored.appliedAt?.toISOString() ?? null,
    context: {
      channel: decision.context.channel,
      serviceLevel: decision.context.serviceLevel,
      promisedBusinessDays: decision.context.promisedBusinessDays,
      deadline: decision.context.deadline,
      splitPermitted: decision.context.splitPermitted,
      splitReason: decision.context.splitReason,
      weightShares: weightShares(decision.context.weights),
      excluded: decision.context.excluded.map(supplierName),
      policy: decision.context.policy ? policyWords(decision.context.policy) : [],
    },
    assignments: decision.assignments.map((a) => ({
      supplierName: supplierName(a.supplierId),
      items: a.lines.map((l) => item(l.lineId, l.quantity)).join(", "),
      landedCost: formatMoney(a.landedCost, currency),
      window: formatWindow(a.promise, "en-US"),
      latestBusinessDays: a.promise.latestBusinessDays,
    })),
    holds: decision.holds.map((h) => ({ item: item(h.lineId, h.quantity), reason: HOLD_REASON_LABELS[h.reasonCode] ?? h.reasonCode, message: h.message })),
    lines: explained.map((line) => ({
      lineId: line.lineId,
      title: titles.get(line.lineId) ?? line.variantId,
      quantity: line.quantity,
      candidates: line.candidates.map((c) => candidateView(c, chosenFor.get(line.lineId) === c.supplierId, reliabilityBases)).sort(byRank),
    })),
  };
}
