/**
 * The address check through the real pipeline against the fake Admin API: an order whose shipping
 * address a carrier cannot use is held (in Shopify, with Dropline's handle and INCORRECT_ADDRESS)
 * and no purchase order leaves; the merchant fixes the address in Shopify, `orders/updated` arrives
 * (twice), the hold is released and exactly one purchase order goes out.
 */
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_API_KEY, TEST_API_SECRET, TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import type { World } from "../helpers/coordination";
import { settle, setUpPipelineWorld } from "../helpers/pipeline";

useTestAppEnv();

let world: World;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ world, close } = await setUpPipelineWorld());
}, 60_000);

afterAll(async () => {
  await close?.();
});

const SEATTLE = { name: "Ada Lovelace", address1: "1 Pine St", city: "Seattle", countryCode: "US", provinceCode: "WA" };

function placeOrder(zip: string, address1 = SEATTLE.address1) {
  return world.fake.createOrder({
    shop: TEST_SHOP,
    email: "shopper@example.com",
    lineItems: [{ variantId: world.variantId, quantity: 1 }],
    shippingAddress: { ...SEATTLE, address1, zip },
    shippingLine: { title: "Standard", code: "STANDARD" },
  });
}

/** The merchant edits the order in Shopify admin (another app's call, as far as Dropline is concerned). */
async function editOrder(orderId: string, input: Record<string, unknown>) {
  const { body } = await world.fake.graphql(
    `mutation EditOrder($input: OrderInput!) { orderUpdate(input: $input) { order { id } userErrors { field message } } }`,
    { input: { id: orderId, ...input } },
    { shop: TEST_SHOP },
  );
  expect(body.errors).toBeUndefined();
}

type RouteFn = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;

/** The order page's loader or action, called as the embedded admin calls it (session token). */
async function orderPage(kind: "loader" | "action", orderId: string, fields?: Record<string, string>) {
  const { token } = await getJwt(TEST_SHOP.replace(".myshopify.com", ""), TEST_API_KEY, TEST_API_SECRET);
  const tail = orderId.split("/").pop()!;
  const init: RequestInit = { headers: { Authorization: `Bearer ${token}` }, ...(fields ? { method: "POST", body: new URLSearchParams(fields) } : {}) };
  const route = (await import("../../app/routes/app.orders.$id")) as unknown as Record<"loader" | "action", RouteFn>;
  return route[kind]({ request: new Request(`http://localhost:3000/app/orders/${tail}`, init), params: { id: tail }, context: {} });
}

const purchaseOrders = (orderId: string) => world.db.purchaseOrder.findMany({ where: { shop: TEST_SHOP, orderId } });
const submits = (since: number) => world.fake.requestLog({ shop: TEST_SHOP, since }).filter((r) => r.operationName === "FulfillmentRequestSubmit").length;
const fulfillmentOrders = (orderId: string) => world.fake.store.shop(TEST_SHOP).fulfillmentOrdersOf(orderId);

