import type { Clock } from "~/domain/clock";
import type { Job, PrismaClient } from "@prisma/client";
import type { ClaimedJob, JobQueue, NewJob } from "~/services/queue/job-queue";
import { isUniqueViolation } from "~/services/queue/errors";

function toClaimed(job: Job): ClaimedJob {
  return {
    id: job.id,
    shop: job.shop,
    kind: job.kind,
    dedupeKey: job.dedupeKey,
    payload: JSON.parse(job.payload) as unknown,
    attempt: job.attempts,
    maxAttempts: job.maxAttempts,
    leaseVersion: job.leaseVersion,
  };
}

/**
 * Jobs in the app database. Claims are optimistic (compare-and-set on leaseVersion), which is
 * correct for any number of workers on any SQL database Prisma supports.
 */
export class PrismaJobQueue implements JobQueue {
  /** `now` is when a job enqueued without `runAt` becomes due (a script replaying the past passes its clock). */
  constructor(
    private readonly db: PrismaClient,
    private readonly now: Clock = () => new Date(),
  ) {}

  async enqueue(job: NewJob): Promise<{ id: string; created: boolean }> {
    try {
      const row = await this.db.job.create({
        data: {
          shop: job.shop,
          kind: job.kind,
          dedupeKey: job.dedupeKey,
          payload: JSON.stringify(job.payload),
          runAt: job.runAt ?? this.now(),
          maxAttempts: job.maxAttempts ?? 8,
          groupKey: job.groupKey ?? null,
        },
        select: { id: true },
      });
      return { id: row.id, created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await this.db.job.findUniqueOrThrow({ where: { dedupeKey: job.dedupeKey }, select: { id: true } });
      return { id: existing.id, created: false };
    }
  }

  async claim(workerId: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedJob[]> {
    const candidates = await this.db.job.findMany({
      where: {
        OR: [
          { status: "queued", runAt: { lte: now } },
          { status: "running", leaseExpiresAt: { lt: now } },
        ],
      },
      orderBy: [{ runAt: "asc" }, { createdAt: "asc" }],
      take: limit * 4,
      select: { id: true, leaseVersion: true, groupKey: true },
    });
    const busy = await this.busyGroups(
      candidates.map((c) => c.groupKey),
      now,
    );
    const claimed: ClaimedJob[] = [];
    for (const candidate of candidates) {
      if (claimed.length >= limit) break;
      if (candidate.groupKey && busy.has(candidate.groupKey)) continue;
      const won = await this.db.job.updateMany({
        where: { id: candidate.id, leaseVersion: candidate.leaseVersion, status: { in: ["queued", "running"] } },
        data: {
          status: "running",
          leaseOwner: workerId,
          leaseExpiresAt: new Date(now.getTime() + leaseMs),
          leaseVersion: { increment: 1 },
          attempts: { increment: 1 },
        },
      });
      if (won.count === 1) {
        claimed.push(toClaimed(await this.db.job.findUniqueOrThrow({ where: { id: candidate.id } })));
        if (candidate.groupKey) busy.add(candidate.groupKey);
      }
    }
    return claimed;
  }

  /** Group keys some worker holds a live lease on. */
  private async busyGroups(keys: readonly (string | null)[], now: Date): Promise<Set<string>> {
    const wanted = [...new Set(keys.filter((k): k is string => k !== null))];
    if (wanted.length === 0) return new Set();
    const running = await this.db.job.findMany({
      where: { groupKey: { in: wanted }, status: "running", leaseExpiresAt: { gte: now } },
      select: { groupKey: true },
    });
    return new Set(running.map((r) => r.groupKey as string));
  }

  private held(job: ClaimedJob, workerId: string) {
    return { id: job.id, leaseOwner: workerId, leaseVersion: job.leaseVersion, status: "running" };
  }

  async heartbeat(job: ClaimedJob, workerId: string, until: Date): Promise<boolean> {
    const r = await this.db.job.updateMany({ where: this.held(job, workerId), data: { leaseExpiresAt: until } });
    return r.count === 1;
  }

  async complete(job: ClaimedJob, workerId: string, now: Date): Promise<boolean> {
    const r = await this.db.job.updateMany({
      where: this.held(job, workerId),
      data: { status: "succeeded", finishedAt: now, leaseOwner: null, leaseExpiresAt: null, lastError: null },
    });
    return r.count === 1;
  }

  async fail(job: ClaimedJob, workerId: string, error: string, retryAt: Date | null, now: Date): Promise<boolean> {
    const r = await this.db.job.updateMany({
      where: this.held(job, workerId),
      data: retryAt
        ? { status: "queued", runAt: retryAt, lastError: error, leaseOwner: null, leaseExpiresAt: null }
        : { status: "dead", finishedAt: now, lastError: error, leaseOwner: null, leaseExpiresAt: null },
    });
    return r.count === 1;
  }

  async park(job: ClaimedJob, workerId: string, reason: string, now: Date): Promise<boolean> {
    const r = await this.db.job.updateMany({
      where: this.held(job, workerId),
      data: { status: "parked", lastError: reason, attempts: { decrement: 1 }, leaseOwner: null, leaseExpiresAt: null, updatedAt: now },
    });
    return r.count === 1;
  }

  async resumeParked(shop: string, now: Date): Promise<number> {
    const r = await this.db.job.updateMany({ where: { shop, status: "parked" }, data: { status: "queued", runAt: now } });
    return r.count;
  }

  async retry(shop: string, jobId: string, now: Date): Promise<boolean> {
    const r = await this.db.job.updateMany({
      where: { id: jobId, shop, status: "dead" },
      data: { status: "queued", runAt: now, attempts: 0, finishedAt: null },
    });
    return r.count === 1;
  }

  async cancelForShop(shop: string, exceptJobId?: string): Promise<number> {
    const r = await this.db.job.updateMany({
      where: { shop, status: "queued", ...(exceptJobId ? { id: { not: exceptJobId } } : {}) },
      data: { status: "cancelled", finishedAt: new Date() },
    });
    return r.count;
  }
}
