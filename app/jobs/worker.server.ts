import type { Clock } from "~/domain/clock";
import { randomUUID } from "node:crypto";
import { LeaseLostError, type ClaimedJob, type JobContext, type JobQueue } from "~/services/queue/job-queue";
import { runInJobScope } from "~/services/queue/job-scope";

export interface JobHandler {
  readonly kind: string;
  /** `context.signal` is aborted once the lease is lost: check it before each side effect. */
  perform(job: ClaimedJob, context?: JobContext): Promise<void>;
  /** Errors not worth retrying (bad payload, refused by Shopify for good) go straight to dead-letter. */
  isTerminal?(error: unknown): boolean;
}

export interface WorkerOptions {
  readonly workerId?: string;
  readonly concurrency?: number;
  readonly pollMs?: number;
  readonly leaseMs?: number;
  /** How often a running job's lease is extended (default: a third of `leaseMs`, at least 1 s). */
  readonly heartbeatMs?: number;
  readonly now?: Clock;
  /** Delay before retry `attempt + 1`. */
  readonly backoffMs?: (attempt: number) => number;
  readonly log?: (message: string, details?: Record<string, unknown>) => void;
  /** Defers the next batch while it returns true (e.g. webhook acknowledgements in flight), at most `maxDeferMs`. */
  readonly defer?: () => boolean;
  readonly maxDeferMs?: number;
  /** Failures that mean "wait for someone" rather than "retry": such jobs are parked, not retried or dead-lettered. */
  readonly parking?: JobParking;
}

