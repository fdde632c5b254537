import type { Clock } from "~/domain/clock";
import { Prisma, type Job, type PrismaClient } from "@prisma/client";
import { randomUUID } from "node:crypto";
import { isPostgres } from "~/db-client.server";
import { valuesRow, type SqlTransaction, type TransactionalEnqueue } from "./postgres-inbox.server";
import type { ClaimedJob, JobQueue, NewJob } from "~/services/queue/job-queue";
import { isUniqueViolation } from "~/services/queue/errors";

/** A due job as a claim reads it before leasing it (the lease re-checks all of it). */
interface Candidate {
  readonly id: string;
  readonly leaseVersion: number;
  readonly groupKey: string | null;
  readonly shop: string;
}

export interface ShopCapOptions {
  /**
   * At most this many jobs of one shop hold a live lease at once, across every worker process
   * (null: no cap). A capped shop's jobs are passed over in the claim, not waited for.
   * docs/decisions/032-fair-many-processes.md, addendum.
   */
  readonly shopMaxRunning?: number | null;
}

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

/** A DateTime as PostgreSQL's `timestamp(3)` (UTC, no zone), as Prisma writes and reads it. */
export const pgTimestamp = (d: Date): string => d.toISOString().slice(0, 23).replace("T", " ");

/**
 * Inserts queued job rows in a PostgreSQL transaction, one statement for all of them, skipping
 * any whose dedupe key exists (or repeats one earlier in `jobs`); the new rows' ids by dedupe key.
 * The Job-table queue and pg-boss's ledger both write jobs this way.
 */
export async function insertJobRows(
  tx: SqlTransaction,
  jobs: readonly NewJob[],
  now: Date,
  options: { unlessRetired?: boolean } = {},
): Promise<Map<string, string>> {
  if (jobs.length === 0) return new Map();
  const values: unknown[] = [];
  // Typed here: a VALUES list outside INSERT's own takes no types from the target columns.
  const types = ["text", "text", "text", "text", "text", "int", "timestamp(3)", "text", "timestamp(3)"];
  const rows = jobs.map((job) =>
    valuesRow(
      values,
      [
        randomUUID(),
        job.shop,
        job.kind,
        job.dedupeKey,
        JSON.stringify(job.payload),
        job.maxAttempts ?? 8,
        pgTimestamp(job.runAt ?? now),
        job.groupKey ?? null,
        pgTimestamp(now),
      ],
      types,
    ),
  );
  // With `unlessRetired`, a key the retention pass retired (decision 022) is refused in the same statement.
  const retired = options.unlessRetired ? `WHERE NOT EXISTS (SELECT 1 FROM "RetiredJobKey" AS "r" WHERE "r"."dedupeKey" = "v"."dedupeKey")` : "";
  const inserted = await tx.query(
    `INSERT INTO "Job" ("id", "shop", "kind", "dedupeKey", "payload", "status", "attempts", "maxAttempts", "runAt", "leaseVersion", "groupKey", "createdAt", "updatedAt")
     SELECT "v"."id", "v"."shop", "v"."kind", "v"."dedupeKey", "v"."payload", 'queued', 0, "v"."maxAttempts", "v"."runAt", 0, "v"."groupKey", "v"."at", "v"."at"
     FROM (VALUES ${rows.join(", ")}) AS "v"("id", "shop", "kind", "dedupeKey", "payload", "maxAttempts", "runAt", "groupKey", "at")
     ${retired}
     ON CONFLICT ("dedupeKey") DO NOTHING RETURNING "id", "dedupeKey"`,
    values,
  );
  return new Map(inserted.rows.map((r) => [String(r.dedupeKey), String(r.id)]));
}

/**
 * Jobs in the app database. Claims are optimistic (compare-and-set on leaseVersion, one UPDATE
 * that also checks the job's group is free), which is correct for any number of workers on SQLite
 * (one writer). On PostgreSQL, READ COMMITTED would let two workers each claim a different job of
 * the same group at once, so a grouped claim first takes a transaction-scoped advisory lock on the
 * group: the second claimer's UPDATE then starts after the first committed and sees its lease.
 */
