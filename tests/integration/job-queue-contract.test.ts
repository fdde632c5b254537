/**
 * The job queue's contract, run against every implementation the database offers: the Job-table
 * queue on SQLite (the default pass), and on PostgreSQL (the `test:postgres` pass) both the
 * Job-table queue and the pg-boss queue that production runs. The same cases, the same
 * expectations; real time (pg-boss reads the database clock), so delays are short.
 */
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ClaimedJob, JobQueue, NewJob } from "../../app/services/queue/job-queue";
import { useTestAppEnv } from "../helpers/app-env";
import { testingOnPostgres } from "../helpers/database";

const url = useTestAppEnv();
const SHOP = "contract.myshopify.com";
const LEASE = 30_000;

interface Candidate {
  readonly name: string;
  make(): Promise<JobQueue & { stop?(): Promise<void> }>;
}

let db: PrismaClient;
const candidates: Candidate[] = [
  {
    name: testingOnPostgres() ? "Job table on PostgreSQL" : "Job table on SQLite",
    make: async () => new (await import("../../app/jobs/prisma-queue.server")).PrismaJobQueue(db),
  },
  ...(testingOnPostgres()
    ? [
        {
          name: "pg-boss",
          make: async () => {
            const queue = new (await import("../../app/jobs/pg-boss-queue.server")).PgBossJobQueue(url, { heartbeatSeconds: 10 });
            await queue.start();
            return queue;
          },
        },
      ]
    : []),
];

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
});

const job = (key: string, extra: Partial<NewJob> = {}): NewJob => ({ shop: SHOP, kind: "test", dedupeKey: key, payload: { key }, ...extra });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Claims until something comes back or `withinMs` passes (pg-boss makes a delayed job available on the database's clock). */
async function claimWithin(queue: JobQueue, worker: string, withinMs: number, limit = 1) {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const jobs = await queue.claim(worker, new Date(), LEASE, limit);
    if (jobs.length > 0 || Date.now() > deadline) return jobs;
    await sleep(100);
  }
}

