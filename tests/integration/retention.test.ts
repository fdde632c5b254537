/**
 * The daily retention pass (issue 19 item 4, issue 16 finding 5): each kind of record goes after
 * its window, and nothing that recognises a duplicate goes before every duplicate could arrive —
 * an event re-delivered after its payload was erased is still recognised, and a job whose row was
 * deleted is still refused when the same work is asked for again.
 */
import type { PrismaClient } from "@prisma/client";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RETENTION } from "../../app/domain/retention";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { orderPayload } from "../helpers/orders";
import { signedWebhookRequest } from "../helpers/webhooks";

useTestAppEnv();

let db: PrismaClient;
const NOW = new Date("2026-06-01T12:00:00Z");
const DAY = 86_400_000;
const OTHER = "other.myshopify.com";
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
});

async function runPass(shop = TEST_SHOP) {
  const { retentionJobHandlers } = await import("../../app/jobs/retention/handlers.server");
  const [handler] = retentionJobHandlers({ db, now: () => NOW } as never, DEFAULT_RETENTION);
  await handler!.perform({ id: "j", shop, kind: handler!.kind, payload: {}, attempt: 1 } as never);
}

async function event(shop: string, eventId: string, ageDays: number) {
  return db.webhookEvent.create({
    data: { shop, eventId, webhookId: `w-${eventId}`, topic: "orders/create", payload: orderPayload(), receivedAt: ago(ageDays) },
  });
}

async function job(shop: string, dedupeKey: string, status: string, finishedDaysAgo: number | null) {
  return db.job.create({
    data: {
      shop,
      kind: "metrics_refresh",
      dedupeKey,
      payload: "{}",
      status,
      createdAt: ago((finishedDaysAgo ?? 0) + 1),
      finishedAt: finishedDaysAgo === null ? null : ago(finishedDaysAgo),
    },
  });
}

