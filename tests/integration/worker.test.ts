import type { PrismaClient } from "@prisma/client";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { orderPayload } from "../helpers/orders";
import { signedWebhookRequest } from "../helpers/webhooks";

useTestAppEnv();

type Action = (args: { request: Request; params: object; context: object }) => Promise<Response>;
let db: PrismaClient;
let PrismaJobQueue: typeof import("../../app/jobs/prisma-queue.server").PrismaJobQueue;
let Worker: typeof import("../../app/jobs/worker.server").Worker;
let webhookJobHandler: typeof import("../../app/jobs/webhook-job.server").webhookJobHandler;

async function deliver(topic: string, body: string, eventId: string, shop = TEST_SHOP) {
  const mod = (await import(`../../app/routes/webhooks.${topic.replace("/", ".")}.tsx`)) as { action: Action };
  return mod.action({ request: signedWebhookRequest({ topic, body, eventId, shop }), params: {}, context: {} });
}

/**
 * A clock the test moves by hand, starting now: jobs stored through the inbox are due from the real
 * time they were stored, so a fixed start date would put them in the clock's future.
 */
function manualClock(start = Date.now()) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
  ({ PrismaJobQueue } = await import("../../app/jobs/prisma-queue.server"));
  ({ Worker } = await import("../../app/jobs/worker.server"));
  ({ webhookJobHandler } = await import("../../app/jobs/webhook-job.server"));
});

beforeEach(async () => {
  for (const table of ["job", "webhookEvent", "order", "orderEvent", "appliedEffect", "session", "shop", "dataRequest", "erasedShop"] as const) {
    await (db[table] as unknown as { deleteMany: () => Promise<unknown> }).deleteMany();
  }
});

