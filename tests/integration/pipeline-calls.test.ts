/**
 * What one order costs in Admin API calls, from `orders/create` to the fulfillment with tracking,
 * through the real app: the fake's webhooks and fulfillment-service callbacks delivered to the
 * app's routes, the worker drained, the supplier answering in the portal. The fake's request log
 * counts every call per operation; the counts are exact, so a step that starts reading Shopify
 * again fails here. Also counted: the supplier list and offer reads per routed order.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { placement, setUpWorld, startHookReceiver, startSmtp, type World } from "../helpers/coordination";
import { driveOrderToFulfilled, type PipelineRun } from "../helpers/pipeline";

useTestAppEnv();

const reads = vi.hoisted(() => ({ suppliers: 0, offers: 0 }));
vi.mock("../../app/models/suppliers.server", async (importOriginal) => {
  const mod = await importOriginal<typeof import("../../app/models/suppliers.server")>();
  return { ...mod, listSuppliers: (...args: Parameters<typeof mod.listSuppliers>) => (reads.suppliers++, mod.listSuppliers(...args)) };
});
vi.mock("../../app/models/offers.server", async (importOriginal) => {
  const mod = await importOriginal<typeof import("../../app/models/offers.server")>();
  return { ...mod, offersForVariants: (...args: Parameters<typeof mod.offersForVariants>) => (reads.offers++, mod.offersForVariants(...args)) };
});

let world: World;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let receiver: Awaited<ReturnType<typeof startHookReceiver>>;
let shellVariantId = "";
let lanternVariantId = "";

beforeAll(async () => {
  smtp = await startSmtp();
  receiver = await startHookReceiver();
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
  world = await setUpWorld({ webhookUrl: receiver.url });
  // Items only one supplier offers each, so a lantern + shell order splits between the two.
  shellVariantId = world.fake.createProduct({ shop: TEST_SHOP, title: "Camp Shell", variants: [{ sku: "SHELL", price: "60.00" }] }).variants[0]!.id;
  lanternVariantId = world.fake.createProduct({ shop: TEST_SHOP, title: "Camp Lantern", variants: [{ sku: "LANTERN", price: "30.00" }] }).variants[0]!.id;
  const only = (supplier: "West Coast Goods" | "East Coast Depot", variantId: string, sku: string) => ({
    shop: TEST_SHOP, supplierId: world.suppliers[supplier].id, variantId, sku, supplierSku: `${supplier.slice(0, 4).toUpperCase()}-${sku}`, unitCostMinor: 2000, stockOnHand: 40, stockUpdatedAt: new Date(),
  });
  await world.db.offer.createMany({ data: [only("East Coast Depot", shellVariantId, "SHELL"), only("West Coast Goods", lanternVariantId, "LANTERN")] });
  const { saveRoutingPolicy } = await import("../../app/models/routing.server");
  await saveRoutingPolicy(world.db, TEST_SHOP, { split: { allowed: true, minBasketValue: 0, maxParcels: 2 }, timeZone: "America/Los_Angeles" });
}, 60_000);

afterAll(async () => {
  await world?.fake.close();
  await smtp?.close();
  await receiver?.close();
});

/** `{ operation: calls }` for the run, the way the assertions below spell it. */
function callsByOperation(run: PipelineRun): Record<string, number> {
  return Object.fromEntries(run.byOperation.map((t) => [t.operationName, t.calls]));
}

async function countedRun(lines: { variantId: string; quantity: number }[]) {
  reads.suppliers = 0;
  reads.offers = 0;
  const run = await driveOrderToFulfilled(world, lines);
  return { run, supplierListReads: reads.suppliers, offerReads: reads.offers };
}

describe("Admin API calls per order, webhook → fulfilled", () => {
  it("one supplier: route, move, submit, accept, fulfill with tracking", async () => {
    const { run, supplierListReads, offerReads } = await countedRun([{ variantId: world.variantId, quantity: 1 }]);
    // The order really went the whole way: at West, accepted, fulfilled with UPS tracking.
    const west = world.suppliers["West Coast Goods"];
    expect(run.purchaseOrders).toEqual([expect.objectContaining({ supplierId: west.id, status: "shipped" })]);
    expect(placement(world, run.orderId)).toEqual([]);
    expect(run.fulfillments).toEqual([expect.objectContaining({ trackingInfo: [expect.objectContaining({ company: "UPS" })] })]);

    expect(callsByOperation(run)).toEqual({
      FulfillmentOrderOrder: 2,
      OrderFulfillmentOrders: 3,
      FulfillmentOrderMove: 1,
      FulfillmentOrderForPurchaseOrder: 2,
      FulfillmentRequestSubmit: 1,
      AssignedFulfillmentOrders: 1,
      FulfillmentRequestAccept: 1,
      FulfillmentOrderForShipment: 1,
      ShipmentFulfillmentCreate: 1,
      OrderTrackingMetafieldSet: 1,
    });
    expect(run.calls).toBe(14);
    expect(run.actualCost).toBe(171);
    expect({ supplierListReads, offerReads }).toEqual({ supplierListReads: 5, offerReads: 3 });
  });

  it("two suppliers: the order splits, each part is moved, submitted, accepted and fulfilled", async () => {
    const { run, supplierListReads, offerReads } = await countedRun([
      { variantId: lanternVariantId, quantity: 1 },
      { variantId: shellVariantId, quantity: 1 },
    ]);
    expect(run.purchaseOrders.map((po) => [po.supplierId, po.status]).sort()).toEqual(
      [[world.suppliers["West Coast Goods"].id, "shipped"], [world.suppliers["East Coast Depot"].id, "shipped"]].sort(),
    );
    expect(run.fulfillments).toHaveLength(2);

    expect(callsByOperation(run)).toEqual({
      FulfillmentOrderOrder: 3,
      OrderFulfillmentOrders: 4,
      FulfillmentOrderMove: 2,
      FulfillmentOrderForPurchaseOrder: 6,
      FulfillmentRequestSubmit: 2,
      AssignedFulfillmentOrders: 2,
      FulfillmentRequestAccept: 2,
      FulfillmentOrderForShipment: 2,
      ShipmentFulfillmentCreate: 2,
      OrderTrackingMetafieldSet: 2,
    });
    expect(run.calls).toBe(27);
    expect(run.actualCost).toBe(312);
    expect({ supplierListReads, offerReads }).toEqual({ supplierListReads: 7, offerReads: 7 });
  });
});
