/**
 * A recorded shipment → a Shopify fulfillment, and the order's customer-facing tracking summary
 * → the `$app.tracking` order metafield. Both are safe to run again.
 */
import { DEFAULT_ESCALATION_CONFIG } from "~/domain/escalation";
import { encodeOrderTracking, type OrderTrackingStatus, type ParcelStatus } from "~/domain/tracking";
import { latestSentNotice } from "~/models/notices.server";
import { addOrderEvent } from "~/models/orders.server";
import { getShipment, listOrderShipments, markShipmentFailed, markShipmentSynced, NOT_SHIPPING, type ShipmentRecord } from "~/models/shipments.server";
import { transitionPurchaseOrder, type PoStatus } from "~/models/purchase-orders.server";
import { AdminApiError } from "~/shopify/errors";
import { createFulfillmentWithOrderTracking, findFulfillmentByTracking, setOrderTrackingMetafield } from "~/shopify/fulfillments";
import { performOnce, type IntentOutcome } from "~/services/exactly-once.server";
import { feedLadder } from "~/services/coordination/ladder.server";
import type { JobServices } from "~/services/deps";
import { trackingSyncJob } from "~/services/queue/tracking";
import { lineItemsByFulfillmentOrder } from "./lines";
import { fail, failure, ok, type Result } from "~/domain/result";

export type SyncOutcome = Result<{ shipment: ShipmentRecord; queued: boolean }>;

/** What a fulfillment intent stores once Shopify has the fulfillment. */
interface CreatedFulfillment {
  readonly fulfillmentId: string;
  /** Shopify refused the order's tracking summary written with it (the fulfillment stands). */
  readonly trackingRefused: string | null;
}

/**
 * The intent key for a shipment's fulfillment. A refused attempt created nothing in Shopify, so a
 * later attempt (the supplier replays the declaration after fixing the cause) gets a new key;
 * a pending or done one is reused, which is what makes the create happen at most once.
 */
async function fulfillmentIntentKey(services: JobServices, shop: string, shipmentId: string): Promise<string> {
  const base = `fulfillment:${shipmentId}`;
  const refused = await services.db.mutationIntent.count({ where: { shop, key: { startsWith: base }, status: "failed" } });
  return refused === 0 ? base : `${base}#${refused}`;
}

/**
 * Creates the shipment's fulfillment in Shopify exactly once; Shopify's refusal is the answer.
 * The intent is recorded before the call, so a retry after a lost answer or a crash first looks
 * for a fulfillment of the same fulfillment orders with this tracking number (one fulfillment,
 * one customer email). The order's tracking summary (the metafield the order-status extension
 * reads) goes in the same request, so a shipment costs one Admin API call.
 */
export async function syncShipment(services: JobServices, shop: string, shipmentId: string): Promise<SyncOutcome> {
  const shipment = await getShipment(services.db, shop, shipmentId);
  if (!shipment) return fail(failure(`Shipment ${shipmentId} does not exist.`));
  if (shipment.syncStatus === "synced") return ok({ shipment, queued: false });
  // Someone cancelled its fulfillment in Shopify: creating it again is theirs to decide, not a retry's.
  if (shipment.syncStatus === "cancelled") return fail(failure(shipment.syncError ?? "The fulfillment of this shipment was cancelled in Shopify."));
  const client = await services.adminFor(shop);
  const numbers = shipment.parcels.map((p) => p.trackingNumber);
  const trackingInfo = {
    company: shipment.carrier ?? "Other",
    numbers,
    ...(shipment.trackingUrls.length > 0 ? { urls: shipment.trackingUrls } : {}),
  };
  const lineItems = lineItemsByFulfillmentOrder(shipment.lines);
  const input = { notifyCustomer: shipment.notifyCustomer, trackingInfo, lineItemsByFulfillmentOrder: lineItems };
  let outcome: IntentOutcome<CreatedFulfillment>;
  try {
    outcome = await performOnce<CreatedFulfillment>(
      services.db,
      services.now,
      { shop, key: await fulfillmentIntentKey(services, shop, shipment.id), kind: "fulfillment", request: input },
      {
        async recover() {
          const found = await findFulfillmentByTracking(
            client,
            lineItems.map((g) => g.fulfillmentOrderId),
            numbers,
          );
          return found ? { fulfillmentId: found.id, trackingRefused: null } : null;
        },
        async perform() {
          // The summary as it will be once this shipment is in Shopify (failed shipments are left out).
          const status = await orderStatusFor(services, shop, shipment.orderId);
          const created = await createFulfillmentWithOrderTracking(client, input, { orderId: shipment.orderId, value: encodeOrderTracking(status) });
          if (created.refused) throw created.refused;
          return { fulfillmentId: created.fulfillment.id, trackingRefused: created.trackingRefused?.message ?? null };
        },
      },
    );
  } catch (error) {
    if (error instanceof AdminApiError && error.retryable) {
      // The intent stays pending: the retry looks in Shopify before creating anything.
      await services.queue.enqueue(trackingSyncJob(shop, shipment.id, new Date(services.now().getTime() + 60_000)));
      return ok({ shipment, queued: true });
    }
    throw error;
  }
  if (outcome.status === "failed") {
    const reason = `Shopify refused the fulfillment: ${outcome.error.replace(/^[^:]*: /, "")}`;
    await markShipmentFailed(services.db, shop, shipment.id, reason);
    // The summary went out with this parcel in it: write it again without.
    await publishOrderStatus(services, shop, shipment.orderId);
    return fail(failure(reason));
  }
  const { fulfillmentId, trackingRefused } = outcome.result;
  const now = services.now();
  const latencyMs = shipment.acknowledgedAt ? now.getTime() - shipment.acknowledgedAt.getTime() : null;
  await markShipmentSynced(services.db, shop, shipment.id, { fulfillmentId, syncedAt: now, latencyMs });
  await afterSync(services, shop, { ...shipment, fulfillmentId });
  // The fulfillment stands; only the customer's summary is missing, and the caller should know.
  if (trackingRefused && outcome.performed) throw new Error(trackingRefused);
  return ok({
    shipment: { ...shipment, syncStatus: "synced", fulfillmentId, syncedAt: now, trackingLatencyMs: latencyMs },
    queued: false,
  });
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
}

