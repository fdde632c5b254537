/** `npm run worker`: runs the job worker as its own process (set DROPLINE_WORKER=off on the web process). */
import { tuneSqlite } from "../app/db.server";
import prisma from "../app/db.server";
import { createWorker } from "../app/jobs/runtime.server";

const worker = createWorker();
await tuneSqlite(prisma);
worker.start();
console.log(`[worker] ${worker.workerId} started`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    await worker.stop();
    await prisma.$disconnect();
    process.exit(0);
  });
}
