/**
 * A recorded shipment → a Shopify fulfillment, and the order's customer-facing tracking summary
 * → the `$app.tracking` order metafield. Both are safe to run again.
 */
import { DEFAULT_ESCALATION_CONFIG } from "~/domain/escalation";
import { encodeOrderTracking, type OrderTrackingStatus, type ParcelStatus } from "~/domain/tracking";
import { addOrderEvent } from "~/models/orders.server";
import { getShipment, listOrderShipments, markShipmentFailed, markShipmentSynced, type ShipmentRecord } from "~/models/shipments.server";
import { transitionPurchaseOrder } from "~/models/purchase-orders.server";
import { AdminApiError, UserErrorsFailure } from "~/shopify/errors";
import { createFulfillment, setOrderTrackingMetafield } from "~/shopify/fulfillments";
import { feedLadder } from "~/services/coordination/ladder.server";
import type { JobServices } from "~/services/deps";
import { trackingSyncJob } from "~/services/queue/tracking";
import { lineItemsByFulfillmentOrder } from "./lines";

export type SyncOutcome = { ok: true; shipment: ShipmentRecord; queued: boolean } | { ok: false; reason: string };

/** Creates the shipment's fulfillment in Shopify unless it exists; Shopify's refusal is the answer. */
export async function syncShipment(services: JobServices, shop: string, shipmentId: string): Promise<SyncOutcome> {
  const shipment = await getShipment(services.db, shop, shipmentId);
  if (!shipment) return { ok: false, reason: `Shipment ${shipmentId} does not exist.` };
  if (shipment.syncStatus === "synced") return { ok: true, shipment, queued: false };
  const client = await services.adminFor(shop);
  const trackingInfo = {
    company: shipment.carrier ?? "Other",
    numbers: shipment.parcels.map((p) => p.trackingNumber),
    ...(shipment.trackingUrls.length > 0 ? { urls: shipment.trackingUrls } : {}),
  };
  try {
    const fulfillment = await createFulfillment(client, {
      notifyCustomer: shipment.notifyCustomer,
      trackingInfo,
      lineItemsByFulfillmentOrder: lineItemsByFulfillmentOrder(shipment.lines),
    });
    const now = services.now();
    const latencyMs = shipment.acknowledgedAt ? now.getTime() - shipment.acknowledgedAt.getTime() : null;
    await markShipmentSynced(services.db, shop, shipment.id, { fulfillmentId: fulfillment.id, syncedAt: now, latencyMs });
    await afterSync(services, shop, { ...shipment, fulfillmentId: fulfillment.id });
    return { ok: true, shipment: { ...shipment, syncStatus: "synced", fulfillmentId: fulfillment.id, syncedAt: now, trackingLatencyMs: latencyMs }, queued: false };
  } catch (error) {
    if (error instanceof UserErrorsFailure) {
      const reason = `Shopify refused the fulfillment: ${error.userErrors.map((e) => e.message).join("; ")}`;
      await markShipmentFailed(services.db, shop, shipment.id, reason);
      return { ok: false, reason };
    }
    if (error instanceof AdminApiError && error.retryable) {
      await services.queue.enqueue(trackingSyncJob(shop, shipment.id, new Date(services.now().getTime() + 60_000)));
      return { ok: true, shipment, queued: true };
    }
    throw error;
  }
}

async function afterSync(services: JobServices, shop: string, shipment: ShipmentRecord): Promise<void> {
  const numbers = shipment.parcels.map((p) => p.trackingNumber).join(", ");
  await addOrderEvent(services.db, {
    shop,
    orderId: shipment.orderId,
    kind: "shipment_synced",
    detail: `${shipment.carrier ?? "Carrier"} ${numbers}: ${shipment.lines.map((l) => `${l.quantity} × ${l.title}`).join(", ")}`,
    at: services.now(),
    dedupeKey: `shipment_synced:${shipment.id}`,
  });
  await closePurchaseOrderIfShipped(services, shop, shipment);
  await publishOrderStatus(services, shop, shipment.orderId);
}

/** When every line of the purchase order has shipped, the PO is shipped and its ladder stops. */
async function closePurchaseOrderIfShipped(services: JobServices, shop: string, shipment: ShipmentRecord): Promise<void> {
  if (!shipment.purchaseOrderId) return;
  const po = await services.db.purchaseOrder.findFirst({ where: { shop, id: shipment.purchaseOrderId } });
  if (!po) return;
  const ordered = JSON.parse(po.lines) as { fulfillmentOrderLineItemId: string; quantity: number }[];
  const shipped = new Map<string, number>();
  for (const s of await listOrderShipments(services.db, shop, shipment.orderId)) {
    if (s.syncStatus !== "synced" && s.id !== shipment.id) continue;
    for (const l of s.lines) shipped.set(l.fulfillmentOrderLineItemId, (shipped.get(l.fulfillmentOrderLineItemId) ?? 0) + l.quantity);
  }
  if (!ordered.every((l) => (shipped.get(l.fulfillmentOrderLineItemId) ?? 0) >= l.quantity)) return;
  if (await transitionPurchaseOrder(services.db, shop, po.id, ["accepted", "cancellation_requested"], "shipped")) {
    await feedLadder({ ...services, escalation: DEFAULT_ESCALATION_CONFIG }, shop, po.id, { type: "shipped" });
  }
}

function windowOf(s: ShipmentRecord): readonly [string, string] | null {
  if (s.estimatedDeliveryAt) {
    const day = s.estimatedDeliveryAt.slice(0, 10);
    return [day, day];
  }
  return s.promisedEarliest && s.promisedLatest ? [s.promisedEarliest, s.promisedLatest] : null;
}

/** The customer's view of an order's shipments (failed syncs are not shipments to them). */
export function orderTrackingStatus(shipments: readonly ShipmentRecord[], orderedQuantity: number): OrderTrackingStatus {
  const live = shipments.filter((s) => s.syncStatus !== "failed");
  const parcels: ParcelStatus[] = live.map((s) => ({
    s: s.stage,
    c: s.carrier,
    n: s.parcels.map((p) => p.trackingNumber),
    u: s.trackingUrls[0] ?? null,
    q: s.lines.reduce((sum, l) => sum + l.quantity, 0),
    w: windowOf(s),
  }));
  const shipped = parcels.reduce((sum, p) => sum + p.q, 0);
  return { v: 1, p: parcels, a: Math.max(0, orderedQuantity - shipped) };
}

/** Rewrites the order's tracking metafield from the shipments we hold. */
export async function publishOrderStatus(services: JobServices, shop: string, orderId: string): Promise<OrderTrackingStatus> {
  const shipments = await listOrderShipments(services.db, shop, orderId);
  const order = await services.db.order.findFirst({ where: { shop, id: orderId }, select: { lines: true } });
  const ordered = order ? (JSON.parse(order.lines) as { quantity: number }[]).reduce((sum, l) => sum + l.quantity, 0) : 0;
  const status = orderTrackingStatus(shipments, ordered);
  const client = await services.adminFor(shop);
  await setOrderTrackingMetafield(client, orderId, encodeOrderTracking(status));
  return status;
}
