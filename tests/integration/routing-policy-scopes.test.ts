/**
 * Scoped routing policy end to end: orders placed in the fake Shopify, their webhooks through the
 * app's routes, routing in the worker on a manual clock. A collection's rule (read from Shopify,
 * cached per variant), a channel's SLA, the channel-priority reserve and a supplier working
 * Monday–Saturday each reach the stored decision and what Shopify ends up holding.
 */
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_API_SECRET, TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { startFakeShopify, type FakeShopify, type PendingWebhook } from "../fake-shopify";
import type { RoutingDecision, RoutingPolicyInput } from "../../app/domain/routing";

useTestAppEnv();

const TOKEN = "shpat_routing_policy_test";
// Wednesday 2026-12-02 16:00 UTC (08:00 in Los Angeles).
let clock = Date.UTC(2026, 11, 2, 16, 0);
let fake: FakeShopify;
let db: PrismaClient;
let app: {
  buildServices: typeof import("../../app/services.server").buildServices;
  jobHandlers: typeof import("../../app/jobs/runtime.server").jobHandlers;
  Worker: typeof import("../../app/jobs/worker.server").Worker;
  saveRoutingPolicy: typeof import("../../app/models/routing.server").saveRoutingPolicy;
};
const variants: Record<string, string> = {};
const suppliers: Record<string, { id: string; locationId: string }> = {};
const products: Record<string, string> = {};

type Action = (args: { request: Request; params: object; context: object }) => Promise<Response>;

async function deliver(hooks: readonly PendingWebhook[]): Promise<void> {
  for (const hook of hooks) {
    if (hook.kind !== "webhook") continue;
    const mod = (await import(`../../app/routes/webhooks.${hook.topic.replace("/", ".")}.tsx`)) as { action: Action };
    await mod.action({ request: new Request(hook.url, { method: "POST", body: hook.body, headers: hook.headers }), params: {}, context: {} });
  }
}

async function route(lines: [string, number][], sourceName = "web") {
  const pending = fake.pendingWebhooks();
  pending.splice(0, pending.length);
  const order = fake.createOrder({
    shop: TEST_SHOP,
    email: "shopper@example.com",
    sourceName,
    lineItems: lines.map(([sku, quantity]) => ({ variantId: variants[sku]!, quantity })),
    shippingAddress: { name: "Ada", address1: "1 Pine St", city: "Seattle", zip: "98101", countryCode: "US", provinceCode: "WA" },
    shippingLine: { title: "Standard", code: "STANDARD" },
  });
  await deliver(pending.splice(0, pending.length));
  // Routing runs on the test's clock; the worker on the wall clock, as the webhook routes queued the jobs on it.
  const services = app.buildServices({ now: () => new Date(clock) });
  await new app.Worker(services.queue, app.jobHandlers(services), { now: () => new Date(Math.max(clock, Date.now()) + 60_000) }).drain();
  const row = await db.routingDecision.findFirstOrThrow({ where: { orderId: order.id }, orderBy: { version: "desc" } });
  return { order, decision: JSON.parse(row.decision) as RoutingDecision };
}

const fulfillmentOrders = (orderId: string) =>
  fake.store
    .shop(TEST_SHOP)
    .fulfillmentOrdersOf(orderId)
    .filter((fo) => fo.status !== "CLOSED");

async function usePolicy(policy: RoutingPolicyInput) {
  await app.saveRoutingPolicy(db, TEST_SHOP, { timeZone: "America/Los_Angeles", ...policy });
}

async function setStock(supplier: string, sku: string, stockOnHand: number) {
  await db.offer.updateMany({
    where: { shop: TEST_SHOP, supplierId: suppliers[supplier]!.id, variantId: variants[sku]! },
    data: { stockOnHand, stockUpdatedAt: new Date(clock) },
  });
}

