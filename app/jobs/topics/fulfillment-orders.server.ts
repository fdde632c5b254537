import { orderIdOfFulfillmentOrder } from "~/shopify/fulfillment-orders";
import { routeOrderJob } from "~/services/queue/routing";
import type { TopicContext, TopicHandler } from "./context";

async function enqueueRouting(ctx: TopicContext, fulfillmentOrderId: string, trigger: string): Promise<void> {
  const orderId = await orderIdOfFulfillmentOrder(await ctx.admin(), fulfillmentOrderId);
  if (!orderId) return; // gone since (merged, deleted): nothing to route
  await ctx.enqueue(routeOrderJob(ctx.shop, orderId, `${trigger}:${ctx.eventId}`));
}

/** Shopify finished its own routing: Dropline now picks the supplier. */
export const onOrderRoutingComplete: TopicHandler<"fulfillment_orders/order_routing_complete"> = (ctx, payload) =>
  enqueueRouting(ctx, payload.fulfillment_order.id, "routing_complete");

/** A person released a hold (perhaps ours): route what it freed with today's stock. */
export const onHoldReleased: TopicHandler<"fulfillment_orders/hold_released"> = (ctx, payload) =>
  enqueueRouting(ctx, payload.fulfillment_order.id, "hold_released");
