/**
 * The periodic reconciliation against the fake Admin API: it pages through every fulfillment
 * order assigned to the suppliers' locations (more than one page), repairs what drifted while
 * webhooks were lost, and records what it did. Also the sweeps that walk every purchase order,
 * not a page of the newest, and a staff hold whose release re-arms the ladder.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { startHarness, type Harness } from "../helpers/reconciliation";

useTestAppEnv();

// Monday 1 March 2027, 10:00 in Los Angeles (West answers 09:00–17:00 there).
const T0 = Date.parse("2027-03-01T18:00:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let h: Harness;
let reconcile: typeof import("../../app/services/coordination/reconcile.server");
let requests: typeof import("../../app/shopify/fulfillment-requests");
let orders: typeof import("../../app/shopify/fulfillment-orders");
let operation: typeof import("../../app/shopify/operation").operation;

const po = (id: string) => h.world.db.purchaseOrder.findUniqueOrThrow({ where: { id } });
const driftReads = () => h.world.fake.requestLog().filter((r) => r.operationName === "AssignedFulfillmentOrdersForDrift").length;
const reminders = (number: string) => h.smtp.mails.filter((m) => m.subject.startsWith(`Reminder: purchase order ${number}`)).length;

async function releaseHold(fulfillmentOrderId: string) {
  const doc = operation<{ fulfillmentOrderReleaseHold: { userErrors: { field: string[] | null; message: string }[] } | null }, { id: string }>(`#graphql
    mutation PersonReleasesHoldForDrift($id: ID!) {
      fulfillmentOrderReleaseHold(id: $id) { userErrors { field message } }
    }
  `);
  await (await h.otherApp()).mutate(doc, { id: fulfillmentOrderId }, "fulfillmentOrderReleaseHold");
}

beforeAll(async () => {
  h = await startHarness(T0);
  reconcile = await import("../../app/services/coordination/reconcile.server");
  requests = await import("../../app/shopify/fulfillment-requests");
  orders = await import("../../app/shopify/fulfillment-orders");
  ({ operation } = await import("../../app/shopify/operation"));
}, 60_000);

afterAll(() => h?.close());

describe("periodic reconciliation of fulfillment orders", () => {
  it("pages through every assigned fulfillment order and repairs what lost webhooks left behind", async () => {
    const accepted = await h.routedOrder();
    const held = await h.routedOrder();
    const untouched = await h.routedOrder();
    // Someone accepts one and holds another in Shopify; none of the webhooks arrives.
    await requests.acceptFulfillmentRequest(await h.otherApp(), accepted.fulfillmentOrderId, new Date(h.now() + DAY).toISOString(), "by phone");
    await orders.holdFulfillmentOrder(await h.otherApp(), held.fulfillmentOrderId, {
      reason: "OTHER",
      reasonNotes: "Fraud check",
      handle: "check",
      notifyMerchant: false,
    });
    h.take();
    expect((await po(accepted.poId)).status).toBe("sent");
    expect((await po(held.poId)).shopifyHold).toBeNull();

    const before = driftReads();
    const report = await reconcile.reconcileFulfillmentOrders(h.coordination(), TEST_SHOP, "slot-a", { pageSize: 2 });
    expect(driftReads() - before).toBe(2);
    expect(report).toMatchObject({ pages: 2, fulfillmentOrders: 3, purchaseOrders: 3 });
    expect(report.repairs.map((r) => ({ kind: r.kind, po: r.purchaseOrderId, applied: r.applied }))).toEqual([
      { kind: "adopt_acceptance", po: accepted.poId, applied: true },
      { kind: "hold", po: held.poId, applied: true },
    ]);
    expect(await po(accepted.poId)).toMatchObject({ status: "accepted", ladderStep: "acknowledged" });
    expect(await po(held.poId)).toMatchObject({ status: "sent", shopifyHold: "Other: Fraud check" });
    expect(await po(untouched.poId)).toMatchObject({ status: "sent", shopifyHold: null });
    expect(await h.world.db.orderEvent.count({ where: { kind: "reconciled_with_shopify" } })).toBe(2);

    const run = await h.world.db.reconciliationRun.findUniqueOrThrow({ where: { shop_slot: { shop: TEST_SHOP, slot: "slot-a" } } });
    expect(run).toMatchObject({ pages: 2, fulfillmentOrders: 3, purchaseOrders: 3 });
    expect(run.finishedAt).not.toBeNull();
    expect(JSON.parse(run.repairs)).toHaveLength(2);

    // Staff see it on the purchase orders page.
    const { purchaseOrderAdmin } = await import("../../app/services/coordination/admin-view.server");
    const view = await purchaseOrderAdmin(h.coordination(), TEST_SHOP);
    expect(view.reconciliation).toMatchObject({ pages: 2, fulfillmentOrders: 3, repairs: [{ applied: true }, { detail: expect.stringContaining("on hold") }] });

    // The same slot again reads nothing and repairs nothing.
    const again = await reconcile.reconcileFulfillmentOrders(h.coordination(), TEST_SHOP, "slot-a", { pageSize: 2 });
    expect(driftReads() - before).toBe(2);
    expect(again.repairs).toHaveLength(2);

    // The release is lost too; the scheduled job of a later slot finds it.
    await releaseHold(held.fulfillmentOrderId);
    h.take();
    h.pass(reconcile.RECONCILE_FO_EVERY_MS);
    const { scheduleCoordinationTimers } = await import("../../app/jobs/coordination/handlers.server");
    await scheduleCoordinationTimers(h.services(), TEST_SHOP);
    await h.settle();
    expect(await po(held.poId)).toMatchObject({ shopifyHold: null });
    const latest = (await reconcile.recentReconciliations(h.coordination(), TEST_SHOP))[0]!;
    expect(JSON.parse(latest.repairs)).toEqual([expect.objectContaining({ kind: "release", purchaseOrderId: held.poId, applied: true })]);
  });

  it("a purchase order whose order was cancelled while the webhooks were lost is cancelled, its ladder stopped", async () => {
    const placed = await h.routedOrder();
    h.world.fake.cancelOrder({ shop: TEST_SHOP, orderId: placed.orderId });
    h.take();
    const report = await reconcile.reconcileFulfillmentOrders(h.coordination(), TEST_SHOP, "slot-cancel");
    expect(report.repairs).toEqual([expect.objectContaining({ kind: "order_cancelled", purchaseOrderId: placed.poId, applied: true })]);
    expect(await po(placed.poId)).toMatchObject({ status: "cancelled", ladderStep: "cancelled" });
  });
});

describe("sweeps walk every purchase order", () => {
  it("the ladder sweep puts back lost timers for purchase orders beyond the newest 200", async () => {
    const template = await po((await h.routedOrder()).poId);
    const ladder = JSON.parse(template.ladder!) as { nextTimer: { dueAtMs: number } };
    const { id: _id, number: _n, fulfillmentOrderId: _f, createdAt: _c, updatedAt: _u, ...rest } = template;
    const rows = Array.from({ length: 230 }, (_, i) => ({
      ...rest,
      number: `BULK-${i}`,
      fulfillmentOrderId: `gid://shopify/FulfillmentOrder/bulk-${i}`,
      ladder: JSON.stringify({ ...JSON.parse(template.ladder!), poId: `bulk-${i}` }),
    }));
    await h.world.db.purchaseOrder.createMany({ data: rows });
    await h.world.db.job.deleteMany({ where: { kind: "escalation_timer" } });
    h.pass(15 * 60_000);
    const { syncSweepJob } = await import("../../app/services/queue/coordination");
    await h.services().queue.enqueue(syncSweepJob(TEST_SHOP, new Date(h.now())));
    // Run only the sweep (the timers it books are due later).
    await h.settle();
    const timers = await h.world.db.job.count({ where: { kind: "escalation_timer", runAt: new Date(ladder.nextTimer.dueAtMs) } });
    expect(timers).toBeGreaterThanOrEqual(231);
    await h.world.db.purchaseOrder.deleteMany({ where: { number: { startsWith: "BULK-" } } });
    await h.world.db.job.deleteMany({ where: { kind: "escalation_timer", payload: { contains: "bulk-" } } });
  });

  it("a customer cancellation reaches an order's purchase order however many newer ones exist", async () => {
    const placed = await h.routedOrder();
    const template = await po(placed.poId);
    const { id: _id, number: _n, fulfillmentOrderId: _f, createdAt: _c, updatedAt: _u, orderId: _o, ...rest } = template;
    await h.world.db.purchaseOrder.createMany({
      data: Array.from({ length: 230 }, (_, i) => ({
        ...rest,
        number: `NEWER-${i}`,
        orderId: `gid://shopify/Order/newer-${i}`,
        fulfillmentOrderId: `gid://shopify/FulfillmentOrder/newer-${i}`,
        createdAt: new Date(h.now() + (i + 1) * 1000),
      })),
    });
    const { onOrderCancelledForSuppliers } = await import("../../app/services/coordination/cancellations.server");
    const s = h.coordination();
    await onOrderCancelledForSuppliers({ db: s.db, shop: TEST_SHOP, eventId: "cancel-old", enqueue: (j) => s.queue.enqueue(j) }, placed.orderId, s);
    expect((await po(placed.poId)).status).toBe("cancelled");
    await h.world.db.purchaseOrder.deleteMany({ where: { number: { startsWith: "NEWER-" } } });
  });
});

describe("staff hold and release", () => {
  it("a purchase order held while its reminder fell due escalates again once released", async () => {
    const placed = await h.routedOrder();
    const sent = await po(placed.poId);
    const dueAt = (JSON.parse(sent.ladder!) as { nextTimer: { dueAtMs: number } }).nextTimer.dueAtMs;
    const { purchaseOrderAction } = await import("../../app/services/coordination/admin-actions.server");
    expect(await purchaseOrderAction(h.coordination(), TEST_SHOP, { intent: "hold", poId: placed.poId })).toMatchObject({ ok: true });
    h.pass(dueAt - h.now() + HOUR);
    await h.settle();
    expect(reminders(sent.number)).toBe(0);
    expect(await purchaseOrderAction(h.coordination(), TEST_SHOP, { intent: "release", poId: placed.poId })).toMatchObject({ ok: true });
    await h.settle();
    expect(reminders(sent.number)).toBe(1);
    expect(await po(placed.poId)).toMatchObject({ held: false, ladderStep: "reminded" });
  });
});
