/**
 * Webhook inbox under load, against the running app (production build, SQLite default): right
 * after start, 1,000 signed deliveries at 200/s (reported as the cold start: code not yet
 * optimised by the JIT), then the measured 2,000 with 10 % duplicates at 200/s, then 2,000 as one
 * burst. Two topologies: the worker in a thread of the web process (the default) and the worker
 * as a separate process (`npm run worker`).
 */
import { createHmac, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { PrismaClient } from "@prisma/client";
import { DEMO_SHOP } from "../prisma/seed/demo-catalog";
import { startDemo } from "../scripts/demo/start";
import { percentile, round, type BenchRow } from "./report";
import { createPrismaClient } from "../app/db-client.server";

interface Delivery {
  readonly eventId: string;
  readonly body: string;
}

function orderBody(n: number): string {
  const id = `59174380996783${String(n).padStart(5, "0")}`;
  return JSON.stringify({
    admin_graphql_api_id: `gid://shopify/Order/${id}`,
    name: `#B${n}`,
    email: `b${n}@example.com`,
    currency: "USD",
    total_price: "42.00",
    created_at: new Date().toISOString(),
    source_name: "web",
    shipping_address: { country_code: "US", province_code: "NY", zip: "10001", city: "New York", address1: "1 A St", name: "B" },
    shipping_lines: [{ title: "Standard" }],
    line_items: [{ admin_graphql_api_id: `gid://shopify/LineItem/${id}1`, variant_id: 1, sku: "SKU", title: "Thing", quantity: 1, price: "42.00" }],
  });
}

/** 2,000 deliveries: 1,800 distinct events, 200 of them delivered a second time, shuffled. */
function deliveries(total: number, duplicateShare: number, offset: number): Delivery[] {
  const unique = Math.round(total * (1 - duplicateShare));
  const events = Array.from({ length: unique }, (_, i) => ({ eventId: randomUUID(), body: orderBody(offset + i) }));
  const list = [...events, ...events.slice(0, total - unique)];
  for (let i = list.length - 1; i > 0; i--) {
    const j = (i * 7919 + 13) % (i + 1);
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

// Shopify delivers over a bounded pool of keep-alive connections; so does the benchmark.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** One signed delivery; a connection error counts as a failed delivery (status 0), not a crash. */
function send(appUrl: string, secret: string, d: Delivery): Promise<{ ms: number; status: number }> {
  const hmac = createHmac("sha256", secret).update(d.body).digest("base64");
  const url = new URL(`${appUrl}/webhooks/orders/create`);
  const start = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      {
        agent,
        host: "127.0.0.1",
        port: url.port,
        path: url.pathname,
        method: "POST",
        timeout: 30_000,
        headers: {
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(d.body),
          "X-Shopify-Topic": "orders/create",
          "X-Shopify-Hmac-Sha256": hmac,
          "X-Shopify-Shop-Domain": DEMO_SHOP.domain,
          "X-Shopify-API-Version": "2026-04",
          "X-Shopify-Webhook-Id": randomUUID(),
          "X-Shopify-Event-Id": d.eventId,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ ms: performance.now() - start, status: res.statusCode ?? 0 }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve({ ms: performance.now() - start, status: 0 }));
    req.end(d.body);
  });
}

async function paced(appUrl: string, secret: string, list: Delivery[], perSecond: number) {
  const gap = 1000 / perSecond;
  const start = performance.now();
  const results = await Promise.all(
    list.map(async (d, i) => {
      const due = start + i * gap;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      return send(appUrl, secret, d);
    }),
  );
  return { results, seconds: (performance.now() - start) / 1000 };
}

async function burst(appUrl: string, secret: string, list: Delivery[], concurrency: number) {
  const results: { ms: number; status: number }[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < list.length) results.push(await send(appUrl, secret, list[next++]!));
    }),
  );
  return { results, seconds: (performance.now() - start) / 1000 };
}

/**
 * Waits until no job is due: jobs scheduled for later (a ladder timer, the next offline-token
 * refresh, due when its margin begins) are not work the webhooks caused and must not count.
 */
