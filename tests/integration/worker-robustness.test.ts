/**
 * Finding 9 of issue #16: a heartbeat the database refuses must not crash the worker, a handler
 * whose lease was taken over must stop before its side effects, and two workers claiming at the
 * same moment must never run two jobs of one group at once.
 */
import type { PrismaClient } from "@prisma/client";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";

useTestAppEnv();

let db: PrismaClient;
let PrismaJobQueue: typeof import("../../app/jobs/prisma-queue.server").PrismaJobQueue;
let Worker: typeof import("../../app/jobs/worker.server").Worker;
let performOnce: typeof import("../../app/services/exactly-once.server").performOnce;
let createPrismaClient: typeof import("../../app/db-client.server").createPrismaClient;
type ClaimedJob = import("../../app/services/queue/job-queue").ClaimedJob;
type JobQueue = import("../../app/services/queue/job-queue").JobQueue;

/** A clock the test moves by hand, a second ahead so jobs enqueued at real time are due. */
function manualClock(start = Date.now() + 1000) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves once `signal` is aborted, or after `ms` (a handler that would otherwise go on). */
function abortedOr(signal: AbortSignal | undefined, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });
}

/** The app's queue, except that every heartbeat fails the way a locked SQLite database does. */
function lockedHeartbeats(queue: JobQueue): JobQueue & { heartbeats: number } {
  const wrapped = Object.create(queue) as JobQueue & { heartbeats: number };
  wrapped.heartbeats = 0;
  wrapped.heartbeat = async () => {
    wrapped.heartbeats++;
    throw new Error("SqliteError: database is locked");
  };
  return wrapped;
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
  ({ PrismaJobQueue } = await import("../../app/jobs/prisma-queue.server"));
  ({ Worker } = await import("../../app/jobs/worker.server"));
  ({ performOnce } = await import("../../app/services/exactly-once.server"));
  ({ createPrismaClient } = await import("../../app/db-client.server"));
});

beforeEach(async () => {
  await db.job.deleteMany();
  await db.mutationIntent.deleteMany();
  unhandled.length = 0;
  process.on("unhandledRejection", onUnhandled);
});

afterEach(() => {
  process.off("unhandledRejection", onUnhandled);
});

async function enqueue(queue: JobQueue, key: string, groupKey?: string) {
  return (await queue.enqueue({ shop: TEST_SHOP, kind: "test", dedupeKey: key, payload: {}, ...(groupKey ? { groupKey } : {}) })).id;
}

describe("heartbeat failures", () => {
  it("a heartbeat whose database write rejects is logged, not an unhandled rejection, and the job still completes", async () => {
    const queue = lockedHeartbeats(new PrismaJobQueue(db));
    await enqueue(queue, "hb-1");
    const logs: string[] = [];
    const worker = new Worker(queue, [{ kind: "test", perform: () => sleep(120) }], { heartbeatMs: 20, log: (m) => void logs.push(m) });
    expect(await worker.runOnce()).toBe(1);
    await sleep(10); // let a rejection surface, if one was left unhandled
    expect(queue.heartbeats).toBeGreaterThan(0);
    expect(unhandled).toEqual([]);
    expect(logs).toContain("heartbeat failed");
    // The lease had not run out: the work counts.
    expect((await db.job.findFirstOrThrow()).status).toBe("succeeded");
  });

  it("when heartbeats keep failing until the lease expires, the handler is stopped and the job retried", async () => {
    const clock = manualClock();
    const queue = lockedHeartbeats(new PrismaJobQueue(db));
    await enqueue(queue, "hb-2");
    let sideEffects = 0;
    const worker = new Worker(
      queue,
      [
        {
          kind: "test",
          async perform(_job, context) {
            clock.advance(30_001); // the lease (30 s) runs out while the database refuses every heartbeat
            await abortedOr(context?.signal, 1_000);
            context?.signal.throwIfAborted();
            sideEffects++;
          },
        },
      ],
      { now: clock.now, leaseMs: 30_000, heartbeatMs: 20, backoffMs: () => 5_000 },
    );
    expect(await worker.runOnce()).toBe(1);
    expect(unhandled).toEqual([]);
    expect(sideEffects).toBe(0);
    const row = await db.job.findFirstOrThrow();
    expect(row).toMatchObject({ status: "queued", attempts: 1 });
    expect(row.lastError).toMatch(/LeaseLostError.*expired while heartbeats failed/);
    expect(row.runAt.getTime() - clock.now().getTime()).toBe(5_000);
  });
});

