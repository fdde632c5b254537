import type { Clock } from "~/domain/clock";
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

/** The database is momentarily locked by another connection. Nothing was written; try again. */
export class InboxBusyError extends Error {
  constructor() {
    super("The database is busy (another connection is writing)");
    this.name = "InboxBusyError";
  }
}

/**
 * Where events and their jobs are persisted. `write` stores a batch in one transaction keyed by
 * shop + event id (a second delivery of an event stores nothing new and counts the delivery) and
 * returns one outcome per event, in order; it writes all of the batch or nothing, and throws
 * `InboxBusyError` (and writes nothing) when the database is momentarily locked.
 */
export interface InboxStore {
  /** Synchronous on SQLite (one in-process transaction), a promise on PostgreSQL. */
  write(events: readonly IncomingEvent[], now: Date): RecordOutcome[] | Promise<RecordOutcome[]>;
  /** Opens what the first write would otherwise open on a delivery's time (connections, the queue's schema check). */
  warm?(): Promise<void>;
  /** How many batches may be written at once (SQLite: one writer; PostgreSQL: the inbox's connections). */
  readonly concurrentWrites?: number;
}

export interface InboxWriterOptions {
  readonly maxBatch?: number;
  /** How long a batch keeps retrying a busy database before its callers are failed (→ 503). */
  readonly busyDeadlineMs?: number;
  /** Raised while a batch waits for a busy database, so a worker in another thread lets it go first. */
  readonly gate?: { raise(): void; lower(): void };
  /** When events are received (default: the wall clock; a script replaying the past passes its own). */
  readonly now?: Clock;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Group commit in front of an `InboxStore`: deliveries that arrive together are written in one
 * transaction, and each caller is answered only after that transaction committed — so a 200 always
 * means "stored", and a store failure rejects every caller in the batch (their routes answer 5xx
 * and Shopify retries). While another connection holds the write lock the batch is retried after a
 * short sleep instead of waiting inside SQLite, so the event loop keeps accepting deliveries (they
 * join the next batch).
 */
export class InboxWriter {
  private queue: { event: IncomingEvent; resolve: (o: RecordOutcome) => void; reject: (e: unknown) => void }[] = [];
  /** Batches being written now (at most the store's `concurrentWrites`). */
  private writing = 0;
  private readonly maxBatch: number;
  private readonly busyDeadlineMs: number;
  private readonly gate: InboxWriterOptions["gate"];
  private readonly now: Clock;

  constructor(
    private readonly store: InboxStore,
    options: InboxWriterOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 100;
    this.busyDeadlineMs = options.busyDeadlineMs ?? 5_000;
    this.gate = options.gate;
    this.now = options.now ?? (() => new Date());
  }

  /** Readies the store before the process takes deliveries, so the first ones do not pay for start-up. */
  async warm(): Promise<void> {
    await this.store.warm?.();
  }

  record(event: IncomingEvent): Promise<RecordOutcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ event, resolve, reject });
      // Another batch may start while one is being written (PostgreSQL): a delivery then waits for
      // its own transaction only, not also for the one before it.
      if (this.writing < Math.max(1, this.store.concurrentWrites ?? 1)) {
        this.writing += 1;
        void new Promise<void>((done) => setImmediate(done)).then(() => this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const outcomes = await this.writeWhenFree(batch.map((b) => b.event));
          batch.forEach((b, i) => b.resolve(outcomes[i]!));
        } catch (error) {
          batch.forEach((b) => b.reject(error));
        }
      }
    } finally {
      this.writing -= 1;
    }
  }

  /** Writes, retrying every millisecond while the database is busy (up to the deadline). */
  private async writeWhenFree(events: readonly IncomingEvent[]): Promise<RecordOutcome[]> {
    const deadline = performance.now() + this.busyDeadlineMs;
    try {
      for (;;) {
        try {
          return await this.store.write(events, this.now());
        } catch (error) {
          if (!(error instanceof InboxBusyError) || performance.now() + 1 > deadline) throw error;
        }
        this.gate?.raise();
        await sleep(1);
      }
    } finally {
      this.gate?.lower();
    }
  }
}
