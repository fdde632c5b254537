/** What a supplier sees of a purchase order (portal and API): no ladder, no shop internals. */
import { NO_RECIPIENT_CONTACT, supplierShipTo, type RecipientContact } from "~/domain/purchase-order/purchase-order";
import type { PurchaseOrderRecord } from "~/models/purchase-orders.server";

export interface SupplierPoView {
  readonly id: string;
  readonly number: string;
  readonly orderName: string;
  readonly status: string;
  readonly serviceTier: string;
  readonly shippingMethod: string | null;
  readonly shipBy: string;
  readonly committedShipAt: string | null;
  readonly sentAt: string | null;
  readonly shipTo: PurchaseOrderRecord["shipTo"];
  readonly notes: string | null;
  readonly lines: readonly { id: string; sku: string; supplierSku: string; title: string; quantity: number }[];
  readonly rejection: PurchaseOrderRecord["rejection"];
  /** What the supplier can do now (the API's and the portal's buttons). */
  readonly actions: readonly ("accept" | "reject" | "cancellation" | "stockout")[];
}

const ACTIONS: Readonly<Record<string, SupplierPoView["actions"]>> = {
  sent: ["accept", "reject"],
  accepted: ["stockout"],
  cancellation_requested: ["cancellation"],
};

/** `contact`: the supplier's setting; without it the recipient's phone is left out. */
export function supplierPoView(po: PurchaseOrderRecord, contact: RecipientContact = NO_RECIPIENT_CONTACT): SupplierPoView {
  return {
    id: po.id,
    number: po.number,
    orderName: po.orderName,
    status: po.status,
    serviceTier: po.serviceTier,
    shippingMethod: po.shippingMethod,
    shipBy: po.shipBy.toISOString(),
    committedShipAt: po.committedShipAt?.toISOString() ?? null,
    sentAt: po.sentAt?.toISOString() ?? null,
    shipTo: supplierShipTo(po.shipTo, contact),
    notes: po.notes,
    lines: po.lines.map((l) => ({ id: l.fulfillmentOrderLineItemId, sku: l.sku, supplierSku: l.supplierSku, title: l.title, quantity: l.quantity })),
    rejection: po.rejection,
    actions: ACTIONS[po.status] ?? [],
  };
}
