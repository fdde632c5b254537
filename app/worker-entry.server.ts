/**
 * The job worker as a program of its own: `build/worker/index.js` (vite.worker.config.ts). The web
 * process runs it in a worker thread (DROPLINE_WORKER=thread, the default); `npm run worker` runs it
 * as a separate process. It shares the database, never the event loop of the web process.
 */
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import prisma, { yieldTransactionsTo } from "~/db.server";
import { env } from "~/env.server";
import { lowerThreadPriority } from "~/jobs/priority.server";
import { runWorker } from "~/jobs/runtime.server";
import { logUnhandledRejections } from "~/jobs/unhandled.server";
import { services } from "~/services.server";
import { WriteGate } from "~/write-gate";

// In a thread of the web process: let its webhook acknowledgements take the write lock first.
const shared = (workerData as { inboxGate?: unknown } | null)?.inboxGate;
if (shared instanceof SharedArrayBuffer) yieldTransactionsTo(new WriteGate(shared));

// Background work yields the CPU to acknowledgements: this thread (or process) runs at a lower priority.
const nice = lowerThreadPriority(env().DROPLINE_WORKER_NICE);

const running = runWorker(services());
logUnhandledRejections(() => running.worker.runningJobIds());
console.log(`[worker] ${running.worker.workerId} started ${isMainThread ? "as a process" : "in a worker thread"} (nice ${nice ?? "unchanged"})`);

async function shutDown(): Promise<void> {
  await running.stop();
  await prisma.$disconnect();
  process.exit(0);
}

if (parentPort) {
  parentPort.on("message", (message: unknown) => {
    if (message === "stop") void shutDown();
  });
} else {
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void shutDown());
}
