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

declare global {
  var __droplinePgBoss: Map<string, PgBossJobQueue> | undefined;
}

/**
 * The process's job queue. One pg-boss instance per database per process (its pools and
 * supervision), shared by the web thread's inbox and the services; pg-boss coordinates its
 * maintenance and cron across processes itself.
 */
export function createJobQueue(db: PrismaClient, databaseUrl: string, choice: QueueChoice): JobQueue & TransactionalEnqueue {
  if (queueKind(databaseUrl, choice) === "table") return new PrismaJobQueue(db);
  globalThis.__droplinePgBoss ??= new Map();
  let queue = globalThis.__droplinePgBoss.get(databaseUrl);
  if (!queue) {
    queue = new PgBossJobQueue(databaseUrl, { supervise: true });
    globalThis.__droplinePgBoss.set(databaseUrl, queue);
  }
  return queue;
}
