import crypto from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { seededFake, startReceiver, STANDARD, TORONTO, type ReceivedRequest, type SeededShop } from "./fixtures";
import type { WebhookOptions } from "./index";

const SECRET = "app-secret";
let s: SeededShop | undefined;
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
afterEach(async () => {
  await s?.fake.close();
  await receiver?.close();
});

async function setup(webhooks: Partial<WebhookOptions> = {}, status?: (r: ReceivedRequest) => number) {
  receiver = await startReceiver(status);
  s = await seededFake({ webhooks: { baseUrl: receiver.url, apiSecret: SECRET, ...webhooks } });
  // Seeding emitted inventory events; tests start from a quiet queue.
  await s.fake.webhooksSettled();
  s.fake.pendingWebhooks().splice(0);
  receiver.received.length = 0;
  return { fake: s.fake, received: receiver.received };
}

function placeOrder(quantity = 1) {
  return s!.fake.createOrder({ lineItems: [{ variantId: s!.variantId, quantity }], shippingAddress: TORONTO, shippingLine: STANDARD, email: "a@example.com" });
}

const hmac = (body: string): string => crypto.createHmac("sha256", SECRET).update(body, "utf8").digest("base64");
const topics = (rs: ReceivedRequest[]): string[] => rs.map((r) => r.headers["x-shopify-topic"] ?? "");

describe("webhook delivery", () => {
  it("delivers orders/create then order_routing_complete, signed like Shopify", async () => {
    const { fake, received } = await setup();
    const order = placeOrder();
    await fake.webhooksSettled();
    const relevant = received.filter((r) => r.headers["x-shopify-topic"] !== "inventory_levels/update");
    expect(topics(relevant)).toEqual(["orders/create", "fulfillment_orders/order_routing_complete"]);
    const [create, routed] = relevant as [ReceivedRequest, ReceivedRequest];
    expect(create.path).toBe("/webhooks/orders/create");
    expect(routed.path).toBe("/webhooks/fulfillment_orders/order_routing_complete");
    for (const r of relevant) {
      expect(r.headers["x-shopify-hmac-sha256"]).toBe(hmac(r.body));
      expect(r.headers["x-shopify-shop-domain"]).toBe("dropline-test.myshopify.com");
      expect(r.headers["x-shopify-api-version"]).toBe("2026-04");
      expect(r.headers["content-type"]).toBe("application/json");
      expect(r.headers["x-shopify-webhook-id"]).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.headers["x-shopify-triggered-at"]).toMatch(/^\d{4}-\d\d-\d\dT/);
    }
    expect(create.headers["x-shopify-event-id"]).not.toBe(routed.headers["x-shopify-event-id"]);
    const payload = JSON.parse(create.body) as { admin_graphql_api_id: string; name: string; line_items: unknown[] };
    expect(payload).toMatchObject({ admin_graphql_api_id: order.id, name: order.name });
    // Like Shopify's, the numeric id is a raw JSON number too big for a JS number.
    const rawId = /"id":(\d+)/.exec(create.body)?.[1] ?? "";
    expect(BigInt(rawId) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    const fo = s!.fake.store.shop().fulfillmentOrdersOf(order.id)[0];
    expect(JSON.parse(routed.body)).toEqual({ fulfillment_order: { id: fo?.id, status: "open" } });
    expect(fake.deliveries().every((d) => d.status === 200)).toBe(true);
  });

  it("delivers duplicates with the same event id and distinct webhook ids", async () => {
    const { fake, received } = await setup({ duplicateRate: 1 });
    placeOrder();
    await fake.webhooksSettled();
    const creates = received.filter((r) => r.headers["x-shopify-topic"] === "orders/create");
    expect(creates).toHaveLength(2);
    expect(creates[0]?.headers["x-shopify-event-id"]).toBe(creates[1]?.headers["x-shopify-event-id"]);
    expect(creates[0]?.headers["x-shopify-webhook-id"]).not.toBe(creates[1]?.headers["x-shopify-webhook-id"]);
  });

  it("shuffles a batch deterministically for a given seed", async () => {
    const orderOf = async (seed: number): Promise<string[]> => {
      const { fake, received } = await setup({ shuffle: true, seed });
      placeOrder();
      await fake.webhooksSettled();
      const out = topics(received);
      await s?.fake.close();
      await receiver?.close();
      s = undefined;
      receiver = undefined;
      return out;
    };
    const emitted = ["orders/create", "inventory_levels/update", "fulfillment_orders/order_routing_complete"];
    const first = await orderOf(7);
    expect([...first].sort()).toEqual([...emitted].sort());
    expect(await orderOf(7)).toEqual(first);
    const orders: string[][] = [];
    for (const seed of [1, 2, 3, 4, 5]) orders.push(await orderOf(seed));
    expect(orders.some((o) => o.join() !== emitted.join())).toBe(true);
  });

  it("queues deliveries in manual mode for the test to inspect, reorder and flush", async () => {
    const { fake, received } = await setup({ manual: true });
    placeOrder();
    const pending = fake.pendingWebhooks();
    expect(pending.map((p) => p.topic)).toEqual(["orders/create", "inventory_levels/update", "fulfillment_orders/order_routing_complete"]);
    expect(received).toHaveLength(0);
    pending.reverse();
    pending.push({ ...(pending[0] as (typeof pending)[number]) });
    const records = await fake.flushWebhooks();
    expect(topics(received)).toEqual([
      "fulfillment_orders/order_routing_complete",
      "inventory_levels/update",
      "orders/create",
      "fulfillment_orders/order_routing_complete",
    ]);
    expect(records.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(fake.pendingWebhooks()).toHaveLength(0);
  });

  it("holds only the topics asked for and delivers the others at once", async () => {
    const { fake, received } = await setup({ heldTopics: ["orders/create"] });
    placeOrder();
    await fake.webhooksSettled();
    expect(fake.pendingWebhooks().map((p) => p.topic)).toEqual(["orders/create"]);
    expect(topics(received)).toEqual(["inventory_levels/update", "fulfillment_orders/order_routing_complete"]);
  });

  it("records failed attempts and retries them when asked", async () => {
    let calls = 0;
    const { fake } = await setup({ manual: true, retry: { attempts: 3, delayMs: 0 } }, () => (++calls <= 2 ? 500 : 200));
    placeOrder();
    fake.pendingWebhooks().splice(1);
    await fake.flushWebhooks();
    const attempts = fake.deliveries().filter((d) => d.topic === "orders/create");
    expect(attempts.map((a) => [a.attempt, a.status])).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ]);
    expect(new Set(attempts.map((a) => a.webhookId)).size).toBe(1);
  });

  it("emits fulfillment-order webhooks with GIDs and lowercase statuses", async () => {
    const { fake, received } = await setup();
    const order = placeOrder(2);
    const fo = fake.store.shop().fulfillmentOrdersOf(order.id)[0];
    await fake.graphql(
      'mutation($id: ID!) { fulfillmentOrderHold(id: $id, fulfillmentHold: { reason: OTHER, reasonNotes: "check address", handle: "addr" }) { userErrors { message } } }',
      { id: fo?.id },
    );
    await fake.webhooksSettled();
    const hold = received.find((r) => r.headers["x-shopify-topic"] === "fulfillment_orders/placed_on_hold");
    expect(JSON.parse(hold?.body ?? "{}")).toMatchObject({
      fulfillment_order: {
        id: fo?.id,
        status: "on_hold",
        fulfillment_holds: [{ reason: "other", reason_notes: "check address", handle: "addr", held_by_requesting_app: true }],
      },
      remaining_fulfillment_order: null,
    });
  });

  it("notifies a fulfillment service's callback URL when a request is submitted", async () => {
    const { fake, received } = await setup();
    const created = await fake.graphql(
      'mutation($cb: URL) { fulfillmentServiceCreate(name: "Acme 3PL", callbackUrl: $cb) { fulfillmentService { location { id } } userErrors { message } } }',
      { cb: `${receiver!.url}/fs` },
    );
    const locationId = (created.body.data as { fulfillmentServiceCreate: { fulfillmentService: { location: { id: string } } } }).fulfillmentServiceCreate
      .fulfillmentService.location.id;
    const order = placeOrder();
    const fo = fake.store.shop().fulfillmentOrdersOf(order.id)[0];
    await fake.graphql("mutation($id: ID!, $loc: ID!) { fulfillmentOrderMove(id: $id, newLocationId: $loc) { userErrors { message } } }", {
      id: fo?.id,
      loc: locationId,
    });
    await fake.graphql('mutation($id: ID!) { fulfillmentOrderSubmitFulfillmentRequest(id: $id, message: "ship it") { userErrors { message } } }', {
      id: fo?.id,
    });
    await fake.webhooksSettled();
    const notification = received.find((r) => r.path === "/fs/fulfillment_order_notification");
    expect(notification?.body).toBe('{"kind":"FULFILLMENT_REQUEST"}');
    expect(notification?.headers["x-shopify-hmac-sha256"]).toBe(hmac(notification?.body ?? ""));
    expect(notification?.headers["x-shopify-shop-domain"]).toBe("dropline-test.myshopify.com");
    expect(topics(received)).toContain("fulfillment_orders/fulfillment_request_submitted");
  });
});

