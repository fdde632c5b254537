import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../app/db-client.server";
import { InboxBusyError, InboxWriter, type IncomingEvent } from "../../app/jobs/inbox.server";
import { SqliteInboxStore, sqliteFileOf } from "../../app/jobs/sqlite-inbox.server";
import { WriteGate } from "../../app/write-gate";
import { freshDatabaseUrl } from "../helpers/database";

const event = (eventId: string, shop = "a.myshopify.com"): IncomingEvent => ({
  shop,
  topic: "orders/create",
  eventId,
  webhookId: `w-${eventId}`,
  apiVersion: "2026-04",
  triggeredAt: new Date("2026-12-01T10:00:00Z"),
  rawBody: `{"id":${eventId.length}}`,
});

let url: string;
let store: SqliteInboxStore;
let other: Database.Database;

beforeEach(() => {
  url = freshDatabaseUrl("inbox");
  store = new SqliteInboxStore(sqliteFileOf(url));
  other = new Database(sqliteFileOf(url));
});

afterEach(() => {
  store.close();
  other.close();
});

/** Another connection holding SQLite's write lock (as a worker's transaction does). */
function holdWriteLock(): () => void {
  other.exec("BEGIN IMMEDIATE");
  return () => other.exec("COMMIT");
}

describe("SQLite inbox store", () => {
  it("writes event and job in the formats Prisma reads, and the job is due at once", async () => {
    const now = new Date();
    expect(store.write([event("e1")], now)).toEqual([{ status: "stored", id: expect.any(String) }]);
    const db = createPrismaClient(url);
    try {
      const stored = await db.webhookEvent.findFirstOrThrow();
      expect(stored).toMatchObject({ eventId: "e1", deliveries: 1, receivedAt: now, triggeredAt: new Date("2026-12-01T10:00:00Z") });
      const job = await db.job.findFirstOrThrow({ where: { runAt: { lte: now } } });
      expect(job).toMatchObject({ kind: "webhook", status: "queued", attempts: 0, maxAttempts: 8, dedupeKey: "webhook:a.myshopify.com:e1" });
      expect(JSON.parse(job.payload)).toEqual({ webhookEventId: stored.id });
    } finally {
      await db.$disconnect();
    }
  });

  it("counts a second delivery of an event instead of storing it, also inside one batch", () => {
    expect(store.write([event("e1"), event("e1"), event("e1", "b.myshopify.com")], new Date()).map((o) => o.status)).toEqual(["stored", "duplicate", "stored"]);
    expect(store.write([event("e1")], new Date())).toEqual([{ status: "duplicate" }]);
    expect(other.prepare(`SELECT "deliveries" FROM "WebhookEvent" WHERE "shop" = 'a.myshopify.com'`).get()).toEqual({ deliveries: 3 });
    expect(other.prepare(`SELECT count(*) AS n FROM "Job"`).get()).toEqual({ n: 2 });
  });

  it("refuses at once, writing nothing, while another connection holds the write lock", () => {
    const release = holdWriteLock();
    expect(() => store.write([event("e1")], new Date())).toThrow(InboxBusyError);
    release();
    expect(other.prepare(`SELECT count(*) AS n FROM "WebhookEvent"`).get()).toEqual({ n: 0 });
  });

  it("stores all of a batch or none of it", () => {
    other.exec(`CREATE TRIGGER refuse AFTER INSERT ON "Job" WHEN NEW."shop" = 'bad.myshopify.com' BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    expect(() => store.write([event("e1"), event("e2", "bad.myshopify.com")], new Date())).toThrow(/refused/);
    expect(other.prepare(`SELECT count(*) AS n FROM "WebhookEvent"`).get()).toEqual({ n: 0 });
  });

  it("names the problem when DATABASE_URL is not a SQLite file", () => {
    expect(() => sqliteFileOf("postgresql://db/app")).toThrow(/needs a SQLite DATABASE_URL/);
  });
});

describe("inbox writer on a busy database", () => {
  const writer = (gate?: WriteGate, busyDeadlineMs = 5_000) => new InboxWriter(store, { gate, busyDeadlineMs });

  it("keeps the event loop free while it waits, raises the gate, and stores once the lock is released", async () => {
    const gate = new WriteGate();
    const release = holdWriteLock();
    const recorded = writer(gate).record(event("e1"));
    // The event loop still runs timers while the write waits (no blocking busy-wait inside SQLite).
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(gate.isRaised()).toBe(true);
    release();
    expect(await recorded).toEqual({ status: "stored", id: expect.any(String) });
    expect(gate.isRaised()).toBe(false);
    expect(other.prepare(`SELECT count(*) AS n FROM "Job"`).get()).toEqual({ n: 1 });
  });

  it("fails every caller of the batch after its deadline (the route answers 503) and lowers the gate", async () => {
    const gate = new WriteGate();
    const release = holdWriteLock();
    const w = writer(gate, 30);
    const results = await Promise.allSettled([w.record(event("e1")), w.record(event("e2"))]);
    release();
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(gate.isRaised()).toBe(false);
    expect(other.prepare(`SELECT count(*) AS n FROM "WebhookEvent"`).get()).toEqual({ n: 0 });
  });

  it("does not retry an error that is not about the lock", async () => {
    other.exec(`ALTER TABLE "Job" RENAME TO "Job_offline"`);
    await expect(writer().record(event("e1"))).rejects.toThrow(/no such table/);
  });
});

describe("inbox and worker on one event loop (DROPLINE_WORKER=inline, the dev server)", () => {
  it("a delivery made while a transaction of the same thread holds the lock waits for it, without a deadlock", async () => {
    const db = createPrismaClient(url);
    try {
      const w = new InboxWriter(store);
      let recorded: Promise<unknown> | undefined;
      let settledInside = false;
      await db.$transaction(async (tx) => {
        await tx.job.create({ data: { shop: "a.myshopify.com", kind: "test", dedupeKey: "t1", payload: "{}" } });
        recorded = w.record(event("e1"));
        void recorded.then(() => (settledInside = true));
        // The transaction still holds the lock across this await; a blocking wait inside SQLite
        // would freeze this thread here for good.
        await new Promise((resolve) => setTimeout(resolve, 20));
      });
      expect(settledInside).toBe(false);
      expect(await recorded).toEqual({ status: "stored", id: expect.any(String) });
      expect(await db.job.count()).toBe(2);
    } finally {
      await db.$disconnect();
    }
  });
});

describe("Prisma transactions on SQLite", () => {
  it("take the write lock when they start, so a read-then-write transaction cannot be refused halfway", async () => {
    const db = createPrismaClient(url);
    try {
      let refusedMeanwhile = false;
      await db.$transaction(async (tx) => {
        await tx.job.count();
        // The inbox commits between this transaction's read and its write: with a deferred BEGIN
        // the write below would fail with SQLITE_BUSY; here the inbox is the one kept waiting.
        try {
          store.write([event("e1")], new Date());
        } catch (error) {
          refusedMeanwhile = error instanceof InboxBusyError;
        }
        await tx.job.create({ data: { shop: "a.myshopify.com", kind: "test", dedupeKey: "t1", payload: "{}" } });
      });
      expect(refusedMeanwhile).toBe(true);
      expect(await db.job.count()).toBe(1);
      expect(store.write([event("e1")], new Date())[0]?.status).toBe("stored");
    } finally {
      await db.$disconnect();
    }
  });
});
