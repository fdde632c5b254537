/**
 * Sending a purchase order: build it from Shopify's fulfillment order, submit the fulfillment
 * request (unless a person reviews first, or it was already submitted), mark it sent, start its
 * escalation ladder and queue its delivery on the supplier's channel.
 */
import { offersForVariants } from "~/models/offers.server";
import { noteOwnChanges } from "~/models/own-changes.server";
import {
  ensurePurchaseOrder,
  needsManualReview,
  supplierCoordination,
  transitionPurchaseOrder,
  type PurchaseOrderRecord,
} from "~/models/purchase-orders.server";
import { supplierCalendar, type SupplierRecord } from "~/models/suppliers.server";
import type { AdminClient } from "~/shopify/client.server";
import { fetchFulfillmentOrderDetail, submitFulfillmentRequest } from "~/shopify/fulfillment-requests";
import { deliverJob } from "~/services/queue/coordination";
import { scheduleStep, startLadder } from "./ladder.server";
import { buildPurchaseOrder, type PurchaseOrderSource } from "~/domain/purchase-order/purchase-order";
import type { CoordinationServices } from "./services.server";

export interface DispatchOptions {
  /** Call fulfillmentOrderSubmitFulfillmentRequest (false when Shopify already shows it submitted). */
  readonly submit: boolean;
  /** A person approved it: manual review does not hold it back. */
  readonly approved?: boolean;
  /** The supplier's SKU per variant, when the caller already read the offers. */
  readonly supplierSkus?: ReadonlyMap<string, string>;
}

/** A fulfillment order at the supplier's location, as last read from Shopify. */
export interface DispatchSource extends PurchaseOrderSource {
  readonly requestStatus: string;
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

/** Reads the fulfillment order, then builds (or finds) its purchase order at `supplier`'s location and sends it. */
export async function dispatchPurchaseOrder(
  s: CoordinationServices,
  client: AdminClient,
  fulfillmentOrderId: string,
  supplier: SupplierRecord,
  options: DispatchOptions,
): Promise<PurchaseOrderRecord | null> {
  const fo = await fetchFulfillmentOrderDetail(client, fulfillmentOrderId);
  if (!fo || fo.assignedLocation.location?.id !== supplier.locationId) return null;
  return dispatchFrom(s, client, fo, supplier, options);
}

/**
 * Builds (or finds) the purchase order for a fulfillment order at `supplier`'s location, as the
 * caller read it, and sends it: the fulfillment request is submitted (noted first, so its echoes
 * — the fulfillment_request_submitted webhook, the fulfillment-service callback — do nothing).
 */
export async function dispatchFrom(
  s: CoordinationServices,
  client: AdminClient,
  fo: DispatchSource,
  supplier: SupplierRecord,
  options: DispatchOptions,
): Promise<PurchaseOrderRecord | null> {
  const shop = supplier.shop;
  const variantIds = fo.lineItems.nodes.map((l) => l.variant?.id).filter((v): v is string => !!v);
  const skus = options.supplierSkus ?? (await supplierSkus(s, shop, supplier.id, variantIds));
  // The ship-by counts the supplier's own working days (a Monday–Saturday supplier's Saturday counts).
  const draft = buildPurchaseOrder(
    fo,
    { ...supplier, ...supplierCalendar(supplier) },
    skus,
    s.now().getTime(),
    await supplierCoordination(s.db, shop, supplier.id),
  );
  const review = options.submit && !options.approved && (await needsManualReview(s.db, shop, supplier.id));
  const { po } = await ensurePurchaseOrder(s.db, shop, draft, review ? "awaiting_review" : "draft", s.now());
  if (po.status !== "draft" && po.status !== "awaiting_review") return po;
  if (po.status === "awaiting_review" && !options.approved) return po;
  if (options.submit && fo.requestStatus !== "SUBMITTED") {
    await noteOwnChanges(
      s.db,
      shop,
      [
        { kind: "fulfillment_request", fulfillmentOrderId: fo.id },
        { kind: "callback", callback: "FULFILLMENT_REQUEST", fulfillmentOrderId: fo.id },
        { kind: "purchase_order_request", purchaseOrderId: po.id },
      ],
      s.now(),
    );
    await submitFulfillmentRequest(client, fo.id, `Dropline purchase order ${po.number}`);
  }
  await markSent(s, po);
  return po;
}