describe("worker", () => {
  it("runs a stored orders/create event: the order and its timeline entry exist", async () => {
    await deliver("orders/create", orderPayload(), "evt-1");
    const worker = new Worker(new PrismaJobQueue(db), [webhookJobHandler({ db })]);
    expect(await worker.drain()).toBe(1);
    const order = await db.order.findUniqueOrThrow({ where: { id: "gid://shopify/Order/5917438099678354321" } });
    expect(order).toMatchObject({ shop: TEST_SHOP, name: "#1001", totalMinor: 12990, serviceLevel: "expedited", countryCode: "CA" });
    // Ids beyond Number.MAX_SAFE_INTEGER survive intact.
    expect(JSON.parse(order.lines)[0].variantId).toBe("gid://shopify/ProductVariant/9007199254740993777");
    expect(await db.orderEvent.count({ where: { orderId: order.id } })).toBe(1);
    expect((await db.job.findFirstOrThrow()).status).toBe("succeeded");
  });

  it("runs an event delivered twice exactly once", async () => {
    await deliver("orders/create", orderPayload(), "evt-twice");
    await deliver("orders/create", orderPayload(), "evt-twice");
    let runs = 0;
    const counting = webhookJobHandler({ db, handlers: { "orders/create": async () => void runs++ } });
    await new Worker(new PrismaJobQueue(db), [counting]).drain();
    expect(runs).toBe(1);
  });

  it("re-runs a job whose worker died mid-run once its lease expires, applying the effect once", async () => {
    await deliver("orders/create", orderPayload(), "evt-crash");
    const clock = manualClock();
    const queue = new PrismaJobQueue(db);
    // Worker A claims the job, applies the effect, and dies before it can mark the job done.
    const [job] = await queue.claim("worker-a", clock.now(), 30_000, 1);
    expect(job).toBeDefined();
    await webhookJobHandler({ db }).perform(job!);
    // While A's lease is valid nobody else may take the job.
    const b = new Worker(queue, [webhookJobHandler({ db })], { workerId: "worker-b", now: clock.now, leaseMs: 30_000 });
    expect(await b.runOnce()).toBe(0);
    clock.advance(30_001);
    expect(await b.runOnce()).toBe(1);
    const row = await db.job.findFirstOrThrow();
    expect(row).toMatchObject({ status: "succeeded", attempts: 2 });
    expect(await db.order.count()).toBe(1);
    expect(await db.orderEvent.count()).toBe(1);
    // The dead worker's late completion is refused: its lease was taken over.
    expect(await queue.complete(job!, "worker-a", clock.now())).toBe(false);
  });

  it("retries a failing job with growing backoff, then dead-letters it with the error", async () => {
    await deliver("orders/create", orderPayload(), "evt-fails");
    const clock = manualClock();
    const failing = webhookJobHandler({
      db,
      handlers: { "orders/create": async () => Promise.reject(new Error("Shopify is having a bad day")) },
    });
    const worker = new Worker(new PrismaJobQueue(db), [failing], { now: clock.now, backoffMs: (n) => 1000 * 2 ** n });
    await db.job.updateMany({ data: { maxAttempts: 3 } });
    expect(await worker.runOnce()).toBe(1);
    let row = await db.job.findFirstOrThrow();
    expect(row.status).toBe("queued");
    expect(row.runAt.getTime() - clock.now().getTime()).toBe(2000);
    expect(await worker.runOnce()).toBe(0); // not due yet
    clock.advance(2000);
    expect(await worker.runOnce()).toBe(1);
    row = await db.job.findFirstOrThrow();
    expect(row.runAt.getTime() - clock.now().getTime()).toBe(4000);
    clock.advance(4000);
    await worker.runOnce();
    row = await db.job.findFirstOrThrow();
    expect(row).toMatchObject({ status: "dead", attempts: 3 });
    expect(row.lastError).toContain("Shopify is having a bad day");
    // A merchant's retry puts it back in the queue.
    expect(await new PrismaJobQueue(db).retry(TEST_SHOP, row.id, clock.now())).toBe(true);
    expect((await db.job.findFirstOrThrow()).status).toBe("queued");
  });

  it("dead-letters a payload that does not match its schema at once, without retrying", async () => {
    await deliver("orders/create", JSON.stringify({ admin_graphql_api_id: "gid://shopify/Order/1" }), "evt-bad");
    await new Worker(new PrismaJobQueue(db), [webhookJobHandler({ db })]).drain();
    const row = await db.job.findFirstOrThrow();
    expect(row).toMatchObject({ status: "dead", attempts: 1 });
    expect(row.lastError).toMatch(/Unexpected orders\/create payload: name/);
    expect(await db.webhookEvent.count()).toBe(1); // never lost
  });

  it("gives up on a job whose workers keep dying, after its attempts", async () => {
    await deliver("orders/create", orderPayload(), "evt-poison");
    const clock = manualClock();
    const queue = new PrismaJobQueue(db);
    await db.job.updateMany({ data: { maxAttempts: 2 } });
    for (let i = 0; i < 2; i++) {
      await queue.claim(`doomed-${i}`, clock.now(), 1000, 1);
      clock.advance(1001);
    }
    await new Worker(queue, [webhookJobHandler({ db })], { now: clock.now }).runOnce();
    const row = await db.job.findFirstOrThrow();
    expect(row.status).toBe("dead");
    expect(row.lastError).toMatch(/Gave up after 2 attempts/);
  });

  it("keeps a cancellation when an older orders/create arrives after orders/cancelled", async () => {
    await deliver("orders/cancelled", orderPayload({ cancelledAt: "2026-11-24T12:00:00Z" }), "evt-cancel");
    await deliver("orders/create", orderPayload(), "evt-create");
    await new Worker(new PrismaJobQueue(db), [webhookJobHandler({ db })], { concurrency: 1 }).drain();
    const order = await db.order.findFirstOrThrow();
    expect(order.cancelledAt?.toISOString()).toBe("2026-11-24T12:00:00.000Z");
  });
});

