import pg from "pg";
import { PgBoss, type Db, type Job as BossJob } from "pg-boss";
import type { ClaimedJob, DeploymentScheduler, JobQueue, NewJob } from "~/services/queue/job-queue";
import type { SqlTransaction, TransactionalEnqueue } from "./postgres-inbox.server";
import { insertJobRows, pgTimestamp, SHOP_LOCK_SPACE } from "./prisma-queue.server";

/** pg-boss's queue for Dropline's jobs (one queue: the kind travels in the ledger row). */
export const BOSS_QUEUE = "dropline-jobs";

interface Dispatch {
  readonly jobId: string;
}

export interface PgBossQueueOptions {
  /** Runs pg-boss's supervision (expiry, retention) and cron in this process (workers: yes, web: no). */
  readonly supervise?: boolean;
  readonly poolSize?: number;
  /** How long a fetched dispatch may go without a heartbeat before pg-boss hands it out again (≥ 10 s). */
  readonly heartbeatSeconds?: number;
  /**
   * At most this many jobs of one shop hold a live lease at once, across every process (null or
   * absent: no cap). A capped shop's fetched dispatch is put back for a little later, not failed.
   */
  readonly shopMaxRunning?: number | null;
  /**
   * How often supervision looks for dispatches whose heartbeat stopped (pg-boss's default: 60 s), so
   * a dead worker's job is handed out again within `heartbeatSeconds` + this.
   */
  readonly superviseSeconds?: number;
}

type Row = Record<string, unknown>;

/** pg-boss's statement runner (its `db` option) on our open transaction: its send or complete commits with our writes. */
const asDb = (tx: SqlTransaction): Db => ({ executeSql: async (text, values) => ({ rows: (await tx.query(text, values)).rows }) });

/**
 * The job queue on PostgreSQL, run by pg-boss. pg-boss owns dispatch: which job runs next and
 * where (`fetch` with SKIP LOCKED across any number of processes), delays (`startAfter`), group
 * exclusivity across nodes (`groupConcurrency: 1` on the job's group key), and taking a job back
 * from a worker that died (heartbeats; an expired dispatch is handed out again). The `Job` table
 * stays the ledger the app reads — the dedupe key, attempts, parked and dead jobs, the webhook
 * inbox page — and is written in the same transaction as each dispatch, so the two never disagree
 * for longer than a transaction. A dispatch whose ledger row is no longer due (cancelled, already
 * finished) is simply completed: the ledger decides, pg-boss delivers.
 * docs/decisions/postgres-pg-boss-queue.md compares this with graphile-worker.
 */
export class PgBossJobQueue implements JobQueue, TransactionalEnqueue, DeploymentScheduler {
  private readonly pool: pg.Pool;
  readonly boss: PgBoss;
  private started: Promise<void> | undefined;
  /** The dispatch each job claimed by this process came with (completed or failed with the job). */
  private readonly dispatches = new Map<string, BossJob<Dispatch>>();
  private readonly heartbeatSeconds: number;

