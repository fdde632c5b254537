/**
 * fulfillments/create and fulfillments/update against the fake Admin API: Dropline's own
 * fulfillments change nothing (even delivered twice); a fulfillment made outside Dropline ships the
 * purchase order and closes its "no tracking" case; one without tracking opens no false case; a
 * fulfillment cancelled in Shopify reopens the purchase order; tracking edited in Shopify and the
 * progress of an outside fulfillment reach our shipment, and nothing is posted back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { redelivery, startHarness, type Harness } from "../helpers/reconciliation";

useTestAppEnv();

// Monday 1 March 2027, 10:00 in Los Angeles.
const T0 = Date.parse("2027-03-01T18:00:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const GRACE = 60_000;
const UPS = ["1Z999AA10123456784", "1Z999AA10123456793", "1Z999AA10123456800", "1Z999AA10123456819", "1Z999AA10123456828"] as const;
const USPS = "9400111202555842332669";

let h: Harness;
let portal: typeof import("../../app/services/portal/portal-actions.server");
let shopify: typeof import("../../app/shopify/fulfillments");
let operation: typeof import("../../app/shopify/operation").operation;

const fulfillmentsOf = (orderId: string) => [...h.world.fake.store.shop(TEST_SHOP).fulfillments.values()].filter((f) => f.orderId === orderId);
const eventKinds = async (orderId: string) => (await h.world.db.orderEvent.findMany({ where: { orderId }, orderBy: { at: "asc" } })).map((e) => e.kind);
const tomorrow = () => new Date(h.now() + DAY).toISOString().slice(0, 10);

/** Routed to West, accepted in the portal with tomorrow as the ship date. */
async function acceptedOrder() {
  const placed = await h.routedOrder();
  const west = await h.portal("West Coast Goods");
  expect(await portal.acceptPurchaseOrder(h.coordination(), west, placed.poId, { requestId: `accept-${placed.poId}`, shipDate: tomorrow() })).toMatchObject({
    ok: true,
  });
  await h.settle();
  return { ...placed, west };
}

/** What another app (or a person in Shopify admin) sends: a fulfillment of the whole fulfillment order. */
async function fulfillOutside(fulfillmentOrderId: string, tracking: { company: string; numbers: string[] } | null) {
  const fo = h.world.fake.store.shop(TEST_SHOP).fulfillmentOrders.get(fulfillmentOrderId)!;
  const lines = fo.lineItems.filter((l) => l.remainingQuantity > 0).map((l) => ({ id: l.id, quantity: l.remainingQuantity }));
  const doc = operation<
    { fulfillmentCreate: { fulfillment: { id: string } | null; userErrors: { field: string[] | null; message: string }[] } | null },
    { fulfillment: object }
  >(`#graphql
    mutation OtherAppFulfillment($fulfillment: FulfillmentInput!) {
      fulfillmentCreate(fulfillment: $fulfillment) { fulfillment { id } userErrors { field message } }
    }
  `);
  const input = {
    notifyCustomer: false,
    lineItemsByFulfillmentOrder: [{ fulfillmentOrderId, fulfillmentOrderLineItems: lines }],
    ...(tracking ? { trackingInfo: tracking } : {}),
  };
  const created = await (await h.otherApp()).mutate(doc, { fulfillment: input }, "fulfillmentCreate");
  return created.fulfillment!.id;
}

async function cancelInShopify(fulfillmentId: string) {
  const doc = operation<
    { fulfillmentCancel: { fulfillment: { id: string; status: string } | null; userErrors: { field: string[] | null; message: string }[] } | null },
    { id: string }
  >(`#graphql
    mutation PersonCancelsFulfillment($id: ID!) {
      fulfillmentCancel(id: $id) { fulfillment { id status } userErrors { field message } }
    }
  `);
  await (await h.otherApp()).mutate(doc, { id: fulfillmentId }, "fulfillmentCancel");
}