/**
 * When every line of the purchase order has shipped, the PO is shipped and its ladder stops.
 * `from`: the statuses that may become shipped (a fulfillment made outside Dropline may ship a
 * purchase order the supplier never accepted in Dropline).
 */
export async function closePurchaseOrderIfShipped(
  services: JobServices,
  shop: string,
  shipment: ShipmentRecord,
  from: readonly PoStatus[] = ["accepted", "cancellation_requested"],
): Promise<boolean> {
  if (!shipment.purchaseOrderId) return false;
  const po = await services.db.purchaseOrder.findFirst({ where: { shop, id: shipment.purchaseOrderId } });
  if (!po) return false;
  const ordered = JSON.parse(po.lines) as { fulfillmentOrderLineItemId: string; quantity: number }[];
  const shipped = new Map<string, number>();
  for (const s of await listOrderShipments(services.db, shop, shipment.orderId)) {
    if (s.syncStatus !== "synced" && s.id !== shipment.id) continue;
    for (const l of s.lines) shipped.set(l.fulfillmentOrderLineItemId, (shipped.get(l.fulfillmentOrderLineItemId) ?? 0) + l.quantity);
  }
  if (!ordered.every((l) => (shipped.get(l.fulfillmentOrderLineItemId) ?? 0) >= l.quantity)) return false;
  if (!(await transitionPurchaseOrder(services.db, shop, po.id, from, "shipped", {}, services.now()))) return false;
  await feedLadder({ ...services, escalation: DEFAULT_ESCALATION_CONFIG }, shop, po.id, { type: "shipped" });
  return true;
}

/** The window the customer was last told in a delay notice, with its reason code. */
export interface NoticedWindow {
  readonly earliest: string;
  readonly latest: string;
  readonly reasonCode: string;
}

function windowOf(s: ShipmentRecord, notice: NoticedWindow | null): readonly [string, string] | null {
  if (s.estimatedDeliveryAt) {
    const day = s.estimatedDeliveryAt.slice(0, 10);
    return [day, day];
  }
  // A delay notice replaced the promise: the page must not contradict the email.
  if (notice && (!s.promisedLatest || notice.latest > s.promisedLatest)) return [notice.earliest, notice.latest];
  return s.promisedEarliest && s.promisedLatest ? [s.promisedEarliest, s.promisedLatest] : null;
}

/** The customer's view of an order's shipments (failed syncs and cancelled fulfillments are not shipments to them). */
export function orderTrackingStatus(shipments: readonly ShipmentRecord[], orderedQuantity: number, notice: NoticedWindow | null = null): OrderTrackingStatus {
  const live = shipments.filter((s) => !NOT_SHIPPING.includes(s.syncStatus));
  const parcels: ParcelStatus[] = live.map((s) => ({
    s: s.stage,
    c: s.carrier,
    n: s.parcels.map((p) => p.trackingNumber),
    u: s.trackingUrls[0] ?? null,
    q: s.lines.reduce((sum, l) => sum + l.quantity, 0),
    w: windowOf(s, notice),
  }));
  const shipped = parcels.reduce((sum, p) => sum + p.q, 0);
  return {
    v: 1,
    p: parcels,
    a: Math.max(0, orderedQuantity - shipped),
    ...(notice ? { d: { w: [notice.earliest, notice.latest], r: notice.reasonCode } } : {}),
  };
}

/** The order's customer-facing tracking summary from the shipments we hold. */
async function orderStatusFor(services: JobServices, shop: string, orderId: string): Promise<OrderTrackingStatus> {
  const shipments = await listOrderShipments(services.db, shop, orderId);
  const order = await services.db.order.findFirst({ where: { shop, id: orderId }, select: { lines: true } });
  const ordered = order ? (JSON.parse(order.lines) as { quantity: number }[]).reduce((sum, l) => sum + l.quantity, 0) : 0;
  const notice = await latestSentNotice(services.db, shop, orderId);
  const reasonCode = notice ? ((JSON.parse(notice.reason) as { code?: string }).code ?? "note") : "";
  return orderTrackingStatus(shipments, ordered, notice ? { earliest: notice.earliest, latest: notice.latest, reasonCode } : null);
}

/** Rewrites the order's tracking metafield from the shipments we hold. */
export async function publishOrderStatus(services: JobServices, shop: string, orderId: string): Promise<OrderTrackingStatus> {
  const status = await orderStatusFor(services, shop, orderId);
  const client = await services.adminFor(shop);
  await setOrderTrackingMetafield(client, orderId, encodeOrderTracking(status));
  return status;
}
