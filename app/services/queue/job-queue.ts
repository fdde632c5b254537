/**
 * The job queue behind one small interface. The embedded default stores jobs in the app's
 * database (SQLite); a PostgreSQL backend with many worker processes implements the same
 * contract (see docs/decisions/001-durable-inbox-and-job-queue.md).
 */
export type JobStatus = "queued" | "running" | "succeeded" | "dead" | "cancelled" | "parked";

export interface NewJob {
  readonly shop: string;
  readonly kind: string;
  /** Unique per logical job: enqueueing the same key twice creates one job. */
  readonly dedupeKey: string;
  readonly payload: unknown;
  readonly runAt?: Date;
  readonly maxAttempts?: number;
  /** Jobs with the same group key never run at once (all routing work for one order, say). */
  readonly groupKey?: string;
}

export interface ClaimedJob {
  readonly id: string;
  readonly shop: string;
  readonly kind: string;
  readonly dedupeKey: string;
  readonly payload: unknown;
  /** 1 on the first run; counts every claim, including runs whose worker died. */
  readonly attempt: number;
  readonly maxAttempts: number;
  /** Fencing token: a worker whose lease was taken over cannot complete or fail the job. */
  readonly leaseVersion: number;
}

/** What the worker gives a handler besides the job. */
export interface JobContext {
  /**
   * Aborted when this worker no longer holds the job's lease (another worker claimed it after it
   * expired, or heartbeats kept failing until it expired): check it (`signal.throwIfAborted()`)
   * before each side effect. `performOnce` checks it before every mutation on its own.
   */
  readonly signal: AbortSignal;
}

/** Why a job's signal was aborted: its lease is gone, another worker may be running the job. */
export class LeaseLostError extends Error {
  override readonly name = "LeaseLostError";
  constructor(
    readonly jobId: string,
    reason: string,
  ) {
    super(`Lease on job ${jobId} lost: ${reason}`);
  }
}

/**
 * What a use case does for one kind of job. Its handler in app/jobs adds the kind and the rule for
 * which errors are not worth retrying, and registers it with the worker.
 */
export interface JobWork {
  perform(job: ClaimedJob, context?: JobContext): Promise<void>;
}

export interface JobQueue {
  /** Adds a job unless one with the same dedupe key exists; tells which. */
  enqueue(job: NewJob): Promise<{ id: string; created: boolean }>;
  /**
   * Leases up to `limit` due jobs (queued, or running with an expired lease) to `workerId`. A job
   * whose group key another job holds a live lease on is not claimed; the check is part of the
   * claim itself (one statement), so two workers claiming at once never both run a group.
   */
  claim(workerId: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedJob[]>;
  /** Extends a lease the worker still holds; false when it was lost. */
  heartbeat(job: ClaimedJob, workerId: string, until: Date): Promise<boolean>;
  complete(job: ClaimedJob, workerId: string, now: Date): Promise<boolean>;
  /** Schedules a retry at `retryAt`, or dead-letters the job when `retryAt` is null. */
  fail(job: ClaimedJob, workerId: string, error: string, retryAt: Date | null, now: Date): Promise<boolean>;
  /**
   * Sets a running job aside without spending an attempt: it waits, with `reason`, until
   * `resumeParked` (e.g. the merchant re-authorised the shop).
   */
  park(job: ClaimedJob, workerId: string, reason: string, now: Date): Promise<boolean>;
  /** Puts every parked job of a shop back in the queue; returns how many. */
  resumeParked(shop: string, now: Date): Promise<number>;
  /** Puts a dead job back in the queue (a merchant's "retry"). */
  retry(shop: string, jobId: string, now: Date): Promise<boolean>;
  /** Cancels every waiting job of a shop (uninstall). */
  cancelForShop(shop: string, exceptJobId?: string): Promise<number>;
}

/**
 * A queue that can run one periodic tick for the whole deployment (not one per worker process):
 * pg-boss's cron fires each slot once however many workers run. Queues without it (the SQLite
 * queue, one process) tick on a local timer.
 */
export interface DeploymentScheduler {
  /** Runs `tick` once a minute somewhere in the deployment; resolves with a function that stops it here. */
  everyMinute(name: string, tick: () => Promise<void>): Promise<() => Promise<void>>;
}

export function isDeploymentScheduler(queue: JobQueue): queue is JobQueue & DeploymentScheduler {
  return typeof (queue as Partial<DeploymentScheduler>).everyMinute === "function";
}