  constructor(
    url: string,
    private readonly options: PgBossQueueOptions = {},
  ) {
    this.pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 4 });
    this.heartbeatSeconds = Math.max(10, options.heartbeatSeconds ?? 30);
    this.boss = new PgBoss({
      connectionString: url,
      max: 3,
      supervise: options.supervise ?? false,
      schedule: options.supervise ?? false,
      registerInstance: false,
      openTelemetry: { enabled: false },
      ...(options.superviseSeconds ? { superviseIntervalSeconds: options.superviseSeconds, monitorIntervalSeconds: options.superviseSeconds } : {}),
    });
    this.boss.on("error", (error: unknown) => console.warn("[pg-boss]", error));
  }

  /** Installs or migrates pg-boss's schema and its queue (idempotent; every process may call it). */
  start(): Promise<void> {
    this.started ??= (async () => {
      await this.boss.start();
      if (!(await this.boss.getQueue(BOSS_QUEUE))) {
        await this.boss.createQueue(BOSS_QUEUE, {
          // The ledger counts attempts and decides on dead letters; a dispatch may be handed out many times.
          retryLimit: 1_000_000,
          retryDelay: 0,
          heartbeatSeconds: this.heartbeatSeconds,
          expireInSeconds: 3600,
          deleteAfterSeconds: 7 * 24 * 3600,
        });
      }
    })();
    return this.started;
  }

  /**
   * pg-boss cron: every process registers the same schedule, each minute slot becomes one job
   * (singleton key + 60 s slot, on an exclusive queue) and one worker runs it — one scheduler for N
   * worker processes.
   */
  async everyMinute(name: string, tick: () => Promise<void>): Promise<() => Promise<void>> {
    await this.start();
    const queue = `dropline-cron-${name}`;
    if (!(await this.boss.getQueue(queue))) await this.boss.createQueue(queue, { policy: "exclusive", retryLimit: 0, expireInSeconds: 300 });
    // One job per minute slot whoever sends it: the cron pass and each process's start-up send
    // share the singleton key and slot, so a slot runs once however many processes start in it.
    const slot = { singletonKey: "tick", singletonSeconds: 60 };
    await this.boss.schedule(queue, "* * * * *", null, slot);
    await this.boss.send(queue, null, slot); // the current slot at start-up, not only from the next minute
    const workerId = await this.boss.work(queue, { pollingIntervalSeconds: 1 }, async () => tick());
    return () => this.boss.offWork(queue, { id: workerId });
  }

  async stop(): Promise<void> {
    if (this.started) await this.boss.stop({ graceful: false }).catch(() => undefined);
    await this.pool.end();
  }

  private async transaction<T>(work: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
    await this.start();
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async dispatch(tx: SqlTransaction, jobId: string, runAt: Date, groupKey: string | null): Promise<void> {
    await this.dispatchMany(tx, [{ id: jobId, runAt, groupKey }]);
  }

  /** pg-boss dispatches for ledger rows just written or made due again, in one statement, each with its fair priority. */
  private async dispatchMany(tx: SqlTransaction, jobs: readonly { id: string; runAt: Date; groupKey: string | null }[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.sendDispatches(
      tx,
      jobs,
      (await fairPriorities(tx, jobs)).map((ranked) => ranked.priority),
    );
  }

  private async sendDispatches(
    tx: SqlTransaction,
    jobs: readonly { id: string; runAt: Date; groupKey: string | null }[],
    priorities: readonly number[],
  ): Promise<void> {
    if (jobs.length === 0) return;
    await this.boss.insert(
      BOSS_QUEUE,
      jobs.map((job, i) => ({
        data: { jobId: job.id } satisfies Dispatch,
        startAfter: job.runAt,
        priority: priorities[i]!,
        ...(job.groupKey ? { group: { id: job.groupKey } } : {}),
      })),
      { db: asDb(tx) },
    );
  }

  /** Ledger rows and dispatches in the caller's transaction (the webhook inbox's batch). */
  async enqueueManyIn(tx: SqlTransaction, jobs: readonly NewJob[], now: Date): Promise<void> {
    await this.insertMany(tx, jobs, now);
  }

  /**
   * Writes each job's ledger row and its dispatch, unless its dedupe key exists (live, retired by
   * the retention pass — decision 022 — or earlier in `jobs`): per job, the id of its row and
   * whether this call created it. Three statements whatever the number of jobs (the insert, which
   * skips retired keys; the fair priorities, which also see a key retired since; pg-boss's insert),
   * and a fourth only to look up the ids of jobs that existed already.
   */
  private async insertMany(tx: SqlTransaction, jobs: readonly NewJob[], now: Date): Promise<{ id: string; created: boolean }[]> {
    await this.start();
    const inserted = await insertJobRows(tx, jobs, now, { unlessRetired: true });
    const created = new Set<string>();
    const fresh: { id: string; key: string; runAt: Date; groupKey: string | null }[] = [];
    for (const job of jobs) {
      const id = inserted.get(job.dedupeKey);
      if (id === undefined || created.has(job.dedupeKey)) continue;
      created.add(job.dedupeKey);
      fresh.push({ id, key: job.dedupeKey, runAt: job.runAt ?? now, groupKey: job.groupKey ?? null });
    }
    const ranked = fresh.length > 0 ? await fairPriorities(tx, fresh) : [];
    // Retired between the statement's snapshot and its insert (the purge committed meanwhile): those new rows go.
    const retiredMeanwhile = fresh.filter((_, i) => ranked[i]!.retired);
    if (retiredMeanwhile.length > 0) {
      await tx.query(`DELETE FROM "Job" WHERE "id" = ANY($1::text[])`, [retiredMeanwhile.map((job) => job.id)]);
      for (const job of retiredMeanwhile) inserted.delete(job.key);
    }
    const dispatched = fresh.filter((_, i) => !ranked[i]!.retired);
    await this.sendDispatches(
      tx,
      dispatched,
      ranked.filter((r) => !r.retired).map((r) => r.priority),
    );
    const others = [...new Set(jobs.map((j) => j.dedupeKey).filter((key) => !inserted.has(key)))];
    const existing =
      others.length === 0
        ? new Map<string, string>()
        : new Map(
            (
              await tx.query(
                `SELECT "dedupeKey", "jobId" AS "id" FROM "RetiredJobKey" WHERE "dedupeKey" = ANY($1::text[])
                 UNION ALL SELECT "dedupeKey", "id" FROM "Job" WHERE "dedupeKey" = ANY($1::text[])`,
                [others],
              )
            ).rows.map((r) => [String(r.dedupeKey), String(r.id)]),
          );
    const reported = new Set<string>();
    return jobs.map((job) => {
      const key = job.dedupeKey;
      const first = !reported.has(key);
      reported.add(key);
      const id = inserted.get(key);
      if (id !== undefined) return { id, created: first };
      return { id: existing.get(key) ?? "undefined", created: false };
    });
  }

  async enqueue(job: NewJob): Promise<{ id: string; created: boolean }> {
    return (await this.transaction((tx) => this.insertMany(tx, [job], new Date())))[0]!;
  }

  async claim(workerId: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedJob[]> {
    await this.start();
    const fetched = await this.boss.fetch<Dispatch>(BOSS_QUEUE, { batchSize: limit, groupConcurrency: 1 });
    const claimed: ClaimedJob[] = [];
    for (const dispatch of fetched) {
      const row = await this.lease(dispatch.data.jobId, workerId, now, new Date(now.getTime() + leaseMs));
      if (!row) {
        await this.settleUnclaimable(dispatch, now);
        continue;
      }
      this.dispatches.set(String(row.id), dispatch);
      claimed.push(toClaimed(row));
    }
    return claimed;
  }

  /**
   * A dispatch whose row could not be leased. Cancelled, finished or parked: the ledger says there
   * is nothing to run. Still queued but not due by the caller's clock (this host's clock behind the
   * database's), or its shop at its cap of running jobs: dispatched again for its runAt or a second
   * later. Running under a lease that has not expired: pg-boss handed this dispatch out again
   * because its holder's heartbeats stopped — the holder died before its ledger lease ran out — so
   * it is dispatched again for the end of that lease; if the holder is alive after all, that
   * dispatch finds the job finished (or the lease renewed) and settles unrun. Never dropped:
   * dropping it would leave the job with nothing to deliver it.
   */
  private async settleUnclaimable(dispatch: BossJob<Dispatch>, now: Date): Promise<void> {
    await this.transaction(async (tx) => {
      await this.boss.complete(BOSS_QUEUE, dispatch, null, { db: asDb(tx) });
      // Timestamps are UTC without zone (as Prisma writes them): read them as epoch ms, not as local time.
      const query = `SELECT "status", (EXTRACT(EPOCH FROM "runAt") * 1000)::float8 AS "runAtMs",
          (EXTRACT(EPOCH FROM "leaseExpiresAt") * 1000)::float8 AS "leaseExpiresAtMs", "groupKey"
        FROM "Job" WHERE "id" = $1 AND "status" IN ('queued', 'running')`;
      const row = (await tx.query(query, [dispatch.data.jobId])).rows[0];
      if (!row) return;
      const dueAt = row.status === "queued" ? Number(row.runAtMs) : Number(row.leaseExpiresAtMs) + 1_000;
      const runAt = new Date(Math.max(dueAt, now.getTime() + 1_000));
      await this.dispatch(tx, dispatch.data.jobId, runAt, (row.groupKey as string | null) ?? null);
    });
  }

  /**
   * The ledger's side of a claim: due (or its lease expired), and — with a shop cap — fewer than
   * the cap of its shop's other jobs holding a live lease. The cap is decided inside the UPDATE
   * after taking the shop's advisory lock (the Job-table queue's key), so two processes leasing
   * the shop's last free place at once cannot both get it. Group exclusivity is pg-boss's
   * (`groupConcurrency: 1`). A row refused for the cap stays queued and `settleUnclaimable`
   * dispatches it again a second later.
   */
  private async lease(jobId: string, workerId: string, now: Date, until: Date): Promise<Row | null> {
    const cap = this.options.shopMaxRunning ?? null;
    const update = `UPDATE "Job" SET "status" = 'running', "leaseOwner" = $2, "leaseExpiresAt" = $3, "leaseVersion" = "leaseVersion" + 1,
         "attempts" = "attempts" + 1, "updatedAt" = $4
       WHERE "id" = $1 AND (("status" = 'queued' AND "runAt" <= $4) OR ("status" = 'running' AND "leaseExpiresAt" < $4))`;
    const values = [jobId, workerId, pgTimestamp(until), pgTimestamp(now)];
    if (cap === null) return (await this.pool.query(`${update} RETURNING *`, values)).rows[0] ?? null;
    return this.transaction(async (tx) => {
      const shop = (await tx.query(`SELECT "shop" FROM "Job" WHERE "id" = $1`, [jobId])).rows[0]?.shop;
      if (typeof shop !== "string") return null;
      await tx.query(`SELECT pg_advisory_xact_lock($1::int4, hashtext($2))`, [SHOP_LOCK_SPACE, shop]);
      const capped = `${update}
         AND (SELECT COUNT(*) FROM "Job" AS "mine"
              WHERE "mine"."shop" = "Job"."shop" AND "mine"."id" <> "Job"."id"
                AND "mine"."status" = 'running' AND "mine"."leaseExpiresAt" >= $4) < $5
       RETURNING *`;
      return (await tx.query(capped, [...values, cap])).rows[0] ?? null;
    });
  }

  private held(job: ClaimedJob, workerId: string): [string, unknown[]] {
    return [`"id" = $1 AND "leaseOwner" = $2 AND "leaseVersion" = $3 AND "status" = 'running'`, [job.id, workerId, job.leaseVersion]];
  }

  async heartbeat(job: ClaimedJob, workerId: string, until: Date): Promise<boolean> {
    const [where, values] = this.held(job, workerId);
    const r = await this.pool.query(`UPDATE "Job" SET "leaseExpiresAt" = $4 WHERE ${where}`, [...values, pgTimestamp(until)]);
    const dispatch = this.dispatches.get(job.id);
    if (r.rowCount === 1 && dispatch) await this.boss.touch(BOSS_QUEUE, dispatch);
    return r.rowCount === 1;
  }

  /** Settles the ledger row and this process's dispatch of it together; `then` re-dispatches when the job waits again. */
  private async settle(job: ClaimedJob, workerId: string, set: string, values: unknown[], redispatchAt: Date | null): Promise<boolean> {
    const [where, held] = this.held(job, workerId);
    const dispatch = this.dispatches.get(job.id);
    this.dispatches.delete(job.id);
    return this.transaction(async (tx) => {
      const r = await tx.query(`UPDATE "Job" SET ${set} WHERE ${where} RETURNING "groupKey"`, [...held, ...values]);
      if (r.rowCount !== 1) return false;
      if (dispatch) await this.boss.complete(BOSS_QUEUE, dispatch, null, { db: asDb(tx) });
      if (redispatchAt) await this.dispatch(tx, job.id, redispatchAt, (r.rows[0]?.groupKey as string | null) ?? null);
      return true;
    });
  }

  complete(job: ClaimedJob, workerId: string, now: Date): Promise<boolean> {
    return this.settle(
      job,
      workerId,
      `"status" = 'succeeded', "finishedAt" = $4, "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "lastError" = NULL, "updatedAt" = $4`,
      [pgTimestamp(now)],
      null,
    );
  }

  fail(job: ClaimedJob, workerId: string, error: string, retryAt: Date | null, now: Date): Promise<boolean> {
    if (retryAt) {
      return this.settle(
        job,
        workerId,
        `"status" = 'queued', "runAt" = $4, "lastError" = $5, "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "updatedAt" = $6`,
        [pgTimestamp(retryAt), error, pgTimestamp(now)],
        retryAt,
      );
    }
    return this.settle(
      job,
      workerId,
      `"status" = 'dead', "finishedAt" = $4, "lastError" = $5, "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "updatedAt" = $4`,
      [pgTimestamp(now), error],
      null,
    );
  }

  park(job: ClaimedJob, workerId: string, reason: string, now: Date): Promise<boolean> {
    return this.settle(
      job,
      workerId,
      `"status" = 'parked', "lastError" = $4, "attempts" = "attempts" - 1, "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "updatedAt" = $5`,
      [reason, pgTimestamp(now)],
      null,
    );
  }

  /** Moves rows back to queued and dispatches each again, in one transaction. */
  private requeue(where: string, values: unknown[], extra: string, now: Date): Promise<number> {
    return this.transaction(async (tx) => {
      const r = await tx.query(`UPDATE "Job" SET "status" = 'queued', "runAt" = $${values.length + 1}${extra} WHERE ${where} RETURNING "id", "groupKey"`, [
        ...values,
        pgTimestamp(now),
      ]);
      await this.dispatchMany(
        tx,
        r.rows.map((row) => ({ id: String(row.id), runAt: now, groupKey: (row.groupKey as string | null) ?? null })),
      );
      return r.rowCount ?? 0;
    });
  }

  resumeParked(shop: string, now: Date): Promise<number> {
    return this.requeue(`"shop" = $1 AND "status" = 'parked'`, [shop], "", now);
  }

  async retry(shop: string, jobId: string, now: Date): Promise<boolean> {
    return (await this.requeue(`"id" = $1 AND "shop" = $2 AND "status" = 'dead'`, [jobId, shop], `, "attempts" = 0, "finishedAt" = NULL`, now)) === 1;
  }

  async cancelForShop(shop: string, exceptJobId?: string): Promise<number> {
    // Their dispatches stay in pg-boss and are completed unrun when fetched (the ledger says cancelled).
    const r = await this.pool.query(
      `UPDATE "Job" SET "status" = 'cancelled', "finishedAt" = $2 WHERE "shop" = $1 AND "status" = 'queued' AND ($3::text IS NULL OR "id" <> $3)`,
      [shop, pgTimestamp(new Date()), exceptJobId ?? null],
    );
    return r.rowCount ?? 0;
  }
}

/** How many of a shop's waiting jobs a dispatch's place in line counts at most (the count stays cheap during a burst). */
export const FAIR_POSITION_CAP = 1_000;

/**
 * The dispatch priority that makes pg-boss's fetch (highest priority first, then oldest) fair
 * across shops: start-time fair queuing on pg-boss's integer priority. The head of the line is the
 * priority of the next dispatch pg-boss would hand out (0 when nothing is waiting); a job enters
 * that many places behind it as its shop already has jobs waiting (capped). A shop's n-th waiting
 * job is thus served in the n-th round, and a quiet shop's job, with nothing of its own waiting,
 * enters at the head: it overtakes a bursting shop's tail instead of waiting behind all of it.
 * Priorities only order dispatches; which job runs, once and alone in its group, is still decided
 * by the ledger and by pg-boss's group exclusivity. docs/decisions/032-fair-many-processes.md.
 * One query for all of `jobs`; it also says whether each job's dedupe key has been retired (a job
 * just inserted whose key the retention pass retired meanwhile: the inserting caller drops it).
 */
async function fairPriorities(tx: SqlTransaction, jobs: readonly { id: string; runAt: Date }[]): Promise<{ priority: number; retired: boolean }[]> {
  const ids = jobs.map((j) => j.id);
  const result = await tx.query(
    `SELECT
       COALESCE((SELECT "priority" FROM pgboss.job WHERE "name" = $1 AND "state" < 'active' AND NOT "blocked" AND "start_after" <= now()
                 ORDER BY "priority" DESC, "created_on" LIMIT 1), 0)::float8 AS "head",
       "me"."id", "me"."shop",
       EXISTS (SELECT 1 FROM "RetiredJobKey" AS "k" WHERE "k"."dedupeKey" = "me"."dedupeKey") AS "retired",
       (SELECT count(*) FROM (SELECT 1 FROM "Job" AS "w"
          WHERE "w"."status" = 'queued' AND "w"."shop" = "me"."shop" AND "w"."runAt" <= "r"."runAt" AND NOT ("w"."id" = ANY($2::text[]))
          LIMIT ${FAIR_POSITION_CAP}) AS "ahead")::float8 AS "ahead"
     FROM unnest($2::text[], $3::timestamp(3)[]) AS "r"("id", "runAt") JOIN "Job" AS "me" ON "me"."id" = "r"."id"`,
    [BOSS_QUEUE, ids, jobs.map((j) => pgTimestamp(j.runAt))],
  );
  const byId = new Map(result.rows.map((row) => [String(row.id), row as { head?: number; shop?: string; ahead?: number; retired?: boolean }]));
  // The batch's own jobs are not in the count: each stands behind its shop's earlier ones in the batch, as if sent one by one.
  return jobs.map((job, i) => {
    const row = byId.get(job.id);
    const earlier = jobs.slice(0, i).filter((other) => byId.get(other.id)?.shop === row?.shop && other.runAt.getTime() <= job.runAt.getTime()).length;
    const ahead = Math.min(FAIR_POSITION_CAP, Math.trunc(Number(row?.ahead ?? 0)) + earlier);
    // pg-boss's priority is a 32-bit integer; a line that long would take years of continuous backlog.
    return { priority: Math.max(-2_000_000_000, Math.trunc(Number(row?.head ?? 0)) - ahead), retired: row?.retired === true };
  });
}

function toClaimed(row: Row): ClaimedJob {
  return {
    id: String(row.id),
    shop: String(row.shop),
    kind: String(row.kind),
    dedupeKey: String(row.dedupeKey),
    payload: JSON.parse(String(row.payload)) as unknown,
    attempt: Number(row.attempts),
    maxAttempts: Number(row.maxAttempts),
    leaseVersion: Number(row.leaseVersion),
  };
}
