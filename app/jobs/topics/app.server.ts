import { redactCustomer } from "~/models/customer-redaction.server";
import { collectCustomerData, recordDataRequest, storeExport } from "~/models/customer-data.server";
import { eraseShop, markUninstalled } from "~/models/privacy.server";
import type { TopicHandler } from "./context";

/** app/uninstalled: sessions go, waiting work stops. Data stays until shop/redact (Shopify's rule). */
export const onAppUninstalled: TopicHandler<"app/uninstalled"> = async (ctx) => {
  await markUninstalled(ctx.db, ctx.shop, ctx.now, ctx.jobId);
};

/** app/scopes_update: keep the stored sessions' scope in step with what the merchant granted. */
export const onScopesUpdate: TopicHandler<"app/scopes_update"> = async (ctx, payload) => {
  const scope = payload.current.join(",");
  await ctx.db.$transaction([
    ctx.db.session.updateMany({ where: { shop: ctx.shop }, data: { scope } }),
    ctx.db.shop.updateMany({ where: { domain: ctx.shop }, data: { scopes: scope } }),
  ]);
};

/**
 * customers/data_request: record it, then build the export of everything held about the customer
 * for the merchant to download (Admin → Privacy). A retry finds the same request and rebuilds it.
 */
export const onCustomersDataRequest: TopicHandler<"customers/data_request"> = async (ctx, payload) => {
  const who = {
    customerId: payload.customer.id,
    email: payload.customer.email ?? null,
    phone: payload.customer.phone ?? null,
    orderIds: payload.orders_requested,
  };
  const id = await recordDataRequest(ctx.db, ctx.shop, ctx.eventId, { ...who, shopifyRequestId: payload.data_request?.id ?? null });
  await storeExport(ctx.db, ctx.shop, id, await collectCustomerData(ctx.db, ctx.shop, who, ctx.now), ctx.now);
};

/** customers/redact: erase the customer's personal data (idempotent: erasing twice is erasing once). */
export const onCustomersRedact: TopicHandler<"customers/redact"> = async (ctx, payload) => {
  await redactCustomer(
    ctx.db,
    ctx.shop,
    { customerId: payload.customer.id, email: payload.customer.email ?? null, phone: payload.customer.phone ?? null, orderIds: payload.orders_to_redact },
    ctx.now,
  );
};

/** shop/redact: erase everything we hold for the shop. */
export const onShopRedact: TopicHandler<"shop/redact"> = async (ctx) => {
  await eraseShop(ctx.db, ctx.shop, ctx.now, ctx.jobId);
};
