import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@prisma/client";
import type { WebhookTopic } from "~/shopify/topics";
import { isUniqueViolation } from "./errors";

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

const keyOf = (e: { shop: string; eventId: string }) => `${e.shop}\u0000${e.eventId}`;

/**
 * Persists events and their jobs, keyed by shop + event id: a second delivery of the same event
 * stores nothing new. Deliveries that arrive together are written in one transaction (group
 * commit), and each caller is answered only after that transaction committed — so a 200 always
 * means "stored", and a store failure rejects every caller in the batch (their routes answer 5xx
 * and Shopify retries).
 */
export class InboxWriter {
  private queue: { event: IncomingEvent; resolve: (o: RecordOutcome) => void; reject: (e: unknown) => void }[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly db: PrismaClient,
    private readonly maxBatch = 100,
  ) {}

  record(event: IncomingEvent): Promise<RecordOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ event, resolve, reject });
      this.flushing ??= new Promise<void>((done) => setImmediate(done)).then(() => this.drain());
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const outcomes = await writeBatch(this.db, batch.map((b) => b.event));
        batch.forEach((b, i) => b.resolve(outcomes[i]!));
      } catch (error) {
        batch.forEach((b) => b.reject(error));
      }
    }
    this.flushing = null;
  }
}

async function writeBatch(db: PrismaClient, events: readonly IncomingEvent[]): Promise<RecordOutcome[]> {
  const existing = await db.webhookEvent.findMany({
    where: { OR: events.map((e) => ({ shop: e.shop, eventId: e.eventId })) },
    select: { shop: true, eventId: true },
  });
  const seen = new Set(existing.map(keyOf));
  const fresh: { event: IncomingEvent; id: string }[] = [];
  const outcomes: RecordOutcome[] = events.map((event) => {
    const key = keyOf(event);
    if (seen.has(key)) return { status: "duplicate" };
    seen.add(key); // a duplicate inside the same batch counts as a duplicate too
    const id = randomUUID();
    fresh.push({ event, id });
    return { status: "stored", id };
  });
  const duplicates = events.filter((_, i) => outcomes[i]!.status === "duplicate");
  try {
    await db.$transaction([
      db.webhookEvent.createMany({
        data: fresh.map(({ event: e, id }) => ({
          id,
          shop: e.shop,
          eventId: e.eventId,
          webhookId: e.webhookId,
          topic: e.topic,
          apiVersion: e.apiVersion,
          triggeredAt: e.triggeredAt,
          payload: e.rawBody,
        })),
      }),
      db.job.createMany({
        data: fresh.map(({ event: e, id }) => ({
          shop: e.shop,
          kind: WEBHOOK_JOB_KIND,
          dedupeKey: `webhook:${e.shop}:${e.eventId}`,
          payload: JSON.stringify({ webhookEventId: id }),
        })),
      }),
      ...duplicates.map((e) =>
        db.webhookEvent.updateMany({ where: { shop: e.shop, eventId: e.eventId }, data: { deliveries: { increment: 1 } } }),
      ),
    ]);
  } catch (error) {
    // Another process stored one of these events between our read and our write: fall back to
    // one transaction per event so each caller still gets the right answer.
    if (!isUniqueViolation(error) || events.length === 1) throw error;
    return Promise.all(events.map((e) => writeBatch(db, [e]).then((o) => o[0]!)));
  }
  return outcomes;
}


const writers = new WeakMap<PrismaClient, InboxWriter>();

/** Records one event through the process's group-commit writer for `db`. */
export function recordWebhook(db: PrismaClient, event: IncomingEvent): Promise<RecordOutcome> {
  let writer = writers.get(db);
  if (!writer) {
    writer = new InboxWriter(db);
    writers.set(db, writer);
  }
  return writer.record(event);
}
