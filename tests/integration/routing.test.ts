import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_API_SECRET, TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { startFakeShopify, type FakeShopify, type PendingWebhook } from "../fake-shopify";

useTestAppEnv();

const TOKEN = "shpat_routing_test";
let fake: FakeShopify;
let db: PrismaClient;
let app: {
  services: typeof import("../../app/services.server").services;
  jobHandlers: typeof import("../../app/jobs/runtime.server").jobHandlers;
  Worker: typeof import("../../app/jobs/worker.server").Worker;
};
const variants: Record<string, string> = {};
const suppliers: Record<string, { id: string; locationId: string }> = {};

type Action = (args: { request: Request; params: object; context: object }) => Promise<Response>;

/** Hands the fake's queued webhooks to the app's webhook routes, as Shopify would POST them. */
async function deliver(hooks: readonly PendingWebhook[]): Promise<number[]> {
  const statuses: number[] = [];
  for (const hook of hooks) {
    if (hook.kind !== "webhook") continue;
    const mod = (await import(`../../app/routes/webhooks.${hook.topic.replace("/", ".")}.tsx`)) as { action: Action };
    const response = await mod.action({ request: new Request(hook.url, { method: "POST", body: hook.body, headers: hook.headers }), params: {}, context: {} });
    statuses.push(response.status);
  }
  return statuses;
}

async function runWorker() {
  const services = app.services();
  return new app.Worker(services.queue, app.jobHandlers(services), { concurrency: 2 }).drain();
}

function placeOrder(lines: [string, number][]) {
  return fake.createOrder({
    shop: TEST_SHOP,
    email: "shopper@example.com",
    lineItems: lines.map(([sku, quantity]) => ({ variantId: variants[sku]!, quantity })),
    shippingAddress: { name: "Ada", address1: "1 Pine St", city: "Seattle", zip: "98101", countryCode: "US", provinceCode: "WA" },
    shippingLine: { title: "Standard", code: "STANDARD" },
  });
}

function takePending(): PendingWebhook[] {
  const pending = fake.pendingWebhooks();
  return pending.splice(0, pending.length);
}

function placement(orderId: string) {
  return fake.store
    .shop(TEST_SHOP)
    .fulfillmentOrdersOf(orderId)
    .filter((fo) => fo.status !== "CLOSED")
    .map((fo) => ({ id: fo.id, status: fo.status, locationId: fo.assignedLocationId, lines: fo.lineItems.map((l) => l.remainingQuantity) }));
}

beforeAll(async () => {
  fake = await startFakeShopify({ webhooks: { baseUrl: "http://localhost:3000", apiSecret: TEST_API_SECRET, manual: true } });
  process.env.SHOPIFY_ADMIN_API_ORIGIN = fake.url;
  fake.seedShop({ domain: TEST_SHOP, accessToken: TOKEN, name: "Routing Test", ianaTimezone: "America/Los_Angeles" });
  fake.createLocation({ shop: TEST_SHOP, name: "Merchant HQ", countryCode: "US", provinceCode: "WA", city: "Seattle", zip: "98101" });
  for (const [title, sku] of [
    ["Mug", "MUG"],
    ["Shell", "SHELL"],
    ["Rare Lamp", "LAMP"],
  ] as const) {
    const product = fake.createProduct({ shop: TEST_SHOP, title, variants: [{ sku, price: "40.00" }] });
    variants[sku] = product.variants[0]!.id;
  }

  db = (await import("../../app/db.server")).default;
  const runtime = await import("../../app/jobs/runtime.server");
  app = {
    services: (await import("../../app/services.server")).services,
    jobHandlers: runtime.jobHandlers,
    Worker: (await import("../../app/jobs/worker.server")).Worker,
  };
  await db.session.create({ data: { id: `offline_${TEST_SHOP}`, shop: TEST_SHOP, state: "", accessToken: TOKEN, isOnline: false } });
  await db.shop.create({ data: { domain: TEST_SHOP } });

  const { createSupplier } = await import("../../app/services/suppliers/suppliers.server");
  const deps = { db, client: await app.services().adminFor(TEST_SHOP), appUrl: "http://localhost:3000" };
  for (const name of ["West Coast Goods", "East Coast Depot"]) {
    const result = await createSupplier(deps, TEST_SHOP, {
      name,
      contactEmail: "ops@example.com",
      timeZone: name.startsWith("West") ? "America/Los_Angeles" : "America/New_York",
      cutoff: "23:59",
      holidays: "",
      serviceTier: "next_day",
      handlingMinDays: "0",
      handlingMaxDays: "1",
      dropshipFee: "2.00",
      feedCadenceMinutes: "1440",
      coverage: [{ countryCode: "US", provinceCode: "", transitMin: "1", transitMax: "3", shippingCost: "5.00" }],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.failure.fieldErrors));
    suppliers[name] = { id: result.value.id, locationId: result.value.locationId! };
  }
  const now = new Date();
  const offer = (supplier: string, sku: string) => ({
    shop: TEST_SHOP,
    supplierId: suppliers[supplier]!.id,
    variantId: variants[sku]!,
    sku,
    supplierSku: `${sku}-S`,
    unitCostMinor: 1500,
    stockOnHand: 40,
    stockUpdatedAt: now,
  });
  await db.offer.createMany({ data: [offer("West Coast Goods", "MUG"), offer("East Coast Depot", "SHELL")] });
  const { saveRoutingPolicy } = await import("../../app/models/routing.server");
  await saveRoutingPolicy(db, TEST_SHOP, { split: { allowed: true, minBasketValue: 0, maxParcels: 2 }, timeZone: "America/Los_Angeles" });
}, 60_000);