beforeAll(async () => {
  fake = await startFakeShopify({ now: () => clock, webhooks: { baseUrl: "http://localhost:3000", apiSecret: TEST_API_SECRET, manual: true } });
  process.env.SHOPIFY_ADMIN_API_ORIGIN = fake.url;
  fake.seedShop({ domain: TEST_SHOP, accessToken: TOKEN, name: "Policy Test", ianaTimezone: "America/Los_Angeles" });
  fake.createLocation({ shop: TEST_SHOP, name: "Merchant HQ", countryCode: "US", provinceCode: "WA", city: "Seattle", zip: "98101" });
  for (const [title, sku] of [
    ["Ceramic mug", "MUG"],
    ["Shell", "SHELL"],
    ["Lamp", "LAMP"],
  ] as const) {
    const created = fake.createProduct({ shop: TEST_SHOP, title, variants: [{ sku, price: "40.00" }] });
    variants[sku] = created.variants[0]!.id;
    products[sku] = created.product.id;
  }

  db = (await import("../../app/db.server")).default;
  const runtime = await import("../../app/jobs/runtime.server");
  app = {
    buildServices: (await import("../../app/services.server")).buildServices,
    jobHandlers: runtime.jobHandlers,
    Worker: (await import("../../app/jobs/worker.server")).Worker,
    saveRoutingPolicy: (await import("../../app/models/routing.server")).saveRoutingPolicy,
  };
  await db.session.create({ data: { id: `offline_${TEST_SHOP}`, shop: TEST_SHOP, state: "", accessToken: TOKEN, isOnline: false } });
  await db.shop.create({ data: { domain: TEST_SHOP } });

  const { createSupplier } = await import("../../app/services/suppliers/suppliers.server");
  const deps = { db, client: await app.buildServices({ now: () => new Date(clock) }).adminFor(TEST_SHOP), appUrl: "http://localhost:3000" };
  const make = async (name: string, transitMax: string, workingDays: string[]) => {
    const result = await createSupplier(deps, TEST_SHOP, {
      name,
      contactEmail: "ops@example.com",
      timeZone: "America/Los_Angeles",
      cutoff: "14:00",
      holidays: "",
      workingDays,
      serviceTier: "next_day",
      handlingMinDays: "1",
      handlingMaxDays: "1",
      dropshipFee: "2.00",
      feedCadenceMinutes: "10080",
      coverage: [{ countryCode: "US", provinceCode: "", transitMin: "1", transitMax, shippingCost: "5.00" }],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.failure.fieldErrors));
    suppliers[name] = { id: result.value.id, locationId: result.value.locationId! };
  };
  await make("Weekday Goods", "2", ["1", "2", "3", "4", "5"]);
  await make("Slow Freight", "6", ["1", "2", "3", "4", "5"]);
  await make("Saturday Supply", "2", ["1", "2", "3", "4", "5", "6"]);
  const offer = (supplier: string, sku: string, unitCostMinor = 1500) => ({
    shop: TEST_SHOP,
    supplierId: suppliers[supplier]!.id,
    variantId: variants[sku]!,
    sku,
    supplierSku: `${sku}-${supplier.split(" ")[0]}`,
    unitCostMinor,
    stockOnHand: 40,
    stockUpdatedAt: new Date(clock),
  });
  await db.offer.createMany({
    data: [offer("Weekday Goods", "MUG"), offer("Slow Freight", "SHELL"), offer("Weekday Goods", "LAMP", 1900), offer("Slow Freight", "LAMP", 900)],
  });
}, 60_000);

afterAll(() => fake?.close());

describe("a collection's policy", () => {
  it("keeps an order with a fragile product in one parcel though the shop splits, names the rule, and reads the collections once", async () => {
    const fragile = fake.createCollection({ shop: TEST_SHOP, title: "Fragile", productIds: [products.MUG!] });
    await usePolicy({
      split: { allowed: true, minBasketValue: 0, maxParcels: 2 },
      scopedOverrides: [{ id: "fragile", scope: { collectionId: fragile.id, label: "Fragile" }, split: { allowed: false } }],
    });
    const before = fake.requestLog().filter((r) => r.operationName === "VariantScopes").length;

    // The mug is only at Weekday Goods, the shell only at Slow Freight: the shop's rule alone would split.
    const { order, decision } = await route([
      ["MUG", 1],
      ["SHELL", 1],
    ]);
    expect(decision.outcome).toBe("held");
    expect(decision.holds.map((h) => h.reasonCode)).toEqual(["split_not_allowed", "split_not_allowed"]);
    expect(decision.context.policy?.split.map((s) => s.source.label)).toEqual(['collection "Fragile"', "shop default"]);
    expect(fulfillmentOrders(order.id).every((fo) => fo.status === "ON_HOLD")).toBe(true);
    const stored = await db.routingDecision.findFirstOrThrow({ where: { orderId: order.id } });
    expect((JSON.parse(stored.request) as { order: { lines: { productId?: string; collectionIds?: string[] }[] } }).order.lines[0]).toMatchObject({
      productId: products.MUG,
      collectionIds: [fragile.id],
    });

    // A second order with the same variants reads them from the cache: no new call. (The first
    // order's routing and the promise publish queued with it may both have read them, when they
    // ran at once: on PostgreSQL the shop's cap of 2 running jobs puts them in the same batch.)
    const afterFirst = fake.requestLog().filter((r) => r.operationName === "VariantScopes").length;
    expect(afterFirst).toBeGreaterThan(before);
    await route([["SHELL", 1]]);
    expect(fake.requestLog().filter((r) => r.operationName === "VariantScopes").length).toBe(afterFirst);
  });

  it("finds products and collections by the start of their title for the policy editor", async () => {
    const { searchPolicyScopes } = await import("../../app/shopify/product-scopes");
    const client = await app.buildServices({ now: () => new Date(clock) }).adminFor(TEST_SHOP);
    expect(await searchPolicyScopes(client, "cera")).toEqual({ products: [{ id: products.MUG, title: "Ceramic mug" }], collections: [] });
    expect((await searchPolicyScopes(client, "Frag")).collections.map((c) => c.title)).toEqual(["Fragile"]);
    expect(await searchPolicyScopes(client, '  "  ')).toEqual({ products: [], collections: [] });
  });

  it("makes no collection lookup when no override names a product or collection", async () => {
    await usePolicy({ split: { allowed: true } });
    const before = fake.requestLog().filter((r) => r.operationName === "VariantScopes").length;
    const { decision } = await route([
      ["MUG", 1],
      ["SHELL", 1],
    ]);
    expect(decision.outcome).toBe("split");
    expect(decision.context.policy).toBeUndefined();
    expect(fake.requestLog().filter((r) => r.operationName === "VariantScopes").length).toBe(before);
  });
});

