/**
 * Raw webhook payloads hold customer data: a daily job erases those older than the retention
 * window (issue 16, finding 5), keeping each event's row so a late re-delivery is still a duplicate.
 */
import type { PrismaClient } from "@prisma/client";
import { beforeAll, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { orderPayload } from "../helpers/orders";
import { signedWebhookRequest } from "../helpers/webhooks";

useTestAppEnv();

let db: PrismaClient;
const NOW = new Date("2026-06-01T12:00:00Z");
const DAY = 86_400_000;

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
});

async function event(shop: string, eventId: string, ageDays: number) {
  return db.webhookEvent.create({
    data: { shop, eventId, webhookId: `w-${eventId}`, topic: "orders/create", payload: orderPayload(), receivedAt: new Date(NOW.getTime() - ageDays * DAY) },
  });
}

describe("webhook payload retention", () => {
  it("erases payloads older than the window, keeps newer ones and other shops', and keeps every row", async () => {
    await event(TEST_SHOP, "old-1", 31);
    await event(TEST_SHOP, "recent-1", 29);
    await event("other.myshopify.com", "old-other", 40);
    const { payloadRetentionJobHandler } = await import("../../app/jobs/retention/handlers.server");
    const handler = payloadRetentionJobHandler({ db, now: () => NOW } as never, 30);
    await handler.perform({ id: "j", shop: TEST_SHOP, kind: handler.kind, payload: "{}", attempts: 1 } as never);

    const rows = await db.webhookEvent.findMany({ where: { eventId: { in: ["old-1", "recent-1", "old-other"] } } });
    const byId = new Map(rows.map((r) => [r.eventId, r.payload]));
    expect(byId.get("old-1")).toBe("");
    expect(byId.get("recent-1")).toContain('"line_items"');
    expect(byId.get("old-other")).toContain('"line_items"');
    expect(rows).toHaveLength(3);

    // A late re-delivery of the erased event is still recognised: stored once, not run again.
    const { action } = await import("../../app/routes/webhooks.orders.create");
    const response = await action({
      request: signedWebhookRequest({ topic: "orders/create", body: orderPayload(), eventId: "old-1" }),
      params: {},
      context: {},
    });
    expect(response.headers.get("X-Dropline-Inbox")).toBe("duplicate");
    expect(await db.webhookEvent.count({ where: { shop: TEST_SHOP, eventId: "old-1" } })).toBe(1);
  });
});
