/**
 * After shop/redact the shop is known as erased (issue 16, finding 5): a late webhook is
 * acknowledged and dropped (its payload not kept), a late job is dropped, and a re-install clears
 * the state so the shop's work runs again.
 */
import type { PrismaClient } from "@prisma/client";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { orderPayload } from "../helpers/orders";
import { signedWebhookRequest } from "../helpers/webhooks";

useTestAppEnv();

type Action = (args: { request: Request; params: object; context: object }) => Promise<Response>;
let db: PrismaClient;
let runtime: typeof import("../../app/jobs/runtime.server");
let composition: typeof import("../../app/services.server");
let Worker: typeof import("../../app/jobs/worker.server").Worker;
let shops: typeof import("../../app/models/shop.server");

async function deliver(topic: string, body: string, eventId: string, shop = TEST_SHOP) {
  const mod = (await import(`../../app/routes/webhooks.${topic.replace("/", ".")}.tsx`)) as { action: Action };
  return mod.action({ request: signedWebhookRequest({ topic, body, eventId, shop }), params: {}, context: {} });
}

async function drain(): Promise<void> {
  const services = composition.services();
  await new Worker(services.queue, runtime.jobHandlers(services)).drain();
}

const ORDER_GID = "gid://shopify/Order/5917438099678354321";

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
  runtime = await import("../../app/jobs/runtime.server");
  composition = await import("../../app/services.server");
  ({ Worker } = await import("../../app/jobs/worker.server"));
  shops = await import("../../app/models/shop.server");
});

beforeEach(async () => {
  for (const table of ["job", "webhookEvent", "order", "orderEvent", "appliedEffect", "session", "shop", "erasedShop"] as const) {
    await (db[table] as unknown as { deleteMany: () => Promise<unknown> }).deleteMany();
  }
  await shops.recordInstall(db, TEST_SHOP, "read_orders");
});

async function eraseTheShop(): Promise<void> {
  await deliver("app/uninstalled", `{"id":1,"myshopify_domain":"${TEST_SHOP}"}`, "evt-uninstall");
  await drain();
  // Shopify sends shop/redact 48 hours after the uninstall.
  await deliver("shop/redact", `{"shop_id":1,"shop_domain":"${TEST_SHOP}"}`, "evt-shop-redact");
  await drain();
}

describe("an erased shop", () => {
  it("is recorded as erased by shop/redact, and stays so although the erase removed its Shop row", async () => {
    await eraseTheShop();
    expect(await db.shop.count({ where: { domain: TEST_SHOP } })).toBe(0);
    expect(await db.erasedShop.findUnique({ where: { domain: TEST_SHOP } })).toMatchObject({ domain: TEST_SHOP });
    expect(await shops.isShopActive(db, TEST_SHOP)).toBe(false);
  });

  it("acknowledges a late webhook, processes nothing and keeps no payload", async () => {
    await eraseTheShop();
    // A late app/uninstalled does not bring the Shop row back either.
    await deliver("app/uninstalled", `{"id":1,"myshopify_domain":"${TEST_SHOP}"}`, "evt-uninstall-late");
    await drain();
    expect(await db.shop.count({ where: { domain: TEST_SHOP } })).toBe(0);
    const late = await deliver("orders/create", orderPayload(), "evt-late-order");
    expect(late.status).toBe(200);
    await drain();
    expect(await db.order.count({ where: { shop: TEST_SHOP } })).toBe(0);
    const event = await db.webhookEvent.findFirstOrThrow({ where: { shop: TEST_SHOP, eventId: "evt-late-order" } });
    expect(event.payload).toBe("");
    expect(await db.job.findFirstOrThrow({ where: { shop: TEST_SHOP, payload: { contains: event.id } } })).toMatchObject({ status: "succeeded" });
    // A late compliance webhook (they run after uninstall) is dropped too: nothing to export or erase.
    await deliver("customers/data_request", `{"shop_domain":"${TEST_SHOP}","customer":{"id":5},"orders_requested":[]}`, "evt-late-dr");
    await drain();
    expect(await db.dataRequest.count({ where: { shop: TEST_SHOP } })).toBe(0);
  });

  it("drops a late job of another kind without running it", async () => {
    await eraseTheShop();
    const services = composition.services();
    let ran = 0;
    const probe = { kind: "probe", perform: async () => void ran++ };
    const { droppingErasedShops } = await import("../../app/jobs/erased-shops.server");
    await services.queue.enqueue({ shop: TEST_SHOP, kind: "probe", dedupeKey: "probe:erased", payload: {} });
    await new Worker(services.queue, [droppingErasedShops(db, probe)]).drain();
    expect(ran).toBe(0);
    expect(await db.job.findFirstOrThrow({ where: { dedupeKey: "probe:erased" } })).toMatchObject({ status: "succeeded" });
    // Every handler the runtime registers is guarded (the webhook handler guards itself).
    await db.job.deleteMany({ where: { shop: TEST_SHOP } });
    // Routing parses its payload: without the guard this job would fail, not succeed.
    const metrics = runtime.jobHandlers(services).find((h) => h.kind === "route_order")!;
    await services.queue.enqueue({ shop: TEST_SHOP, kind: metrics.kind, dedupeKey: "late:erased", payload: { nonsense: true } });
    await new Worker(services.queue, runtime.jobHandlers(services)).drain();
    expect(await db.job.findFirstOrThrow({ where: { dedupeKey: "late:erased" } })).toMatchObject({ status: "succeeded" });
  });

  it("a re-install (afterAuth's recordInstall) clears the erased state: webhooks are processed again", async () => {
    await eraseTheShop();
    await shops.recordInstall(db, TEST_SHOP, "read_orders");
    expect(await db.erasedShop.count({ where: { domain: TEST_SHOP } })).toBe(0);
    expect(await shops.isShopActive(db, TEST_SHOP)).toBe(true);
    await deliver("orders/create", orderPayload(), "evt-after-reinstall");
    await drain();
    expect(await db.order.findUnique({ where: { id: ORDER_GID } })).toMatchObject({ shop: TEST_SHOP });
  });
});
