import type { ActionFunctionArgs } from "@remix-run/node";
import { env } from "~/env.server";
import { verifyWebhookRequest } from "~/shopify/webhook-hmac.server";
import type { WebhookTopic } from "~/shopify/topics";
import { acknowledging } from "./ack-pressure.server";
import { inboxGate } from "./background.server";
import { InboxWriter } from "./inbox.server";
import { receiveWebhook } from "./receive-webhook.server";
import prisma from "~/db.server";
import { createInboxStore } from "./inbox-store.server";
import { createJobQueue, shopMaxRunning } from "./queue-factory.server";

declare global {
  var __droplineInbox: InboxWriter | undefined;
}

/** The process's one inbox writer (kept across dev hot reloads, like the Prisma client). */
function inbox(): InboxWriter {
  const { DATABASE_URL: url, DROPLINE_QUEUE: choice, DROPLINE_SHOP_MAX_RUNNING: cap } = env();
  globalThis.__droplineInbox ??= new InboxWriter(createInboxStore(url, createJobQueue(prisma, url, choice, shopMaxRunning(url, cap))), {
    gate: inboxGate(),
  });
  return globalThis.__droplineInbox;
}

/**
 * Readies the webhook inbox before the web process listens (server/index.mjs): on PostgreSQL the
 * queue's start-up and the inbox's connections, which the first deliveries would otherwise wait for.
 */
export function warmWebhookInbox(): Promise<void> {
  return inbox().warm();
}

/** The action of a webhook route: one line per topic file. */
export function webhookAction(topic: WebhookTopic) {
  return ({ request }: ActionFunctionArgs) =>
    acknowledging(() =>
      receiveWebhook(request, topic, {
        record: (event) => inbox().record(event),
        authenticate: (r, rawBody) => verifyWebhookRequest(r, rawBody, env().SHOPIFY_API_SECRET),
        log: (message, details) => console.warn(`[webhooks] ${message}`, details ?? ""),
        maxBytes: env().DROPLINE_MAX_WEBHOOK_BYTES,
      }),
    );
}
