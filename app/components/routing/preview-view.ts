/**
 * "Preview on recent orders": replays the stored requests of recent decisions under the saved
 * policy and under the edited one, and describes per order what would change, with supplier
 * names and money a merchant can read. Nothing here saves anything.
 */
import { formatMoney } from "~/domain/routing/format";
import { previewPolicyChange, type DecisionSummary } from "~/domain/routing/preview";
import type { RoutingPolicy } from "~/domain/routing/policy";
import type { RoutingRequest } from "~/domain/routing/types";
import { orderPath } from "./order-path";

/** What the preview needs from a stored decision. */
export interface ReplayableDecision {
  readonly orderId: string;
  readonly orderName: string;
  readonly request: RoutingRequest;
}

export interface SummaryView {
  readonly outcome: string;
  readonly suppliers: string;
  readonly landedCost: string;
  /** "Dec 3 (7 business days)", or "Not routed". */
  readonly promise: string;
  readonly heldUnits: number;
}

export interface PreviewOrderView {
  readonly orderId: string;
  readonly orderName: string;
  readonly path: string;
  readonly changed: boolean;
  readonly before: SummaryView | null;
  readonly after: SummaryView | null;
  /** Set when the stored request could not be replayed (the order is then left out of the totals). */
  readonly error: string | null;
}

export interface PreviewView {
  readonly ordersCompared: number;
  readonly changedOrders: number;
  /** Landed cost after minus before, per currency, e.g. ["−$3.50"]. */
  readonly landedCostDelta: readonly string[];
  readonly orders: readonly PreviewOrderView[];
}

const signed = (minor: number, currency: string): string =>
  minor === 0 ? formatMoney(0, currency) : `${minor > 0 ? "+" : "−"}${formatMoney(Math.abs(minor), currency)}`;

function summaryView(s: DecisionSummary, names: ReadonlyMap<string, string>, currency: string): SummaryView {
  return {
    outcome: s.outcome,
    suppliers: s.supplierIds.length ? s.supplierIds.map((id) => names.get(id) ?? id).join(" + ") : "None",
    landedCost: formatMoney(s.landedCost, currency),
    promise: s.latestDelivery ? `${s.latestDelivery} (${s.promisedBusinessDays} business days)` : "Not routed",
    heldUnits: s.heldUnits,
  };
}

/** The newest decision per order, newest orders first (input is newest first, as recentDecisions returns it). */
function newestPerOrder<T extends ReplayableDecision>(decisions: readonly T[]): T[] {
  const seen = new Set<string>();
  return decisions.filter((d) => (seen.has(d.orderId) ? false : (seen.add(d.orderId), true)));
}

/** Compares the saved policy with the edited one over the orders of recent decisions. */
export function previewView(decisions: readonly ReplayableDecision[], saved: RoutingPolicy, edited: RoutingPolicy): PreviewView {
  const deltas = new Map<string, number>();
  let changedOrders = 0;
  let compared = 0;
  const orders = newestPerOrder(decisions).map((d): PreviewOrderView => {
    const base = { orderId: d.orderId, orderName: d.orderName, path: orderPath(d.orderId) };
    try {
      const currency = d.request.order.currencyCode ?? "USD";
      const [change] = previewPolicyChange([d.request], saved, edited).orders;
      if (!change) throw new Error("nothing to compare");
      const names = new Map(d.request.suppliers.map((s) => [s.id, s.name]));
      compared += 1;
      if (change.changed) changedOrders += 1;
      deltas.set(currency, (deltas.get(currency) ?? 0) + change.after.landedCost - change.before.landedCost);
      return {
        ...base,
        changed: change.changed,
        before: summaryView(change.before, names, currency),
        after: summaryView(change.after, names, currency),
        error: null,
      };
    } catch (error) {
      // One unreadable stored request must not hide the preview of the others; it is shown, not dropped.
      return { ...base, changed: false, before: null, after: null, error: `Could not replay this order: ${(error as Error).message}` };
    }
  });
  return {
    ordersCompared: compared,
    changedOrders,
    landedCostDelta: [...deltas.entries()].map(([currency, minor]) => signed(minor, currency)),
    orders,
  };
}
