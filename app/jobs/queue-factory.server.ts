import type { PrismaClient } from "@prisma/client";
import { providerOf } from "~/db-client.server";
import type { JobQueue } from "~/services/queue/job-queue";
import { PgBossJobQueue } from "./pg-boss-queue.server";
import type { TransactionalEnqueue } from "./postgres-inbox.server";
import { PrismaJobQueue } from "./prisma-queue.server";

export type QueueChoice = "auto" | "table" | "pg-boss";

/** The queue the configuration asks for: pg-boss on PostgreSQL unless told otherwise, the Job table on SQLite. */
export function queueKind(databaseUrl: string, choice: QueueChoice): "table" | "pg-boss" {
  const provider = providerOf(databaseUrl);
  if (choice === "pg-boss" && provider !== "postgresql") throw new Error("DROPLINE_QUEUE=pg-boss needs a PostgreSQL DATABASE_URL");
  if (choice === "auto") return provider === "postgresql" ? "pg-boss" : "table";
  return choice;
}

/** A shop's cap on running jobs when `DROPLINE_SHOP_MAX_RUNNING` is unset and the database is PostgreSQL. */
export const DEFAULT_SHOP_MAX_RUNNING = 2;

/**
 * The per-shop cap on running jobs (null: none). Set: that number, 0 meaning none. Unset: 2 on
 * PostgreSQL, where many shops share many worker processes; none on SQLite, where one worker runs
 * and the demo or a single store would only be slowed by it. Decision 032, addendum.
 */
export function shopMaxRunning(databaseUrl: string, setting: number | undefined): number | null {
  if (setting !== undefined) return setting === 0 ? null : setting;
  return providerOf(databaseUrl) === "postgresql" ? DEFAULT_SHOP_MAX_RUNNING : null;
}

declare global {
  var __droplinePgBoss: Map<string, PgBossJobQueue> | undefined;
}

/**
 * The process's job queue. One pg-boss instance per database per process (its pools and
 * supervision), shared by the web thread's inbox and the services; pg-boss coordinates its
 * maintenance and cron across processes itself. `shopCap` is `shopMaxRunning(url,
 * DROPLINE_SHOP_MAX_RUNNING)` from the caller's configuration (without it, the database's default);
 * the shared pg-boss instance keeps the cap of the call that created it.
 */
export function createJobQueue(
  db: PrismaClient,
  databaseUrl: string,
  choice: QueueChoice,
  shopCap: number | null = shopMaxRunning(databaseUrl, undefined),
): JobQueue & TransactionalEnqueue {
  if (queueKind(databaseUrl, choice) === "table") return new PrismaJobQueue(db, undefined, { shopMaxRunning: shopCap });
  globalThis.__droplinePgBoss ??= new Map();
  let queue = globalThis.__droplinePgBoss.get(databaseUrl);
  if (!queue) {
    queue = new PgBossJobQueue(databaseUrl, { supervise: true, shopMaxRunning: shopCap });
    globalThis.__droplinePgBoss.set(databaseUrl, queue);
  }
  return queue;
}
