/**
 * Exactly once against Shopify, with faults injected in the fake Admin API: a mutation that runs
 * but whose answer is lost (as a crash right after the call would leave it), a crash between
 * Shopify's answer and our local write, duplicate and out-of-order webhooks and carrier events.
 * Every assertion reads the fake's state: one fulfillment per shipment, one fulfillment event per
 * stage change, an acceptance Shopify holds is never cancelled by the ladder.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { redelivery, startHarness, type Harness } from "../helpers/reconciliation";

useTestAppEnv();

// Monday 1 March 2027, 10:00 in Los Angeles (West answers 09:00–17:00 there).
const T0 = Date.parse("2027-03-01T18:00:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let h: Harness;
let portal: typeof import("../../app/services/portal/portal-actions.server");
let requests: typeof import("../../app/shopify/fulfillment-requests");
let events: typeof import("../../app/services/tracking/events.server");
let sync: typeof import("../../app/services/tracking/sync.server");
let once: typeof import("../../app/services/exactly-once.server");
let trackingSeq = 0;

const shopState = () => h.world.fake.store.shop(TEST_SHOP);
const fulfillmentsOf = (orderId: string) => [...shopState().fulfillments.values()].filter((f) => f.orderId === orderId && f.status !== "CANCELLED");
const tomorrow = () => new Date(h.now() + DAY).toISOString().slice(0, 10);
const calls = (name: string) => h.world.fake.requestLog().filter((r) => r.operationName === name || r.rootFields.includes(name)).length;
const po = (id: string) => h.world.db.purchaseOrder.findUniqueOrThrow({ where: { id } });
/** A local courier's number, unique to the test (an unlisted carrier with a tracking URL takes any number). */
const nextNumber = () => `LC${String(100_000 + trackingSeq++)}`;
const COURIER = { carrier: "Seattle Local Courier", url: "https://courier.example/track" };

async function acceptedOrder() {
  const placed = await h.routedOrder();
  const west = await h.portal("West Coast Goods");
  const answer = await portal.acceptPurchaseOrder(h.coordination(), west, placed.poId, { requestId: `accept-${placed.poId}`, shipDate: tomorrow() });
  expect(answer).toMatchObject({ ok: true });
  await h.settle();
  return placed;
}

async function shipWithTracking(poId: string, numbers: string[]) {
  const west = await h.portal("West Coast Goods");
  return portal.submitTracking(h.coordination(), west, poId, { requestId: `tracking-${poId}-${numbers.join("-")}`, trackingNumbers: numbers, ...COURIER });
}

beforeAll(async () => {
  h = await startHarness(T0);
  portal = await import("../../app/services/portal/portal-actions.server");
  requests = await import("../../app/shopify/fulfillment-requests");
  events = await import("../../app/services/tracking/events.server");
  sync = await import("../../app/services/tracking/sync.server");
  once = await import("../../app/services/exactly-once.server");
}, 60_000);

afterAll(() => h?.close());

