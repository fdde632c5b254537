import fs from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@prisma/client";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { orderPayload } from "../helpers/orders";
import { signedWebhookRequest } from "../helpers/webhooks";
import { isWebhookTopic } from "../../app/shopify/topics";
import { webhookExamplesDir } from "../fake-shopify/reference";

useTestAppEnv();

type Action = (args: { request: Request; params: object; context: object }) => Promise<Response>;
let db: PrismaClient;
const actions = new Map<string, Action>();

async function deliver(topic: string, body: string, opts: { eventId?: string; hmac?: string; secret?: string; shop?: string } = {}) {
  let action = actions.get(topic);
  if (!action) {
    const mod = (await import(`../../app/routes/webhooks.${topic.replace("/", ".")}.tsx`)) as { action: Action };
    action = mod.action;
    actions.set(topic, action);
  }
  try {
    return await action({ request: signedWebhookRequest({ topic, body, ...opts }), params: {}, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown; // the library throws Responses for 401/400
    throw thrown;
  }
}

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
});

beforeEach(async () => {
  await db.job.deleteMany();
  await db.webhookEvent.deleteMany();
});

describe("webhook inbox", () => {
  it("answers 401 to a forged signature and stores nothing", async () => {
    const response = await deliver("orders/create", orderPayload(), { secret: "not-the-app-secret" });
    expect(response.status).toBe(401);
    expect(await db.webhookEvent.count()).toBe(0);
    expect(await db.job.count()).toBe(0);
  });

  it("answers 401 to a body altered after signing", async () => {
    const original = orderPayload();
    const { getHmac } = await import("@shopify/shopify-api/test-helpers");
    const hmac = getHmac(original, "test-api-secret");
    const response = await deliver("orders/create", original.replace("129.90", "0.01"), { hmac });
    expect(response.status).toBe(401);
    expect(await db.webhookEvent.count()).toBe(0);
  });

  it("stores a signed event with one job and answers 200", async () => {
    const response = await deliver("orders/create", orderPayload(), { eventId: "evt-1" });
    expect(response.status).toBe(200);
    const events = await db.webhookEvent.findMany();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ shop: TEST_SHOP, eventId: "evt-1", topic: "orders/create", deliveries: 1 });
    expect(await db.job.count({ where: { kind: "webhook", status: "queued" } })).toBe(1);
  });

  it("answers 200 to a duplicate delivery and creates no second job", async () => {
    await deliver("orders/create", orderPayload(), { eventId: "evt-dup" });
    const again = await deliver("orders/create", orderPayload(), { eventId: "evt-dup" });
    expect(again.status).toBe(200);
    expect(again.headers.get("X-Dropline-Inbox")).toBe("duplicate");
    expect(await db.webhookEvent.count()).toBe(1);
    expect(await db.job.count()).toBe(1);
    expect((await db.webhookEvent.findFirstOrThrow()).deliveries).toBe(2);
  });

  it("keys events by shop: the same event id from two shops is two events", async () => {
    await deliver("orders/create", orderPayload(), { eventId: "evt-shared" });
    const other = signedWebhookRequest({ topic: "orders/create", body: orderPayload({ id: "42" }), eventId: "evt-shared", shop: "other.myshopify.com" });
    const mod = (await import("../../app/routes/webhooks.orders.create")) as { action: Action };
    expect((await mod.action({ request: other, params: {}, context: {} })).status).toBe(200);
    expect(await db.webhookEvent.count()).toBe(2);
  });

  it("refuses a topic posted to another topic's endpoint", async () => {
    const request = signedWebhookRequest({ topic: "orders/cancelled", body: orderPayload() });
    const mod = (await import("../../app/routes/webhooks.orders.create")) as { action: Action };
    const response = await mod.action({ request, params: {}, context: {} });
    expect(response.status).toBe(400);
    expect(await db.webhookEvent.count()).toBe(0);
  });

  it("answers 5xx when the event cannot be stored, so Shopify retries, and keeps nothing half-written", async () => {
    await db.$executeRawUnsafe('ALTER TABLE "Job" RENAME TO "Job_offline"');
    try {
      const response = await deliver("orders/create", orderPayload(), { eventId: "evt-store-down" });
      expect(response.status).toBeGreaterThanOrEqual(500);
      expect(await db.webhookEvent.count()).toBe(0);
    } finally {
      await db.$executeRawUnsafe('ALTER TABLE "Job_offline" RENAME TO "Job"');
    }
    const retried = await deliver("orders/create", orderPayload(), { eventId: "evt-store-down" });
    expect(retried.status).toBe(200);
    expect(await db.job.count()).toBe(1);
  });
});

