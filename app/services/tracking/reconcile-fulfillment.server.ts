/**
 * Fulfillments Shopify tells us about (fulfillments/create and fulfillments/update). Our own are
 * recognised — by the fulfillment id we stored, or by a tracking number of ours when the id is
 * not stored yet — and left alone. A fulfillment made outside Dropline (Shopify admin, another
 * app, the supplier's own system) for lines Dropline coordinates becomes a shipment of source
 * `shopify`: the purchase order's lines count as shipped, its exception cases are re-evaluated
 * and the order's timeline says what happened. A cancelled fulfillment or tracking changed in
 * Shopify is reflected on our shipment.
 *
 * `fulfillmentDisagrees` runs in the webhook job and reads only our database; when it finds a
 * disagreement a reconcile job runs after the grace period and reads Shopify's fulfillment before
 * writing, so duplicate and out-of-order webhooks converge on the same state.
 */
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import { addOrderEvent } from "~/models/orders.server";
import {
  getPurchaseOrder,
  openStaffTask,
  purchaseOrdersForFulfillmentOrder,
  transitionPurchaseOrder,
  type PoStatus,
  type PurchaseOrderRecord,
} from "~/models/purchase-orders.server";
import {
  createShipment,
  markShipmentCancelled,
  numbersInUse,
  OUTSIDE_SOURCE,
  shipmentForFulfillment,
  type ShipmentLine,
  type ShipmentRecord,
} from "~/models/shipments.server";
import { fetchFulfillmentForReconcile, type FulfillmentForReconcile } from "~/shopify/fulfillments";
import type { JobServices } from "~/services/deps";
import { normalizeTrackingNumber } from "~/domain/tracking/carriers";
import { ingestCarrierEvents, replayUnmatchedEvents, SHOPIFY_EVENT_SOURCE } from "./events.server";
import { replaceParcels } from "./intake.server";
import { exceptionSweepJob, type FulfillmentHint } from "~/services/queue/tracking";
import type { JobWork } from "~/services/queue/job-queue";
import { closePurchaseOrderIfShipped, publishOrderStatus } from "./sync.server";

/** Purchase orders a fulfillment made elsewhere can still ship (terminal ones are left as they are). */
const SHIPPABLE: readonly PoStatus[] = ["awaiting_review", "sent", "accepting", "accepted", "cancellation_requested", "shipped"];

export type ReconcileOutcome = "ours" | "not_coordinated" | "recorded" | "cancelled" | "tracking_changed" | "progress" | "unchanged";

const sameNumbers = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Whether the shipment is the one Dropline holds for this very fulfillment (not a duplicate with our numbers). */
const isThisFulfillment = (shipment: ShipmentRecord, fulfillmentId: string) => shipment.fulfillmentId === fulfillmentId;

/** Does what the webhook says differ from what we hold? Reads only our database. */
export async function fulfillmentDisagrees(db: PrismaClient, shop: string, hint: FulfillmentHint): Promise<boolean> {
  const shipment = await shipmentForFulfillment(db, shop, hint.fulfillmentId, hint.trackingNumbers);
  if (shipment) {
    if (shipment.syncStatus === "cancelled" || !isThisFulfillment(shipment, hint.fulfillmentId)) return false;
    if (hint.status === "cancelled") return true;
    if (
      hint.trackingNumbers.length > 0 &&
      !sameNumbers(
        hint.trackingNumbers,
        shipment.parcels.map((p) => p.trackingNumber),
      )
    )
      return true;
    // Progress of a fulfillment made elsewhere comes only from Shopify; ours comes from the carriers.
    return shipment.source === OUTSIDE_SOURCE && hint.shipmentStatus !== null && shipment.parcels.length > 0;
  }
  if (["cancelled", "error", "failure"].includes(hint.status)) return false;
  return (await db.purchaseOrder.count({ where: { shop, orderId: hint.orderId } })) > 0;
}

/** The reconcile job: one fulfillment, Shopify's state against ours. */
export async function reconcileFulfillment(services: JobServices, shop: string, hint: FulfillmentHint): Promise<ReconcileOutcome> {
  const shipment = await shipmentForFulfillment(services.db, shop, hint.fulfillmentId, hint.trackingNumbers);
  if (!shipment) return recordOutsideFulfillment(services, shop, hint);
  if (shipment.syncStatus === "cancelled" || !isThisFulfillment(shipment, hint.fulfillmentId)) return "ours";
  if (hint.status === "cancelled") return (await cancelShipment(services, shop, shipment)) ? "cancelled" : "unchanged";
  if (
    hint.trackingNumbers.length > 0 &&
    !sameNumbers(
      hint.trackingNumbers,
      shipment.parcels.map((p) => p.trackingNumber),
    )
  ) {
    return refreshTracking(services, shop, shipment, hint.fulfillmentId);
  }
  if (shipment.source === OUTSIDE_SOURCE && hint.shipmentStatus) {
    await recordShopifyProgress(services, shop, shipment, hint.shipmentStatus, hint.updatedAt);
    return "progress";
  }
  return "unchanged";
}

