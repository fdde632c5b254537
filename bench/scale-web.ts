/**
 * The scale benchmark's local entry: Node's cluster module runs SCALE_WEB_PROCESSES copies of the
 * production web server (server/index.mjs, `npm start`) that share one listening port; the primary
 * hands each new connection to the next process in turn. SIGTERM stops them all.
 * Usage: SCALE_WEB_PROCESSES=2 PORT=… node --import tsx bench/scale-web.ts (cwd: the repository).
 */
import cluster from "node:cluster";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const count = Number(process.env.SCALE_WEB_PROCESSES ?? 2);
let stopping = false;

// Round-robin in the primary (Linux's default, stated so it does not depend on the platform).
cluster.schedulingPolicy = cluster.SCHED_RR;
cluster.setupPrimary({ exec: path.join(ROOT, "server/index.mjs"), execArgv: [] });
for (let i = 0; i < count; i++) cluster.fork();

cluster.on("exit", (worker, code, signal) => {
  if (!stopping) console.error(`[scale-web] web process ${worker.process.pid} exited (${signal ?? code})`);
  if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(stopping ? 0 : 1);
});

for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.once(signal, () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    // A process that does not close within five seconds (open keep-alive sockets) is killed.
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      process.exit(0);
    }, 5_000).unref();
  });
}