describe("retention pass", () => {
  it("erases payloads after 30 days and deletes event rows after 90, per shop; a late re-delivery is still a duplicate", async () => {
    await event(TEST_SHOP, "old-1", 31);
    await event(TEST_SHOP, "recent-1", 29);
    await event(TEST_SHOP, "ancient-1", 91);
    await event(OTHER, "old-other", 120);
    await runPass();

    const rows = await db.webhookEvent.findMany({ where: { eventId: { in: ["old-1", "recent-1", "ancient-1", "old-other"] } } });
    const byId = new Map(rows.map((r) => [r.eventId, r.payload]));
    expect(byId.get("old-1")).toBe("");
    expect(byId.get("recent-1")).toContain('"line_items"');
    expect(byId.has("ancient-1")).toBe(false);
    expect(byId.get("old-other")).toContain('"line_items"');

    const { action } = await import("../../app/routes/webhooks.orders.create");
    const response = await action({
      request: signedWebhookRequest({ topic: "orders/create", body: orderPayload(), eventId: "old-1" }),
      params: {},
      context: {},
    });
    expect(response.headers.get("X-Dropline-Inbox")).toBe("duplicate");
    expect(await db.webhookEvent.count({ where: { shop: TEST_SHOP, eventId: "old-1" } })).toBe(1);
  });

  it("deletes finished jobs after their window but retires their keys, so the same job is still refused", async () => {
    const done = await job(TEST_SHOP, "metrics_refresh:t:old-done", "succeeded", 15);
    await job(TEST_SHOP, "metrics_refresh:t:fresh-done", "succeeded", 13);
    await job(TEST_SHOP, "metrics_refresh:t:old-dead", "dead", 15);
    await job(TEST_SHOP, "metrics_refresh:t:very-old-dead", "dead", 91);
    await job(TEST_SHOP, "metrics_refresh:t:queued", "queued", null);
    await job(OTHER, "metrics_refresh:o:old-done", "succeeded", 200);
    await runPass();

    const left = (await db.job.findMany({ where: { dedupeKey: { startsWith: "metrics_refresh:" } }, select: { dedupeKey: true } })).map((j) => j.dedupeKey);
    expect(left.sort()).toEqual(
      ["metrics_refresh:o:old-done", "metrics_refresh:t:fresh-done", "metrics_refresh:t:old-dead", "metrics_refresh:t:queued"].sort(),
    );
    const { PrismaJobQueue } = await import("../../app/jobs/prisma-queue.server");
    const queue = new PrismaJobQueue(db, () => NOW);
    const again = await queue.enqueue({ shop: TEST_SHOP, kind: "metrics_refresh", dedupeKey: "metrics_refresh:t:old-done", payload: {} });
    expect(again).toEqual({ id: done.id, created: false });
    expect(await db.job.count({ where: { dedupeKey: "metrics_refresh:t:old-done" } })).toBe(0);
    const fresh = await queue.enqueue({ shop: TEST_SHOP, kind: "metrics_refresh", dedupeKey: "metrics_refresh:t:new", payload: {} });
    expect(fresh.created).toBe(true);
  });

  it("forgets retired keys only after the key window, counted from the job's creation", async () => {
    await db.retiredJobKey.create({ data: { dedupeKey: "k:ancient", shop: TEST_SHOP, jobId: "j1", createdAt: ago(366) } });
    await db.retiredJobKey.create({ data: { dedupeKey: "k:kept", shop: TEST_SHOP, jobId: "j2", createdAt: ago(364) } });
    await runPass();
    expect((await db.retiredJobKey.findMany({ where: { dedupeKey: { startsWith: "k:" } } })).map((k) => k.dedupeKey)).toEqual(["k:kept"]);
  });

  it("deletes old audits, request ids of dead tokens, applied carrier events and old feed runs — never the latest run or a waiting event", async () => {
    const supplier = await db.supplier.create({
      data: {
        shop: TEST_SHOP,
        name: "Retention Co",
        contactEmail: "r@example.com",
        timeZone: "UTC",
        cutoff: "14:00",
        serviceTier: "standard",
        handlingMinDays: 1,
        handlingMaxDays: 2,
      },
    });
    const feed = await db.stockFeed.create({ data: { shop: TEST_SHOP, supplierId: supplier.id, settings: "{}", pushSecret: "s" } });
    const run = (daysAgo: number, status: string, pendingRows: string | null = null) =>
      db.stockFeedRun.create({
        data: { shop: TEST_SHOP, feedId: feed.id, supplierId: supplier.id, source: "upload", status, pendingRows, startedAt: ago(daysAgo) },
      });
    await run(60, "applied");
    await run(45, "quarantined", '[{"sku":"A","quantity":1}]');
    const latestOld = await run(40, "applied");
    await db.portalAudit.create({ data: { shop: TEST_SHOP, action: "view", outcome: "ok", at: ago(400) } });
    await db.portalAudit.create({ data: { shop: TEST_SHOP, action: "view", outcome: "ok", at: ago(10) } });
    const dead = await db.portalToken.create({ data: { shop: TEST_SHOP, supplierId: supplier.id, tokenHash: "h-dead", revokedAt: ago(400) } });
    const live = await db.portalToken.create({ data: { shop: TEST_SHOP, supplierId: supplier.id, tokenHash: "h-live" } });
    await db.portalRequest.create({ data: { tokenId: dead.id, requestId: "r1", at: ago(400) } });
    await db.portalRequest.create({ data: { tokenId: live.id, requestId: "r2", at: ago(400) } });
    const carrier = (key: string, daysAgo: number, outcome: string) =>
      db.carrierEvent.create({
        data: {
          shop: TEST_SHOP,
          dedupeKey: key,
          trackingNumber: "1Z",
          payload: "{}",
          source: "csv",
          outcome,
          happenedAt: ago(daysAgo),
          receivedAt: ago(daysAgo),
        },
      });
    await carrier("c-old-applied", 200, "applied");
    await carrier("c-old-waiting", 200, "received");
    await carrier("c-recent", 20, "applied");

    await runPass();

    expect((await db.stockFeedRun.findMany({ where: { feedId: feed.id } })).map((r) => r.id)).toEqual([latestOld.id]);
    expect(await db.portalAudit.count({ where: { shop: TEST_SHOP } })).toBe(1);
    expect((await db.portalRequest.findMany()).map((r) => r.requestId)).toEqual(["r2"]);
    expect((await db.carrierEvent.findMany({ where: { shop: TEST_SHOP }, orderBy: { dedupeKey: "asc" } })).map((c) => c.dedupeKey)).toEqual([
      "c-old-waiting",
      "c-recent",
    ]);
  });

  it("deletes in batches and a second pass finds nothing", async () => {
    const { purgeShop, RETENTION_BATCH } = await import("../../app/models/retention.server");
    const { retentionCutoffs } = await import("../../app/domain/retention");
    const many = RETENTION_BATCH * 2 + 7;
    await db.job.createMany({
      data: Array.from({ length: many }, (_, i) => ({
        shop: "bulk.myshopify.com",
        kind: "k",
        dedupeKey: `bulk:${i}`,
        payload: "{}",
        status: "succeeded",
        createdAt: ago(30),
        finishedAt: ago(20),
      })),
    });
    const first = await purgeShop(db, "bulk.myshopify.com", retentionCutoffs(NOW, DEFAULT_RETENTION));
    expect(first.jobs).toBe(many);
    expect(await db.retiredJobKey.count({ where: { shop: "bulk.myshopify.com" } })).toBe(many);
    const second = await purgeShop(db, "bulk.myshopify.com", retentionCutoffs(NOW, DEFAULT_RETENTION));
    expect(Object.values(second).every((n) => n === 0)).toBe(true);
  });
});
