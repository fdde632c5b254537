/**
 * The production path on PostgreSQL end to end: a signed orders/create delivery goes through the
 * webhook route, the inbox stores the event, its Job row and its pg-boss dispatch in one
 * transaction, and a worker on the pg-boss queue runs it — the order exists, the job succeeded,
 * the dispatch is completed. Runs in the PostgreSQL pass only (pg-boss needs PostgreSQL).
 */
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { testingOnPostgres } from "../helpers/database";
import { orderPayload } from "../helpers/orders";
import { signedWebhookRequest } from "../helpers/webhooks";

useTestAppEnv({ DROPLINE_QUEUE: "pg-boss" });

type Action = (args: { request: Request; params: object; context: object }) => Promise<Response>;

describe.runIf(testingOnPostgres())("webhook to handler on pg-boss", () => {
  let db: PrismaClient;
  let queue: import("../../app/jobs/pg-boss-queue.server").PgBossJobQueue;

  beforeAll(async () => {
    db = (await import("../../app/db.server")).default;
    const { createJobQueue } = await import("../../app/jobs/queue-factory.server");
    queue = createJobQueue(db, process.env.DATABASE_URL!, "pg-boss") as typeof queue;
  });
  afterAll(async () => {
    await queue.stop();
  });

  async function deliver(eventId: string, body = orderPayload()) {
    const route = "../../app/routes/webhooks.orders.create.tsx";
    const mod = (await import(/* @vite-ignore */ route)) as { action: Action };
    return mod.action({ request: signedWebhookRequest({ topic: "orders/create", body, eventId }), params: {}, context: {} });
  }

  const dispatches = async () =>
    (await db.$queryRawUnsafe<{ state: string; n: bigint }[]>(`SELECT state, count(*) AS n FROM pgboss.job WHERE name = 'dropline-jobs' GROUP BY state`)).map(
      (r) => `${r.state}:${r.n}`,
    );

  it("stores event, job and dispatch together, runs the job once on the pg-boss worker, and a redelivery adds nothing", async () => {
    expect((await deliver("evt-boss")).status).toBe(200);
    expect((await deliver("evt-boss")).headers.get("X-Dropline-Inbox")).toBe("duplicate");
    expect(await db.job.count()).toBe(1);
    expect(await dispatches()).toEqual(["created:1"]);

    const { Worker } = await import("../../app/jobs/worker.server");
    const { webhookJobHandler } = await import("../../app/jobs/webhook-job.server");
    expect(await new Worker(queue, [webhookJobHandler({ db })]).drain()).toBe(1);

    expect(await db.order.count({ where: { shop: TEST_SHOP } })).toBe(1);
    expect(await db.job.findFirstOrThrow()).toMatchObject({ status: "succeeded", attempts: 1 });
    expect(await dispatches()).toEqual(["completed:1"]);
  });

  it("stores nothing at all when the inbox transaction fails: no event, no job, no dispatch", async () => {
    await db.$executeRawUnsafe(`ALTER TABLE "Job" RENAME TO "JobAway"`);
    try {
      expect((await deliver("evt-refused")).status).toBe(503);
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE "JobAway" RENAME TO "Job"`);
    }
    expect(await db.webhookEvent.count({ where: { eventId: "evt-refused" } })).toBe(0);
    expect(await db.job.count({ where: { dedupeKey: { contains: "evt-refused" } } })).toBe(0);
    // Shopify retries the delivery: now it is stored once, with its job and dispatch.
    expect((await deliver("evt-refused")).status).toBe(200);
    expect(await db.job.count({ where: { dedupeKey: { contains: "evt-refused" } } })).toBe(1);
    expect(await dispatches()).toContain("created:1");
  });

  it("writes a batch of deliveries in one transaction: a job and a dispatch per new event, in line as if sent one by one, every other delivery counted", async () => {
    const { PostgresInboxStore } = await import("../../app/jobs/postgres-inbox.server");
    const store = new PostgresInboxStore(process.env.DATABASE_URL!, queue);
    const event = (shop: string, eventId: string) => ({
      shop,
      topic: "orders/create" as const,
      eventId,
      webhookId: `${eventId}-${Math.random()}`,
      apiVersion: "2025-10",
      triggeredAt: null,
      rawBody: "{}",
    });
    const x = "x-batch.myshopify.com";
    const a = "a-batch.myshopify.com";
    try {
      const now = new Date();
      expect(await store.write([event(x, "b-1")], now)).toMatchObject([{ status: "stored" }]);
      // Arrival order differs from key order (the insert's lock order): the line follows arrival.
      const outcomes = await store.write([event(x, "b-3"), event(x, "b-1"), event(x, "b-3"), event(a, "b-9"), event(x, "b-2")], now);
      expect(outcomes.map((o) => o.status)).toEqual(["stored", "duplicate", "duplicate", "stored", "stored"]);

      const events = await db.webhookEvent.findMany({ where: { eventId: { startsWith: "b-" } }, orderBy: { eventId: "asc" } });
      expect(events.map((e) => `${e.eventId}:${e.deliveries}`)).toEqual(["b-1:2", "b-2:1", "b-3:2", "b-9:1"]);
      const stored = outcomes.flatMap((o) => (o.status === "stored" ? [o.id] : []));
      expect(new Set(stored)).toEqual(new Set(events.filter((e) => e.eventId !== "b-1").map((e) => e.id)));

      const priorities = await db.$queryRawUnsafe<{ eventId: string; priority: number }[]>(
        `SELECT e."eventId", b."priority" FROM "WebhookEvent" e
           JOIN "Job" j ON j."dedupeKey" = 'webhook:' || e."shop" || ':' || e."eventId"
           JOIN pgboss.job b ON b.data->>'jobId' = j."id"
         WHERE e."eventId" LIKE 'b-%' ORDER BY e."eventId"`,
      );
      const head = Math.max(...priorities.map((p) => p.priority));
      // b-1 went first; in x's line b-3 then b-2 stand behind it; the other shop's b-9 enters at the head.
      expect(priorities.map((p) => `${p.eventId}:${p.priority - head}`)).toEqual(["b-1:0", "b-2:-2", "b-3:-1", "b-9:0"]);
    } finally {
      await store.close();
    }
  });

  it("refuses a dedupe key the retention pass retired, alone or in a batch, with neither a ledger row nor a dispatch", async () => {
    await db.retiredJobKey.create({ data: { dedupeKey: "k:retired", shop: TEST_SHOP, jobId: "job-long-gone", createdAt: new Date() } });
    const job = (dedupeKey: string) => ({ shop: TEST_SHOP, kind: "metrics_refresh", dedupeKey, payload: {} });
    expect(await queue.enqueue(job("k:retired"))).toEqual({ id: "job-long-gone", created: false });

    const pg = await import("pg");
    const client = new pg.default.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query("BEGIN");
      await queue.enqueueManyIn(client, [job("k:retired"), job("k:new"), job("k:new")], new Date());
      await client.query("COMMIT");
    } finally {
      await client.end();
    }
    expect((await db.job.findMany({ where: { dedupeKey: { startsWith: "k:" } } })).map((j) => j.dedupeKey)).toEqual(["k:new"]);
    const dispatched = await db.$queryRawUnsafe<{ key: string }[]>(
      `SELECT j."dedupeKey" AS "key" FROM pgboss.job b JOIN "Job" j ON j."id" = b.data->>'jobId' WHERE j."dedupeKey" LIKE 'k:%'`,
    );
    expect(dispatched).toEqual([{ key: "k:new" }]);
    expect(await queue.enqueue(job("k:new"))).toMatchObject({ created: false });
  });
});
