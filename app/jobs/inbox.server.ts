import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import type { WebhookTopic } from "~/shopify/topics";

export const WEBHOOK_JOB_KIND = "webhook";

export interface IncomingEvent {
  readonly shop: string;
  readonly topic: WebhookTopic;
  /** X-Shopify-Event-Id, or X-Shopify-Webhook-Id when Shopify sends no event id. */
  readonly eventId: string;
  readonly webhookId: string;
  readonly apiVersion: string | null;
  readonly triggeredAt: Date | null;
  readonly rawBody: string;
}

export type RecordOutcome = { readonly status: "stored"; readonly id: string } | { readonly status: "duplicate" };

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/**
 * Persists an event and its job in one transaction, keyed by shop + event id: a second delivery
 * of the same event stores nothing new. Throws when the store is unavailable (the route answers
 * 5xx so Shopify retries).
 */
export async function recordWebhook(db: PrismaClient, event: IncomingEvent): Promise<RecordOutcome> {
  const id = randomUUID();
  try {
    await db.$transaction([
      db.webhookEvent.create({
        data: {
          id,
          shop: event.shop,
          eventId: event.eventId,
          webhookId: event.webhookId,
          topic: event.topic,
          apiVersion: event.apiVersion,
          triggeredAt: event.triggeredAt,
          payload: event.rawBody,
        },
      }),
      db.job.create({
        data: {
          shop: event.shop,
          kind: WEBHOOK_JOB_KIND,
          dedupeKey: `webhook:${event.shop}:${event.eventId}`,
          payload: JSON.stringify({ webhookEventId: id }),
        },
      }),
    ]);
    return { status: "stored", id };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await db.webhookEvent.updateMany({
      where: { shop: event.shop, eventId: event.eventId },
      data: { deliveries: { increment: 1 } },
    });
    return { status: "duplicate" };
  }
}
