/**
 * Fulfillment requests, purchase orders and supplier answers, end to end against the fake Admin
 * API: routed → requested → PO emailed (read back from a local SMTP server) → accepted in the
 * portal → accepted in Shopify with the ship date; reject → re-routed → accepted by the next
 * supplier; a customer cancellation reaching the supplier and its answer reaching Shopify.
 */
import { createHmac } from "node:crypto";
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_API_KEY, TEST_API_SECRET, TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { deliverAll, placement, placeOrder, setUpWorld, startHookReceiver, startSmtp, takePending, type World } from "../helpers/coordination";
import { portalPage, portalPost } from "../helpers/portal";

useTestAppEnv();

type RouteArgs = { request: Request; params: Record<string, string>; context: object };
type RouteFn = (args: RouteArgs) => Promise<Response>;

let world: World;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let receiver: Awaited<ReturnType<typeof startHookReceiver>>;
let runtime: typeof import("../../app/jobs/runtime.server");
let Worker: typeof import("../../app/jobs/worker.server").Worker;
let tokens: typeof import("../../app/models/portal-tokens.server");
let api: { loader: RouteFn; action: RouteFn };

/** Delivers everything the fake queued and runs the worker until nothing is left, a few rounds. */
async function settle(): Promise<void> {
  for (let round = 0; round < 6; round++) {
    const pending = takePending(world.fake);
    await deliverAll(pending);
    const services = (await import("../../app/services.server")).services();
    const ran = await new Worker(services.queue, runtime.jobHandlers(services), { concurrency: 2 }).drain();
    if (pending.length === 0 && ran === 0) return;
  }
}

async function routedOrder() {
  const order = placeOrder(world);
  await settle();
  const po = await world.db.purchaseOrder.findFirstOrThrow({ where: { orderId: order.id }, orderBy: { createdAt: "asc" } });
  return { order, po };
}

