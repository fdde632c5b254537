/**
 * A worker process for pg-boss-dead-worker.test.ts, on the pg-boss queue like `npm run worker`: it
 * claims the test's job, applies its effect, prints `applied <job id>`, and then keeps the job —
 * its lease and pg-boss heartbeats still running — until the test kills it with SIGKILL.
 * Environment: DATABASE_URL, DEAD_WORKER_RECEIVER (the receiver's URL), DEAD_WORKER_LEASE_MS.
 */
import { createPrismaClient } from "../../../app/db-client.server";
import { PgBossJobQueue } from "../../../app/jobs/pg-boss-queue.server";
import { Worker } from "../../../app/jobs/worker.server";
import { effectHandler } from "./dead-worker-effect";

const url = process.env.DATABASE_URL!;
const db = createPrismaClient(url);
const queue = new PgBossJobQueue(url, { heartbeatSeconds: 10 });
const hold = async (jobId: string) => {
  console.log(`applied ${jobId}`);
  await new Promise(() => undefined);
};
new Worker(queue, [effectHandler(db, process.env.DEAD_WORKER_RECEIVER!, hold)], {
  workerId: "doomed",
  leaseMs: Number(process.env.DEAD_WORKER_LEASE_MS),
  heartbeatMs: 1_000,
  pollMs: 100,
  concurrency: 1,
}).start();
