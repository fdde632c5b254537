import { randomUUID } from "node:crypto";
import pg from "pg";
import { WEBHOOK_JOB_KIND, type IncomingEvent, type InboxStore, type RecordOutcome } from "./inbox.server";
import type { NewJob } from "~/services/queue/job-queue";

/** A statement runner bound to one open transaction. */
export interface SqlTransaction {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[]; rowCount: number | null }>;
}

/**
 * One row of a multi-row VALUES list: appends `row` to the statement's `values` and returns its
 * placeholders, `($n, $n+1, …)`, each cast to its entry in `types` when given.
 */
export function valuesRow(values: unknown[], row: readonly unknown[], types: readonly string[] = []): string {
  const at = values.length;
  values.push(...row);
  return `(${row.map((_, i) => `$${at + i + 1}${types[i] ? `::${types[i]}` : ""}`).join(", ")})`;
}

/** How a queue adds jobs inside a transaction someone else opened (the inbox's): a job whose dedupe key exists is not added. */
export interface TransactionalEnqueue {
  enqueueManyIn(tx: SqlTransaction, jobs: readonly NewJob[], now: Date): Promise<void>;
  /** Whatever the queue does once before its first enqueue (pg-boss: its schema check). */
  start?(): Promise<void>;
}

/** The webhook job of a stored event (the same job the SQLite inbox writes). */
export function webhookJob(event: IncomingEvent, webhookEventId: string, now: Date): NewJob {
  return { shop: event.shop, kind: WEBHOOK_JOB_KIND, dedupeKey: `webhook:${event.shop}:${event.eventId}`, payload: { webhookEventId }, runAt: now };
}

/**
 * The webhook inbox on PostgreSQL: each batch is one transaction on its own small pool (so
 * acknowledgements never wait behind the app's queries for a connection) that stores each new event
 * and enqueues its job through the queue's `enqueueManyIn` — the event row and the job commit
 * together or not at all, so an event can be neither lost nor run twice. A second delivery of an
 * event stores nothing new and counts the delivery. The batch costs a few statements whatever its
 * size (one multi-row insert per table), so under a burst the statements per delivery fall instead
 * of each delivery's round trips queueing behind the last. PostgreSQL's row locks replace SQLite's
 * single writer: nothing here waits for other shops' transactions.
 */
export class PostgresInboxStore implements InboxStore {
  private readonly pool: pg.Pool;
  /** Batches are written on as many connections at once as the pool has. */
  readonly concurrentWrites: number;

  constructor(
    url: string,
    private readonly queue: TransactionalEnqueue,
    options: { poolSize?: number } = {},
  ) {
    this.concurrentWrites = options.poolSize ?? 4;
    this.pool = new pg.Pool({ connectionString: url, max: this.concurrentWrites });
  }

  /** Starts the queue and opens the pool's connections, so no delivery waits for either. */
  async warm(): Promise<void> {
    await this.queue.start?.();
    const clients = await Promise.all(Array.from({ length: this.concurrentWrites }, () => this.pool.connect()));
    try {
      await Promise.all(clients.map((client) => client.query("SELECT 1")));
    } finally {
      for (const client of clients) client.release();
    }
  }

  async write(events: readonly IncomingEvent[], now: Date): Promise<RecordOutcome[]> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const outcomes = await storeMany(client, this.queue, events, now);
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

const eventKey = (e: { shop: string; eventId: string }) => `${e.shop}\u0000${e.eventId}`;

/**
 * Stores the batch's new events (the first delivery of each; in a stable order, so two batches
 * meeting on the same events wait for each other instead of deadlocking) and enqueues their jobs;
 * every other delivery counts as one more delivery of its event. Outcomes in `events`' order.
 */
async function storeMany(tx: pg.PoolClient, queue: TransactionalEnqueue, events: readonly IncomingEvent[], now: Date): Promise<RecordOutcome[]> {
  const firsts = new Map<string, { event: IncomingEvent; id: string }>();
  for (const e of events) if (!firsts.has(eventKey(e))) firsts.set(eventKey(e), { event: e, id: randomUUID() });
  const candidates = [...firsts.values()].sort((a, b) => (eventKey(a.event) < eventKey(b.event) ? -1 : 1));
  const values: unknown[] = [];
  const rows = candidates.map(({ event: e, id }) =>
    valuesRow(values, [id, e.shop, e.eventId, e.webhookId, e.topic, e.apiVersion, e.triggeredAt, now, 1, e.rawBody]),
  );
  const inserted = await tx.query(
    `INSERT INTO "WebhookEvent" ("id", "shop", "eventId", "webhookId", "topic", "apiVersion", "triggeredAt", "receivedAt", "deliveries", "payload")
     VALUES ${rows.join(", ")} ON CONFLICT ("shop", "eventId") DO NOTHING RETURNING "id"`,
    values,
  );
  const stored = new Set(inserted.rows.map((r) => String(r.id)));
  // Stored: the first delivery of an event this batch inserted; every other one is a duplicate.
  const reported = new Set<string>();
  const outcomes = events.map((e): RecordOutcome => {
    const key = eventKey(e);
    const first = firsts.get(key)!;
    const isNew = !reported.has(key) && stored.has(first.id);
    reported.add(key);
    return isNew ? { status: "stored", id: first.id } : { status: "duplicate" };
  });
  // Duplicates count as deliveries of their event, per event.
  const extra = new Map<string, { shop: string; eventId: string; n: number }>();
  events.forEach((e, i) => {
    if (outcomes[i]!.status === "stored") return;
    const counted = extra.get(eventKey(e)) ?? { shop: e.shop, eventId: e.eventId, n: 0 };
    counted.n += 1;
    extra.set(eventKey(e), counted);
  });
  if (extra.size > 0) {
    const counted = [...extra.values()].sort((a, b) => (eventKey(a) < eventKey(b) ? -1 : 1));
    await tx.query(
      `UPDATE "WebhookEvent" AS "e" SET "deliveries" = "e"."deliveries" + "d"."n"
       FROM unnest($1::text[], $2::text[], $3::int[]) AS "d"("shop", "eventId", "n")
       WHERE "e"."shop" = "d"."shop" AND "e"."eventId" = "d"."eventId"`,
      [counted.map((c) => c.shop), counted.map((c) => c.eventId), counted.map((c) => c.n)],
    );
  }
  const jobs = [...firsts.values()].filter((c) => stored.has(c.id)).map((c) => webhookJob(c.event, c.id, now));
  await queue.enqueueManyIn(tx, jobs, now);
  return outcomes;
}