describe("orders from a channel at a past instant", () => {
  it("carries the order's channel and the fake clock's time in the webhook and the Admin API", async () => {
    const { fake, received } = await setup();
    const placedAt = Date.parse("2026-09-08T14:30:00Z");
    fake.setClock(() => placedAt);
    const order = fake.createOrder({
      lineItems: [{ variantId: s!.variantId, quantity: 1 }],
      shippingAddress: TORONTO,
      shippingLine: STANDARD,
      email: "a@example.com",
      sourceName: "pos",
    });
    await fake.webhooksSettled();
    const create = received.find((r) => r.headers["x-shopify-topic"] === "orders/create")!;
    expect(JSON.parse(create.body)).toMatchObject({ source_name: "pos", created_at: "2026-09-08T14:30:00Z", processed_at: "2026-09-08T14:30:00Z" });
    expect(create.headers["x-shopify-triggered-at"]).toBe("2026-09-08T14:30:00.000Z");
    const read = await fake.graphql(`query($id: ID!) { order(id: $id) { sourceName createdAt } }`, { id: order.id });
    expect(read.body.data).toEqual({ order: { sourceName: "pos", createdAt: "2026-09-08T14:30:00Z" } });
    const web = fake.createOrder({
      lineItems: [{ variantId: s!.variantId, quantity: 1 }],
      shippingAddress: TORONTO,
      shippingLine: STANDARD,
      email: "b@example.com",
    });
    expect(web.sourceName).toBe("web");
  });
});
