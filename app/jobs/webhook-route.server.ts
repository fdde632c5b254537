import type { ActionFunctionArgs } from "@remix-run/node";
import prisma from "~/db.server";
import { authenticate } from "~/shopify.server";
import type { WebhookTopic } from "~/shopify/topics";
import { acknowledging } from "./ack-pressure.server";
import { receiveWebhook } from "./receive-webhook.server";

/** The action of a webhook route: one line per topic file. */
export function webhookAction(topic: WebhookTopic) {
  return ({ request }: ActionFunctionArgs) =>
    acknowledging(() => receiveWebhook(request, topic, {
      db: prisma,
      authenticate: (r) => authenticate.webhook(r),
      log: (message, details) => console.warn(`[webhooks] ${message}`, details ?? ""),
    }));
}