function trackingOf(f: FulfillmentForReconcile) {
  const numbers = [...new Set(f.trackingInfo.map((t) => (t.number ? normalizeTrackingNumber(t.number) : "")).filter(Boolean))];
  return { numbers, company: f.trackingInfo.find((t) => t.company)?.company ?? null, urls: f.trackingInfo.map((t) => t.url).filter((u): u is string => !!u) };
}

/** The purchase-order lines a fulfillment took, quantities shared out in purchase-order order. */
function linesTaken(f: FulfillmentForReconcile, po: PurchaseOrderRecord, left: Map<string, number>): ShipmentLine[] {
  const lines: ShipmentLine[] = [];
  for (const l of po.lines) {
    const quantity = Math.min(l.quantity, left.get(l.lineItemId) ?? 0);
    if (quantity <= 0) continue;
    left.set(l.lineItemId, (left.get(l.lineItemId) ?? 0) - quantity);
    lines.push({
      fulfillmentOrderId: po.fulfillmentOrderId,
      fulfillmentOrderLineItemId: l.fulfillmentOrderLineItemId,
      lineItemId: l.lineItemId,
      sku: l.sku || null,
      title: l.title,
      quantity,
    });
  }
  return lines;
}

async function coordinatedPurchaseOrders(services: JobServices, shop: string, f: FulfillmentForReconcile): Promise<PurchaseOrderRecord[]> {
  const pos: PurchaseOrderRecord[] = [];
  for (const fo of f.fulfillmentOrders.nodes) pos.push(...(await purchaseOrdersForFulfillmentOrder(services.db, shop, fo.id)));
  return pos.filter((po) => SHIPPABLE.includes(po.status));
}

/** A fulfillment Dropline did not make: record it against the purchase orders whose lines it took. */
async function recordOutsideFulfillment(services: JobServices, shop: string, hint: FulfillmentHint): Promise<ReconcileOutcome> {
  const f = await fetchFulfillmentForReconcile(await services.adminFor(shop), hint.fulfillmentId);
  if (!f || f.status !== "SUCCESS") return "unchanged";
  const tracking = trackingOf(f);
  // Ours after all: Shopify's current tracking numbers are on a shipment of ours.
  if (await shipmentForFulfillment(services.db, shop, f.id, tracking.numbers)) return "ours";
  const pos = await coordinatedPurchaseOrders(services, shop, f);
  if (pos.length === 0) return "not_coordinated";
  const left = new Map<string, number>();
  for (const n of f.fulfillmentLineItems.nodes) left.set(n.lineItem.id, (left.get(n.lineItem.id) ?? 0) + n.quantity);
  const taken = new Set((await numbersInUse(services.db, shop, tracking.numbers)).map((p) => p.trackingNumber));
  let recorded = false;
  for (const po of pos) {
    const lines = linesTaken(f, po, left);
    if (lines.length === 0) continue;
    // A tracking number belongs to one shipment: the first purchase order's, when one fulfillment spans two.
    const numbers = tracking.numbers.filter((n) => !taken.has(n));
    numbers.forEach((n) => taken.add(n));
    const { shipment, created } = await createShipment(services.db, shop, {
      orderId: po.orderId,
      orderName: po.orderName,
      supplierId: po.supplierId,
      purchaseOrderId: po.id,
      lines,
      carrier: tracking.company,
      trackingNumbers: numbers,
      trackingUrls: tracking.urls,
      dedupeKey: `shopify:${f.id}:${po.id}`,
      source: OUTSIDE_SOURCE,
      notifyCustomer: false,
      acknowledgedAt: po.acknowledgedAt,
      promise: null,
      at: new Date(f.createdAt),
      fulfillmentId: f.id,
    });
    recorded = true;
    const what = lines.map((l) => `${l.quantity} × ${l.title}`).join(", ");
    const tracked = numbers.length > 0 ? `${tracking.company ?? "carrier"} ${numbers.join(", ")}` : "no tracking number";
    await addOrderEvent(services.db, {
      shop,
      orderId: po.orderId,
      kind: "fulfilled_outside_dropline",
      detail: `${f.name} (${what}) for ${po.number}, ${tracked}: made in Shopify or by another app, not through Dropline.`,
      at: services.now(),
      dedupeKey: `fulfilled_outside:${f.id}:${po.id}`,
    });
    if (created) await replayUnmatchedEvents(services, shop, numbers);
    await closePurchaseOrderIfShipped(
      services,
      shop,
      shipment,
      SHIPPABLE.filter((s) => s !== "shipped"),
    );
  }
  if (!recorded) return "not_coordinated";
  await publishOrderStatus(services, shop, pos[0]!.orderId);
  await services.queue.enqueue(exceptionSweepJob(shop, services.now(), `fulfillment:${f.id}`));
  return "recorded";
}

/**
 * The fulfillment was cancelled in Shopify: the shipment stops counting, a purchase order it had
 * shipped is open again (accepted), and staff are asked to check with the supplier — the
 * escalation ladder closed when the purchase order shipped, so it will not ask by itself.
 */