beforeAll(async () => {
  h = await startHarness(T0);
  portal = await import("../../app/services/portal/portal-actions.server");
  shopify = await import("../../app/shopify/fulfillments");
  ({ operation } = await import("../../app/shopify/operation"));
}, 60_000);

afterAll(() => h?.close());

describe("fulfillments/create", () => {
  it("our own fulfillment's webhooks, delivered twice, change nothing and book no reconcile job", async () => {
    const { orderId, poId, west } = await acceptedOrder();
    expect(await portal.submitTracking(h.coordination(), west, poId, { requestId: `track-${poId}`, trackingNumbers: UPS[0] })).toMatchObject({ ok: true });
    const hooks = h.take();
    const created = hooks.find((x) => x.topic === "fulfillments/create");
    expect(created).toBeDefined();
    await h.deliver(hooks);
    await h.deliver([created!, redelivery(created!, "own-fulfillment-again")]);
    h.pass(GRACE + 1000);
    await h.settle();

    expect(await h.jobsOf("reconcile_fulfillment")).toEqual([]);
    const shipments = await h.world.db.shipment.findMany({ where: { orderId } });
    expect(shipments.map((s) => [s.source, s.syncStatus])).toEqual([["portal", "synced"]]);
    expect(await h.world.db.purchaseOrder.findUniqueOrThrow({ where: { id: poId } })).toMatchObject({ status: "shipped" });
    expect(await eventKinds(orderId)).not.toContain("fulfilled_outside_dropline");
  });

  it("a fulfillment made outside Dropline ships the purchase order and closes its 'no tracking' case; a duplicate changes nothing", async () => {
    const { orderId, poId, fulfillmentOrderId } = await acceptedOrder();
    const po = await h.world.db.purchaseOrder.findUniqueOrThrow({ where: { id: poId } });
    // The committed ship date passes without tracking: the sweep opens the case.
    h.pass(po.committedShipAt!.getTime() - h.now() + HOUR);
    const { sweepExceptions } = await import("../../app/services/tracking/exceptions.server");
    await sweepExceptions(h.services(), TEST_SHOP);
    const open = await h.world.db.exceptionCase.findMany({ where: { subjectId: `po:${poId}` } });
    expect(open.map((c) => [c.type, c.status])).toEqual([["no_tracking_by_ship_date", "open"]]);

    const fulfillmentId = await fulfillOutside(fulfillmentOrderId, { company: "UPS", numbers: [UPS[1]] });
    const hooks = h.take();
    const created = hooks.find((x) => x.topic === "fulfillments/create")!;
    await h.deliver(hooks);
    // Booked for after the grace period, not run yet: nothing has changed.
    expect(await h.jobsOf("reconcile_fulfillment")).toEqual([expect.objectContaining({ status: "queued", runAt: new Date(h.now() + GRACE) })]);
    expect(await h.world.db.shipment.count({ where: { orderId } })).toBe(0);

    h.pass(GRACE);
    await h.settle();
    const shipment = await h.world.db.shipment.findFirstOrThrow({ where: { orderId }, include: { parcels: true } });
    expect(shipment).toMatchObject({ source: "shopify", syncStatus: "synced", fulfillmentId, purchaseOrderId: poId, carrier: "UPS" });
    expect(shipment.parcels.map((p) => p.trackingNumber)).toEqual([UPS[1]]);
    expect(JSON.parse(shipment.lines)).toEqual([expect.objectContaining({ fulfillmentOrderId, sku: "MUG", quantity: 1 })]);
    const after = await h.world.db.purchaseOrder.findUniqueOrThrow({ where: { id: poId } });
    expect(after).toMatchObject({ status: "shipped", ladderStep: "closed" });
    const cases = await h.world.db.exceptionCase.findMany({ where: { subjectId: `po:${poId}` } });
    expect(cases.map((c) => [c.type, c.status, c.closedReason])).toEqual([["no_tracking_by_ship_date", "closed", "Tracking number received"]]);
    expect(await eventKinds(orderId)).toEqual(expect.arrayContaining(["fulfilled_outside_dropline", "exception_closed"]));
    // Only one fulfillment in Shopify: Dropline created none of its own.
    expect(fulfillmentsOf(orderId)).toHaveLength(1);

    // The same news again (a new event id) and the update Shopify sends with it: nothing new.
    const jobsBefore = (await h.jobsOf("reconcile_fulfillment")).length;
    const eventsBefore = await h.world.db.orderEvent.count({ where: { orderId } });
    await h.deliver([redelivery(created, "outside-again"), created]);
    h.pass(GRACE + 1000);
    await h.settle();
    expect(await h.jobsOf("reconcile_fulfillment")).toHaveLength(jobsBefore);
    expect(await h.world.db.shipment.count({ where: { orderId } })).toBe(1);
    expect(await h.world.db.orderEvent.count({ where: { orderId } })).toBe(eventsBefore);
  });

  it("a fulfillment marked done in Shopify without tracking ships the purchase order and opens no false case", async () => {
    const { orderId, poId, fulfillmentOrderId } = await acceptedOrder();
    await fulfillOutside(fulfillmentOrderId, null);
    await h.settle();
    h.pass(GRACE);
    await h.settle();
    const shipment = await h.world.db.shipment.findFirstOrThrow({ where: { orderId }, include: { parcels: true } });
    expect(shipment).toMatchObject({ source: "shopify", carrier: null, parcels: [] });
    expect(await h.world.db.purchaseOrder.findUniqueOrThrow({ where: { id: poId } })).toMatchObject({ status: "shipped" });
    const timeline = await h.world.db.orderEvent.findFirstOrThrow({ where: { orderId, kind: "fulfilled_outside_dropline" } });
    expect(timeline.detail).toContain("no tracking number");

    // Past the committed ship date and days beyond: neither "no tracking" nor "label without pickup".
    h.pass(6 * DAY);
    const { sweepExceptions } = await import("../../app/services/tracking/exceptions.server");
    await sweepExceptions(h.services(), TEST_SHOP);
    expect(await h.world.db.exceptionCase.count({ where: { subjectId: { in: [`po:${poId}`, `shipment:${shipment.id}`] } } })).toBe(0);
  });
});