describe("fulfillmentCreate", () => {
  it("a lost answer is retried by reading Shopify: one fulfillment, one customer notification, the PO shipped", async () => {
    const { orderId, poId } = await acceptedOrder();
    const number = nextNumber();
    h.world.fake.faults.loseResponseOnce("fulfillmentCreate");
    const answer = await shipWithTracking(poId, [number]);
    // Shopify made the fulfillment; we could not know, so we said it is on its way.
    expect(answer).toMatchObject({ ok: true, value: { message: expect.stringContaining("sent shortly") } });
    expect(fulfillmentsOf(orderId)).toHaveLength(1);
    expect((await po(poId)).status).toBe("accepted");

    h.pass(2 * 60_000);
    await h.settle();
    expect(fulfillmentsOf(orderId)).toHaveLength(1);
    expect(calls("fulfillmentCreate")).toBe(1);
    const shipment = await h.world.db.shipment.findFirstOrThrow({ where: { orderId } });
    expect(shipment).toMatchObject({ syncStatus: "synced", fulfillmentId: fulfillmentsOf(orderId)[0]!.id });
    expect((await po(poId)).status).toBe("shipped");
    expect(await once.findIntent(h.world.db, TEST_SHOP, `fulfillment:${shipment.id}`)).toMatchObject({ status: "done", attempts: 1 });
  });

  it("a crash after Shopify's answer and before the local write: the rerun records the same fulfillment, creates none", async () => {
    const { orderId, poId } = await acceptedOrder();
    const s = h.services();
    // The supplier's declaration is recorded, then the worker dies right after fulfillmentCreate.
    const crashing = { ...s, db: crashOn(s.db, "shipment", "updateMany") };
    const west = await h.portal("West Coast Goods");
    const number = nextNumber();
    await expect(
      portal.submitTracking(crashing as typeof s, west, poId, { requestId: `crash-${poId}`, trackingNumbers: [number], ...COURIER }),
    ).rejects.toThrow("worker died");
    expect(fulfillmentsOf(orderId)).toHaveLength(1);
    const shipment = await h.world.db.shipment.findFirstOrThrow({ where: { orderId } });
    expect(shipment.syncStatus).not.toBe("synced");

    expect(await sync.syncShipment(h.services(), TEST_SHOP, shipment.id)).toMatchObject({ ok: true });
    expect(fulfillmentsOf(orderId)).toHaveLength(1);
    expect(await h.world.db.shipment.findUniqueOrThrow({ where: { id: shipment.id } })).toMatchObject({ syncStatus: "synced" });
    expect((await po(poId)).status).toBe("shipped");
  });

  it("a tracking correction whose answer was lost is not sent again (one more email at most)", async () => {
    const { orderId, poId } = await acceptedOrder();
    expect(await shipWithTracking(poId, [nextNumber()])).toMatchObject({ ok: true });
    const shipment = await h.world.db.shipment.findFirstOrThrow({ where: { orderId } });
    const { correctShipmentTracking } = await import("../../app/services/tracking/intake.server");
    const fixed = nextNumber();
    const before = calls("fulfillmentTrackingInfoUpdate");
    h.world.fake.faults.loseResponseOnce("fulfillmentTrackingInfoUpdate");
    await expect(correctShipmentTracking(h.services(), TEST_SHOP, shipment.id, { trackingNumbers: [fixed], ...COURIER })).rejects.toThrow();
    expect(await correctShipmentTracking(h.services(), TEST_SHOP, shipment.id, { trackingNumbers: [fixed], ...COURIER })).toMatchObject({ ok: true });
    expect(calls("fulfillmentTrackingInfoUpdate") - before).toBe(1);
    expect(
      shopState()
        .fulfillments.get(shipment.fulfillmentId!)!
        .trackingInfo.map((t) => t.number),
    ).toEqual([fixed]);
    // A later, different correction is a new one and is sent.
    const again = nextNumber();
    expect(await correctShipmentTracking(h.services(), TEST_SHOP, shipment.id, { trackingNumbers: [again], ...COURIER })).toMatchObject({ ok: true });
    expect(calls("fulfillmentTrackingInfoUpdate") - before).toBe(2);
  });

  it("duplicate and reordered fulfillments/create webhooks of our own fulfillment change nothing", async () => {
    const { orderId, poId } = await acceptedOrder();
    expect(await shipWithTracking(poId, [nextNumber()])).toMatchObject({ ok: true });
    const hooks = h.take().filter((w) => w.topic === "fulfillments/create" || w.topic === "fulfillments/update");
    expect(hooks.length).toBeGreaterThan(0);
    await h.deliver([...hooks].reverse());
    await h.deliver(hooks.map((w, i) => redelivery(w, `again-${i}-${w.eventId}`)));
    h.pass(10 * 60_000);
    await h.settle();
    expect(fulfillmentsOf(orderId)).toHaveLength(1);
    expect(await h.world.db.shipment.count({ where: { orderId } })).toBe(1);
  });
});

/** The db with one model method that throws once, as a worker dying at that point would. */
function crashOn<T extends object>(db: T, model: string, method: string): T {
  let crashed = false;
  return new Proxy(db, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (prop !== model || typeof value !== "object" || value === null) return value;
      return new Proxy(value, {
        get(m, p, r) {
          const fn = Reflect.get(m, p, r) as unknown;
          if (p !== method || typeof fn !== "function") return fn;
          return (...args: unknown[]) => {
            const data = (args[0] as { data?: { syncStatus?: string } } | undefined)?.data;
            if (!crashed && data?.syncStatus === "synced") {
              crashed = true;
              return Promise.reject(new Error("worker died"));
            }
            return (fn as (...a: unknown[]) => unknown).apply(m, args);
          };
        },
      });
    },
  });
}