describe("lost lease", () => {
  /** Worker A runs the job; meanwhile its lease expires and worker B claims it. */
  async function takenOver(perform: (job: ClaimedJob, signal: AbortSignal | undefined) => Promise<void>) {
    const clock = manualClock();
    const queue = new PrismaJobQueue(db);
    await enqueue(queue, "lease-1");
    let claimedByB: ClaimedJob[] = [];
    const a = new Worker(
      queue,
      [
        {
          kind: "test",
          async perform(job, context) {
            clock.advance(30_001);
            claimedByB = await queue.claim("worker-b", clock.now(), 30_000, 1);
            await perform(job, context?.signal);
          },
        },
      ],
      { workerId: "worker-a", now: clock.now, leaseMs: 30_000, heartbeatMs: 20 },
    );
    expect(await a.runOnce()).toBe(1);
    expect(claimedByB).toHaveLength(1);
    // B's run is untouched by A's end: still running under B's lease.
    expect(await db.job.findFirstOrThrow()).toMatchObject({ status: "running", leaseOwner: "worker-b", attempts: 2 });
  }

  it("aborts the first handler's signal so a side effect guarded by throwIfAborted is not performed", async () => {
    let sideEffects = 0;
    let reason: unknown;
    await takenOver(async (_job, signal) => {
      await abortedOr(signal, 1_000);
      reason = signal?.reason;
      signal?.throwIfAborted();
      sideEffects++;
    });
    expect(sideEffects).toBe(0);
    expect(String(reason)).toMatch(/another worker holds it/);
  });

  it("performOnce refuses to perform a mutation for a job whose lease was lost, and frees the intent", async () => {
    let mutations = 0;
    await takenOver(async (_job, signal) => {
      await abortedOr(signal, 1_000);
      // A use case that does not look at the signal itself: performOnce does, before the mutation.
      await performOnce(
        db,
        () => new Date(),
        { shop: TEST_SHOP, key: "refund:lease-1", kind: "refund", request: null },
        {
          recover: async () => null,
          perform: async () => void mutations++,
        },
      );
    });
    expect(mutations).toBe(0);
    const intent = await db.mutationIntent.findFirst({ where: { key: "refund:lease-1" } });
    expect(intent?.attempts ?? 0).toBe(0);
    expect(intent?.leaseUntil ?? null).toBeNull();
  });
});

describe("group exclusivity", () => {
  it("two workers claiming at the same moment never both take a job of the same group", async () => {
    // Two connections, as two worker processes would have.
    const other = createPrismaClient(process.env.DATABASE_URL);
    try {
      const queues = [new PrismaJobQueue(db), new PrismaJobQueue(other)];
      for (let round = 0; round < 10; round++) {
        await db.job.deleteMany();
        await enqueue(queues[0]!, `g-${round}-1`, "order-1");
        await enqueue(queues[0]!, `g-${round}-2`, "order-1");
        const now = new Date(Date.now() + 1000);
        const [a, b] = await Promise.all([queues[0]!.claim("worker-a", now, 30_000, 1), queues[1]!.claim("worker-b", now, 30_000, 1)]);
        expect({ round, claimed: a.length + b.length }).toEqual({ round, claimed: 1 });
        expect(await db.job.count({ where: { status: "running" } })).toBe(1);
      }
    } finally {
      await other.$disconnect();
    }
  });

  it("a job of a group runs once the job holding the group finishes or its lease expires", async () => {
    const queue = new PrismaJobQueue(db);
    await enqueue(queue, "g-a", "order-2");
    await enqueue(queue, "g-b", "order-2");
    const now = new Date(Date.now() + 1000);
    const [first] = await queue.claim("worker-a", now, 30_000, 5);
    expect(await queue.claim("worker-b", now, 30_000, 5)).toEqual([]);
    // A's lease expires: B may take both A's job (re-run) — but only one of the group at a time.
    const later = new Date(now.getTime() + 30_001);
    expect(await queue.claim("worker-b", later, 30_000, 5)).toHaveLength(1);
    expect(first).toBeDefined();
  });
});

describe("Shopify mutations of a job whose lease was lost", () => {
  it("the Admin client wired as in the composition root sends queries but no mutation once the job's signal is aborted", async () => {
    const { AdminClient } = await import("../../app/shopify/client.server");
    const { operation } = await import("../../app/shopify/operation");
    const { runInJobScope, throwIfJobAborted } = await import("../../app/services/queue/job-scope");
    const sent: string[] = [];
    const client = new AdminClient(
      async (source) => {
        sent.push(source.trim().split(/\s+/)[0]!);
        return { status: 200, data: { shop: { name: "x" }, tagsAdd: { userErrors: [] } } };
      },
      { shop: TEST_SHOP, beforeMutation: () => throwIfJobAborted() },
    );
    const QUERY = operation<{ shop: { name: string } }>(`query ShopName { shop { name } }`);
    const MUTATION = operation<{ tagsAdd: { userErrors: [] } }>(
      `mutation TagIt { tagsAdd(id: "gid://shopify/Order/1", tags: ["x"]) { userErrors { message } } }`,
    );
    const lease = new AbortController();
    await runInJobScope("job-1", { signal: lease.signal }, async () => {
      await client.mutate(MUTATION, {}, "tagsAdd"); // lease held: sent
      lease.abort(new Error("lease lost"));
      await client.request(QUERY); // reads are harmless
      await expect(client.mutate(MUTATION, {}, "tagsAdd")).rejects.toThrow("lease lost");
    });
    expect(sent).toEqual(["mutation", "query"]);
    // Outside a job (an admin page's action) nothing is checked.
    await client.mutate(MUTATION, {}, "tagsAdd");
    expect(sent).toHaveLength(3);
  });
});