export class PrismaJobQueue implements JobQueue, TransactionalEnqueue {
  /** `now` is when a job enqueued without `runAt` becomes due (a script replaying the past passes its clock). */
  constructor(
    private readonly db: PrismaClient,
    private readonly now: Clock = () => new Date(),
    options: ShopCapOptions = {},
  ) {
    this.shopCap = options.shopMaxRunning ?? null;
  }

  private readonly shopCap: number | null;

  async enqueue(job: NewJob): Promise<{ id: string; created: boolean }> {
    // A finished job whose row the retention pass deleted still refuses its key (decision 022).
    const retired = await this.retired(job.dedupeKey);
    if (retired) return { id: retired, created: false };
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
      // The key may have been retired between the check and the insert: then the new row goes.
      const retiredMeanwhile = await this.retired(job.dedupeKey);
      if (retiredMeanwhile) {
        await this.db.job.deleteMany({ where: { id: row.id, status: "queued" } });
        return { id: retiredMeanwhile, created: false };
      }
      return { id: row.id, created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await this.db.job.findUniqueOrThrow({ where: { dedupeKey: job.dedupeKey }, select: { id: true } });
      return { id: existing.id, created: false };
    }
  }

  private async retired(dedupeKey: string): Promise<string | null> {
    return (await this.db.retiredJobKey.findUnique({ where: { dedupeKey }, select: { jobId: true } }))?.jobId ?? null;
  }

  /** The inbox's enqueue, inside its transaction (PostgreSQL): a job whose dedupe key exists is not added. */
  async enqueueManyIn(tx: SqlTransaction, jobs: readonly NewJob[], now: Date): Promise<void> {
    await insertJobRows(tx, jobs, now);
  }

