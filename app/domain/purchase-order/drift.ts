/**
 * Drift between a purchase order and the fulfillment order Shopify holds for it, and the repair
 * each kind of drift calls for. Pure: the periodic reconciliation reads both sides and carries
 * out what this returns. Shopify is the truth for what the supplier answered and for holds;
 * Dropline never takes back an acceptance Shopify shows.
 */

/** The purchase-order statuses this module reads (a subset of the model's). */
export type DriftPoStatus =
  "draft" | "awaiting_review" | "sent" | "accepting" | "accepted" | "rejected" | "rerouted" | "cancellation_requested" | "cancelled" | "shipped";

export interface DriftPurchaseOrder {
  readonly status: DriftPoStatus;
  /** Shopify's hold as we recorded it (null = not held in Shopify). */
  readonly shopifyHold: string | null;
  /** The supplier's fulfillment-service location. */
  readonly locationId: string | null;
}

/** The fulfillment order as Shopify shows it now; null when Shopify no longer has it. */
export interface DriftFulfillmentOrder {
  readonly status: string;
  readonly requestStatus: string;
  readonly locationId: string | null;
  /** Shopify's hold reasons as one line, when the fulfillment order is ON_HOLD. */
  readonly holdReason: string | null;
  /** The order was cancelled (Shopify then closes the fulfillment orders nobody accepted). */
  readonly orderCancelled: boolean;
}

export type Repair =
  /** Shopify shows the supplier's acceptance; our purchase order still waits (or a crash left it `accepting`). */
  | { readonly kind: "adopt_acceptance" }
  /** Our acceptance never reached Shopify (still SUBMITTED there): pass it on (exactly once). */
  | { readonly kind: "resume_acceptance" }
  | { readonly kind: "rejected" }
  | { readonly kind: "cancelled" }
  /** The customer's order was cancelled before the supplier accepted: Shopify closed the fulfillment order. */
  | { readonly kind: "order_cancelled" }
  | { readonly kind: "cancellation_requested" }
  | { readonly kind: "cancellation_rejected" }
  | { readonly kind: "hold"; readonly reason: string }
  | { readonly kind: "release" }
  /** Not ours to repair here (another handler owns it), but recorded so staff can see it. */
  | { readonly kind: "note"; readonly detail: string };

const WAITING: readonly DriftPoStatus[] = ["awaiting_review", "sent", "accepting"];
const OPEN: readonly DriftPoStatus[] = ["awaiting_review", "sent", "accepting", "accepted", "cancellation_requested"];
const ACCEPTED_REQUEST: readonly string[] = ["ACCEPTED", "CANCELLATION_REQUESTED", "CANCELLATION_REJECTED"];

/** The repairs that bring `po` in line with `fo` (empty when they agree). Order matters: status first, then the hold. */
export function driftRepairs(po: DriftPurchaseOrder, fo: DriftFulfillmentOrder | null): Repair[] {
  if (!OPEN.includes(po.status)) return [];
  if (!fo) return [{ kind: "note", detail: "Shopify no longer has this fulfillment order" }];
  if (fo.status === "CANCELLED" || fo.requestStatus === "CANCELLATION_ACCEPTED") return [{ kind: "cancelled" }];
  if (po.locationId && fo.locationId !== po.locationId) {
    return [{ kind: "note", detail: "The fulfillment order was moved to another location in Shopify" }];
  }
  if (fo.status === "CLOSED" && fo.orderCancelled && WAITING.includes(po.status) && !ACCEPTED_REQUEST.includes(fo.requestStatus)) {
    return [{ kind: "order_cancelled" }];
  }
  if (fo.status === "CLOSED") return [{ kind: "note", detail: "Shopify shows the fulfillment order closed (fulfilled outside Dropline?)" }];
  const repairs: Repair[] = [];
  if (WAITING.includes(po.status) && ACCEPTED_REQUEST.includes(fo.requestStatus)) repairs.push({ kind: "adopt_acceptance" });
  else if (po.status === "accepting" && fo.requestStatus === "SUBMITTED") repairs.push({ kind: "resume_acceptance" });
  else if (WAITING.includes(po.status) && fo.requestStatus === "REJECTED") repairs.push({ kind: "rejected" });
  else if (po.status === "accepted" && fo.requestStatus === "CANCELLATION_REQUESTED") repairs.push({ kind: "cancellation_requested" });
  else if (po.status === "cancellation_requested" && fo.requestStatus === "CANCELLATION_REJECTED") repairs.push({ kind: "cancellation_rejected" });
  const held = fo.status === "ON_HOLD";
  if (held && po.shopifyHold === null) repairs.push({ kind: "hold", reason: fo.holdReason ?? "On hold" });
  if (!held && po.shopifyHold !== null) repairs.push({ kind: "release" });
  return repairs;
}