describe("address check before a purchase order leaves", () => {
  let orderId = "";
  let mark = 0;

  it("holds an order whose postal code is not a US ZIP code: no purchase order, a staff task, the reason on record", async () => {
    mark = world.fake.markRequests();
    const order = placeOrder("9810");
    orderId = order.id;
    await settle(world);

    expect(await purchaseOrders(orderId)).toEqual([]);
    expect(submits(mark)).toBe(0);
    const [fo] = fulfillmentOrders(orderId);
    expect(fo?.status).toBe("ON_HOLD");
    expect(fo?.holds.map((h) => [h.handle, h.reason])).toEqual([["dropline-stop-loss", "INCORRECT_ADDRESS"]]);

    const hold = await world.db.addressHold.findUniqueOrThrow({ where: { shop_orderId: { shop: TEST_SHOP, orderId } } });
    expect(hold.status).toBe("held");
    expect(hold.channel).toBe("web");
    expect(hold.countryCode).toBe("US");
    const reason =
      "The postal code '9810' is not a valid US ZIP code (5 digits, or ZIP+4, e.g. 94103 or 94103-1234). Edit the shipping address on the order in Shopify.";
    expect(JSON.parse(hold.problems)).toEqual([{ supplierId: null, code: "invalid_postal_code", field: "zip", message: reason }]);

    const decision = await world.db.routingDecision.findFirstOrThrow({ where: { shop: TEST_SHOP, orderId }, orderBy: { version: "desc" } });
    expect(decision.outcome).toBe("held");
    expect(JSON.parse(decision.decision).holds).toEqual([expect.objectContaining({ reasonCode: "address", message: reason })]);

    const tasks = await world.db.staffTask.findMany({ where: { shop: TEST_SHOP, orderId } });
    expect(tasks).toEqual([expect.objectContaining({ kind: "address_hold", status: "open", purchaseOrderId: null })]);
    expect(tasks[0]!.message).toContain(reason);
    const events = await world.db.orderEvent.findMany({ where: { shop: TEST_SHOP, orderId, kind: "address_hold" } });
    expect(events).toHaveLength(1);
  });

  it("the order page says what to fix, links to the order in Shopify, and can check again at once", async () => {
    const page = (await orderPage("loader", orderId)) as { addressHold: { status: string; problems: string[] }; orderAdminUrl: string };
    expect(page.addressHold).toMatchObject({ status: "held", problems: [expect.stringContaining("The postal code '9810' is not a valid US ZIP code")] });
    expect(page.orderAdminUrl).toBe(`shopify://admin/orders/${orderId.split("/").pop()}`);
    const answer = (await orderPage("action", orderId, { intent: "address_recheck" })) as { ok: boolean };
    expect(answer.ok).toBe(true);
    await settle(world);
    // Still the same bad address: still held, nothing sent.
    expect((await world.db.addressHold.findFirstOrThrow({ where: { orderId } })).status).toBe("held");
    expect(await purchaseOrders(orderId)).toEqual([]);
  });

  it("an edit that leaves the address alone re-checks nothing (no Admin API call beyond the edit)", async () => {
    const before = world.fake.markRequests();
    await editOrder(orderId, { note: "customer called" });
    await settle(world);
    expect(world.fake.requestLog({ shop: TEST_SHOP, since: before }).map((r) => r.operationName)).toEqual(["EditOrder"]);
    expect((await world.db.addressHold.findFirstOrThrow({ where: { orderId } })).status).toBe("held");
  });

  it("a fixed address arriving by orders/updated — delivered twice — releases the hold and sends exactly one purchase order", async () => {
    await editOrder(orderId, { shippingAddress: { zip: "98101" } });
    // Shopify delivers the same event twice (same event id), and a second edit follows.
    const pending = world.fake.pendingWebhooks();
    const updated = pending.find((h) => h.kind === "webhook" && h.topic === "orders/updated");
    expect(updated).toBeDefined();
    pending.push({ ...updated! });
    await editOrder(orderId, { shippingAddress: { zip: "98101", address2: "Apt 2" } });
    await settle(world);

    const pos = await purchaseOrders(orderId);
    expect(pos).toEqual([expect.objectContaining({ supplierId: world.suppliers["West Coast Goods"].id, status: "sent" })]);
    expect(submits(mark)).toBe(1);
    const hold = await world.db.addressHold.findFirstOrThrow({ where: { orderId } });
    expect(hold.status).toBe("released");
    expect(await world.db.staffTask.findMany({ where: { shop: TEST_SHOP, orderId, status: "open" } })).toEqual([]);
    expect(fulfillmentOrders(orderId).filter((fo) => fo.status === "ON_HOLD")).toEqual([]);
    const decisions = await world.db.routingDecision.findMany({ where: { shop: TEST_SHOP, orderId }, orderBy: { version: "asc" } });
    expect(decisions.map((d) => d.outcome)).toEqual(["held", "routed"]);
  });

  it("another orders/updated after the release changes nothing", async () => {
    const before = world.fake.markRequests();
    await editOrder(orderId, { shippingAddress: { zip: "98102" } });
    await settle(world);
    expect(await purchaseOrders(orderId)).toHaveLength(1);
    expect(submits(before)).toBe(0);
  });

  it("the periodic re-check releases a hold whose webhook never came", async () => {
    const order = placeOrder("981");
    await settle(world);
    expect((await world.db.addressHold.findFirstOrThrow({ where: { orderId: order.id } })).status).toBe("held");
    // Fixed in Shopify, but the webhook is lost.
    await editOrder(order.id, { shippingAddress: { zip: "98109" } });
    world.fake.pendingWebhooks().splice(0);
    const { services } = await import("../../app/services.server");
    const { addressSweepJob } = await import("../../app/services/queue/address");
    await services().queue.enqueue(addressSweepJob(TEST_SHOP, new Date()));
    await settle(world);
    expect((await world.db.addressHold.findFirstOrThrow({ where: { orderId: order.id } })).status).toBe("released");
    expect(await purchaseOrders(order.id)).toEqual([expect.objectContaining({ status: "sent" })]);
  });

  it("a carrier that refuses PO boxes holds only for that supplier's rules", async () => {
    const { saveLabelRules } = await import("../../app/models/address-holds.server");
    const west = world.suppliers["West Coast Goods"].id;
    await saveLabelRules(world.db, TEST_SHOP, west, { requirePhone: false, refusePoBox: true, maxLineLength: null, latinOnly: false });
    const order = placeOrder("98101", "PO Box 123");
    await settle(world);
    expect(await purchaseOrders(order.id)).toEqual([]);
    const hold = await world.db.addressHold.findFirstOrThrow({ where: { orderId: order.id } });
    expect(JSON.parse(hold.supplierIds)).toEqual([west]);
    expect(JSON.parse(hold.problems)[0].message).toContain("West Coast Goods's carrier does not deliver to post-office boxes ('PO Box 123')");
    await saveLabelRules(world.db, TEST_SHOP, west, { requirePhone: false, refusePoBox: false, maxLineLength: null, latinOnly: false });
  });

  it("the supplier page's label rules are validated and saved for the shop's own suppliers only", async () => {
    const { saveSupplierLabelRules, supplierLabelRules } = await import("../../app/services/address/label-rules.server");
    const east = world.suppliers["East Coast Depot"].id;
    const refused = await saveSupplierLabelRules(world.db, TEST_SHOP, east, { requirePhone: "on", maxLineLength: "5" });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.failure.fieldErrors).toEqual({ maxLineLength: "A label line holds 20 to 100 characters; leave it empty for no limit." });
    expect(await supplierLabelRules(world.db, TEST_SHOP, east)).toEqual({ requirePhone: false, refusePoBox: false, maxLineLength: null, latinOnly: false });

    const saved = await saveSupplierLabelRules(world.db, TEST_SHOP, east, { requirePhone: "on", latinOnly: "on", maxLineLength: "35" });
    expect(saved.ok).toBe(true);
    expect(await supplierLabelRules(world.db, TEST_SHOP, east)).toEqual({ requirePhone: true, refusePoBox: false, maxLineLength: 35, latinOnly: true });
    expect((await saveSupplierLabelRules(world.db, "other-shop.myshopify.com", east, {})).ok).toBe(false);
    await saveSupplierLabelRules(world.db, TEST_SHOP, east, {});
  });
});