describe.each(candidates)("job queue contract: $name", (candidate) => {
  let queue: JobQueue & { stop?(): Promise<void> };

  beforeAll(async () => {
    queue = await candidate.make();
  });
  afterAll(async () => {
    await queue.stop?.();
  });
  beforeEach(async () => {
    await db.job.deleteMany();
    if (candidate.name === "pg-boss") await db.$executeRawUnsafe(`DELETE FROM pgboss.job`);
  });

  it("creates one job for a dedupe key enqueued twice, and says which call created it", async () => {
    const first = await queue.enqueue(job("k1"));
    const second = await queue.enqueue(job("k1"));
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    expect(await db.job.count()).toBe(1);
    expect(await queue.claim("w", new Date(), LEASE, 10)).toHaveLength(1);
    expect(await queue.claim("w", new Date(), LEASE, 10)).toHaveLength(0);
  });

  it("leases a due job once, with its payload and first attempt, and completes it", async () => {
    const { id } = await queue.enqueue(job("k2"));
    const [claimed] = await queue.claim("w", new Date(), LEASE, 5);
    expect(claimed).toMatchObject({ id, kind: "test", shop: SHOP, payload: { key: "k2" }, attempt: 1 });
    expect(await queue.claim("other", new Date(), LEASE, 5)).toHaveLength(0);
    expect(await queue.complete(claimed!, "w", new Date())).toBe(true);
    expect(await db.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "succeeded", leaseOwner: null });
    expect(await queue.claim("w", new Date(), LEASE, 5)).toHaveLength(0);
  });

  it("does not run a job before its runAt", async () => {
    await queue.enqueue(job("later", { runAt: new Date(Date.now() + 1_500) }));
    expect(await queue.claim("w", new Date(), LEASE, 5)).toHaveLength(0);
    await sleep(1_600);
    expect(await claimWithin(queue, "w", 3_000)).toHaveLength(1);
  });

  it("retries a failed job at its retry time with the next attempt, and dead-letters when told", async () => {
    await queue.enqueue(job("flaky"));
    const [first] = await queue.claim("w", new Date(), LEASE, 1);
    expect(await queue.fail(first!, "w", "boom", new Date(Date.now() + 1_000), new Date())).toBe(true);
    expect(await queue.claim("w", new Date(), LEASE, 1)).toHaveLength(0);
    await sleep(1_100);
    const [second] = await claimWithin(queue, "w", 3_000);
    expect(second).toMatchObject({ id: first!.id, attempt: 2 });
    expect(await queue.fail(second!, "w", "for good", null, new Date())).toBe(true);
    expect(await db.job.findUniqueOrThrow({ where: { id: first!.id } })).toMatchObject({ status: "dead", lastError: "for good" });
    expect(await queue.claim("w", new Date(), LEASE, 1)).toHaveLength(0);
    // The merchant's "retry" puts it back, attempts reset.
    expect(await queue.retry(SHOP, first!.id, new Date())).toBe(true);
    expect(await claimWithin(queue, "w", 3_000)).toMatchObject([{ id: first!.id, attempt: 1 }]);
  });

  it("parks a job without spending an attempt and runs it again once the shop resumes", async () => {
    await queue.enqueue(job("parked"));
    const [claimed] = await queue.claim("w", new Date(), LEASE, 1);
    expect(await queue.park(claimed!, "w", "needs the merchant", new Date())).toBe(true);
    expect(await db.job.findUniqueOrThrow({ where: { id: claimed!.id } })).toMatchObject({ status: "parked", attempts: 0 });
    expect(await queue.claim("w", new Date(), LEASE, 1)).toHaveLength(0);
    expect(await queue.resumeParked(SHOP, new Date())).toBe(1);
    expect(await claimWithin(queue, "w", 3_000)).toMatchObject([{ id: claimed!.id, attempt: 1 }]);
  });

  it("refuses to settle a job for a worker that does not hold its lease", async () => {
    await queue.enqueue(job("mine"));
    const [claimed] = await queue.claim("w", new Date(), LEASE, 1);
    expect(await queue.complete(claimed!, "intruder", new Date())).toBe(false);
    expect(await queue.heartbeat(claimed!, "intruder", new Date(Date.now() + LEASE))).toBe(false);
    expect(await queue.heartbeat(claimed!, "w", new Date(Date.now() + LEASE))).toBe(true);
    expect(await queue.complete(claimed!, "w", new Date())).toBe(true);
  });

  it("does not lose a job claimed by a worker whose clock is behind the job's due time", async () => {
    const { id } = await queue.enqueue(job("skewed"));
    expect(await queue.claim("slow-clock", new Date(Date.now() - 60_000), LEASE, 1)).toHaveLength(0);
    expect(await claimWithin(queue, "w", 5_000)).toMatchObject([{ id, attempt: 1 }]);
  });

  it("cancels a shop's waiting jobs (uninstall): none of them runs", async () => {
    await queue.enqueue(job("c1"));
    await queue.enqueue(job("c2"));
    await queue.enqueue(job("other-shop", { shop: "other.myshopify.com" }));
    expect(await queue.cancelForShop(SHOP)).toBe(2);
    const claimed = await queue.claim("w", new Date(), LEASE, 10);
    expect(claimed.map((j) => j.shop)).toEqual(["other.myshopify.com"]);
  });

  it("claims a quiet shop's job within the first two claims although another shop has 500 due jobs queued before it", async () => {
    for (let i = 0; i < 500; i++) await queue.enqueue(job(`burst-${i}`, { shop: "bursting.myshopify.com" }));
    const { id } = await queue.enqueue(job("quiet", { shop: "quiet.myshopify.com" }));
    const firstTwo = [...(await queue.claim("w", new Date(), LEASE, 1)), ...(await queue.claim("w", new Date(), LEASE, 1))];
    expect(firstTwo.map((j) => j.id)).toContain(id);
    // The bursting shop's work goes on: the next claims are all its jobs, none twice.
    const next = await queue.claim("w", new Date(), LEASE, 4);
    expect(next.map((j) => j.shop)).toEqual(Array(4).fill("bursting.myshopify.com"));
    expect(new Set([...firstTwo, ...next].map((j) => j.id)).size).toBe(6);
  }, 60_000);

  it("serves shops with waiting jobs in turn rather than the oldest shop's jobs first", async () => {
    const shops = ["a.myshopify.com", "b.myshopify.com", "c.myshopify.com"];
    for (const shop of shops) for (let i = 0; i < 20; i++) await queue.enqueue(job(`${shop}-${i}`, { shop }));
    const claimed: ClaimedJob[] = [];
    for (let i = 0; i < 6; i++) claimed.push(...(await queue.claim("w", new Date(), LEASE, 1)));
    const perShop = shops.map((shop) => claimed.filter((j) => j.shop === shop).length);
    expect(perShop).toEqual([2, 2, 2]);
  }, 30_000);

  it("does not let one group's backlog hide the shop's other due jobs while that group is busy", async () => {
    for (let i = 0; i < 30; i++) await queue.enqueue(job(`busy-${i}`, { groupKey: "busy-group" }));
    const { id } = await queue.enqueue(job("other-group", { groupKey: "other-group" }));
    const [holding] = await queue.claim("w", new Date(), LEASE, 1);
    expect(holding?.dedupeKey).toMatch(/^busy-/);
    // busy-group is running: the next claim passes over its 29 waiting jobs to the free group's.
    expect((await queue.claim("w2", new Date(), LEASE, 1)).map((j) => j.id)).toEqual([id]);
  }, 30_000);

  it("never runs two jobs of one group at once, and runs every job exactly once across concurrent workers", async () => {
    const groups = ["g1", "g2", "g3"];
    for (let i = 0; i < 30; i++) await queue.enqueue(job(`grouped-${i}`, { groupKey: groups[i % 3] }));
    for (let i = 0; i < 10; i++) await queue.enqueue(job(`free-${i}`));
    const runs = new Map<string, number>();
    const running = new Map<string, number>();
    let overlap = 0;
    const worker = async (name: string) => {
      for (let idle = 0; idle < 15;) {
        const jobs = await queue.claim(name, new Date(), LEASE, 3);
        if (jobs.length === 0) {
          idle++;
          await sleep(50);
          continue;
        }
        idle = 0;
        await Promise.all(
          jobs.map(async (j) => {
            const group = (await db.job.findUniqueOrThrow({ where: { id: j.id } })).groupKey;
            if (group) {
              if ((running.get(group) ?? 0) > 0) overlap++;
              running.set(group, (running.get(group) ?? 0) + 1);
            }
            runs.set(j.id, (runs.get(j.id) ?? 0) + 1);
            await sleep(5);
            if (group) running.set(group, running.get(group)! - 1);
            expect(await queue.complete(j, name, new Date())).toBe(true);
          }),
        );
      }
    };
    await Promise.all(["a", "b", "c", "d"].map(worker));
    expect(overlap).toBe(0);
    expect(runs.size).toBe(40);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    expect(await db.job.count({ where: { status: "succeeded" } })).toBe(40);
  }, 60_000);
});

describe.runIf(testingOnPostgres())("one scheduler for many worker processes (pg-boss cron)", () => {
  it("runs each minute's tick once although two processes register the same schedule and start together", async () => {
    const { PgBossJobQueue } = await import("../../app/jobs/pg-boss-queue.server");
    const processes = [new PgBossJobQueue(url), new PgBossJobQueue(url)];
    const slots: number[] = [];
    const stops = await Promise.all(processes.map((q) => q.everyMinute("contract", async () => void slots.push(Math.floor(Date.now() / 60_000)))));
    await sleep(4_000);
    // The start-up slot ran (once), and no minute ran twice (a minute boundary in the window adds cron's next slot).
    expect(slots.length).toBeGreaterThanOrEqual(1);
    expect(new Set(slots).size).toBe(slots.length);
    for (const stop of stops) await stop();
    for (const q of processes) await q.stop();
  }, 30_000);
});
