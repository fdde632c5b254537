import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker as Thread } from "node:worker_threads";
import { env } from "~/env.server";
import type { CoordinationServices } from "~/services/coordination/services.server";
import { runWorker } from "./runtime.server";
import { logUnhandledRejections } from "./unhandled.server";
import { WriteGate } from "~/write-gate";

declare global {
  var __droplineBackground: { stop(): Promise<void> } | undefined;
  var __droplineInboxGate: WriteGate | undefined;
}

/** The gate this process's webhook inbox raises and its worker thread (if any) yields to. */
export function inboxGate(): WriteGate {
  globalThis.__droplineInboxGate ??= new WriteGate();
  return globalThis.__droplineInboxGate;
}

const RESTART_AFTER_MS = 1_000;

/**
 * Runs the worker bundle in a worker thread of this process, restarting it if it dies. Its jobs
 * then use the machine's other core and never hold up a webhook acknowledgement on this event
 * loop; a crash loses nothing (leases expire and the jobs run again).
 */
export function startWorkerThread(file: string): { stop(): Promise<void> } {
  let thread: Thread | undefined;
  let stopping = false;
  const spawn = () => {
    // The bundle is plain JavaScript: no loader flags of the parent (e.g. the demo's tsx) are needed.
    thread = new Thread(file, { execArgv: [], workerData: { inboxGate: inboxGate().buffer } });
    thread.on("error", (error) => console.error("[worker] thread failed", error));
    thread.on("exit", (code) => {
      if (stopping) return;
      console.error(`[worker] thread exited with code ${code}; restarting in ${RESTART_AFTER_MS} ms`);
      setTimeout(spawn, RESTART_AFTER_MS).unref();
    });
  };
  spawn();
  return {
    async stop() {
      stopping = true;
      const current = thread;
      if (!current) return;
      const exited = new Promise((resolve) => current.once("exit", resolve));
      current.postMessage("stop");
      await exited;
    },
  };
}

/** Where the worker bundle sits beside the server build (build/server → build/worker). */
function workerBundle(): string | null {
  const file = fileURLToPath(new URL("../worker/index.js", import.meta.url));
  return fs.existsSync(file) ? file : null;
}

/**
 * Starts background work for this web process once (idempotent across dev hot reloads):
 * `thread` (default) runs the worker bundle in a worker thread; `inline` runs it on this event
 * loop, deferring to acknowledgements (also the fallback under `remix vite:dev`, where there is no
 * bundle); `off` leaves it to `npm run worker`.
 */
export function startBackgroundWork(services: () => CoordinationServices): void {
  const mode = env().DROPLINE_WORKER;
  if (globalThis.__droplineBackground || mode === "off") return;
  const bundle = mode === "thread" ? workerBundle() : null;
  if (bundle) {
    globalThis.__droplineBackground = startWorkerThread(bundle);
    return;
  }
  if (mode === "thread") console.warn("[worker] no worker bundle beside this build (dev server?): running the worker inline");
  const running = runWorker(services(), { inline: true });
  // On this event loop a rejection the worker let escape would otherwise take the web process down.
  const unlog = logUnhandledRejections(() => running.worker.runningJobIds());
  globalThis.__droplineBackground = {
    async stop() {
      await running.stop();
      unlog();
    },
  };
}
