/**
 * One checklist for webhook topics, checked both ways. Adding a topic means, in one change:
 *   1. shopify.app.toml: a [[webhooks.subscriptions]] block with `uri = "/webhooks/<topic>"`;
 *   2. app/shopify/topics.ts: the topic in WEBHOOK_TOPICS (or COMPLIANCE_TOPICS);
 *   3. app/routes/webhooks.<topic with "/" as ".">.tsx: `webhookAction("<topic>")`;
 *   4. app/shopify/webhooks/payloads.ts: its zod schema in PAYLOAD_SCHEMAS;
 *   5. app/jobs/topics/index.server.ts: its handler in TOPIC_HANDLERS;
 *   6. docs/decisions/011-webhook-topics.md: what the topic does (or why it is not subscribed).
 * A topic in any one place and missing from another fails here.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useTestAppEnv } from "../helpers/app-env";

useTestAppEnv();

const ROOT = path.resolve(__dirname, "../..");
const ROUTES = path.join(ROOT, "app/routes");

interface Subscription {
  readonly topics: string[];
  readonly compliance: boolean;
  readonly uri: string | null;
}

const quoted = (list: string) => [...list.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);

/**
 * The [[webhooks.subscriptions]] blocks of shopify.app.toml. No TOML parser is a declared
 * dependency (the one in node_modules comes with a Markdown plugin), and these blocks use only
 * `key = "string"` and `key = [ "strings" ]` on one line each, so a small reader does.
 */
function tomlSubscriptions(toml: string): Subscription[] {
  const blocks = toml.split(/^\[\[webhooks\.subscriptions\]\]\s*$/m).slice(1);
  return blocks.map((block) => {
    const body = block.split(/^\[/m)[0] ?? "";
    const topics = /^topics\s*=\s*\[(.*)\]\s*$/m.exec(body)?.[1];
    const compliance = /^compliance_topics\s*=\s*\[(.*)\]\s*$/m.exec(body)?.[1];
    return { topics: quoted(topics ?? compliance ?? ""), compliance: compliance !== undefined, uri: /^uri\s*=\s*"([^"]*)"\s*$/m.exec(body)?.[1] ?? null };
  });
}

const toml = fs.readFileSync(path.join(ROOT, "shopify.app.toml"), "utf8");
const subscriptions = tomlSubscriptions(toml);

/** webhooks.fulfillment_orders.moved.tsx → fulfillment_orders/moved (every topic is resource/event). */
const topicOfRoute = (file: string) =>
  file
    .replace(/^webhooks\./, "")
    .replace(/\.tsx$/, "")
    .replace(".", "/");
const routeFiles = fs.readdirSync(ROUTES).filter((f) => /^webhooks\..+\.tsx$/.test(f));

describe("webhook topics: toml ↔ topic list ↔ routes ↔ handlers", () => {
  it("reads every subscription block of shopify.app.toml", () => {
    expect(subscriptions.length).toBe((toml.match(/^\[\[webhooks\.subscriptions\]\]/gm) ?? []).length);
    expect(subscriptions.length).toBeGreaterThan(0);
    for (const s of subscriptions) expect(s.topics.length).toBeGreaterThan(0);
  });

  it("shopify.app.toml subscribes exactly the topics of app/shopify/topics.ts, each at /webhooks/<topic>", async () => {
    const { COMPLIANCE_TOPICS, WEBHOOK_TOPICS, webhookPath } = await import("../../app/shopify/topics");
    const regular = subscriptions.filter((s) => !s.compliance).flatMap((s) => s.topics);
    const compliance = subscriptions.filter((s) => s.compliance).flatMap((s) => s.topics);
    expect([...regular].sort()).toEqual([...WEBHOOK_TOPICS].sort());
    expect([...compliance].sort()).toEqual([...COMPLIANCE_TOPICS].sort());
    // One topic per block, so the URI names the route that handles it.
    for (const s of subscriptions) {
      expect(s.topics).toHaveLength(1);
      expect(s.uri).toBe(webhookPath(s.topics[0] as Parameters<typeof webhookPath>[0]));
    }
  });

  it("every topic has its route file acknowledging that topic, and every webhooks route is a subscribed topic", async () => {
    const { COMPLIANCE_TOPICS, WEBHOOK_TOPICS } = await import("../../app/shopify/topics");
    const topics = [...WEBHOOK_TOPICS, ...COMPLIANCE_TOPICS].sort();
    expect(routeFiles.map(topicOfRoute).sort()).toEqual(topics);
    for (const file of routeFiles) {
      const source = fs.readFileSync(path.join(ROUTES, file), "utf8");
      expect(source, file).toContain(`webhookAction("${topicOfRoute(file)}")`);
    }
  });

  it("every topic has a payload schema and a handler, and nothing else does", async () => {
    const { COMPLIANCE_TOPICS, WEBHOOK_TOPICS } = await import("../../app/shopify/topics");
    const { PAYLOAD_SCHEMAS } = await import("../../app/shopify/webhooks/payloads");
    const { TOPIC_HANDLERS } = await import("../../app/jobs/topics/index.server");
    const topics = [...WEBHOOK_TOPICS, ...COMPLIANCE_TOPICS].sort();
    expect(Object.keys(PAYLOAD_SCHEMAS).sort()).toEqual(topics);
    expect(Object.keys(TOPIC_HANDLERS).sort()).toEqual(topics);
    for (const [topic, handler] of Object.entries(TOPIC_HANDLERS)) expect(typeof handler, topic).toBe("function");
  });

  it("the decision record says what each subscribed topic does", async () => {
    const { COMPLIANCE_TOPICS, WEBHOOK_TOPICS } = await import("../../app/shopify/topics");
    const record = fs.readFileSync(path.join(ROOT, "docs/decisions/011-webhook-topics.md"), "utf8");
    for (const topic of [...WEBHOOK_TOPICS, ...COMPLIANCE_TOPICS]) expect(record, topic).toContain(`\`${topic}\``);
  });

  it("shopify.app.toml asks for exactly the access scopes of app/shopify/scopes.ts", async () => {
    const { SCOPES } = await import("../../app/shopify/scopes");
    const scopes = /^scopes\s*=\s*"([^"]*)"\s*$/m.exec(toml)?.[1]?.split(",") ?? [];
    expect([...scopes].sort()).toEqual([...SCOPES].sort());
  });
});

describe("a stored event whose topic has no handler", () => {
  it("is a dead letter, not a silent success", async () => {
    const db = (await import("../../app/db.server")).default;
    const { webhookJobHandler } = await import("../../app/jobs/webhook-job.server");
    const { TerminalJobError } = await import("../../app/services/queue/errors");
    const shop = "no-handler.myshopify.com";
    await db.shop.create({ data: { domain: shop } });
    const body = JSON.stringify({ admin_graphql_api_id: "gid://shopify/Fulfillment/1", order_id: 1, status: "success" });
    const event = await db.webhookEvent.create({ data: { shop, eventId: "e-1", webhookId: "w-1", topic: "fulfillments/create", payload: body } });
    // A worker built with handlers for one topic only, as a test or a partial deployment might.
    const handler = webhookJobHandler({ db, handlers: { "orders/create": async () => undefined } });
    const job = { id: "job-1", shop, kind: "webhook", dedupeKey: "k", payload: { webhookEventId: event.id }, attempt: 1, maxAttempts: 3, leaseVersion: 1 };
    await expect(handler.perform(job)).rejects.toBeInstanceOf(TerminalJobError);
  });
});
