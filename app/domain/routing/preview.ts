/**
 * "What would change if I saved this policy?": routes the same orders under both policies and
 * reports, per order, the suppliers, landed cost and promised delivery before and after.
 */
import { cmp } from "./context";
import { routeOrder } from "./engine";
import { formatMoney } from "./format";
import type { RoutingPolicy } from "./policy";
import type { RoutingDecision, RoutingOutcome, RoutingRequest } from "./types";

/** The parts of a decision a merchant compares. */
export interface DecisionSummary {
  readonly outcome: RoutingOutcome;
  /** Suppliers receiving lines, sorted by id. */
  readonly supplierIds: readonly string[];
  /** Sum over parcels, minor units. */
  readonly landedCost: number;
  /** Slowest parcel's latest delivery date; null when nothing is routed. */
  readonly latestDelivery: string | null;
  /** Business days to that date; null when nothing is routed. */
  readonly promisedBusinessDays: number | null;
  readonly heldUnits: number;
}

export interface OrderPolicyChange {
  readonly orderId: string;
  readonly before: DecisionSummary;
  readonly after: DecisionSummary;
  readonly changed: boolean;
  /** Human lines, e.g. "Supplier: Acme → Beta", "Landed cost: $42.00 → $38.50 (−$3.50)". */
  readonly changes: readonly string[];
}

export interface PolicyChangePreview {
  readonly orders: readonly OrderPolicyChange[];
  readonly changedOrders: number;
  /** After minus before, summed over orders, minor units. */
  readonly landedCostDelta: number;
}

/** The comparable summary of one decision. */
export function summariseDecision(decision: RoutingDecision): DecisionSummary {
  const latest = decision.assignments.reduce<{ date: string; days: number } | null>(
    (acc, a) => (acc && acc.date >= a.promise.latest ? acc : { date: a.promise.latest, days: a.promise.latestBusinessDays }),
    null,
  );
  return {
    outcome: decision.outcome,
    supplierIds: decision.assignments.map((a) => a.supplierId).sort(cmp),
    landedCost: decision.assignments.reduce((sum, a) => sum + a.landedCost, 0),
    latestDelivery: latest?.date ?? null,
    promisedBusinessDays: latest?.days ?? null,
    heldUnits: decision.holds.reduce((sum, h) => sum + h.quantity, 0),
  };
}

function describeChanges(before: DecisionSummary, after: DecisionSummary, currency?: string): string[] {
  const changes: string[] = [];
  const money = (minor: number): string => formatMoney(minor, currency);
  const ids = (s: DecisionSummary): string => (s.supplierIds.length ? s.supplierIds.join(" + ") : "none");
  if (before.outcome !== after.outcome) changes.push(`Outcome: ${before.outcome} → ${after.outcome}`);
  if (ids(before) !== ids(after)) changes.push(`Supplier: ${ids(before)} → ${ids(after)}`);
  if (before.landedCost !== after.landedCost) {
    const delta = after.landedCost - before.landedCost;
    const sign = delta > 0 ? "+" : "−";
    changes.push(`Landed cost: ${money(before.landedCost)} → ${money(after.landedCost)} (${sign}${money(Math.abs(delta))})`);
  }
  if (before.latestDelivery !== after.latestDelivery) {
    const when = (s: DecisionSummary): string => (s.latestDelivery ? `${s.latestDelivery} (${s.promisedBusinessDays} business days)` : "not routed");
    changes.push(`Latest delivery: ${when(before)} → ${when(after)}`);
  }
  if (before.heldUnits !== after.heldUnits) changes.push(`Held units: ${before.heldUnits} → ${after.heldUnits}`);
  return changes;
}

/** Routes each order under both policies and reports what a policy change would change. */
export function previewPolicyChange(orders: readonly RoutingRequest[], oldPolicy: RoutingPolicy, newPolicy: RoutingPolicy): PolicyChangePreview {
  const results = orders.map((request): OrderPolicyChange => {
    const before = summariseDecision(routeOrder({ ...request, policy: oldPolicy }));
    const after = summariseDecision(routeOrder({ ...request, policy: newPolicy }));
    const changes = describeChanges(before, after, request.order.currencyCode);
    return { orderId: request.order.id, before, after, changed: changes.length > 0, changes };
  });
  return {
    orders: results,
    changedOrders: results.filter((r) => r.changed).length,
    landedCostDelta: results.reduce((sum, r) => sum + r.after.landedCost - r.before.landedCost, 0),
  };
}
