/**
 * fulfillment_orders/fulfillment_request_{submitted,accepted,rejected},
 * cancellation_request_{accepted,rejected}, placed_on_hold and hold_released against the fake
 * Admin API: Dropline's own requests and answers are recognised and book nothing; answers given in
 * Shopify by someone else move our purchase order after the grace period, as the portal's answer
 * would (ladder, re-routing); duplicates and reversed deliveries end in the state Shopify shows;
 * a hold in Shopify holds the purchase order and its ladder until released.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { placeOrder } from "../helpers/coordination";
import { redelivery, startHarness, type Harness } from "../helpers/reconciliation";

useTestAppEnv();

// Monday 1 March 2027, 10:00 in Los Angeles (West answers 09:00–17:00 there).
const T0 = Date.parse("2027-03-01T18:00:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const GRACE = 60_000;

let h: Harness;
let portal: typeof import("../../app/services/portal/portal-actions.server");
let requests: typeof import("../../app/shopify/fulfillment-requests");
let orders: typeof import("../../app/shopify/fulfillment-orders");
let operation: typeof import("../../app/shopify/operation").operation;

const po = (id: string) => h.world.db.purchaseOrder.findUniqueOrThrow({ where: { id } });
const eventKinds = async (orderId: string) => (await h.world.db.orderEvent.findMany({ where: { orderId } })).map((e) => e.kind);
const reminders = (number: string) => h.smtp.mails.filter((m) => m.subject.startsWith(`Reminder: purchase order ${number}`)).length;
const tomorrow = () => new Date(h.now() + DAY).toISOString().slice(0, 10);

async function acceptedOrder() {
  const placed = await h.routedOrder();
  const west = await h.portal("West Coast Goods");
  expect(await portal.acceptPurchaseOrder(h.coordination(), west, placed.poId, { requestId: `accept-${placed.poId}`, shipDate: tomorrow() })).toMatchObject({
    ok: true,
  });
  await h.settle();
  return placed;
}

async function releaseHold(fulfillmentOrderId: string) {
  const doc = operation<
    {
      fulfillmentOrderReleaseHold: {
        fulfillmentOrder: { id: string; status: string } | null;
        userErrors: { field: string[] | null; message: string }[];
      } | null;
    },
    { id: string }
  >(`#graphql
    mutation PersonReleasesHold($id: ID!) {
      fulfillmentOrderReleaseHold(id: $id) { fulfillmentOrder { id status } userErrors { field message } }
    }
  `);
  await (await h.otherApp()).mutate(doc, { id: fulfillmentOrderId }, "fulfillmentOrderReleaseHold");
}

beforeAll(async () => {
  h = await startHarness(T0);
  portal = await import("../../app/services/portal/portal-actions.server");
  requests = await import("../../app/shopify/fulfillment-requests");
  orders = await import("../../app/shopify/fulfillment-orders");
  ({ operation } = await import("../../app/shopify/operation"));
}, 60_000);

afterAll(() => h?.close());

describe("requests and answers Dropline made itself", () => {
  it("the echoes of our own request and acceptance book no job and change nothing", async () => {
    const { poId, orderId } = await acceptedOrder();
    h.pass(GRACE + 1000);
    await h.settle();
    expect(await h.jobsOf("reconcile_request_answer")).toEqual([]);
    expect((await h.jobsOf("sync_assigned_fulfillment_orders")).filter((j) => j.dedupeKey.includes("request_submitted"))).toEqual([]);
    expect(await po(poId)).toMatchObject({ status: "accepted", ladderStep: "acknowledged" });
    expect(await eventKinds(orderId)).not.toContain("answered_in_shopify");
  });
});

describe("fulfillment_orders/fulfillment_request_submitted", () => {
  it("a request a person submitted in Shopify becomes a purchase order for that supplier", async () => {
    const order = placeOrder(h.world);
    h.take(); // Dropline never sees this order's routing: a person handles it in Shopify.
    const east = h.world.suppliers["East Coast Depot"];
    const fo = h.world.fake.store.shop(TEST_SHOP).fulfillmentOrdersOf(order.id)[0]!;
    const client = await h.otherApp();
    await orders.moveFulfillmentOrder(client, fo.id, east.locationId);
    await client.mutate(
      requests.FULFILLMENT_REQUEST_SUBMIT,
      { id: fo.id, message: "Please ship this one", notifyCustomer: false },
      "fulfillmentOrderSubmitFulfillmentRequest",
    );
    const submitted = h.take().filter((x) => x.topic === "fulfillment_orders/fulfillment_request_submitted");
    expect(submitted).toHaveLength(1);
    await h.deliver(submitted);
    await h.settle();
    const pos = await h.world.db.purchaseOrder.findMany({ where: { orderId: order.id } });
    expect(pos.map((p) => [p.supplierId, p.status, p.fulfillmentOrderId])).toEqual([[east.id, "sent", fo.id]]);
    // Its echo, delivered again, is now recognised.
    const syncs = (await h.jobsOf("sync_assigned_fulfillment_orders")).length;
    await h.deliver([redelivery(submitted[0]!, "submitted-again")]);
    expect(await h.jobsOf("sync_assigned_fulfillment_orders")).toHaveLength(syncs);
  });
});

describe("answers given in Shopify, not through Dropline", () => {
  it("an acceptance accepts our purchase order after the grace period and acknowledges its ladder; a duplicate changes nothing", async () => {
    const { poId, orderId, fulfillmentOrderId } = await h.routedOrder();
    expect(await po(poId)).toMatchObject({ status: "sent", ladderStep: "awaiting_ack" });
    await requests.acceptFulfillmentRequest(await h.otherApp(), fulfillmentOrderId, new Date(h.now() + DAY).toISOString(), "Accepted in our ERP");
    const hooks = h.take();
    const accepted = hooks.find((x) => x.topic === "fulfillment_orders/fulfillment_request_accepted")!;
    await h.deliver(hooks);
    expect(await po(poId)).toMatchObject({ status: "sent" });
    expect(await h.jobsOf("reconcile_request_answer")).toEqual([expect.objectContaining({ status: "queued", runAt: new Date(h.now() + GRACE) })]);

    h.pass(GRACE);
    await h.settle();
    expect(await po(poId)).toMatchObject({ status: "accepted", ladderStep: "acknowledged", acknowledgedAt: new Date(h.now()) });
    const entry = await h.world.db.orderEvent.findFirstOrThrow({ where: { orderId, kind: "answered_in_shopify" } });
    expect(entry.detail).toContain("Accepted in our ERP");

    const jobs = (await h.jobsOf("reconcile_request_answer")).length;
    await h.deliver([redelivery(accepted, "accepted-again")]);
    expect(await h.jobsOf("reconcile_request_answer")).toHaveLength(jobs);
    expect(await h.world.db.orderEvent.count({ where: { orderId, kind: "answered_in_shopify" } })).toBe(1);
  });

  it("a rejection rejects our purchase order and the order is re-routed to the next supplier", async () => {
    const { poId, orderId, fulfillmentOrderId } = await h.routedOrder();
    await requests.rejectFulfillmentRequest(await h.otherApp(), {
      id: fulfillmentOrderId,
      reason: "INVENTORY_OUT_OF_STOCK",
      message: "None left in the warehouse",
    });
    await h.settle();
    h.pass(GRACE);
    await h.settle();
    const rejected = await po(poId);
    expect(rejected.status).toBe("rejected");
    expect(JSON.parse(rejected.rejection!)).toMatchObject({ message: expect.stringContaining("None left in the warehouse") });
    // Out of stock, in the supplier's words: one oversell incident for the supplier.
    expect(await h.world.db.oversellIncident.findMany({ where: { orderId } })).toEqual([
      expect.objectContaining({ supplierId: rejected.supplierId, source: "shopify_reject", eventKey: `reject:${poId}` }),
    ]);
    const east = h.world.suppliers["East Coast Depot"];
    const next = await h.world.db.purchaseOrder.findFirstOrThrow({ where: { orderId, supplierId: east.id } });
    expect(next.status).toBe("sent");
  });

  it("a cancellation accepted by the supplier's own system cancels our purchase order and its ladder", async () => {
    const { poId, orderId, fulfillmentOrderId } = await acceptedOrder();
    h.world.fake.cancelOrder({ shop: TEST_SHOP, orderId });
    await h.settle();
    expect(await po(poId)).toMatchObject({ status: "cancellation_requested" });
    await requests.acceptCancellationRequest(await h.otherApp(), fulfillmentOrderId, "Stopped before packing");
    await h.settle();
    h.pass(GRACE);
    await h.settle();
    expect(await po(poId)).toMatchObject({ status: "cancelled", ladderStep: "cancelled" });
    expect(await eventKinds(orderId)).toContain("answered_in_shopify");
  });

  it("a cancellation rejected in Shopify puts our purchase order back to accepted", async () => {
    const { poId, orderId, fulfillmentOrderId } = await acceptedOrder();
    h.world.fake.cancelOrder({ shop: TEST_SHOP, orderId });
    await h.settle();
    expect(await po(poId)).toMatchObject({ status: "cancellation_requested" });
    await requests.rejectCancellationRequest(await h.otherApp(), fulfillmentOrderId, "Already shipped");
    await h.settle();
    h.pass(GRACE);
    await h.settle();
    expect(await po(poId)).toMatchObject({ status: "accepted" });
  });

  it("an acceptance and a cancellation delivered in reverse end as Shopify shows them: cancelled", async () => {
    const { poId, orderId, fulfillmentOrderId } = await h.routedOrder();
    const client = await h.otherApp();
    await requests.acceptFulfillmentRequest(client, fulfillmentOrderId, new Date(h.now() + DAY).toISOString(), "ok");
    h.world.fake.cancelOrder({ shop: TEST_SHOP, orderId });
    await requests.acceptCancellationRequest(client, fulfillmentOrderId, "Stopped");
    const hooks = h.take();
    const answers = hooks.filter((x) => /fulfillment_request_accepted|cancellation_request_accepted/.test(x.topic)).reverse();
    expect(answers.map((x) => x.topic)).toEqual(["fulfillment_orders/cancellation_request_accepted", "fulfillment_orders/fulfillment_request_accepted"]);
    await h.deliver(answers);
    h.pass(GRACE);
    await h.settle();
    expect(await po(poId)).toMatchObject({ status: "cancelled" });
    // The order's own webhooks, late, change nothing more.
    await h.deliver(hooks.filter((x) => !answers.includes(x)));
    h.pass(GRACE);
    await h.settle();
    expect(await po(poId)).toMatchObject({ status: "cancelled" });
    expect(await h.world.db.orderEvent.count({ where: { orderId, kind: "answered_in_shopify" } })).toBe(1);
  });
});

describe("fulfillment_orders/placed_on_hold and hold_released", () => {
  it("a hold in Shopify holds the purchase order with its reason; the ladder waits and starts again on release", async () => {
    const { poId, orderId, fulfillmentOrderId } = await h.routedOrder();
    const sent = await po(poId);
    const firstReminder = (JSON.parse(sent.ladder!) as { nextTimer: { dueAtMs: number } }).nextTimer.dueAtMs;
    await orders.holdFulfillmentOrder(await h.otherApp(), fulfillmentOrderId, {
      reason: "OTHER",
      reasonNotes: "Fraud check",
      handle: "merchant-check",
      notifyMerchant: false,
    });
    await h.settle();
    expect(await po(poId)).toMatchObject({ shopifyHold: "Other: Fraud check", held: false });
    expect(await eventKinds(orderId)).toContain("held_in_shopify");

    // The reminder falls due while held: nobody is chased.
    h.pass(firstReminder - h.now() + HOUR);
    await h.settle();
    expect(reminders(sent.number)).toBe(0);
    expect(await po(poId)).toMatchObject({ ladderStep: "awaiting_ack" });

    await releaseHold(fulfillmentOrderId);
    await h.settle();
    const released = await po(poId);
    expect(released).toMatchObject({ shopifyHold: null, ladderStep: "awaiting_ack" });
    const restarted = (JSON.parse(released.ladder!) as { nextTimer: { dueAtMs: number } }).nextTimer.dueAtMs;
    expect(restarted).toBeGreaterThan(h.now());
    h.pass(restarted - h.now() + 1000);
    await h.settle();
    expect(reminders(sent.number)).toBe(1);
    expect(await po(poId)).toMatchObject({ ladderStep: "reminded" });
  });

  it("a hold and its release delivered in reverse leave the purchase order released", async () => {
    const { poId, fulfillmentOrderId } = await h.routedOrder();
    await orders.holdFulfillmentOrder(await h.otherApp(), fulfillmentOrderId, {
      reason: "OTHER",
      reasonNotes: "Address check",
      handle: "address-check",
      notifyMerchant: false,
    });
    h.pass(60_000);
    await releaseHold(fulfillmentOrderId);
    const hooks = h.take();
    const hold = hooks.find((x) => x.topic === "fulfillment_orders/placed_on_hold")!;
    const release = hooks.find((x) => x.topic === "fulfillment_orders/hold_released")!;
    // Each processed before the next arrives: the release first, then the older hold, twice.
    await h.deliver([release]);
    await h.deliver([hold]);
    await h.deliver([redelivery(hold, "hold-again")]);
    await h.settle();
    expect(await po(poId)).toMatchObject({ shopifyHold: null });
  });
});
