/**
 * The routing sweep against the fake Admin API: an order whose webhooks never arrive is routed by
 * the sweep once its fulfillment order is older than the grace, and not before — a younger one is
 * its webhook's to route (the event may be waiting in the inbox behind a burst), so the sweep
 * neither reads it a second time nor queues a routing job for it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { placeOrder } from "../helpers/coordination";
import { startHarness, type Harness } from "../helpers/reconciliation";

useTestAppEnv();

const T0 = Date.parse("2027-03-01T18:00:00Z");
const MINUTE = 60_000;

let h: Harness;
let routing: typeof import("../../app/services/queue/routing");
let reconcile: typeof import("../../app/services/routing/reconcile.server");

beforeAll(async () => {
  h = await startHarness(T0);
  routing = await import("../../app/services/queue/routing");
  reconcile = await import("../../app/services/routing/reconcile.server");
}, 60_000);

afterAll(() => h?.close());

const routeJobs = async (orderId: string) => (await h.jobsOf(routing.ROUTE_ORDER_JOB)).filter((j) => j.dedupeKey.includes(`${orderId}:`));

async function sweep(): Promise<void> {
  await h.services().queue.enqueue(routing.reconcileRoutingJob(TEST_SHOP, new Date(h.now())));
  await h.settle();
}

describe("the routing sweep", () => {
  it("leaves a fresh order to its webhook and routes one whose webhooks were lost once it is past the grace", async () => {
    await h.world.db.offer.updateMany({ data: { stockUpdatedAt: new Date(h.now()) } });
    const order = placeOrder(h.world);
    h.take(); // the order's webhooks are lost

    await sweep();
    expect(await routeJobs(order.id)).toEqual([]);
    expect(await h.world.db.purchaseOrder.count({ where: { orderId: order.id } })).toBe(0);

    // Just short of the grace: still the webhook's.
    h.pass(reconcile.RECONCILE_GRACE_MS - MINUTE);
    await h.world.db.offer.updateMany({ data: { stockUpdatedAt: new Date(h.now()) } });
    await sweep();
    expect(await routeJobs(order.id)).toEqual([]);

    h.pass(2 * MINUTE + routing.RECONCILE_EVERY_MS);
    await h.world.db.offer.updateMany({ data: { stockUpdatedAt: new Date(h.now()) } });
    await sweep();
    const jobs = await routeJobs(order.id);
    expect(jobs.map((j) => ({ reconcile: j.dedupeKey.includes(":reconcile:"), status: j.status }))).toEqual([{ reconcile: true, status: "succeeded" }]);
    expect(await h.world.db.purchaseOrder.count({ where: { orderId: order.id } })).toBe(1);
  });

  it("routes an order whose fulfillment order carries no readable creation time (nothing hides it)", () => {
    const open = [
      { createdAt: "", order: { id: "gid://shopify/Order/1" }, assignedLocation: { location: { id: "gid://shopify/Location/own" } } },
      { createdAt: new Date(T0).toISOString(), order: { id: "gid://shopify/Order/2" }, assignedLocation: { location: { id: "gid://shopify/Location/own" } } },
      {
        createdAt: new Date(T0 - reconcile.RECONCILE_GRACE_MS).toISOString(),
        order: { id: "gid://shopify/Order/3" },
        assignedLocation: { location: { id: "gid://shopify/Location/own" } },
      },
      {
        createdAt: new Date(T0 - 2 * reconcile.RECONCILE_GRACE_MS).toISOString(),
        order: { id: "gid://shopify/Order/4" },
        assignedLocation: { location: { id: "gid://shopify/Location/supplier" } },
      },
    ];
    expect(reconcile.ordersToReconcile(open, new Set(["gid://shopify/Location/supplier"]), new Date(T0))).toEqual([
      "gid://shopify/Order/1",
      "gid://shopify/Order/3",
    ]);
  });
});