function apiPost(token: string, poId: string, body: unknown): Promise<Response> {
  const request = new Request(`http://localhost:3000/api/supplier/purchase-orders/${poId}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return api.action({ request, params: { id: poId }, context: {} });
}

const inTwoDays = () => new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  smtp = await startSmtp();
  receiver = await startHookReceiver();
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
  world = await setUpWorld({ webhookUrl: receiver.url });
  runtime = await import("../../app/jobs/runtime.server");
  ({ Worker } = await import("../../app/jobs/worker.server"));
  tokens = await import("../../app/models/portal-tokens.server");
  api = (await import("../../app/routes/api.supplier.purchase-orders.$id")) as unknown as typeof api;
}, 60_000);

afterAll(async () => {
  await world?.fake.close();
  await smtp?.close();
  await receiver?.close();
});

describe("purchase orders through Shopify's fulfillment request model", () => {
  it("routes, requests, emails the PO, and an acceptance in the portal reaches Shopify with the ship date", async () => {
    const { order, po } = await routedOrder();
    const west = world.suppliers["West Coast Goods"];
    expect(placement(world, order.id)).toEqual([expect.objectContaining({ locationId: west.locationId, status: "OPEN", requestStatus: "SUBMITTED" })]);
    expect(po).toMatchObject({
      supplierId: west.id,
      status: "sent",
      serviceTier: "next_day",
      shippingMethod: "Standard",
      deliveredVia: "email",
      ladderStep: "awaiting_ack",
    });
    expect(JSON.parse(po.lines)).toEqual([expect.objectContaining({ sku: "MUG", supplierSku: "WEST-MUG", quantity: 1 })]);

    const mail = smtp.mails.find((m) => m.subject.includes(po.number));
    expect(mail?.to).toContain("orders@west.example");
    expect(mail?.text).toContain("MUG / WEST-MUG × 1");
    expect(mail?.text).toContain("Gift: please leave out the invoice");
    expect(mail?.text).toContain("1 Pine St");

    const token = await tokens.rotatePortalToken(world.db, TEST_SHOP, west.id, new Date());
    const page = await portalPage(token);
    const listed = (await page.json()) as { purchaseOrders: { id: string; actions: string[]; requestId: string }[] };
    const shown = listed.purchaseOrders.find((p) => p.id === po.id)!;
    expect(shown.actions).toEqual(["accept", "reject"]);

    const shipDate = inTwoDays();
    const answer = await portalPost(token, { intent: "accept", poId: po.id, requestId: shown.requestId, shipDate });
    expect(answer.status).toBe(200);
    expect(placement(world, order.id)).toEqual([
      expect.objectContaining({ status: "IN_PROGRESS", requestStatus: "ACCEPTED", estimatedShippedAt: `${shipDate}T00:00:00.000Z` }),
    ]);
    const after = await world.db.purchaseOrder.findUniqueOrThrow({ where: { id: po.id } });
    expect(after).toMatchObject({ status: "accepted", ladderStep: "acknowledged" });
    expect(await world.db.portalAudit.count({ where: { purchaseOrderId: po.id, action: "accept", outcome: "ok" } })).toBe(1);

    // The supplier ships and enters tracking in the portal: an invalid number changes nothing…
    const bad = await portalPost(token, { intent: "tracking", poId: po.id, requestId: "track-bad-1", trackingNumbers: "1Z999AA10123456785" });
    expect(bad.status).toBe(400);
    expect([...world.fake.store.shop(TEST_SHOP).fulfillments.values()].filter((f) => f.orderId === order.id)).toEqual([]);
    // …a valid UPS number becomes a Shopify fulfillment with UPS and its tracking URL.
    const shipped = await portalPost(token, { intent: "tracking", poId: po.id, requestId: "track-1", trackingNumbers: "1Z999AA10123456784" });
    expect(shipped.status).toBe(200);
    await settle();
    const fulfillments = [...world.fake.store.shop(TEST_SHOP).fulfillments.values()].filter((f) => f.orderId === order.id);
    expect(fulfillments).toHaveLength(1);
    expect(fulfillments[0]!.trackingInfo).toEqual([expect.objectContaining({ number: "1Z999AA10123456784", company: "UPS" })]);
    expect((await world.db.purchaseOrder.findUniqueOrThrow({ where: { id: po.id } })).status).toBe("shipped");
    // Replaying the same submission is refused and creates nothing more.
    const replay = await portalPost(token, { intent: "tracking", poId: po.id, requestId: "track-1", trackingNumbers: "1Z999AA10123456784" });
    expect(replay.status).toBe(409);
    expect([...world.fake.store.shop(TEST_SHOP).fulfillments.values()].filter((f) => f.orderId === order.id)).toHaveLength(1);
  });

  it("the emailed purchase order links to a portal page that shows that purchase order, and only it, until the supplier's links are rotated", async () => {
    const earlier = await routedOrder();
    const { po } = await routedOrder();
    const mail = smtp.mails.find((m) => m.subject === `Purchase order ${po.number}`);
    expect(mail?.text).not.toContain("<your link>");
    const link = /https?:\/\/\S+/.exec(mail?.text ?? "")?.[0] ?? "";
    const url = new URL(link);
    expect(url.origin).toBe("http://localhost:3000");
    const token = /^\/portal\/([^/]+)$/.exec(url.pathname)?.[1] ?? "";
    expect(token).toMatch(/^dlp_/);

    const page = await portalPage(token);
    expect(page.status).toBe(200);
    const shown = ((await page.json()) as { purchaseOrders: { id: string; number: string; actions: string[]; requestId: string }[] }).purchaseOrders;
    expect(shown).toEqual([expect.objectContaining({ id: po.id, number: po.number, actions: ["accept", "reject"] })]);

    // The supplier answers from the page the link opened…
    const accepted = await portalPost(token, { intent: "accept", poId: po.id, requestId: shown[0]!.requestId, shipDate: inTwoDays() });
    expect(accepted.status).toBe(200);
    expect((await world.db.purchaseOrder.findUniqueOrThrow({ where: { id: po.id } })).status).toBe("accepted");
    // …but the link opens no other purchase order of the supplier, in the portal or the API.
    const other = await portalPost(token, { intent: "accept", poId: earlier.po.id, requestId: "emailed-link-other-1", shipDate: inTwoDays() });
    expect(other.status).toBe(404);
    expect((await world.db.purchaseOrder.findUniqueOrThrow({ where: { id: earlier.po.id } })).status).toBe("sent");
    expect((await apiPost(token, earlier.po.id, { action: "accept", requestId: "emailed-link-other-2", shipDate: inTwoDays() })).status).toBe(404);

    // It lapses a month after the ship-by date, and rotating the supplier's portal link revokes it.
    expect(await tokens.resolvePortalToken(world.db, token, new Date(po.shipBy.getTime() + 29 * 86_400_000))).not.toBeNull();
    expect(await tokens.resolvePortalToken(world.db, token, new Date(po.shipBy.getTime() + 31 * 86_400_000))).toBeNull();
    await tokens.rotatePortalToken(world.db, TEST_SHOP, world.suppliers["West Coast Goods"].id, new Date());
    expect((await portalPage(token)).status).toBe(404);
  });

  it("answers the fulfillment service callback by reading the assigned fulfillment orders (HMAC checked)", async () => {
    const { po } = await routedOrder();
    const mod = (await import("../../app/routes/fulfillment-service.fulfillment_order_notification")) as unknown as { action: RouteFn };
    const body = JSON.stringify({ kind: "FULFILLMENT_REQUEST" });
    const post = (hmac: string) =>
      mod.action({
        request: new Request("http://localhost:3000/fulfillment-service/fulfillment_order_notification", {
          method: "POST",
          body,
          headers: { "X-Shopify-Hmac-Sha256": hmac, "X-Shopify-Shop-Domain": TEST_SHOP },
        }),
        params: {},
        context: {},
      });
    expect((await post("bm90IHRoZSBobWFj")).status).toBe(401);
    const good = createHmac("sha256", process.env.SHOPIFY_API_SECRET!).update(body).digest("base64");
    expect((await post(good)).status).toBe(200);
    await settle();
    // The PO already existed: reading Shopify's state again creates nothing new.
    expect(await world.db.purchaseOrder.count({ where: { orderId: po.orderId } })).toBe(1);
  });

  it("deduplicates callbacks on the signed body, shop and minute, not on the delivery id the sender picks", async () => {
    const { receiveFulfillmentOrderNotification } = await import("../../app/services/coordination/callback.server");
    const body = JSON.stringify({ kind: "CANCELLATION_REQUEST" });
    const hmac = createHmac("sha256", process.env.SHOPIFY_API_SECRET!).update(body).digest("base64");
    const keys: string[] = [];
    const queue = { enqueue: async (job: { dedupeKey: string }) => void keys.push(job.dedupeKey) };
    const at = (ms: number) => () => new Date(Date.parse("2026-05-04T10:00:10Z") + ms);
    const post = (deliveryId: string, now: () => Date) =>
      receiveFulfillmentOrderNotification(
        new Request("http://localhost:3000/fulfillment-service/fulfillment_order_notification", {
          method: "POST",
          body,
          headers: { "X-Shopify-Hmac-Sha256": hmac, "X-Shopify-Shop-Domain": TEST_SHOP, "X-Shopify-Webhook-Id": deliveryId },
        }),
        { db: world.db, queue: queue as never, apiSecret: process.env.SHOPIFY_API_SECRET!, maxBytes: 65_536, now },
      );
    for (const id of ["a", "b", "c", "d", "e"]) expect((await post(id, at(0))).status).toBe(200);
    expect(await post("f", at(90_000))).toMatchObject({ status: 200 });
    expect(new Set(keys).size).toBe(2);
  });

  it("a rejection with a reason goes to Shopify, the lines are re-routed to the next supplier, who accepts", async () => {
    const { order, po } = await routedOrder();
    const west = world.suppliers["West Coast Goods"];
    const east = world.suppliers["East Coast Depot"];
    const westToken = await tokens.rotatePortalToken(world.db, TEST_SHOP, west.id, new Date());
    const line = (JSON.parse(po.lines) as { fulfillmentOrderLineItemId: string }[])[0]!;
    const rejected = await apiPost(westToken, po.id, {
      action: "reject",
      requestId: "reject-0001",
      reason: "INVENTORY_OUT_OF_STOCK",
      message: "Out of mugs until March",
      lines: [{ lineId: line.fulfillmentOrderLineItemId, reason: "none left" }],
    });
    expect(rejected.status).toBe(200);
    const fo = world.fake.store.shop(TEST_SHOP).fulfillmentOrders.get(po.fulfillmentOrderId)!;
    expect(fo.merchantRequests.at(-1)?.responseData).toMatchObject({ reason: "INVENTORY_OUT_OF_STOCK", message: "Out of mugs until March" });

    await settle();
    expect(placement(world, order.id)).toEqual([expect.objectContaining({ locationId: east.locationId, requestStatus: "SUBMITTED" })]);
    const eastPo = await world.db.purchaseOrder.findFirstOrThrow({ where: { orderId: order.id, supplierId: east.id } });
    expect(eastPo).toMatchObject({ status: "sent", deliveredVia: "webhook" });
    expect(await world.db.purchaseOrder.findUniqueOrThrow({ where: { id: po.id } })).toMatchObject({ status: "rejected", ladderStep: "rerouting" });

    const hook = receiver.hooks.find((h) => h.body.includes(eastPo.number))!;
    expect(hook.headers["x-dropline-hmac-sha256"]).toBe(createHmac("sha256", "east-secret").update(hook.body).digest("base64"));
    expect(JSON.parse(hook.body)).toMatchObject({
      event: "purchase_order",
      purchaseOrder: { number: eastPo.number, lines: [expect.objectContaining({ supplierSku: "EAST-MUG" })] },
    });
    // The webhook carries no credential: it points at the purchase order in the supplier API.
    expect(JSON.parse(hook.body)).toMatchObject({ text: expect.stringContaining(`http://localhost:3000/api/supplier/purchase-orders/${eastPo.id}`) });

    const eastToken = await tokens.rotatePortalToken(world.db, TEST_SHOP, east.id, new Date());
    const accepted = await apiPost(eastToken, eastPo.id, { action: "accept", requestId: "accept-0001", shipDate: inTwoDays() });
    expect(accepted.status).toBe(200);
    expect(placement(world, order.id)).toEqual([expect.objectContaining({ locationId: east.locationId, status: "IN_PROGRESS", requestStatus: "ACCEPTED" })]);
  });

  it("a customer cancellation reaches the supplier, and their acceptance closes the fulfillment order in Shopify", async () => {
    const { order, po } = await routedOrder();
    const west = world.suppliers["West Coast Goods"];
    const token = await tokens.rotatePortalToken(world.db, TEST_SHOP, west.id, new Date());
    expect((await apiPost(token, po.id, { action: "accept", requestId: "accept-c-001", shipDate: inTwoDays() })).status).toBe(200);

    world.fake.cancelOrder({ shop: TEST_SHOP, orderId: order.id });
    await settle();
    expect(await world.db.purchaseOrder.findUniqueOrThrow({ where: { id: po.id } })).toMatchObject({ status: "cancellation_requested" });
    expect(smtp.mails.some((m) => m.subject === `Cancellation request for purchase order ${po.number}`)).toBe(true);

    const answer = await apiPost(token, po.id, { action: "cancellation", requestId: "cancel-c-001", decision: "accept" });
    expect(answer.status).toBe(200);
    const fo = world.fake.store.shop(TEST_SHOP).fulfillmentOrders.get(po.fulfillmentOrderId)!;
    expect(fo).toMatchObject({ status: "CLOSED", requestStatus: "CANCELLATION_ACCEPTED" });
    expect(await world.db.purchaseOrder.findUniqueOrThrow({ where: { id: po.id } })).toMatchObject({ status: "cancelled", ladderStep: "cancelled" });
  });

  it("the admin lists purchase orders with status, age and escalation step, and staff can hold one and issue a portal link", async () => {
    const { po } = await routedOrder();
    const { token } = await getJwt(TEST_SHOP.replace(".myshopify.com", ""), TEST_API_KEY, TEST_API_SECRET);
    const admin = (await import("../../app/routes/app.purchase-orders._index")) as unknown as {
      loader: (a: RouteArgs) => Promise<{ purchaseOrders: { id: string; status: string; step: string; age: string }[] }>;
      action: (a: RouteArgs) => Promise<{ ok: boolean }>;
    };
    const headers = { Authorization: `Bearer ${token}` };
    const page = await admin.loader({ request: new Request("http://localhost:3000/app/purchase-orders", { headers }), params: {}, context: {} });
    expect(page.purchaseOrders.find((p) => p.id === po.id)).toMatchObject({ status: "sent", step: "awaiting_ack", age: "0 h" });
    const held = await admin.action({
      request: new Request("http://localhost:3000/app/purchase-orders", {
        method: "POST",
        headers,
        body: new URLSearchParams({ intent: "hold", poId: po.id }),
      }),
      params: {},
      context: {},
    });
    expect(held.ok).toBe(true);
    expect((await world.db.purchaseOrder.findUniqueOrThrow({ where: { id: po.id } })).held).toBe(true);
    type SupplierLinks = { suppliers: { id: string; portalLive: boolean; purchaseOrderLinks: number }[] };
    const suppliersPage = (await import("../../app/routes/app.purchase-orders.suppliers")) as unknown as {
      loader: (a: RouteArgs) => Promise<SupplierLinks>;
      action: (a: RouteArgs) => Promise<{ ok: boolean; value?: { portalLink?: string } }>;
    };
    const westId = world.suppliers["West Coast Goods"].id;
    const links = async () =>
      (
        await suppliersPage.loader({ request: new Request("http://localhost:3000/app/purchase-orders/suppliers", { headers }), params: {}, context: {} })
      ).suppliers.find((x) => x.id === westId);
    // The purchase order just emailed to West carries a live link of its own.
    expect((await links())?.purchaseOrderLinks).toBeGreaterThan(0);
    const body = new URLSearchParams({ intent: "rotate", supplierId: westId });
    const issued = await suppliersPage.action({
      request: new Request("http://localhost:3000/app/purchase-orders/suppliers", { method: "POST", headers, body }),
      params: {},
      context: {},
    });
    expect(issued.value?.portalLink).toMatch(/^http:\/\/localhost:3000\/portal\/dlp_/);
    expect(await links()).toMatchObject({ portalLive: true, purchaseOrderLinks: 0 });
  });
});
