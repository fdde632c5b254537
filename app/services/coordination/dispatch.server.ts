/**
 * Sending a purchase order: build it from Shopify's fulfillment order, submit the fulfillment
 * request (unless a person reviews first, or it was already submitted), mark it sent, start its
 * escalation ladder and queue its delivery on the supplier's channel.
 */
import { offersForVariants } from "~/models/offers.server";
import { ensurePurchaseOrder, needsManualReview, transitionPurchaseOrder, type PurchaseOrderRecord } from "~/models/purchase-orders.server";
import type { SupplierRecord } from "~/models/suppliers.server";
import type { AdminClient } from "~/shopify/client.server";
import { fetchFulfillmentOrderDetail, submitFulfillmentRequest } from "~/shopify/fulfillment-requests";
import { deliverJob } from "~/services/queue/coordination";
import { scheduleStep, startLadder } from "./ladder.server";
import { buildPurchaseOrder } from "~/domain/purchase-order/purchase-order";
import type { CoordinationServices } from "./services.server";

export interface DispatchOptions {
  /** Call fulfillmentOrderSubmitFulfillmentRequest (false when Shopify already shows it submitted). */
  readonly submit: boolean;
  /** A person approved it: manual review does not hold it back. */
  readonly approved?: boolean;
}

async function supplierSkus(s: CoordinationServices, shop: string, supplierId: string, variantIds: string[]): Promise<Map<string, string>> {
  const offers = await offersForVariants(s.db, shop, variantIds);
  return new Map(offers.filter((o) => o.supplierId === supplierId).map((o) => [o.variantId, o.supplierSku]));
}

/** Marks the purchase order sent, starts its ladder and queues its delivery (once). */
async function markSent(s: CoordinationServices, po: PurchaseOrderRecord): Promise<void> {
  const ladder = await startLadder(s, po);
  const now = s.now();
  const moved = await transitionPurchaseOrder(s.db, po.shop, po.id, ["draft", "awaiting_review"], "sent", {
    sentAt: now,
    ladder: JSON.stringify(ladder.state),
    ladderStep: ladder.state.status,
  });
  if (!moved) return;
  await scheduleStep(s, po.shop, ladder);
  await s.queue.enqueue(deliverJob(po.shop, po.id, "purchase_order", "first"));
}

/** Builds (or finds) the purchase order for one fulfillment order at `supplier`'s location and sends it. */
export async function dispatchPurchaseOrder(
  s: CoordinationServices,
  client: AdminClient,
  fulfillmentOrderId: string,
  supplier: SupplierRecord,
  options: DispatchOptions,
): Promise<PurchaseOrderRecord | null> {
  const shop = supplier.shop;
  const fo = await fetchFulfillmentOrderDetail(client, fulfillmentOrderId);
  if (!fo || fo.assignedLocation.location?.id !== supplier.locationId) return null;
  const variantIds = fo.lineItems.nodes.map((l) => l.variant?.id).filter((v): v is string => !!v);
  const draft = buildPurchaseOrder(fo, supplier, await supplierSkus(s, shop, supplier.id, variantIds), s.now().getTime());
  const review = options.submit && !options.approved && (await needsManualReview(s.db, shop, supplier.id));
  const { po } = await ensurePurchaseOrder(s.db, shop, draft, review ? "awaiting_review" : "draft");
  if (po.status !== "draft" && po.status !== "awaiting_review") return po;
  if (po.status === "awaiting_review" && !options.approved) return po;
  if (options.submit && fo.requestStatus !== "SUBMITTED") {
    await submitFulfillmentRequest(client, fulfillmentOrderId, `Dropline purchase order ${po.number}`);
  }
  await markSent(s, po);
  return po;
}
