import { addressFingerprint } from "~/domain/address";
import { addOrderEvent, upsertOrder } from "~/models/orders.server";
import { addressOfWebhook } from "~/services/routing/address-check.server";
import { onOrderEdited } from "~/services/address/recheck.server";
import type { TopicHandler } from "./context";

/** orders/create: keep our copy of the order and start its timeline. */
export const onOrderCreated: TopicHandler<"orders/create"> = async (ctx, payload) => {
  await ctx.db.$transaction(async (tx) => {
    await upsertOrder(tx, ctx.shop, payload);
    await addOrderEvent(tx, {
      shop: ctx.shop,
      orderId: payload.admin_graphql_api_id,
      kind: "order_received",
      detail: `${payload.name}: ${payload.line_items.length} line(s) from ${payload.source_name ?? "web"}`,
      at: new Date(payload.created_at),
      dedupeKey: `order_received:${payload.admin_graphql_api_id}`,
    });
  });
};

/** orders/cancelled: mark the order cancelled (later issues also stop its supplier work). */
export const onOrderCancelled: TopicHandler<"orders/cancelled"> = async (ctx, payload) => {
  await ctx.db.$transaction(async (tx) => {
    await upsertOrder(tx, ctx.shop, payload);
    await addOrderEvent(tx, {
      shop: ctx.shop,
      orderId: payload.admin_graphql_api_id,
      kind: "order_cancelled",
      at: payload.cancelled_at ? new Date(payload.cancelled_at) : ctx.now,
      dedupeKey: `order_cancelled:${payload.admin_graphql_api_id}`,
    });
  });
};

/**
 * orders/updated: an order held for its shipping address is checked again when the address in the
 * webhook differs from the one checked; any other edit (and every order not held) costs nothing.
 */
export const onOrderUpdated: TopicHandler<"orders/updated"> = async (ctx, payload) => {
  const fingerprint = addressFingerprint(addressOfWebhook(payload.shipping_address));
  await onOrderEdited(ctx, ctx.enqueue, ctx.shop, payload.admin_graphql_api_id, fingerprint, ctx.eventId);
};
