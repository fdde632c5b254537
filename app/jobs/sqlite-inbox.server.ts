import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { InboxBusyError, WEBHOOK_JOB_KIND, type IncomingEvent, type InboxStore, type RecordOutcome } from "./inbox.server";

/** The same text Prisma's SQLite adapter writes for a DateTime, so Prisma reads and compares it. */
const sqliteDateTime = (d: Date): string => d.toISOString().replace("Z", "+00:00");

/** The SQLite file a `file:` DATABASE_URL names, resolved as Prisma's SQLite adapter resolves it. */
export function sqliteFileOf(databaseUrl: string): string {
  if (!databaseUrl.startsWith("file:")) {
    throw new Error(`The webhook inbox needs a SQLite DATABASE_URL (file:…); got "${databaseUrl.split(":")[0]}:…"`);
  }
  return databaseUrl.slice("file:".length);
}

const isBusy = (error: unknown): boolean => error instanceof Error && "code" in error && typeof error.code === "string" && error.code.startsWith("SQLITE_BUSY");

/**
 * The inbox's own connection to the app database, for the one write on the acknowledgement path.
 * Prepared statements in one synchronous transaction per batch: the write lock is held for the
 * microseconds the inserts take, never across an await. WAL with synchronous = NORMAL (as the
 * app's Prisma connection): a committed batch survives the process crashing at any point; only a
 * host power cut can drop the last commits (an fsync per commit would block this event loop).
 * It never waits for the lock (busy_timeout = 0): a busy database throws `InboxBusyError` and the
 * caller retries without blocking the event loop. See docs/decisions/004-webhook-acknowledgement-path.md.
 */
export class SqliteInboxStore implements InboxStore {
  private readonly db: Database.Database;
  private readonly writeBatch: (events: readonly IncomingEvent[], now: string) => RecordOutcome[];

  constructor(file: string) {
    this.db = new Database(file, { timeout: 0 });
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.pragma("busy_timeout = 0");
    // Prepared when first used, so a store opened before migrations ran still works afterwards.
    let statements: ReturnType<typeof prepare> | undefined;
    const transaction = this.db.transaction((events: readonly IncomingEvent[], now: string) => {
      statements ??= prepare(this.db);
      return events.map((e) => storeOne(statements!, e, now));
    });
    this.writeBatch = (events, now) => transaction.immediate(events, now);
  }

  write(events: readonly IncomingEvent[], now: Date): RecordOutcome[] {
    try {
      return this.writeBatch(events, sqliteDateTime(now));
    } catch (error) {
      if (isBusy(error)) throw new InboxBusyError();
      throw error;
    }
  }

  close(): void {
    this.db.close();
  }
}

function prepare(db: Database.Database) {
  return {
    insertEvent: db.prepare(
      `INSERT INTO "WebhookEvent" ("id", "shop", "eventId", "webhookId", "topic", "apiVersion", "triggeredAt", "receivedAt", "deliveries", "payload")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?) ON CONFLICT ("shop", "eventId") DO NOTHING`,
    ),
    countDelivery: db.prepare(`UPDATE "WebhookEvent" SET "deliveries" = "deliveries" + 1 WHERE "shop" = ? AND "eventId" = ?`),
    insertJob: db.prepare(
      `INSERT INTO "Job" ("id", "shop", "kind", "dedupeKey", "payload", "status", "attempts", "maxAttempts", "runAt", "leaseVersion", "createdAt", "updatedAt")
       VALUES (?, ?, ?, ?, ?, 'queued', 0, 8, ?, 0, ?, ?)`,
    ),
  };
}

/** Event and job together, or — for an event already stored — one more delivery counted. */
function storeOne(s: ReturnType<typeof prepare>, e: IncomingEvent, now: string): RecordOutcome {
  const id = randomUUID();
  const triggeredAt = e.triggeredAt ? sqliteDateTime(e.triggeredAt) : null;
  const inserted = s.insertEvent.run(id, e.shop, e.eventId, e.webhookId, e.topic, e.apiVersion, triggeredAt, now, e.rawBody);
  if (inserted.changes === 0) {
    s.countDelivery.run(e.shop, e.eventId);
    return { status: "duplicate" };
  }
  const payload = JSON.stringify({ webhookEventId: id });
  s.insertJob.run(randomUUID(), e.shop, WEBHOOK_JOB_KIND, `webhook:${e.shop}:${e.eventId}`, payload, now, now, now);
  return { status: "stored", id };
}
