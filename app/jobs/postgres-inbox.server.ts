import { randomUUID } from "node:crypto";
import pg from "pg";
import { WEBHOOK_JOB_KIND, type IncomingEvent, type InboxStore, type RecordOutcome } from "./inbox.server";
import type { NewJob } from "~/services/queue/job-queue";

/** A statement runner bound to one open transaction. */
export interface SqlTransaction {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
}

/** How a queue adds a job inside a transaction someone else opened (the inbox's). */
export interface TransactionalEnqueue {
  enqueueIn(tx: SqlTransaction, job: NewJob, now: Date): Promise<void>;
}

/** The webhook job of a stored event (the same job the SQLite inbox writes). */
export function webhookJob(event: IncomingEvent, webhookEventId: string, now: Date): NewJob {
  return { shop: event.shop, kind: WEBHOOK_JOB_KIND, dedupeKey: `webhook:${event.shop}:${event.eventId}`, payload: { webhookEventId }, runAt: now };
}

/**
 * The webhook inbox on PostgreSQL: each batch is one transaction on its own small pool (so
 * acknowledgements never wait behind the app's queries for a connection) that stores each new event
 * and enqueues its job through the queue's `enqueueIn` — the event row and the job commit together
 * or not at all, so an event can be neither lost nor run twice. A second delivery of an event
 * stores nothing new and counts the delivery. PostgreSQL's row locks replace SQLite's single writer:
 * nothing here waits for other shops' transactions.
 */
export class PostgresInboxStore implements InboxStore {
  private readonly pool: pg.Pool;

  constructor(
    url: string,
    private readonly queue: TransactionalEnqueue,
    options: { poolSize?: number } = {},
  ) {
    this.pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 4 });
  }

  async write(events: readonly IncomingEvent[], now: Date): Promise<RecordOutcome[]> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const outcomes: RecordOutcome[] = [];
      for (const event of events) outcomes.push(await storeOne(client, this.queue, event, now));
      await client.query("COMMIT");
      return outcomes;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

async function storeOne(tx: pg.PoolClient, queue: TransactionalEnqueue, e: IncomingEvent, now: Date): Promise<RecordOutcome> {
  const id = randomUUID();
  const inserted = await tx.query(
    `INSERT INTO "WebhookEvent" ("id", "shop", "eventId", "webhookId", "topic", "apiVersion", "triggeredAt", "receivedAt", "deliveries", "payload")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9) ON CONFLICT ("shop", "eventId") DO NOTHING`,
    [id, e.shop, e.eventId, e.webhookId, e.topic, e.apiVersion, e.triggeredAt, now, e.rawBody],
  );
  if (inserted.rowCount === 0) {
    await tx.query(`UPDATE "WebhookEvent" SET "deliveries" = "deliveries" + 1 WHERE "shop" = $1 AND "eventId" = $2`, [e.shop, e.eventId]);
    return { status: "duplicate" };
  }
  await queue.enqueueIn(tx, webhookJob(e, id, now), now);
  return { status: "stored", id };
}
