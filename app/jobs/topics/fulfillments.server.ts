/**
 * fulfillments/create and fulfillments/update: our own fulfillments (and their echoes) change
 * nothing; anything that differs from what Dropline holds — a fulfillment made outside Dropline,
 * a cancellation, tracking edited in Shopify, progress of an outside fulfillment — books a
 * reconcile job (see app/services/tracking/reconcile-fulfillment.server.ts).
 */
import type { FulfillmentPayload } from "~/shopify/webhooks/payloads";
import { afterGrace } from "~/services/queue/reconcile-grace";
import { normalizeTrackingNumber } from "~/domain/tracking/carriers";
import { reconcileFulfillmentJob, type FulfillmentHint } from "~/services/queue/tracking";
import { fulfillmentDisagrees } from "~/services/tracking/reconcile-fulfillment.server";
import type { TopicContext, TopicHandler } from "./context";

function hintOf(ctx: TopicContext, payload: FulfillmentPayload): FulfillmentHint {
  return {
    fulfillmentId: payload.admin_graphql_api_id,
    orderId: `gid://shopify/Order/${payload.order_id}`,
    status: payload.status.toLowerCase(),
    trackingNumbers: [...new Set(payload.tracking_numbers.map(normalizeTrackingNumber).filter(Boolean))],
    shipmentStatus: payload.shipment_status ?? null,
    updatedAt: payload.updated_at ?? (ctx.triggeredAt ?? ctx.now).toISOString(),
  };
}

async function reconcileIfDisagrees(ctx: TopicContext, payload: FulfillmentPayload): Promise<void> {
  const hint = hintOf(ctx, payload);
  if (!(await fulfillmentDisagrees(ctx.db, ctx.shop, hint))) return;
  await ctx.enqueue(reconcileFulfillmentJob(ctx.shop, hint, ctx.eventId, afterGrace(ctx.now)));
}

/** A fulfillment was created: ours is already recorded; one made elsewhere ships our purchase-order lines. */
export const onFulfillmentCreated: TopicHandler<"fulfillments/create"> = reconcileIfDisagrees;

/** A fulfillment changed: cancellation, tracking edits and outside progress reach our shipment. */
export const onFulfillmentUpdated: TopicHandler<"fulfillments/update"> = reconcileIfDisagrees;