describe("compliance webhooks name their own shop", () => {
  for (const [topic, body] of [
    ["shop/redact", `{"shop_id":1,"shop_domain":"victim.myshopify.com"}`],
    ["customers/redact", `{"shop_id":1,"shop_domain":"victim.myshopify.com","customer":{"id":1},"orders_to_redact":[]}`],
    ["customers/data_request", `{"shop_id":1,"shop_domain":"victim.myshopify.com","customer":{"id":1},"orders_requested":[]}`],
    ["app/uninstalled", `{"id":1,"myshopify_domain":"victim.myshopify.com"}`],
  ] as const) {
    it(`refuses ${topic} whose payload names another shop than the signed header, and stores nothing`, async () => {
      const before = await db.webhookEvent.count();
      const response = await deliver(topic, body, { eventId: `cross-${topic}` });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("victim.myshopify.com");
      expect(await db.webhookEvent.count()).toBe(before);
      // The same payload from its own shop is accepted.
      const own = await deliver(topic, body, { eventId: `own-${topic}`, shop: "victim.myshopify.com" });
      expect(own.status).toBe(200);
    });
  }
});

describe("group commit", () => {
  it("stores concurrent deliveries together: every distinct event once, duplicates inside the batch answered as duplicates", async () => {
    const bodies = Array.from({ length: 12 }, (_, i) => ({ eventId: `batch-${i % 8}`, body: orderPayload({ id: String(100 + (i % 8)) }) }));
    const responses = await Promise.all(bodies.map((b) => deliver("orders/create", b.body, { eventId: b.eventId })));
    expect(responses.map((r) => r.status)).toEqual(bodies.map(() => 200));
    const outcomes = responses.map((r) => r.headers.get("X-Dropline-Inbox"));
    expect(outcomes.filter((o) => o === "stored")).toHaveLength(8);
    expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(4);
    expect(await db.webhookEvent.count()).toBe(8);
    expect(await db.job.count()).toBe(8);
    const deliveries = await db.webhookEvent.aggregate({ _sum: { deliveries: true } });
    expect(deliveries._sum.deliveries).toBe(12);
  });

  it("fails every caller of a batch that could not be stored, and stores none of it", async () => {
    await db.$executeRawUnsafe('ALTER TABLE "Job" RENAME TO "Job_offline"');
    try {
      const responses = await Promise.all([0, 1, 2].map((i) => deliver("orders/create", orderPayload({ id: String(200 + i) }), { eventId: `down-${i}` })));
      expect(responses.every((r) => r.status >= 500)).toBe(true);
    } finally {
      await db.$executeRawUnsafe('ALTER TABLE "Job_offline" RENAME TO "Job"');
    }
    expect(await db.webhookEvent.count()).toBe(0);
  });
});

describe("Shopify's example payloads", () => {
  const dir = webhookExamplesDir;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".json"));

  it("covers every subscribed topic that has an example", async () => {
    const { WEBHOOK_TOPICS, COMPLIANCE_TOPICS } = await import("../../app/shopify/topics");
    const exampleTopics = new Set(files.map((f) => f.replace(".json", "").replace("__", "/")));
    const missing = [...WEBHOOK_TOPICS, ...COMPLIANCE_TOPICS].filter((t) => !exampleTopics.has(t));
    // Shopify publishes no example for app/scopes_update; everything else must be exercised below.
    expect(missing).toEqual(["app/scopes_update"]);
  });

  const subscribed = files.map((file) => ({ file, topic: file.replace(".json", "").replace("__", "/") })).filter(({ topic }) => isWebhookTopic(topic));

  for (const { file, topic } of subscribed) {
    it(`accepts and parses the ${topic} example`, async () => {
      if (!isWebhookTopic(topic)) throw new Error("unreachable");
      const { parseWebhookPayload } = await import("../../app/shopify/webhooks/payloads");
      const example = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as { response: unknown };
      const body = JSON.stringify(example.response);
      const parsed = parseWebhookPayload(topic, body);
      expect(parsed.ok ? "parsed" : parsed.failure.message).toBe("parsed");
      // Sent from the shop the example names (a compliance payload must match its signed header).
      const named = example.response as { shop_domain?: string; myshopify_domain?: string };
      const response = await deliver(topic, body, { eventId: `example-${topic}`, shop: named.shop_domain ?? named.myshopify_domain });
      expect(response.status).toBe(200);
      expect(await db.webhookEvent.count({ where: { eventId: `example-${topic}` } })).toBe(1);
    });
  }
});
