import type { PrismaClient } from "@prisma/client";
import { isWebhookTopic } from "~/shopify/topics";
import { parseWebhookPayload } from "~/shopify/webhooks/payloads";
import { recordWebhook } from "./inbox.server";

type AuthenticateWebhook = (request: Request) => Promise<{ shop: string; webhookId: string; apiVersion: string }>;

export interface ReceiveDeps {
  readonly db: PrismaClient;
  readonly authenticate: AuthenticateWebhook;
  readonly log?: (message: string, details?: Record<string, unknown>) => void;
}

/**
 * The whole of a webhook route: verify the HMAC (forged → 401 from the library, nothing stored),
 * check the topic and payload shape, persist event + job, answer 200. Work happens in the worker.
 */
export async function receiveWebhook(request: Request, expectedTopic: string, deps: ReceiveDeps): Promise<Response> {
  const rawBody = await request.clone().text();
  const context = await deps.authenticate(request); // throws a 401/400/405 Response when invalid
  const headerTopic = request.headers.get("x-shopify-topic") ?? "";
  if (headerTopic !== expectedTopic || !isWebhookTopic(headerTopic)) {
    return new Response(`This endpoint receives ${expectedTopic}, not "${headerTopic}"`, { status: 400 });
  }
  const parsed = parseWebhookPayload(headerTopic, rawBody);
  if (!parsed.ok) {
    // Signed by Shopify, so never dropped: stored, and its job dead-letters with this message.
    deps.log?.("webhook payload did not match its schema", { topic: headerTopic, error: parsed.error });
  }
  const eventId = request.headers.get("x-shopify-event-id") || context.webhookId;
  const triggered = request.headers.get("x-shopify-triggered-at");
  try {
    const outcome = await recordWebhook(deps.db, {
      shop: context.shop,
      topic: headerTopic,
      eventId,
      webhookId: context.webhookId,
      apiVersion: context.apiVersion ?? null,
      triggeredAt: triggered && !Number.isNaN(Date.parse(triggered)) ? new Date(triggered) : null,
      rawBody,
    });
    return new Response(null, { status: 200, headers: { "X-Dropline-Inbox": outcome.status } });
  } catch (error) {
    deps.log?.("could not store webhook", { topic: headerTopic, error: String(error) });
    return new Response("Could not store the event; retry later", { status: 503 });
  }
}