export interface JobParking {
  /** Why the job must wait (e.g. the shop needs the merchant to open the app), or null to handle the error as usual. */
  reasonFor(error: unknown): string | null;
  /** Still waiting? Checked after parking, so a job parked just after its shop resumed is not left behind. */
  stillWaiting(shop: string): Promise<boolean>;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Exponential backoff with a cap: 2 s, 4 s, 8 s … up to 1 hour. */
export function defaultBackoffMs(attempt: number): number {
  return Math.min(3_600_000, 1000 * 2 ** attempt);
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * Leases due jobs and runs them through their handler: success completes, failure retries with
 * backoff, terminal failures and exhausted attempts dead-letter. Heartbeats keep the lease while a
 * job runs; if this process dies the lease expires and another worker runs the job again.
 */
export class Worker {
  readonly workerId: string;
  private readonly handlers: Map<string, JobHandler>;
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly heartbeatMs: number;
  private readonly now: Clock;
  private readonly active = new Set<string>();
  private readonly backoffMs: (attempt: number) => number;
  private readonly log: NonNullable<WorkerOptions["log"]>;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private inFlight: Promise<unknown> = Promise.resolve();
  /** Ends the background loop's wait early (a slot freed, or stopping). */
  private wake: () => void = () => undefined;
  private readonly defer: () => boolean;
  private readonly maxDeferMs: number;
  private readonly parking: JobParking | undefined;

  constructor(
    private readonly queue: JobQueue,
    handlers: readonly JobHandler[],
    options: WorkerOptions = {},
  ) {
    this.handlers = new Map(handlers.map((h) => [h.kind, h]));
    this.workerId = options.workerId ?? `worker-${randomUUID()}`;
    this.concurrency = options.concurrency ?? 4;
    this.pollMs = options.pollMs ?? 250;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.heartbeatMs = options.heartbeatMs ?? Math.max(1000, this.leaseMs / 3);
    this.now = options.now ?? (() => new Date());
    this.backoffMs = options.backoffMs ?? defaultBackoffMs;
    this.log = options.log ?? (() => undefined);
    this.defer = options.defer ?? (() => false);
    this.maxDeferMs = options.maxDeferMs ?? 250;
    this.parking = options.parking;
  }

  /** Waits while `defer` says the web process is busy — never past `maxDeferMs`, so the worker cannot starve. */
  private async waitWhileDeferred(): Promise<void> {
    const deadline = performance.now() + this.maxDeferMs;
    while (this.defer() && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
  }

  /** Claims and runs one batch of due jobs; resolves with how many ran. */
  async runOnce(): Promise<number> {
    await this.waitWhileDeferred();
    const claimedAt = this.now();
    const jobs = await this.queue.claim(this.workerId, claimedAt, this.leaseMs, this.concurrency);
    await Promise.all(jobs.map((job) => this.run(job, claimedAt.getTime() + this.leaseMs)));
    return jobs.length;
  }

  /** Runs batches until no job is due (tests and the benchmark use this to drain the queue). */
  async drain(maxBatches = 10_000): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxBatches; i++) {
      const ran = await this.runOnce();
      if (ran === 0) return total;
      total += ran;
      // SQLite answers synchronously, so without this the loop is one long chain of microtasks
      // and the web process in which the worker runs could not acknowledge webhooks meanwhile.
      await yieldToEventLoop();
    }
    return total;
  }

  /**
   * Runs jobs in the background with up to `concurrency` in flight: a slot that frees is refilled
   * at once, so one long job (a sweep paging through thousands of fulfillment orders while Shopify
   * throttles) takes one slot, not the whole worker. (`runOnce`/`drain` run whole batches, which
   * tests and scripts use to step the queue deterministically.)
   */
  start(): void {
    if (this.running) return;
    this.running = true;
    const jobs = new Set<Promise<void>>();
    const loop = async () => {
      while (this.running) {
        let claimed = 0;
        const free = this.concurrency - jobs.size;
        if (free > 0) {
          try {
            await this.waitWhileDeferred();
            const claimedAt = this.now();
            const batch = await this.queue.claim(this.workerId, claimedAt, this.leaseMs, free);
            claimed = batch.length;
            for (const job of batch) {
              const running: Promise<void> = this.run(job, claimedAt.getTime() + this.leaseMs)
                .catch((error: unknown) => this.log("job bookkeeping failed", { id: job.id, kind: job.kind, error: describe(error) }))
                .finally(() => {
                  jobs.delete(running);
                  this.wake();
                });
              jobs.add(running);
            }
          } catch (error) {
            this.log("worker poll failed", { error: describe(error) });
          }
        }
        if (!this.running) break;
        // More may be due and a slot is free: claim again after letting the event loop breathe
        // (SQLite answers synchronously; the web process sharing this loop must still acknowledge).
        if (claimed > 0 && jobs.size < this.concurrency) {
          await yieldToEventLoop();
          continue;
        }
        // Nothing due, or every slot busy: wait for a slot to free or the next poll.
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          this.timer = setTimeout(resolve, this.pollMs);
        });
        if (this.timer) clearTimeout(this.timer);
        this.wake = () => undefined;
      }
      await Promise.allSettled([...jobs]);
    };
    this.inFlight = loop();
  }

  /** Ids of the jobs this worker is running now (logged with an unhandled rejection). */
  runningJobIds(): string[] {
    return [...this.active];
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.wake();
    await this.inFlight.catch(() => undefined);
  }

  /**
   * Extends the lease while the job runs. A heartbeat the database refuses (busy, locked) is
   * logged, never left as an unhandled rejection; the signal is aborted when the lease is gone:
   * another worker took it over, or it expired while heartbeats kept failing.
   */
  private keepLease(job: ClaimedJob, leaseExpiresAt: number): { signal: AbortSignal; stop(): void } {
    const controller = new AbortController();
    let heldUntil = leaseExpiresAt;
    let beating = false;
    const beat = async () => {
      if (beating || controller.signal.aborted) return;
      beating = true;
      const until = new Date(this.now().getTime() + this.leaseMs);
      try {
        if (await this.queue.heartbeat(job, this.workerId, until)) heldUntil = until.getTime();
        else controller.abort(new LeaseLostError(job.id, "another worker holds it"));
      } catch (error) {
        this.log("heartbeat failed", { id: job.id, kind: job.kind, error: describe(error) });
        if (this.now().getTime() >= heldUntil) controller.abort(new LeaseLostError(job.id, "it expired while heartbeats failed"));
      } finally {
        beating = false;
      }
    };
    const timer = setInterval(() => void beat().catch(() => undefined), this.heartbeatMs);
    return { signal: controller.signal, stop: () => clearInterval(timer) };
  }

  private async run(job: ClaimedJob, leaseExpiresAt: number): Promise<void> {
    const handler = this.handlers.get(job.kind);
    if (!handler) {
      await this.queue.fail(job, this.workerId, `No handler for job kind "${job.kind}"`, null, this.now());
      return;
    }
    if (job.attempt > job.maxAttempts) {
      const message = `Gave up after ${job.maxAttempts} attempts (the last run never finished)`;
      await this.queue.fail(job, this.workerId, message, null, this.now());
      return;
    }
    const lease = this.keepLease(job, leaseExpiresAt);
    this.active.add(job.id);
    try {
      await runInJobScope(job.id, { signal: lease.signal }, () => handler.perform(job, { signal: lease.signal }));
      if (!(await this.queue.complete(job, this.workerId, this.now()))) {
        this.log("job finished after its lease was lost; its new owner decides", { id: job.id, kind: job.kind });
      }
    } catch (error) {
      if (lease.signal.aborted) {
        // Stopped before a side effect: whoever holds the lease now runs it. If nobody took it
        // over (heartbeats failed until it expired), this schedules the retry.
        this.log("job stopped: lease lost", { id: job.id, kind: job.kind, reason: describe(lease.signal.reason), error: describe(error) });
        await this.queue.fail(job, this.workerId, describe(lease.signal.reason), new Date(this.now().getTime() + this.backoffMs(job.attempt)), this.now());
        return;
      }
      const parkReason = this.parking?.reasonFor(error) ?? null;
      if (parkReason !== null && this.parking) {
        this.log("job parked", { id: job.id, kind: job.kind, reason: parkReason });
        await this.queue.park(job, this.workerId, parkReason, this.now());
        if (!(await this.parking.stillWaiting(job.shop))) await this.queue.resumeParked(job.shop, this.now());
        return;
      }
      const terminal = handler.isTerminal?.(error) ?? false;
      const exhausted = job.attempt >= job.maxAttempts;
      const retryAt = terminal || exhausted ? null : new Date(this.now().getTime() + this.backoffMs(job.attempt));
      this.log("job failed", { id: job.id, kind: job.kind, attempt: job.attempt, error: describe(error), retryAt });
      await this.queue.fail(job, this.workerId, describe(error), retryAt, this.now());
    } finally {
      lease.stop();
      this.active.delete(job.id);
    }
  }
}
