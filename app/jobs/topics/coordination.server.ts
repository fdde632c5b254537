/** Webhook topics that move coordination along (registered in ../topics/index.server.ts). */
import { DEFAULT_ESCALATION_CONFIG } from "~/domain/escalation";
import type { WebhookTopic } from "~/shopify/topics";
import { takeOwnChange } from "~/models/own-changes.server";
import { orderIdOfFulfillmentOrder } from "~/shopify/fulfillment-orders";
import type { TopicContext, TopicHandler } from "./context";
import { onOrderCancelledForSuppliers } from "~/services/coordination/cancellations.server";
import { submitRequestsJob, syncAssignedJob } from "~/services/queue/coordination";
import type { LadderDeps } from "~/services/coordination/ladder.server";

function ladderDeps(ctx: TopicContext): LadderDeps {
  return { db: ctx.db, queue: { enqueue: ctx.enqueue }, now: () => ctx.now, escalation: DEFAULT_ESCALATION_CONFIG };
}

/** Runs two handlers for one topic, in order (the second only after the first succeeded). */
export function inSequence<T extends WebhookTopic>(first: TopicHandler<T>, second: TopicHandler<T>): TopicHandler<T> {
  return async (ctx, payload) => {
    await first(ctx, payload);
    await second(ctx, payload);
  };
}

/**
 * A fulfillment order reached a location: after a person's move in the admin, submit if it is a
 * supplier's. The echo of Dropline's own move (noted by routing before it moved) does nothing:
 * routing already handed what it moved to submission.
 */
export const onFulfillmentOrderMoved: TopicHandler<"fulfillment_orders/moved"> = async (ctx, payload) => {
  const ours = { kind: "move", fulfillmentOrderId: payload.original_fulfillment_order.id, locationId: payload.destination_location_id } as const;
  if (await takeOwnChange(ctx.db, ctx.shop, ours, ctx.now)) return;
  const foId = payload.moved_fulfillment_order?.id ?? payload.original_fulfillment_order.id;
  const orderId = await orderIdOfFulfillmentOrder(await ctx.admin(), foId);
  if (orderId) await ctx.enqueue(submitRequestsJob(ctx.shop, orderId, `moved:${ctx.eventId}`));
};

/** Shopify asked a supplier to cancel: the sync job finds the request and tells the supplier. */
export const onCancellationRequestSubmitted: TopicHandler<"fulfillment_orders/cancellation_request_submitted"> = async (ctx) => {
  await ctx.enqueue(syncAssignedJob(ctx.shop, "CANCELLATION_REQUEST", `webhook:${ctx.eventId}`));
};

/** orders/cancelled: unanswered purchase orders end; accepted ones await the cancellation request. */
export const onOrderCancelledCoordination: TopicHandler<"orders/cancelled"> = (ctx, payload) =>
  onOrderCancelledForSuppliers(ctx, payload.admin_graphql_api_id, ladderDeps(ctx));
