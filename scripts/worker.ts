/** `npm run worker`: runs the job worker as its own process (set DROPLINE_WORKER=off on the web process). */
import { tuneSqlite } from "../app/db.server";
import prisma from "../app/db.server";
import { createWorker, jobServices, scheduleTimers } from "../app/jobs/runtime.server";

const services = jobServices();
const worker = createWorker(services);
await tuneSqlite(prisma);
worker.start();
setInterval(() => void scheduleTimers(services).catch((e: unknown) => console.warn("[scheduler]", e)), 60_000);
console.log(`[worker] ${worker.workerId} started`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    await worker.stop();
    await prisma.$disconnect();
    process.exit(0);
  });
}
