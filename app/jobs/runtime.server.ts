import prisma, { tuneSqlite } from "~/db.server";
import { env } from "~/env.server";
import { PrismaJobQueue } from "./prisma-queue.server";
import { webhookJobHandler } from "./webhook-job.server";
import { Worker, type JobHandler } from "./worker.server";

declare global {
  var __droplineWorker: Worker | undefined;
}

/** Every job kind the app knows. */
export function jobHandlers(): JobHandler[] {
  return [webhookJobHandler({ db: prisma })];
}

/** Builds the worker for this process (the web process, or `npm run worker`). */
export function createWorker(): Worker {
  const config = env();
  return new Worker(new PrismaJobQueue(prisma), jobHandlers(), {
    concurrency: config.WORKER_CONCURRENCY,
    pollMs: config.WORKER_POLL_MS,
    log: (message, details) => console.warn(`[worker] ${message}`, details ?? ""),
  });
}

/** Starts the in-process worker once (idempotent across hot reloads). */
export function startBackgroundWork(): void {
  if (globalThis.__droplineWorker || env().DROPLINE_WORKER !== "inline") return;
  const worker = createWorker();
  globalThis.__droplineWorker = worker;
  void tuneSqlite(prisma).then(() => worker.start());
}
