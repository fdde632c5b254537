/**
 * The load generator of the webhook benchmarks, in a process of its own so that its timings are not
 * held up by the fake Admin API (which answers the worker's calls in the benchmark's process).
 * Reads a plan (JSON file), sends each delivery at its due time — half of them on a fresh TCP
 * connection, half on a pooled keep-alive one, as Shopify's senders do — and writes one result per
 * delivery (JSON file). Usage: node --import tsx bench/webhook-load.ts plan.json results.json
 */
import fs from "node:fs";
import http from "node:http";

export interface LoadDelivery {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** A new TCP connection for this delivery (else the keep-alive pool). */
  readonly fresh: boolean;
}

export interface LoadPlan {
  readonly port: number;
  readonly deliveries: readonly LoadDelivery[];
  /** Deliveries per second; 0 = as fast as `concurrency` allows. */
  readonly perSecond: number;
  readonly concurrency?: number;
}

export interface LoadResult {
  readonly ms: number;
  /** When the delivery was sent (epoch ms, this host's clock): the scale bench times orders from it. */
  readonly sentAt: number;
  readonly status: number;
  readonly fresh: boolean;
}

const pool = new http.Agent({ keepAlive: true, maxSockets: 64 });

function send(port: number, d: LoadDelivery): Promise<LoadResult> {
  const start = performance.now();
  const sentAt = Date.now();
  return new Promise((resolve) => {
    const req = http.request(
      {
        agent: d.fresh ? false : pool,
        host: "127.0.0.1",
        port,
        path: d.path,
        method: "POST",
        timeout: 30_000,
        headers: { ...d.headers, "Content-Length": Buffer.byteLength(d.body), ...(d.fresh ? { Connection: "close" } : {}) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ ms: performance.now() - start, sentAt, status: res.statusCode ?? 0, fresh: d.fresh }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve({ ms: performance.now() - start, sentAt, status: 0, fresh: d.fresh }));
    req.end(d.body);
  });
}

async function paced(plan: LoadPlan): Promise<LoadResult[]> {
  const gap = 1000 / plan.perSecond;
  const start = performance.now();
  return Promise.all(
    plan.deliveries.map(async (d, i) => {
      const wait = start + i * gap - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      return send(plan.port, d);
    }),
  );
}

async function burst(plan: LoadPlan): Promise<LoadResult[]> {
  const results: LoadResult[] = new Array(plan.deliveries.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: plan.concurrency ?? 50 }, async () => {
      while (next < plan.deliveries.length) {
        const i = next++;
        results[i] = await send(plan.port, plan.deliveries[i]!);
      }
    }),
  );
  return results;
}

const [planFile, resultFile] = process.argv.slice(2);
if (planFile && resultFile) {
  const plan = JSON.parse(fs.readFileSync(planFile, "utf8")) as LoadPlan;
  const started = performance.now();
  const results = plan.perSecond > 0 ? await paced(plan) : await burst(plan);
  fs.writeFileSync(resultFile, JSON.stringify({ seconds: (performance.now() - started) / 1000, results }));
  pool.destroy();
}
