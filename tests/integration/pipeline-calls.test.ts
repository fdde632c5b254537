/**
 * What one order costs in Admin API calls, from `orders/create` to the fulfillment with tracking,
 * through the real app: the fake's webhooks and fulfillment-service callbacks delivered to the
 * app's routes, the worker drained, the supplier answering in the portal. The fake's request log
 * counts every call per operation; the counts are exact, so a step that starts reading Shopify
 * again fails here. Also counted: the supplier list and offer reads per routed order.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { placement, placeOrder, type World } from "../helpers/coordination";
import { driveOrderToFulfilled, portalPost, settle, setUpPipelineWorld, upsNumberFor, type PipelineRun } from "../helpers/pipeline";

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
let close: () => Promise<void>;
let shellVariantId = "";
let lanternVariantId = "";

beforeAll(async () => {
  ({ world, shellVariantId, lanternVariantId, close } = await setUpPipelineWorld());
}, 60_000);

afterAll(async () => {
  await close?.();
});

/** Calls and cost points per operation, in the order the operations first ran. */
function tally(run: PipelineRun) {
  return run.byOperation.map(({ operationName, calls, requestedCost, actualCost }) => ({ operationName, calls, requestedCost, actualCost }));
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

    // One read (the order with its fulfillment orders, through the fulfillment order the webhook
    // named), then only the changes: the echoes of our own move and request do nothing. Before
    // this pipeline went forward-only it took 14 calls and 171 points (707 requested).
    expect(tally(run)).toEqual([
      { operationName: "OrderForRouting", calls: 1, requestedCost: 185, actualCost: 27 },
      { operationName: "FulfillmentOrderMove", calls: 1, requestedCost: 35, actualCost: 17 },
      { operationName: "FulfillmentRequestSubmit", calls: 1, requestedCost: 10, actualCost: 10 },
      { operationName: "FulfillmentRequestAccept", calls: 1, requestedCost: 10, actualCost: 10 },
      { operationName: "ShipmentFulfillmentWithTracking", calls: 1, requestedCost: 21, actualCost: 21 },
    ]);
    expect(run.calls).toBeLessThanOrEqual(5);
    expect({ calls: run.calls, actualCost: run.actualCost, requestedCost: run.requestedCost }).toEqual({ calls: 5, actualCost: 85, requestedCost: 261 });
    // The supplier list and the offers are read once for the routed order (were 5 and 3 times).
    expect({ supplierListReads, offerReads }).toEqual({ supplierListReads: 1, offerReads: 1 });
  });

  it("two suppliers: the order splits, each part is moved, submitted, accepted and fulfilled", async () => {
    const { run, supplierListReads, offerReads } = await countedRun([
      { variantId: lanternVariantId, quantity: 1 },
      { variantId: shellVariantId, quantity: 1 },
    ]);
    expect(run.purchaseOrders.map((po) => [po.supplierId, po.status]).sort()).toEqual(
      [
        [world.suppliers["West Coast Goods"].id, "shipped"],
        [world.suppliers["East Coast Depot"].id, "shipped"],
      ].sort(),
    );
    expect(run.fulfillments).toHaveLength(2);

    // Still one read; each part then costs its move, request, acceptance and fulfillment. Before:
    // 27 calls and 312 points (1,112 requested).
    expect(tally(run)).toEqual([
      { operationName: "OrderForRouting", calls: 1, requestedCost: 185, actualCost: 27 },
      { operationName: "FulfillmentOrderMove", calls: 2, requestedCost: 70, actualCost: 34 },
      { operationName: "FulfillmentRequestSubmit", calls: 2, requestedCost: 20, actualCost: 20 },
      { operationName: "FulfillmentRequestAccept", calls: 2, requestedCost: 20, actualCost: 20 },
      { operationName: "ShipmentFulfillmentWithTracking", calls: 2, requestedCost: 42, actualCost: 42 },
    ]);
    expect({ calls: run.calls, actualCost: run.actualCost, requestedCost: run.requestedCost }).toEqual({ calls: 9, actualCost: 143, requestedCost: 337 });
    expect({ supplierListReads, offerReads }).toEqual({ supplierListReads: 1, offerReads: 1 });
  });
});

describe("a supplier's tracking, checked against Dropline's own records", () => {
  const inTwoDays = () => new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);

  async function acceptedOrder() {
    const order = placeOrder(world);
    await settle(world);
    const po = await world.db.purchaseOrder.findFirstOrThrow({ where: { orderId: order.id } });
    const { rotatePortalToken } = await import("../../app/models/portal-tokens.server");
    const token = await rotatePortalToken(world.db, TEST_SHOP, po.supplierId, new Date());
    expect(await portalPost(token, { intent: "accept", poId: po.id, requestId: `accept-${po.id}`, shipDate: inTwoDays() })).toMatchObject({ ok: true });
    await settle(world);
    return { order, po, token };
  }

  it("refuses more than the purchase order asked for, in the supplier's words, without asking Shopify", async () => {
    const { po } = await acceptedOrder();
    const { recordSupplierShipment } = await import("../../app/services/tracking/intake.server");
    const { services } = await import("../../app/services.server");
    const mark = world.fake.markRequests();
    const result = await recordSupplierShipment(services(), TEST_SHOP, {
      supplierId: po.supplierId,
      fulfillmentOrderIds: [po.fulfillmentOrderId],
      lines: [{ sku: "MUG", quantity: 2 }],
      trackingNumbers: [upsNumberFor(po.id, 0)],
      source: "api",
    });
    // The line as the supplier's purchase order names it.
    expect(result).toEqual({
      ok: false,
      failure: { status: 409, message: "Camp Mug — Default Title (MUG): 2 requested but only 1 left to ship (0 of 1 already fulfilled)." },
    });
    expect(world.fake.requestLog({ since: mark })).toEqual([]);
  });

  it("Shopify's refusal (a change behind Dropline's back) reaches the supplier, and the customer's summary is written again without the parcel", async () => {
    const { order, po, token } = await acceptedOrder();
    // Someone fulfils the order in Shopify directly: Dropline's records do not know.
    const behind = await world.fake.graphql(
      "mutation Behind($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id } userErrors { message } } }",
      { f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: po.fulfillmentOrderId }] } },
    );
    expect(behind.body.data).toMatchObject({ fulfillmentCreate: { userErrors: [] } });
    const mark = world.fake.markRequests();
    const answer = await portalPost(token, { intent: "tracking", poId: po.id, requestId: `tracking-${po.id}`, trackingNumbers: upsNumberFor(po.id, 0) });
    expect(answer).toMatchObject({ ok: false, failure: { status: 409, message: expect.stringContaining("Shopify refused the fulfillment") } });
    expect(world.fake.requestLog({ since: mark }).map((r) => r.operationName)).toEqual(["ShipmentFulfillmentWithTracking", "OrderTrackingMetafieldSet"]);
    const metafield = [...world.fake.store.shop(TEST_SHOP).metafields.values()].find((m) => m.ownerId === order.id && m.key === "tracking")!;
    expect(JSON.parse(metafield.value)).toMatchObject({ p: [] });
    expect(await world.db.shipment.findFirstOrThrow({ where: { orderId: order.id } })).toMatchObject({ syncStatus: "failed" });
    expect(await world.db.purchaseOrder.findUniqueOrThrow({ where: { id: po.id } })).toMatchObject({ status: "accepted" });
  });
});