async function cancelShipment(services: JobServices, shop: string, shipment: ShipmentRecord): Promise<boolean> {
  const numbers = shipment.parcels.map((p) => p.trackingNumber).join(", ") || "without tracking";
  if (!(await markShipmentCancelled(services.db, shop, shipment.id, "Its fulfillment was cancelled in Shopify."))) return false;
  const po = shipment.purchaseOrderId ? await getPurchaseOrder(services.db, shop, shipment.purchaseOrderId) : null;
  await addOrderEvent(services.db, {
    shop,
    orderId: shipment.orderId,
    kind: "fulfillment_cancelled",
    detail: `The fulfillment ${numbers}${po ? ` of ${po.number}` : ""} was cancelled in Shopify; its lines are open again.`,
    at: services.now(),
    dedupeKey: `fulfillment_cancelled:${shipment.id}`,
  });
  if (po) {
    await transitionPurchaseOrder(services.db, shop, po.id, ["shipped"], "accepted");
    await openStaffTask(services.db, shop, {
      purchaseOrderId: po.id,
      kind: "fulfillment_cancelled",
      message: `${po.number} (${po.orderName}): the fulfillment ${numbers} was cancelled in Shopify. Ask the supplier whether it shipped, and enter the right tracking.`,
      dedupeKey: `fulfillment_cancelled:${shipment.id}`,
    });
  }
  await publishOrderStatus(services, shop, shipment.orderId);
  await services.queue.enqueue(exceptionSweepJob(shop, services.now(), `fulfillment:${shipment.fulfillmentId ?? shipment.id}`));
  return true;
}

/** Tracking changed on the fulfillment in Shopify: our parcels follow Shopify's current numbers. */
async function refreshTracking(services: JobServices, shop: string, shipment: ShipmentRecord, fulfillmentId: string): Promise<ReconcileOutcome> {
  const f = await fetchFulfillmentForReconcile(await services.adminFor(shop), fulfillmentId);
  if (!f) return "unchanged";
  if (f.status === "CANCELLED") return (await cancelShipment(services, shop, shipment)) ? "cancelled" : "unchanged";
  const tracking = trackingOf(f);
  const before = shipment.parcels.map((p) => p.trackingNumber);
  if (tracking.numbers.length === 0 || sameNumbers(tracking.numbers, before)) return "unchanged";
  const clash = (await numbersInUse(services.db, shop, tracking.numbers)).filter((p) => p.shipmentId !== shipment.id);
  if (clash.length > 0) {
    await openStaffTask(services.db, shop, {
      purchaseOrderId: shipment.purchaseOrderId,
      kind: "tracking_conflict",
      message: `${shipment.orderName ?? shipment.orderId}: tracking ${clash.map((p) => p.trackingNumber).join(", ")} was set on ${f.name} in Shopify but is already on another shipment; correct one of them.`,
      dedupeKey: `tracking_conflict:${shipment.id}:${tracking.numbers.join(",")}`,
    });
    return "unchanged";
  }
  await replaceParcels(services, shop, shipment, { company: tracking.company ?? shipment.carrier ?? "Other", numbers: tracking.numbers, urls: tracking.urls });
  await addOrderEvent(services.db, {
    shop,
    orderId: shipment.orderId,
    kind: "tracking_changed_in_shopify",
    detail: `${before.join(", ") || "no tracking"} → ${tracking.company ?? ""} ${tracking.numbers.join(", ")}`.trim(),
    at: services.now(),
    dedupeKey: `tracking_changed:${shipment.id}:${tracking.numbers.join(",")}`,
  });
  await publishOrderStatus(services, shop, shipment.orderId);
  return "tracking_changed";
}

/**
 * Shopify's `shipment_status` of a fulfillment made outside Dropline goes through the carrier-event
 * pipeline (stored once, stage never backwards, timeline, customer status) as source `shopify`,
 * which is never posted back to Shopify.
 */
async function recordShopifyProgress(services: JobServices, shop: string, shipment: ShipmentRecord, status: string, happenedAt: string): Promise<void> {
  const events = shipment.parcels.map((p) => ({
    trackingNumber: p.trackingNumber,
    ...(shipment.carrier ? { carrier: shipment.carrier } : {}),
    status,
    description: `Shopify: ${status.replace(/_/g, " ")}`,
    happenedAt,
  }));
  await ingestCarrierEvents(services, shop, events, SHOPIFY_EVENT_SOURCE);
}

const HintPayload = z.object({
  fulfillmentId: z.string().startsWith("gid://shopify/Fulfillment/"),
  orderId: z.string(),
  status: z.string(),
  trackingNumbers: z.array(z.string()),
  shipmentStatus: z.string().nullable(),
  updatedAt: z.string(),
});

/** The reconcile job's work (its handler, in app/jobs/tracking, adds the kind). */
export function reconcileFulfillmentWork(services: JobServices): JobWork {
  return {
    async perform(job) {
      await reconcileFulfillment(services, job.shop, HintPayload.parse(job.payload));
    },
  };
}
