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
});
