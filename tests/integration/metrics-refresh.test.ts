/**
 * Fulfillment facts from the app's own records: orders driven through the real pipeline (fake
 * Admin API, the app's webhook routes, the worker, the supplier portal), then the metrics refresh.
 * The facts must say what the records say; a refresh re-rolls only the days that changed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { type World } from "../helpers/coordination";
import { driveOrderToFulfilled, settle, setUpPipelineWorld } from "../helpers/pipeline";

useTestAppEnv();

let world: World;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ world, close } = await setUpPipelineWorld());
}, 60_000);

afterAll(async () => {
  await close?.();
});

const services = async () => (await import("../../app/services.server")).services();
const refresh = async (options?: { full?: boolean }) =>
  (await import("../../app/services/metrics/refresh.server")).refreshMetrics(await services(), TEST_SHOP, options);
const dayRows = (day: string) =>
  world.db.metricDay.findMany({ where: { shop: TEST_SHOP, day }, orderBy: [{ metric: "asc" }, { dimension: "asc" }, { segment: "asc" }] });

describe("metrics refresh", () => {
  let shippedOrderId = "";
  let cancelledOrderId = "";

  it("builds the facts of a shipped order from its purchase order and shipment", async () => {
    shippedOrderId = (await driveOrderToFulfilled(world, [{ variantId: world.variantId, quantity: 1 }])).orderId;
    const outcome = await refresh();
    expect(outcome.purchaseOrders).toBe(1);
    const po = await world.db.purchaseOrder.findFirstOrThrow({ where: { shop: TEST_SHOP, orderId: shippedOrderId } });
    const shipment = await world.db.shipment.findFirstOrThrow({ where: { shop: TEST_SHOP, purchaseOrderId: po.id } });
    const order = await world.db.order.findUniqueOrThrow({ where: { id: shippedOrderId } });
    const fact = await world.db.fulfillmentFact.findFirstOrThrow({ where: { shop: TEST_SHOP, purchaseOrderId: po.id } });
    expect(fact).toMatchObject({
      lineKey: "MUG",
      supplierId: po.supplierId,
      channel: order.channel,
      region: "US-WA",
      orderCreatedAt: order.placedAt,
      acknowledgedAt: po.acknowledgedAt,
      confirmedAt: po.acknowledgedAt,
      shippedAt: shipment.labelCreatedAt,
      trackingUploadedAt: shipment.syncedAt,
      promisedShipBy: po.shipBy,
      accepted: true,
      cancelled: false,
      stockout: false,
      exception: false,
    });
    expect(shipment.syncedAt).not.toBeNull();
    const acceptance = (await dayRows(fact.day)).find((r) => r.metric === "acceptanceRate" && r.dimension === "all");
    expect(acceptance).toMatchObject({ n: 1, numerator: 1, value: 1 });
  }, 60_000);

  it("stores Shopify's cancel reason and counts the cancellation", async () => {
    const order = world.fake.createOrder({
      shop: TEST_SHOP,
      email: "shopper@example.com",
      lineItems: [{ variantId: world.variantId, quantity: 1 }],
      shippingAddress: { name: "Ada", address1: "1 Pine St", city: "Seattle", zip: "98101", countryCode: "US", provinceCode: "WA" },
      shippingLine: { title: "Standard", code: "STANDARD" },
    });
    await settle(world);
    world.fake.cancelOrder({ shop: TEST_SHOP, orderId: order.id, reason: "CUSTOMER" });
    await settle(world);
    cancelledOrderId = order.id;
    expect(await world.db.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ cancelReason: "customer" });
    await refresh();
    const fact = await world.db.fulfillmentFact.findFirstOrThrow({ where: { shop: TEST_SHOP, orderId: order.id } });
    expect(fact).toMatchObject({ cancelled: true, cancelReason: "customer", promisedShipBy: null });
    const cancellation = (await dayRows(fact.day)).find((r) => r.metric === "cancellationRate" && r.dimension === "all");
    expect(cancellation).toMatchObject({ n: 2, numerator: 1 });
  }, 60_000);

  it("re-rolls only the days whose records changed", async () => {
    // Move the shipped order to an earlier day (as the demo's history does) and settle both days.
    const earlier = new Date(Date.now() - 5 * 86_400_000);
    await world.db.order.update({ where: { id: shippedOrderId }, data: { placedAt: earlier } });
    await refresh({ full: true });
    const shipped = await world.db.fulfillmentFact.findFirstOrThrow({ where: { shop: TEST_SHOP, orderId: shippedOrderId } });
    const cancelled = await world.db.fulfillmentFact.findFirstOrThrow({ where: { shop: TEST_SHOP, orderId: cancelledOrderId } });
    expect(shipped.day).not.toBe(cancelled.day);
    expect((await refresh()).days).toEqual([]);

    const before = await dayRows(shipped.day);
    await world.db.exceptionCase.create({
      data: {
        shop: TEST_SHOP,
        subjectId: `po:${cancelled.purchaseOrderId}`,
        type: "stockout_after_accept",
        status: "open",
        openedReason: "test",
        suggestedActions: "[]",
        openedAt: new Date(),
      },
    });
    expect((await refresh()).days).toEqual([cancelled.day]);
    expect(await world.db.fulfillmentFact.findFirstOrThrow({ where: { shop: TEST_SHOP, orderId: cancelledOrderId } })).toMatchObject({ stockout: true });
    expect(await dayRows(shipped.day)).toEqual(before);
    expect(before.length).toBeGreaterThan(0);
  }, 60_000);

  it("rebuilds yesterday in full once a night", async () => {
    const { nightlyMetrics } = await import("../../app/services/metrics/refresh.server");
    const shipped = await world.db.fulfillmentFact.findFirstOrThrow({ where: { shop: TEST_SHOP, orderId: shippedOrderId } });
    // The shop's zone is the routing policy's (America/Los_Angeles): noon UTC the day after is still that day + 1 there.
    const nextNoon = new Date(Date.parse(`${shipped.day}T12:00:00Z`) + 86_400_000 + 8 * 3_600_000);
    const night = { db: world.db, now: () => nextNoon };
    await world.db.metricDay.deleteMany({ where: { shop: TEST_SHOP, day: shipped.day } });
    expect(await nightlyMetrics(night, TEST_SHOP)).toEqual({ day: shipped.day, facts: 1 });
    expect((await dayRows(shipped.day)).length).toBeGreaterThan(0);
    expect(await nightlyMetrics(night, TEST_SHOP)).toBeNull();
  }, 60_000);
});