describe("fulfillment events", () => {
  async function shippedOrder(numbers: string[]) {
    const { orderId, poId } = await acceptedOrder();
    expect(await shipWithTracking(poId, numbers)).toMatchObject({ ok: true });
    await h.settle();
    const shipment = await h.world.db.shipment.findFirstOrThrow({ where: { orderId } });
    return { orderId, shipment, fulfillment: () => shopState().fulfillments.get(shipment.fulfillmentId!)! };
  }
  const carrier = (trackingNumber: string, status: string, at: number, eventId?: string) => ({
    trackingNumber,
    status,
    happenedAt: new Date(at).toISOString(),
    ...(eventId ? { eventId } : {}),
  });

  it("a lost answer on fulfillmentEventCreate: the retry finds the event, one per stage", async () => {
    const number = nextNumber();
    const { fulfillment } = await shippedOrder([number]);
    const s = h.services();
    h.world.fake.faults.loseResponseOnce("fulfillmentEventCreate");
    await events.ingestCarrierEvents(s, TEST_SHOP, [carrier(number, "in_transit", h.now() - HOUR, "ev-transit")], "test");
    await h.settle();
    h.pass(10 * 60_000);
    await h.settle();
    expect(fulfillment().events.map((e) => e.status)).toEqual(["IN_TRANSIT"]);
  });

  it("duplicate and out-of-order carrier events post each stage once and never go back", async () => {
    const number = nextNumber();
    const { fulfillment, shipment } = await shippedOrder([number]);
    const s = h.services();
    const transit = carrier(number, "in_transit", h.now() - 3 * HOUR, "ev-a");
    const delivered = carrier(number, "delivered", h.now() - HOUR, "ev-b");
    await events.ingestCarrierEvents(s, TEST_SHOP, [delivered, transit, delivered, transit], "test");
    await h.settle();
    await events.ingestCarrierEvents(s, TEST_SHOP, [transit], "test");
    await h.settle();
    expect(fulfillment().events.map((e) => e.status)).toEqual(["DELIVERED"]);
    expect((await h.world.db.shipment.findUniqueOrThrow({ where: { id: shipment.id } })).stage).toBe("delivered");
  });

  it("the parcels of one shipment are worked one at a time: their jobs share the shipment's group", async () => {
    const a = nextNumber();
    const b = nextNumber();
    const { shipment, fulfillment } = await shippedOrder([a, b]);
    const s = h.services();
    await events.ingestCarrierEvents(
      s,
      TEST_SHOP,
      [carrier(a, "in_transit", h.now() - 2 * HOUR, "p-a"), carrier(b, "in_transit", h.now() - HOUR, "p-b")],
      "test",
    );
    const jobs = await h.world.db.job.findMany({ where: { kind: "carrier_event", status: "queued" }, select: { groupKey: true } });
    expect(jobs.map((j) => j.groupKey)).toEqual([`shipment:${TEST_SHOP}:${shipment.id}`, `shipment:${TEST_SHOP}:${shipment.id}`]);
    await h.settle();
    expect(fulfillment().events.map((e) => e.status)).toEqual(["IN_TRANSIT"]);
  });
});

describe("supplier acceptance", () => {
  it("a lost answer leaves the PO accepting; the confirm job reads Shopify and never accepts twice", async () => {
    const placed = await h.routedOrder();
    const west = await h.portal("West Coast Goods");
    h.world.fake.faults.loseResponseOnce("fulfillmentOrderAcceptFulfillmentRequest");
    const before = calls("fulfillmentOrderAcceptFulfillmentRequest");
    const answer = await portal.acceptPurchaseOrder(h.coordination(), west, placed.poId, { requestId: `lost-${placed.poId}`, shipDate: tomorrow() });
    expect(answer).toMatchObject({ ok: true, value: { po: { status: "accepting" } } });
    expect(shopState().fulfillmentOrders.get(placed.fulfillmentOrderId)).toMatchObject({ requestStatus: "ACCEPTED" });
    h.pass(2 * 60_000);
    await h.settle();
    expect((await po(placed.poId)).status).toBe("accepted");
    expect(JSON.parse((await po(placed.poId)).ladder!)).toMatchObject({ status: "acknowledged" });
    expect(calls("fulfillmentOrderAcceptFulfillmentRequest") - before).toBe(1);
  });

  it("after a crash between Shopify's acceptance and ours, the ladder adopts the acceptance instead of cancelling it", async () => {
    const placed = await h.routedOrder();
    // The supplier's acceptance reached Shopify; the worker died before anything was written here,
    // and the webhooks that would have told us are lost.
    await requests.acceptFulfillmentRequest(await h.otherApp(), placed.fulfillmentOrderId, new Date(h.now() + DAY).toISOString(), "ok");
    h.take();
    // Past the re-route rung of the next-day ladder (16 business hours: two working days).
    for (let day = 0; day < 4; day++) {
      h.pass(DAY);
      await h.settle();
      h.take();
    }
    const fo = shopState().fulfillmentOrders.get(placed.fulfillmentOrderId)!;
    expect(fo).toMatchObject({ status: "IN_PROGRESS", requestStatus: "ACCEPTED", assignedLocationId: h.world.suppliers["West Coast Goods"].locationId });
    expect(calls("fulfillmentOrderSubmitCancellationRequest")).toBe(0);
    expect((await po(placed.poId)).status).toBe("accepted");
    expect(await h.world.db.orderEvent.count({ where: { orderId: placed.orderId, kind: "acceptance_reconciled" } })).toBe(1);
  });
});
