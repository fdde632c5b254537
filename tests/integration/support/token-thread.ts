/**
 * A second worker thread for the offline-token tests: its own Prisma client, token keeper and
 * Worker over the same database, draining probe jobs alongside the main thread's worker.
 */
import { parentPort, workerData } from "node:worker_threads";
import { Worker } from "../../../app/jobs/worker.server";
import { PrismaJobQueue } from "../../../app/jobs/prisma-queue.server";
import { shopReauthParking } from "../../../app/jobs/runtime.server";
import prisma from "../../../app/db.server";
import { tokenProbeHandler } from "./token-probe";

const { concurrency } = workerData as { concurrency: number };
const worker = new Worker(new PrismaJobQueue(prisma), [tokenProbeHandler(prisma)], {
  concurrency,
  workerId: "second-thread",
  parking: shopReauthParking(prisma),
});
parentPort?.once("message", () => {
  worker
    .drain()
    .then((ran) => parentPort?.postMessage({ ran }))
    .catch((error: unknown) => parentPort?.postMessage({ error: String(error) }))
    .finally(() => void prisma.$disconnect());
});
parentPort?.postMessage({ ready: true });
