/**
 * Holds placed and released in Shopify on a fulfillment order a supplier works on. The purchase
 * order records the hold with its reason (`shopifyHold`), separate from a staff pause in Dropline
 * (`held`); the escalation ladder does not chase a held purchase order, and picks up again when
 * Shopify releases it. Hold webhooks arrive out of order: the newest (by Shopify's trigger time)
 * wins.
 */
import { addOrderEvent } from "~/models/orders.server";
import { purchaseOrdersForFulfillmentOrder, setShopifyHold, type PoStatus } from "~/models/purchase-orders.server";
import { resumeLadderAfterHold, type LadderDeps } from "./ladder.server";

/** Purchase orders whose supplier still has work that a hold stops. */
const HOLDABLE: readonly PoStatus[] = ["draft", "awaiting_review", "sent", "accepting", "accepted", "cancellation_requested"];

export interface HoldChange {
  readonly fulfillmentOrderId: string;
  /** When Shopify triggered the event. */
  readonly at: Date;
  /** The webhook event, for the timeline's dedupe key. */
  readonly key: string;
}

/** Shopify's holds as one line: "Awaiting payment: check the card; Other". */
export function holdReason(holds: readonly { reason: string; reason_notes?: string | null | undefined }[]): string {
  const parts = holds.map((h) => {
    const reason = h.reason.replace(/_/g, " ").toLowerCase();
    const label = reason.charAt(0).toUpperCase() + reason.slice(1);
    return h.reason_notes ? `${label}: ${h.reason_notes}` : label;
  });
  return parts.join("; ") || "On hold";
}

/** fulfillment_orders/placed_on_hold: the purchase order is held with Shopify's reason. */
export async function reflectShopifyHold(s: LadderDeps, shop: string, change: HoldChange, reason: string): Promise<number> {
  let changed = 0;
  for (const po of await purchaseOrdersForFulfillmentOrder(s.db, shop, change.fulfillmentOrderId)) {
    if (!HOLDABLE.includes(po.status) || !(await setShopifyHold(s.db, shop, po, reason, change.at))) continue;
    changed++;
    await addOrderEvent(s.db, {
      shop,
      orderId: po.orderId,
      kind: "held_in_shopify",
      detail: `${po.number} is on hold in Shopify (${reason}); Dropline will not chase the supplier until it is released.`,
      at: change.at,
      dedupeKey: `held_in_shopify:${po.id}:${change.key}`,
    });
  }
  return changed;
}

/** fulfillment_orders/hold_released: the hold is gone and the ladder picks up again. */
export async function reflectShopifyRelease(s: LadderDeps, shop: string, change: HoldChange): Promise<number> {
  let changed = 0;
  for (const po of await purchaseOrdersForFulfillmentOrder(s.db, shop, change.fulfillmentOrderId)) {
    // Recorded even when we never saw the hold: its webhook may still come, and is older.
    if (!(await setShopifyHold(s.db, shop, po, null, change.at))) continue;
    changed++;
    await addOrderEvent(s.db, {
      shop,
      orderId: po.orderId,
      kind: "hold_released_in_shopify",
      detail: `${po.number}: the hold in Shopify was released.`,
      at: change.at,
      dedupeKey: `hold_released_in_shopify:${po.id}:${change.key}`,
    });
    if (!po.held) await resumeLadderAfterHold(s, po, change.key);
  }
  return changed;
}
