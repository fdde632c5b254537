/**
 * A worker process dies holding a job on pg-boss (SIGKILL: no cleanup, no settle). pg-boss notices
 * the silence (the dispatch's heartbeat stops; its supervisor fails the dispatch and hands it out
 * again), the Job ledger notices it (the lease is not extended and expires), and another worker
 * takes the job over and runs it once — whichever of the two windows ends first. The job's effect,
 * already applied by the dead worker, is not applied again. PostgreSQL pass only.
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import { testingOnPostgres } from "../helpers/database";
import { EFFECT_KIND, effectHandler } from "./support/dead-worker-effect";

const url = useTestAppEnv({ DROPLINE_QUEUE: "pg-boss" });
const CHILD = fileURLToPath(new URL("./support/dead-worker.ts", import.meta.url));
const ROOT = path.resolve(path.dirname(CHILD), "../../..");
/** pg-boss's minimum: a dispatch whose heartbeat is older than this is failed and handed out again. */
const HEARTBEAT_SECONDS = 10;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The outside system: counts the effects it received, per key. */
function startReceiver(): Promise<{ url: string; received: Map<string, number>; close(): Promise<void> }> {
  const received = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const key = decodeURIComponent((req.url ?? "").replace(/^\/effects\//, ""));
    if (req.method === "POST") received.set(key, (received.get(key) ?? 0) + 1);
    res.writeHead(req.method === "POST" || received.has(key) ? 200 : 404).end();
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        received,
        close: () => new Promise((r) => server.close(() => r())),
      }),
    ),
  );
}

/** Starts the doomed worker process and resolves once it says it applied the job's effect. */
function doomedWorker(receiverUrl: string, leaseMs: number, jobId: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, DEAD_WORKER_RECEIVER: receiverUrl, DEAD_WORKER_LEASE_MS: String(leaseMs) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`the worker process did not apply the effect within 30 s: ${out}`)), 30_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes(`applied ${jobId}`)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once("exit", (code) => reject(new Error(`the worker process exited (${code}) before applying the effect: ${out}`)));
  });
}

describe.runIf(testingOnPostgres())("a worker process killed while it holds a pg-boss job", () => {
  let db: PrismaClient;
  let survivor: import("../../app/jobs/pg-boss-queue.server").PgBossJobQueue;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    db = (await import("../../app/db.server")).default;
    const { PgBossJobQueue } = await import("../../app/jobs/pg-boss-queue.server");
    // The surviving worker process supervises, as `npm run worker` does, every second rather than every minute.
    survivor = new PgBossJobQueue(url, { heartbeatSeconds: HEARTBEAT_SECONDS, supervise: true, superviseSeconds: 1 });
    await survivor.start();
    receiver = await startReceiver();
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await survivor.stop();
    await receiver.close();
  });

  it.each([
    { window: "the ledger lease ends before pg-boss's heartbeat window", leaseMs: 3_000 },
    { window: "the ledger lease outlives pg-boss's heartbeat window", leaseMs: 20_000 },
  ])(
    "is taken over by another worker and run once, its effect applied once ($window)",
    async ({ leaseMs }) => {
      const dedupeKey = `dead-worker:${leaseMs}`;
      const { id } = await survivor.enqueue({ shop: TEST_SHOP, kind: EFFECT_KIND, dedupeKey, payload: {} });
      const child = await doomedWorker(receiver.url, leaseMs, id);
      children.push(child);
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGKILL");
      await exited;
      expect(await db.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "running", leaseOwner: "doomed", attempts: 1 });

      const { Worker } = await import("../../app/jobs/worker.server");
      const runs: string[] = [];
      const worker = new Worker(survivor, [effectHandler(db, receiver.url, async (jobId) => void runs.push(jobId))], { workerId: "survivor", leaseMs: 30_000 });
      const deadline = Date.now() + 45_000;
      while (Date.now() < deadline && (await db.job.findUniqueOrThrow({ where: { id } })).status !== "succeeded") {
        await worker.runOnce();
        await sleep(250);
      }

      expect(await db.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "succeeded", leaseOwner: null, attempts: 2 });
      expect(runs).toEqual([id]);
      expect(receiver.received.get(`effect:${dedupeKey}`)).toBe(1);
      // Nothing of the job is left to be handed out again.
      await sleep(1_000);
      expect(await worker.runOnce()).toBe(0);
    },
    90_000,
  );
});