afterAll(() => fake?.close());

describe("routing orders in Shopify", () => {
  it("moves a two-line order's lines to the two suppliers that stock them (checked on Shopify's state)", async () => {
    const order = placeOrder([
      ["MUG", 2],
      ["SHELL", 1],
    ]);
    const hooks = takePending();
    expect(hooks.map((h) => h.topic)).toContain("fulfillment_orders/order_routing_complete");
    expect(await deliver(hooks)).toEqual(hooks.filter((h) => h.kind === "webhook").map(() => 200));
    await runWorker();
    const placed = placement(order.id);
    expect(placed).toHaveLength(2);
    expect(placed.map((p) => p.locationId).sort()).toEqual([suppliers["West Coast Goods"]!.locationId, suppliers["East Coast Depot"]!.locationId].sort());
    const decision = await db.routingDecision.findFirstOrThrow({ where: { orderId: order.id } });
    expect(decision).toMatchObject({ outcome: "split", status: "applied", version: 1 });
    // Every fulfillment order that routing produced is open at a supplier and nothing is left at HQ.
    expect(placed.every((p) => p.status === "OPEN")).toBe(true);

    // The same webhook again, plus the moved events Shopify sent meanwhile, in reverse order.
    takePending();
    const routingHook = hooks.find((h) => h.topic === "fulfillment_orders/order_routing_complete")!;
    await deliver([routingHook, ...hooks.slice().reverse()]);
    await runWorker();
    expect(placement(order.id)).toEqual(placed);
    expect(await db.routingDecision.count({ where: { orderId: order.id } })).toBe(1);
    expect(takePending().filter((h) => h.topic === "fulfillment_orders/moved")).toEqual([]);
  });

  it("a new routing_complete event for an order already placed changes nothing", async () => {
    const order = placeOrder([["MUG", 1]]);
    const hooks = takePending();
    await deliver(hooks);
    await runWorker();
    const placed = placement(order.id);
    expect(placed).toEqual([expect.objectContaining({ locationId: suppliers["West Coast Goods"]!.locationId })]);
    expect(takePending().map((h) => h.topic)).toContain("fulfillment_orders/moved");
    // A different event id (not a duplicate delivery) still finds nothing left to do.
    const again = hooks
      .filter((h) => h.topic === "fulfillment_orders/order_routing_complete")
      .map((h) => ({ ...h, eventId: `${h.eventId}-again`, headers: { ...h.headers, "X-Shopify-Event-Id": `${h.eventId}-again` } }));
    await deliver(again);
    await runWorker();
    expect(placement(order.id)).toEqual(placed);
    expect(takePending().filter((h) => h.topic === "fulfillment_orders/moved")).toEqual([]);
  });

  it("holds an order no supplier can fill, with a reason the merchant can act on", async () => {
    const order = placeOrder([["LAMP", 1]]);
    await deliver(takePending());
    await runWorker();
    const fos = fake.store.shop(TEST_SHOP).fulfillmentOrdersOf(order.id);
    const held = fos.find((fo) => fo.status === "ON_HOLD");
    expect(held).toBeDefined();
    expect(held!.holds[0]).toMatchObject({ handle: "dropline-stop-loss", reason: "INVENTORY_OUT_OF_STOCK" });
    expect(held!.holds[0]!.reasonNotes).toMatch(/Rare Lamp|no offer|No supplier/i);
    expect(await db.routingDecision.findFirstOrThrow({ where: { orderId: order.id } })).toMatchObject({ outcome: "held", status: "applied" });
  });

  it("re-decides an order Shopify placed at a supplier by default, before anyone asks that supplier", async () => {
    // West holds stock in Shopify for the shell, so Shopify's own routing assigns the order there,
    // but only East offers the shell to Dropline: the decision moves it to East.
    const shell = fake.createProduct({ shop: TEST_SHOP, title: "Shell XL", variants: [{ sku: "SHELL-XL", price: "90.00" }] }).variants[0]!;
    fake.setInventory({ shop: TEST_SHOP, inventoryItemId: shell.inventoryItemId, locationId: suppliers["West Coast Goods"]!.locationId, available: 10 });
    variants["SHELL-XL"] = shell.id;
    await db.offer.create({
      data: {
        shop: TEST_SHOP,
        supplierId: suppliers["East Coast Depot"]!.id,
        variantId: shell.id,
        sku: "SHELL-XL",
        supplierSku: "SXL",
        unitCostMinor: 4000,
        stockOnHand: 20,
        stockUpdatedAt: new Date(),
      },
    });
    const order = placeOrder([["SHELL-XL", 1]]);
    expect(placement(order.id).map((p) => p.locationId)).toEqual([suppliers["West Coast Goods"]!.locationId]);
    await deliver(takePending());
    await runWorker();
    expect(placement(order.id).map((p) => p.locationId)).toEqual([suppliers["East Coast Depot"]!.locationId]);
    expect(await db.routingDecision.findFirstOrThrow({ where: { orderId: order.id } })).toMatchObject({ status: "applied" });
  });
});