describe("acknowledgements first", () => {
  it("defers a batch while the web process is acknowledging, but never past maxDeferMs", async () => {
    await deliver("orders/create", orderPayload(), "evt-defer");
    let busy = true;
    const worker = new Worker(new PrismaJobQueue(db), [webhookJobHandler({ db })], { defer: () => busy, maxDeferMs: 60 });
    const started = performance.now();
    setTimeout(() => (busy = false), 20);
    expect(await worker.runOnce()).toBe(1);
    // It waited for the acknowledgements to finish (≥ 20 ms)...
    expect(performance.now() - started).toBeGreaterThanOrEqual(19);
    await deliver("orders/create", orderPayload({ id: "999" }), "evt-defer-2");
    busy = true;
    // ...and when they never stop, it runs anyway after maxDeferMs instead of starving.
    const stuck = new Worker(new PrismaJobQueue(db), [webhookJobHandler({ db })], { defer: () => true, maxDeferMs: 30 });
    expect(await stuck.runOnce()).toBe(1);
  });

  it("refills a slot as soon as it frees: one long job does not hold back the jobs due after it", async () => {
    const queue = new PrismaJobQueue(db);
    const past = new Date(Date.now() - 60_000);
    await queue.enqueue({ shop: TEST_SHOP, kind: "long_sweep", dedupeKey: "long", payload: {}, runAt: past });
    for (let i = 0; i < 6; i++)
      await queue.enqueue({ shop: TEST_SHOP, kind: "quick", dedupeKey: `quick-${i}`, payload: {}, runAt: new Date(past.getTime() + 1 + i) });
    let releaseLong!: () => void;
    const longRunning = new Promise<void>((resolve) => (releaseLong = resolve));
    const quickDone: string[] = [];
    const worker = new Worker(
      queue,
      [
        { kind: "long_sweep", perform: () => longRunning },
        { kind: "quick", perform: async (job) => void quickDone.push(job.id) },
      ],
      { concurrency: 2, pollMs: 10 },
    );
    worker.start();
    try {
      // While the sweep holds one slot, the other slot works through every quick job.
      const deadline = Date.now() + 5_000;
      while (quickDone.length < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(quickDone).toHaveLength(6);
      expect((await db.job.findUniqueOrThrow({ where: { dedupeKey: "long" } })).status).toBe("running");
    } finally {
      releaseLong();
      await worker.stop();
    }
    expect((await db.job.findUniqueOrThrow({ where: { dedupeKey: "long" } })).status).toBe("succeeded");
    expect(await db.job.count({ where: { status: "succeeded" } })).toBe(7);
  });
});

describe("privacy and uninstall", () => {
  const worker = () => new Worker(new PrismaJobQueue(db), [webhookJobHandler({ db })], { concurrency: 1 });

  it("app/uninstalled removes the shop's sessions and stops its work", async () => {
    await db.session.create({ data: { id: `offline_${TEST_SHOP}`, shop: TEST_SHOP, state: "", accessToken: "shpat_x" } });
    await db.portalToken.create({ data: { shop: TEST_SHOP, supplierId: "sup-1", tokenHash: "uninstall-test-token-hash" } });
    await deliver("app/uninstalled", JSON.stringify({ id: 1, name: "Test" }), "evt-uninstall");
    await worker().drain();
    expect(await db.session.count({ where: { shop: TEST_SHOP } })).toBe(0);
    expect((await db.shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } })).uninstalledAt).not.toBeNull();
    // Suppliers' portal links and API tokens stop working with the app.
    expect(await db.portalToken.count({ where: { shop: TEST_SHOP, revokedAt: null } })).toBe(0);
    // An order event that arrives afterwards is stored (never lost) but changes nothing.
    await deliver("orders/create", orderPayload(), "evt-late");
    await worker().drain();
    expect(await db.order.count()).toBe(0);
    expect(await db.webhookEvent.count({ where: { eventId: "evt-late" } })).toBe(1);
  });

  it("customers/redact erases the customer's personal data from their orders", async () => {
    await deliver("orders/create", orderPayload({ customerId: "7300000000000000999" }), "evt-o");
    await deliver("orders/create", orderPayload({ id: "77", customerId: "1", email: "other@example.com" }), "evt-o2");
    await worker().drain();
    const body = `{"shop_id":1,"shop_domain":"${TEST_SHOP}","customer":{"id":7300000000000000999,"email":"jane@example.com"},"orders_to_redact":[]}`;
    await deliver("customers/redact", body, "evt-redact");
    await worker().drain();
    const redacted = await db.order.findUniqueOrThrow({ where: { id: "gid://shopify/Order/5917438099678354321" } });
    expect(redacted).toMatchObject({ email: null, shipTo: null, customerId: null });
    expect(redacted.redactedAt).not.toBeNull();
    const untouched = await db.order.findUniqueOrThrow({ where: { id: "gid://shopify/Order/77" } });
    expect(untouched.email).toBe("other@example.com");
  });

  it("customers/data_request is recorded once with the orders we hold", async () => {
    await deliver("orders/create", orderPayload({ customerId: "55" }), "evt-o");
    await worker().drain();
    const body = `{"shop_id":1,"shop_domain":"${TEST_SHOP}","customer":{"id":55,"email":"jane@example.com"},"orders_requested":[],"data_request":{"id":9}}`;
    await deliver("customers/data_request", body, "evt-dr");
    await deliver("customers/data_request", body, "evt-dr");
    await worker().drain();
    const requests = await db.dataRequest.findMany();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ ordersFound: 1, customerId: "gid://shopify/Customer/55" });
  });

  it("shop/redact erases everything held for the shop and nothing of other shops", async () => {
    await deliver("orders/create", orderPayload(), "evt-a");
    await deliver("orders/create", orderPayload({ id: "88" }), "evt-b", "other.myshopify.com");
    await worker().drain();
    await deliver("shop/redact", `{"shop_id":1,"shop_domain":"${TEST_SHOP}"}`, "evt-shop-redact");
    await worker().drain();
    expect(await db.order.count({ where: { shop: TEST_SHOP } })).toBe(0);
    expect(await db.webhookEvent.count({ where: { shop: TEST_SHOP } })).toBe(0);
    expect(await db.orderEvent.count({ where: { shop: TEST_SHOP } })).toBe(0);
    expect(await db.order.count({ where: { shop: "other.myshopify.com" } })).toBe(1);
  });

  it("shop/redact reaches every shop-scoped table, including ones added later", async () => {
    const { shopScopedModels } = await import("../../app/models/privacy.server");
    const names = shopScopedModels().map((m) => m.name);
    for (const table of ["Order", "WebhookEvent", "Job", "Session", "Shop", "Supplier", "Offer", "RoutingDecision"]) {
      expect(names).toContain(table);
    }
    // Offers go before their supplier.
    expect(names.indexOf("Offer")).toBeLessThan(names.indexOf("Supplier"));
    await db.supplier.create({
      data: {
        shop: TEST_SHOP,
        name: "S",
        contactEmail: "s@example.com",
        timeZone: "UTC",
        cutoff: "12:00",
        serviceTier: "next_day",
        handlingMinDays: 1,
        handlingMaxDays: 2,
      },
    });
    const supplier = await db.supplier.findFirstOrThrow();
    await db.offer.create({
      data: { shop: TEST_SHOP, supplierId: supplier.id, variantId: "gid://shopify/ProductVariant/1", sku: "A", supplierSku: "A1", unitCostMinor: 100 },
    });
    await deliver("shop/redact", `{"shop_id":1,"shop_domain":"${TEST_SHOP}"}`, "evt-shop-redact-2");
    await worker().drain();
    for (const { name, field } of shopScopedModels()) {
      const delegate = (db as unknown as Record<string, { count(a: object): Promise<number> }>)[name.charAt(0).toLowerCase() + name.slice(1)]!;
      const left = await delegate.count({ where: { [field]: TEST_SHOP, ...(name === "Job" ? { kind: { not: "webhook" } } : {}) } });
      expect({ name, left }).toEqual({ name, left: 0 });
    }
  });
});
