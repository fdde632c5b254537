/**
 * Fulfillment-order topics about the supplier's side: requests submitted, answers to requests and
 * to cancellation requests, holds. Dropline's own requests and answers are recognised by our
 * purchase order already saying the same (no Admin API call); the rest is reconciled (see
 * app/services/coordination/answers.server.ts and holds.server.ts).
 */
import { DEFAULT_ESCALATION_CONFIG } from "~/domain/escalation";
import { purchaseOrdersForFulfillmentOrder } from "~/models/purchase-orders.server";
import type { WebhookTopic } from "~/shopify/topics";
import { answerDisagrees, reconcileAnswerJob, type ShopifyAnswer } from "~/services/coordination/answers.server";
import { holdReason, reflectShopifyHold, reflectShopifyRelease, type HoldChange } from "~/services/coordination/holds.server";
import { syncAssignedJob } from "~/services/queue/coordination";
import type { LadderDeps } from "~/services/coordination/ladder.server";
import { afterGrace } from "~/services/queue/reconcile-grace";
import type { TopicContext, TopicHandler } from "./context";

/** Purchase orders that no longer speak for the fulfillment order (it went to another supplier, or ended). */
const PAST = ["rejected", "rerouted", "cancelled"];

/**
 * A fulfillment request was submitted. Ours: the purchase order is out, or is going out and the
 * request's message names it. Anyone else's: the sync job builds and sends the purchase order.
 */
export const onFulfillmentRequestSubmitted: TopicHandler<"fulfillment_orders/fulfillment_request_submitted"> = async (ctx, payload) => {
  const message = payload.fulfillment_order_merchant_request?.message ?? "";
  const pos = (await purchaseOrdersForFulfillmentOrder(ctx.db, ctx.shop, payload.submitted_fulfillment_order.id)).filter((po) => !PAST.includes(po.status));
  if (pos.some((po) => po.status !== "draft" || message.includes(po.number))) return;
  await ctx.enqueue(syncAssignedJob(ctx.shop, "FULFILLMENT_REQUEST", `request_submitted:${ctx.eventId}`));
};

type AnswerTopic =
  | "fulfillment_orders/fulfillment_request_accepted"
  | "fulfillment_orders/fulfillment_request_rejected"
  | "fulfillment_orders/cancellation_request_accepted"
  | "fulfillment_orders/cancellation_request_rejected";

function onAnswer<T extends AnswerTopic & WebhookTopic>(answer: ShopifyAnswer): TopicHandler<T> {
  return async (ctx, payload) => {
    const fulfillmentOrderId = payload.fulfillment_order.id;
    if (!(await answerDisagrees(ctx.db, ctx.shop, fulfillmentOrderId, answer))) return;
    await ctx.enqueue(reconcileAnswerJob(ctx.shop, { fulfillmentOrderId, answer, message: payload.message ?? null, key: ctx.eventId }, afterGrace(ctx.now)));
  };
}

export const onFulfillmentRequestAccepted = onAnswer<"fulfillment_orders/fulfillment_request_accepted">("request_accepted");
export const onFulfillmentRequestRejected = onAnswer<"fulfillment_orders/fulfillment_request_rejected">("request_rejected");
export const onCancellationRequestAccepted = onAnswer<"fulfillment_orders/cancellation_request_accepted">("cancellation_accepted");
export const onCancellationRequestRejected = onAnswer<"fulfillment_orders/cancellation_request_rejected">("cancellation_rejected");

function ladderDeps(ctx: TopicContext): LadderDeps {
  return { db: ctx.db, queue: { enqueue: ctx.enqueue }, now: () => ctx.now, escalation: DEFAULT_ESCALATION_CONFIG };
}

function holdChange(ctx: TopicContext, fulfillmentOrderId: string): HoldChange {
  return { fulfillmentOrderId, at: ctx.triggeredAt ?? ctx.now, key: ctx.eventId };
}

/** A hold in Shopify: the purchase order is held, with Shopify's reason, and the ladder waits. */
export const onPlacedOnHold: TopicHandler<"fulfillment_orders/placed_on_hold"> = async (ctx, payload) => {
  const fo = payload.fulfillment_order;
  await reflectShopifyHold(ladderDeps(ctx), ctx.shop, holdChange(ctx, fo.id), holdReason(fo.fulfillment_holds));
};

/** The last hold was released in Shopify: the purchase order's ladder picks up again. */
export const onHoldReleasedForSuppliers: TopicHandler<"fulfillment_orders/hold_released"> = async (ctx, payload) => {
  // Other holds remain (Shopify releases them one at a time): still held.
  if (payload.fulfillment_order.status === "on_hold") return;
  await reflectShopifyRelease(ladderDeps(ctx), ctx.shop, holdChange(ctx, payload.fulfillment_order.id));
};