  /**
   * Leases up to `limit` due jobs, fairly across shops: first the jobs whose lease expired (a dead
   * worker's), then each shop's oldest due job round-robin (one per shop, starting after the shop
   * this claimer served last), then the oldest due jobs whoever they belong to, so no slot stays
   * idle while work is due. A shop's burst of thousands of jobs therefore holds back no other shop's
   * job for more than one round. Each shop's head skips jobs whose group is busy, so one group's
   * backlog does not hide the rest of its shop's work. The cost is bounded: at most
   * `limit × 4 + 16` shops are looked at per claim (index seeks on `Job(status, shop, runAt,
   * createdAt)`), however many jobs are waiting. docs/decisions/032-fair-many-processes.md.
   */
  async claim(workerId: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedJob[]> {
    const select = { id: true, leaseVersion: true, groupKey: true, shop: true } as const;
    // Two queries, not one with OR: each reads its index in order and stops after `take` rows
    // (with OR, SQLite merged both and sorted every due row on each claim).
    const expired = await this.db.job.findMany({
      where: { status: "running", leaseExpiresAt: { lt: now } },
      orderBy: [{ runAt: "asc" }],
      take: limit * 4,
      select,
    });
    const heads = await this.shopHeads(now, limit * 4 + 16);
    const oldest = await this.db.job.findMany({
      where: { status: "queued", runAt: { lte: now } },
      orderBy: [{ runAt: "asc" }, { createdAt: "asc" }],
      take: limit * 4,
      select,
    });
    const candidates = new Map<string, Candidate & { head: boolean }>();
    for (const c of expired) candidates.set(c.id, { ...c, head: false });
    for (const c of heads.due) if (!candidates.has(c.id)) candidates.set(c.id, { ...c, head: true });
    for (const c of oldest) if (!candidates.has(c.id)) candidates.set(c.id, { ...c, head: false });

    // Shops at their cap are passed over here (a read, to spare the refused UPDATEs); the lease
    // statement checks the cap again, atomically, so this read being stale is harmless.
    const running = await this.runningByShop([...new Set([...candidates.values()].map((c) => c.shop))], now);
    const claimed: ClaimedJob[] = [];
    const taken = new Set<string>();
    let lastHeadShop: string | null = null;
    for (const candidate of candidates.values()) {
      if (claimed.length >= limit) break;
      if (candidate.groupKey && taken.has(candidate.groupKey)) continue;
      if (this.shopCap !== null && (running.get(candidate.shop) ?? 0) >= this.shopCap) continue;
      if ((await this.claimOne(candidate, workerId, now, new Date(now.getTime() + leaseMs))) === 1) {
        claimed.push(toClaimed(await this.db.job.findUniqueOrThrow({ where: { id: candidate.id } })));
        if (candidate.groupKey) taken.add(candidate.groupKey);
        if (candidate.head) lastHeadShop = candidate.shop;
        running.set(candidate.shop, (running.get(candidate.shop) ?? 0) + 1);
      }
    }
    // The next claim starts after the last shop served here; when a whole window of shops had
    // nothing due, after that window.
    if (lastHeadShop !== null) this.cursor = lastHeadShop;
    else if (heads.windowFull) this.cursor = heads.lastVisited ?? this.cursor;
    return claimed;
  }

  /** Live leases per shop among `shops` (only read when a cap is set). */
  private async runningByShop(shops: string[], now: Date): Promise<Map<string, number>> {
    if (this.shopCap === null || shops.length === 0) return new Map();
    const rows = await this.db.job.groupBy({
      by: ["shop"],
      where: { shop: { in: shops }, status: "running", leaseExpiresAt: { gte: now } },
      _count: { _all: true },
    });
    return new Map(rows.map((r) => [r.shop, r._count._all]));
  }

  /** Where this claimer's round-robin over shops continues (per process; any start is correct). */
  private cursor = "";

  /**
   * Each shop's oldest due job whose group is free, for up to `budget` shops in domain order
   * starting after the cursor (wrapping around once). A loose index scan: one seek per shop for
   * the next shop with queued jobs and one for its head, so the cost follows the number of shops
   * looked at, not the number of jobs waiting.
   */
  private async shopHeads(now: Date, budget: number): Promise<{ due: Candidate[]; lastVisited: string | null; windowFull: boolean }> {
    const first = await this.walkShops(this.cursor, null, budget, now);
    const visited = [...first];
    if (first.length < budget && this.cursor !== "") {
      visited.push(...(await this.walkShops("", this.cursor, budget - first.length, now)));
    }
    const ids = visited.map((v) => v.id).filter((id): id is string => id !== null);
    const rows = ids.length
      ? await this.db.job.findMany({ where: { id: { in: ids } }, select: { id: true, leaseVersion: true, groupKey: true, shop: true } })
      : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return {
      due: ids.map((id) => byId.get(id)).filter((r): r is Candidate => r !== undefined),
      lastVisited: visited.at(-1)?.shop ?? null,
      windowFull: visited.length >= budget,
    };
  }

  /** Up to `budget` shops with queued jobs after `after` (and not after `until`), each with its due head's id or null. */
  private async walkShops(after: string, until: string | null, budget: number, now: Date): Promise<{ shop: string; id: string | null }[]> {
    const rows = await this.db.$queryRaw<{ shop: string; id: string | null }[]>`
      WITH RECURSIVE "walk"("shop", "n") AS (
        SELECT (SELECT MIN("f"."shop") FROM "Job" AS "f" WHERE "f"."status" = 'queued' AND "f"."shop" > ${after}), 1
        UNION ALL
        SELECT (SELECT MIN("j"."shop") FROM "Job" AS "j" WHERE "j"."status" = 'queued' AND "j"."shop" > "walk"."shop"), "walk"."n" + 1
        FROM "walk" WHERE "walk"."shop" IS NOT NULL AND "walk"."n" < ${budget}
      )
      SELECT "walk"."shop" AS "shop", (
        SELECT "h"."id" FROM "Job" AS "h"
        WHERE "h"."status" = 'queued' AND "h"."shop" = "walk"."shop" AND "h"."runAt" <= ${now}
          AND ("h"."groupKey" IS NULL OR NOT EXISTS (
            SELECT 1 FROM "Job" AS "o"
            WHERE "o"."groupKey" = "h"."groupKey" AND "o"."status" = 'running' AND "o"."leaseExpiresAt" >= ${now}))
        ORDER BY "h"."runAt", "h"."createdAt" LIMIT 1) AS "id"
      FROM "walk" WHERE "walk"."shop" IS NOT NULL
      ORDER BY "walk"."n"`;
    return until === null ? rows : rows.filter((r) => r.shop <= until);
  }

  /**
   * Leases one job in a single statement: it must still be due at the version read, no other job
   * of its group may hold a live lease, and (with a cap) fewer than `shopCap` other jobs of its
   * shop may. Deciding both inside the UPDATE (rather than reading the busy groups and shops first)
   * is what keeps two workers claiming at the same moment from each taking a job of the same group,
   * or each taking the shop's last free place: SQLite runs the statement under its write lock. On
   * PostgreSQL the statement first takes transaction-scoped advisory locks — the shop's (two-key
   * space, so it never meets a group's), then the group's, always in that order — so the second
   * claimer's UPDATE starts after the first committed and counts its lease.
   */
  private claimOne(candidate: Candidate, workerId: string, now: Date, until: Date): Promise<number> {
    const { id, leaseVersion, groupKey, shop } = candidate;
    const cap = this.shopCap;
    if ((!groupKey && cap === null) || !isPostgres(this.db)) return claimOneWith(this.db, id, leaseVersion, workerId, now, until, cap);
    return this.db.$transaction(async (tx) => {
      if (cap !== null) await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SHOP_LOCK_SPACE}::int4, hashtext(${shop}))`;
      if (groupKey) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${groupKey}))`;
      return claimOneWith(tx, id, leaseVersion, workerId, now, until, cap);
    });
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

/**
 * The first key of a shop's advisory lock in PostgreSQL's two-key space (a group's lock uses the
 * one-key space: the two never collide). Shared by both queues' claims.
 */
export const SHOP_LOCK_SPACE = 19_003;

function claimOneWith(
  db: Pick<PrismaClient, "$executeRaw">,
  id: string,
  leaseVersion: number,
  workerId: string,
  now: Date,
  until: Date,
  shopCap: number | null,
): Promise<number> {
  return db.$executeRaw`
      UPDATE "Job" SET
        "status" = 'running', "leaseOwner" = ${workerId}, "leaseExpiresAt" = ${until},
        "leaseVersion" = "leaseVersion" + 1, "attempts" = "attempts" + 1, "updatedAt" = ${new Date()}
      WHERE "id" = ${id} AND "leaseVersion" = ${leaseVersion}
        AND (("status" = 'queued' AND "runAt" <= ${now}) OR ("status" = 'running' AND "leaseExpiresAt" < ${now}))
        AND ("groupKey" IS NULL OR NOT EXISTS (
          SELECT 1 FROM "Job" AS "other"
          WHERE "other"."groupKey" = "Job"."groupKey" AND "other"."id" <> "Job"."id"
            AND "other"."status" = 'running' AND "other"."leaseExpiresAt" >= ${now}))
        ${shopCap === null ? Prisma.empty : shopCapCondition(shopCap, now)}`;
}

/** The lease statement's cap: fewer than `cap` other jobs of the row's shop hold a live lease. */
function shopCapCondition(cap: number, now: Date): Prisma.Sql {
  return Prisma.sql`AND (
          SELECT COUNT(*) FROM "Job" AS "mine"
          WHERE "mine"."shop" = "Job"."shop" AND "mine"."id" <> "Job"."id"
            AND "mine"."status" = 'running' AND "mine"."leaseExpiresAt" >= ${now}) < ${cap}`;
}