async function drain(db: PrismaClient, timeoutMs = 120_000): Promise<number> {
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {
    if ((await db.job.count({ where: { status: { in: ["queued", "running"] }, runAt: { lte: new Date() } } })) === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return (performance.now() - start) / 1000;
}

/** One topology: the worker in a thread of the web process (default) or a separate worker process. */
async function scenario(label: string, separateWorker: boolean): Promise<BenchRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dropline-bench-"));
  const demo = await startDemo({
    databaseFile: path.join(dir, "bench.sqlite"),
    placeOrders: false,
    history: false,
    separateWorker,
    log: () => undefined,
    env: { NODE_ENV: "test" },
  });
  const db = createPrismaClient(demo.databaseUrl);
  try {
    const coldList = deliveries(1000, 0.1, 0);
    const cold = await paced(demo.appUrl, demo.apiSecret, coldList, 200);
    const pacedList = deliveries(2000, 0.1, 10_000);
    const p = await paced(demo.appUrl, demo.apiSecret, pacedList, 200);
    const pacedDrain = await drain(db);
    const burstList = deliveries(2000, 0.1, 20_000);
    const b = await burst(demo.appUrl, demo.apiSecret, burstList, 50);
    await drain(db);

    const uniqueEvents = new Set([...coldList, ...pacedList, ...burstList].map((d) => d.eventId)).size;
    const stored = await db.webhookEvent.count({ where: { topic: "orders/create" } });
    const jobs = await db.job.findMany({ where: { kind: "webhook" }, select: { attempts: true } });
    const orders = await db.order.count();
    const received = await db.orderEvent.count({ where: { kind: "order_received" } });
    const non200 = [...cold.results, ...p.results, ...b.results].filter((r) => r.status !== 200).length;
    const lat = p.results.map((r) => r.ms);
    const burstLat = b.results.map((r) => r.ms);
    const pacedUnique = new Set([...coldList, ...pacedList].map((d) => d.eventId)).size;
    return [
      {
        name: `${label}: webhook ack latency p99 @200/s, first 1,000 after start (cold)`,
        value: round(
          percentile(
            cold.results.map((r) => r.ms),
            99,
          ),
        ),
        unit: "ms",
        target: null,
      },
      { name: `${label}: webhook ack latency p50 @200/s`, value: round(percentile(lat, 50)), unit: "ms", target: null },
      { name: `${label}: webhook ack latency p99 @200/s`, value: round(percentile(lat, 99)), unit: "ms", target: "< 50" },
      { name: `${label}: webhook ack latency p99, burst of 2,000 (50 concurrent)`, value: round(percentile(burstLat, 99)), unit: "ms", target: null },
      { name: `${label}: inbox throughput, burst of 2,000 (10% dup)`, value: round(burstList.length / b.seconds, 0), unit: "deliveries/s", target: "≥ 200" },
      {
        name: `${label}: worker throughput (orders/create jobs)`,
        value: round(pacedUnique / Math.max(pacedDrain + cold.seconds + p.seconds, 0.001), 0),
        unit: "jobs/s",
        target: null,
      },
      { name: `${label}: deliveries answered non-200`, value: non200, unit: "count", target: "= 0" },
      { name: `${label}: webhook events lost`, value: uniqueEvents - Math.min(stored, orders), unit: "count", target: "= 0" },
      // An effect applied twice would show as a second "order received" entry or a second job.
      { name: `${label}: webhook events processed twice`, value: received - orders + (jobs.length - uniqueEvents), unit: "count", target: "= 0" },
      { name: `${label}: jobs re-run after a failed attempt (idempotent)`, value: jobs.filter((j) => j.attempts > 1).length, unit: "count", target: null },
    ];
  } finally {
    await db.$disconnect();
    await demo.stop();
  }
}

export async function benchWebhooks(): Promise<BenchRow[]> {
  return [...(await scenario("worker thread (default)", false)), ...(await scenario("separate worker process", true))];
}