describe("a channel's SLA", () => {
  it("becomes the promise of the channel's orders: the cheaper supplier that cannot meet it loses", async () => {
    // Slow Freight is cheaper for the lamp and wins on a margin-first policy without the SLA.
    await usePolicy({ preset: "margin_first", channelSla: { amazon: 4 } });
    const web = await route([["LAMP", 1]], "web");
    expect(web.decision.assignments.map((a) => a.supplierId)).toEqual([suppliers["Slow Freight"]!.id]);

    const { order, decision } = await route([["LAMP", 1]], "amazon");
    expect(decision.context.promisedBusinessDays).toBe(4);
    expect(decision.context.policy?.sla).toEqual({ channel: "amazon", businessDays: 4 });
    expect(decision.assignments.map((a) => a.supplierId)).toEqual([suppliers["Weekday Goods"]!.id]);
    const { explainDecision } = await import("../../app/domain/routing");
    const slow = explainDecision(decision)[0]!.candidates.find((c) => c.supplierId === suppliers["Slow Freight"]!.id)!;
    expect(slow.constraints.find((c) => c.name === "meetsPromise")?.reason).toMatch(/missing the amazon channel's SLA of 4 business days/);
    expect(fulfillmentOrders(order.id).map((fo) => fo.assignedLocationId)).toEqual([suppliers["Weekday Goods"]!.locationId]);
  });
});

describe("channel priority", () => {
  it("keeps the last units for the ranked channels: a marketplace order is held with the reason, a web order takes them", async () => {
    await usePolicy({ channelPriority: { channels: ["web", "pos"], reserveUnits: 3 } });
    // No stock buffer, so the mug's buffered units are its 4 on hand.
    const { saveBufferOverride } = await import("../../app/models/buffer.server");
    const saved = await saveBufferOverride(db, TEST_SHOP, "shop", "", {
      floorUnits: 0,
      percentOfStock: 0,
      velocityCoverDays: 0,
      stalenessPercentPerCadence: 0,
      oversellWeight: 0,
    });
    expect(saved.ok).toBe(true);
    await setStock("Weekday Goods", "MUG", 4);

    const amazon = await route([["MUG", 2]], "amazon");
    expect(amazon.decision.outcome).toBe("held");
    const held = fulfillmentOrders(amazon.order.id).find((fo) => fo.status === "ON_HOLD");
    expect(held?.holds[0]?.reasonNotes).toMatch(
      /4 units are in stock, but the last 3 are kept for the priority channels \(web, pos\) and this order came from amazon/,
    );

    const web = await route([["MUG", 2]], "web");
    expect(web.decision.outcome).toBe("routed");
    expect(fulfillmentOrders(web.order.id).map((fo) => fo.assignedLocationId)).toEqual([suppliers["Weekday Goods"]!.locationId]);
  });
});

describe("a supplier's working days", () => {
  it("count Saturday for a Monday–Saturday supplier: after Friday's cut-off it ships Monday, a Monday–Friday one Tuesday", async () => {
    await usePolicy({});
    await setStock("Weekday Goods", "MUG", 40);
    await db.offer.create({
      data: {
        shop: TEST_SHOP,
        supplierId: suppliers["Saturday Supply"]!.id,
        variantId: variants.MUG!,
        sku: "MUG",
        supplierSku: "MUG-Saturday",
        unitCostMinor: 1500,
        stockOnHand: 40,
        stockUpdatedAt: new Date(clock),
      },
    });
    // Friday 2026-12-04 15:00 in Los Angeles: past both suppliers' 14:00 cut-off.
    clock = Date.UTC(2026, 11, 4, 23, 0);
    await db.offer.updateMany({ data: { stockUpdatedAt: new Date(clock) } });
    const { decision } = await route([["MUG", 1]]);
    const latest = (name: string) => decision.explanation.suppliers.find((s) => s.id === suppliers[name]!.id)?.latest;
    // Saturday is day 1 of handling → ships Monday 7th, +2 → Wednesday 9th; Monday is day 1 → ships Tuesday, +2 → Thursday 10th.
    expect(latest("Saturday Supply")).toBe("2026-12-09");
    expect(latest("Weekday Goods")).toBe("2026-12-10");
    expect(decision.assignments.map((a) => a.supplierId)).toEqual([suppliers["Saturday Supply"]!.id]);
  });
});
