import { orderIdOfFulfillmentOrder } from "~/shopify/fulfillment-orders";
import { fetchOrderOfFulfillmentOrder } from "~/shopify/order-for-routing";
import { routeOrderJob } from "~/services/queue/routing";
import type { TopicContext, TopicHandler } from "./context";

async function enqueueRouting(ctx: TopicContext, fulfillmentOrderId: string, trigger: string): Promise<void> {
  const orderId = await orderIdOfFulfillmentOrder(await ctx.admin(), fulfillmentOrderId);
  if (!orderId) return; // gone since (merged, deleted): nothing to route
  await ctx.enqueue(routeOrderJob(ctx.shop, orderId, `${trigger}:${ctx.eventId}`));
}

/**
 * Shopify finished its own routing: Dropline now picks the supplier. The webhook names only a
 * fulfillment order, so its order is read here — in full, as routing needs it — and handed to the
 * routing job, which then does not read it again.
 */
export const onOrderRoutingComplete: TopicHandler<"fulfillment_orders/order_routing_complete"> = async (ctx, payload) => {
  const order = await fetchOrderOfFulfillmentOrder(await ctx.admin(), payload.fulfillment_order.id);
  if (!order) return; // gone since (merged, deleted): nothing to route
  await ctx.enqueue(routeOrderJob(ctx.shop, order.id, `routing_complete:${ctx.eventId}`, { read: { readAt: ctx.now.toISOString(), order } }));
};

/**
 * A person released a hold (perhaps ours): route what it freed with today's stock. The order was
 * decided before, so routing reads it afresh; only its id is looked up here.
 */
export const onHoldReleased: TopicHandler<"fulfillment_orders/hold_released"> = (ctx, payload) =>
  enqueueRouting(ctx, payload.fulfillment_order.id, "hold_released");