describe("fulfillments/update", () => {
  it("a fulfillment cancelled in Shopify reopens the purchase order, asks staff, and is never created again; a duplicate changes nothing", async () => {
    const { orderId, poId, west } = await acceptedOrder();
    expect(await portal.submitTracking(h.coordination(), west, poId, { requestId: `track-${poId}`, trackingNumbers: UPS[2] })).toMatchObject({ ok: true });
    await h.settle();
    const ours = await h.world.db.shipment.findFirstOrThrow({ where: { orderId } });
    expect(await h.world.db.purchaseOrder.findUniqueOrThrow({ where: { id: poId } })).toMatchObject({ status: "shipped" });

    await cancelInShopify(ours.fulfillmentId!);
    const hooks = h.take();
    const update = hooks.find((x) => x.topic === "fulfillments/update")!;
    await h.deliver(hooks);
    h.pass(GRACE);
    await h.settle();
    expect(await h.world.db.shipment.findUniqueOrThrow({ where: { id: ours.id } })).toMatchObject({ syncStatus: "cancelled" });
    expect(await h.world.db.purchaseOrder.findUniqueOrThrow({ where: { id: poId } })).toMatchObject({ status: "accepted" });
    const tasks = await h.world.db.staffTask.findMany({ where: { purchaseOrderId: poId, kind: "fulfillment_cancelled" } });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.message).toContain(UPS[2]);
    expect(await eventKinds(orderId)).toContain("fulfillment_cancelled");
    // The customer's tracking no longer lists the cancelled parcel.
    const metafield = [...h.world.fake.store.shop(TEST_SHOP).metafields.values()].find((m) => m.ownerId === orderId && m.key === "tracking")!;
    expect(JSON.parse(metafield.value)).toMatchObject({ p: [], a: 1 });

    // A retried sync of the shipment does not create the fulfillment again.
    const { syncShipment } = await import("../../app/services/tracking/sync.server");
    expect(await syncShipment(h.services(), TEST_SHOP, ours.id)).toMatchObject({ ok: false });
    expect(fulfillmentsOf(orderId).map((f) => f.status)).toEqual(["CANCELLED"]);

    const jobsBefore = (await h.jobsOf("reconcile_fulfillment")).length;
    await h.deliver([redelivery(update, "cancel-again")]);
    h.pass(GRACE);
    await h.settle();
    expect(await h.jobsOf("reconcile_fulfillment")).toHaveLength(jobsBefore);
    expect(await h.world.db.staffTask.count({ where: { purchaseOrderId: poId } })).toBe(1);
  });

  it("tracking edited on our fulfillment in Shopify replaces our parcels; our own correction's echo changes nothing", async () => {
    const { orderId, poId, west } = await acceptedOrder();
    expect(await portal.submitTracking(h.coordination(), west, poId, { requestId: `track-${poId}`, trackingNumbers: UPS[3] })).toMatchObject({ ok: true });
    await h.settle();
    const ours = await h.world.db.shipment.findFirstOrThrow({ where: { orderId } });

    await shopify.updateFulfillmentTracking(await h.otherApp(), ours.fulfillmentId!, { company: "USPS", numbers: [USPS] }, false);
    await h.settle();
    h.pass(GRACE);
    await h.settle();
    const edited = await h.world.db.shipment.findUniqueOrThrow({ where: { id: ours.id }, include: { parcels: true } });
    expect(edited).toMatchObject({ carrier: "USPS", syncStatus: "synced" });
    expect(edited.parcels.map((p) => p.trackingNumber)).toEqual([USPS]);
    expect(await eventKinds(orderId)).toContain("tracking_changed_in_shopify");

    const jobsBefore = (await h.jobsOf("reconcile_fulfillment")).length;
    const { correctShipmentTracking } = await import("../../app/services/tracking/intake.server");
    expect(await correctShipmentTracking(h.services(), TEST_SHOP, ours.id, { trackingNumbers: [UPS[4]], carrier: "UPS" })).toMatchObject({ ok: true });
    await h.settle();
    h.pass(GRACE);
    await h.settle();
    expect(await h.jobsOf("reconcile_fulfillment")).toHaveLength(jobsBefore);
    const corrected = await h.world.db.shipment.findUniqueOrThrow({ where: { id: ours.id }, include: { parcels: true } });
    expect(corrected.parcels.map((p) => p.trackingNumber)).toEqual([UPS[4]]);
  });

  it("progress Shopify reports for an outside fulfillment moves our shipment's stage and is not posted back", async () => {
    const outside = await h.world.db.shipment.findFirstOrThrow({ where: { source: "shopify", carrier: "UPS" }, include: { parcels: true } });
    const happenedAt = new Date(h.now()).toISOString();
    await shopify.createFulfillmentEvent(await h.otherApp(), { fulfillmentId: outside.fulfillmentId!, status: "IN_TRANSIT", happenedAt });
    await h.settle();
    h.pass(GRACE);
    await h.settle();
    expect(await h.world.db.shipment.findUniqueOrThrow({ where: { id: outside.id } })).toMatchObject({ stage: "in_transit" });
    const recorded = await h.world.db.carrierEvent.findMany({ where: { shipmentId: outside.id } });
    expect(recorded.map((e) => [e.source, e.outcome, e.fulfillmentEventId])).toEqual([["shopify", "applied", null]]);
    // Shopify still has the one event the other app posted.
    expect(h.world.fake.store.shop(TEST_SHOP).fulfillments.get(outside.fulfillmentId!)!.events).toHaveLength(1);
  });
});
