/**
 * Customer cancellations reaching the supplier. Shopify closes fulfillment orders the supplier had
 * not accepted yet, and sends a cancellation request for accepted ones; the supplier answers the
 * request in the portal or API, and Dropline passes the answer back to Shopify.
 */
import { eachPurchaseOrder, transitionPurchaseOrder, type PurchaseOrderRecord } from "~/models/purchase-orders.server";
import type { PrismaClient } from "@prisma/client";
import type { JobQueue } from "~/services/queue/job-queue";
import { deliverJob, syncAssignedJob } from "~/services/queue/coordination";
import { feedLadder, type LadderDeps } from "./ladder.server";
import type { CoordinationServices } from "./services.server";

/** The orders/cancelled event as a webhook topic handler sees it. */
export interface CancellationEvent {
  readonly db: PrismaClient;
  readonly shop: string;
  readonly eventId: string;
  readonly enqueue: JobQueue["enqueue"];
}

/** Shopify shows a cancellation request for the PO's fulfillment order: tell the supplier, once per request. */
export async function markCancellationRequested(s: CoordinationServices, po: PurchaseOrderRecord): Promise<void> {
  const moved = await transitionPurchaseOrder(s.db, po.shop, po.id, ["accepted"], "cancellation_requested");
  if (!moved) return;
  await s.queue.enqueue(deliverJob(po.shop, po.id, "cancellation_request", String(s.now().getTime())));
}

/**
 * orders/cancelled: purchase orders the supplier never accepted end here (Shopify closed their
 * fulfillment orders); accepted ones wait for Shopify's cancellation request, which the callback
 * usually brings — the sync job is queued too in case that callback is missed.
 */
export async function onOrderCancelledForSuppliers(ctx: CancellationEvent, orderId: string, s: LadderDeps): Promise<void> {
  // The order's own purchase orders, however many the shop has (not a page of the newest).
  for await (const po of eachPurchaseOrder(ctx.db, ctx.shop, { status: ["draft", "awaiting_review", "sent"], orderId })) {
    if (await transitionPurchaseOrder(ctx.db, ctx.shop, po.id, ["draft", "awaiting_review", "sent"], "cancelled", {}, s.now())) {
      await feedLadder(s, ctx.shop, po.id, { type: "cancelled" });
    }
  }
  await ctx.enqueue(syncAssignedJob(ctx.shop, "CANCELLATION_REQUEST", `order_cancelled:${ctx.eventId}`));
}
