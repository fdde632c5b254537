/**
 * Webhook inbox under load, against the running app (production build, SQLite default), with
 * realistic deliveries: Shopify's documented `orders/create` example (~9 KB) carrying orders the
 * fake store really holds, whose lines match real offers — so the worker routes and submits every
 * one while the acknowledgements are measured. Right after start, 400 deliveries at 200/s (the
 * cold start: code not yet optimised by the JIT), then the measured 2,000 with 10 % duplicates at
 * 200/s, then 1,000 as one burst; half of the deliveries on a new TCP connection each, half on
 * keep-alive connections. The load comes from a process of its own (bench/webhook-load.ts). Two
 * topologies: the worker in a thread of the web process (the default) and the worker as a
 * separate process (`npm run worker`).
 */
import { spawnSync } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PrismaClient } from "@prisma/client";
import { DEMO_ORDERS, DEMO_SHOP } from "../prisma/seed/demo-catalog";
import { startDemo, type RunningDemo } from "../scripts/demo/start";
import { seededRandom } from "../sim/prng";
import { percentile, round, type BenchRow } from "./report";
import { realisticOrderBody } from "./realistic-order";
import type { LoadDelivery, LoadPlan, LoadResult } from "./webhook-load";
import { createPrismaClient } from "../app/db-client.server";

/** The topics the fake raises when the bench creates its orders: all held, so set-up leaves the app idle. */
const SET_UP_TOPICS = ["orders/create", "fulfillment_orders/order_routing_complete", "inventory_levels/update"];
/** What the load delivers per order: the order, and Shopify's signal that its fulfillment orders are ready to route. */
const DELIVERED_TOPICS = ["orders/create", "fulfillment_orders/order_routing_complete"];

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The bench's deliveries: created in the fake store (so routing finds them), held, dressed, re-signed. */
function ordersToDeliver(demo: RunningDemo, count: number, duplicateShare: number, seed: number): LoadDelivery[] {
  const random = seededRandom(seed);
  for (let i = 0; i < count; i++) {
    const order = DEMO_ORDERS[Math.floor(random() * DEMO_ORDERS.length)]!;
    demo.fake.createOrder({
      shop: DEMO_SHOP.domain,
      email: `bench${seed}-${i}@example.com`,
      lineItems: order.skus.map(({ sku, quantity }) => ({ variantId: demo.catalog.variantBySku.get(sku)!.variantId, quantity })),
      shippingAddress: { ...order.shipTo },
      shippingLine: { ...order.shipping },
    });
  }
  // Every webhook the fake raised for these orders is held during set-up (else they would reach the
  // app before the measurement and leave thousands of jobs queued). Delivered: each order's
  // orders/create (dressed as Shopify's documented example) and its
  // fulfillment_orders/order_routing_complete, which is what starts routing, as Shopify sends both.
  const held = demo.fake
    .pendingWebhooks()
    .splice(0)
    .filter((w) => DELIVERED_TOPICS.includes(w.topic));
  const events = held.map((w, i): LoadDelivery => {
    const body = w.topic === "orders/create" ? realisticOrderBody(w.body) : w.body;
    const headers = { ...w.headers, "X-Shopify-Hmac-Sha256": createHmac("sha256", demo.apiSecret).update(body).digest("base64") };
    return { path: new URL(w.url).pathname, headers, body, fresh: i % 2 === 0 };
  });
  // 10 % of the events delivered a second time (same event id, new webhook id), shuffled in.
  const list = [
    ...events,
    ...events
      .slice(0, Math.round(events.length * duplicateShare))
      .map((d, i) => ({ ...d, fresh: i % 2 === 1, headers: { ...d.headers, "X-Shopify-Webhook-Id": randomUUID() } })),
  ];
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

/** Runs a load plan in its own process (bench/webhook-load.ts) and reads its results. */
function runLoad(dir: string, name: string, plan: LoadPlan): { seconds: number; results: LoadResult[] } {
  const planFile = path.join(dir, `${name}.plan.json`);
  const resultFile = path.join(dir, `${name}.results.json`);
  fs.writeFileSync(planFile, JSON.stringify(plan));
  const run = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "bench/webhook-load.ts"), planFile, resultFile], { stdio: "inherit" });
  if (run.status !== 0) throw new Error(`The load generator failed (${run.status ?? run.signal})`);
  return JSON.parse(fs.readFileSync(resultFile, "utf8")) as { seconds: number; results: LoadResult[] };
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
  demo.fake.configureWebhooks({ heldTopics: SET_UP_TOPICS, duplicateRate: 0 });
  const db = createPrismaClient(demo.databaseUrl);
  const port = Number(new URL(demo.appUrl).port);
  try {
    // Enough stock that every order is routed to a supplier and submitted, not held.
    await db.offer.updateMany({ data: { stockOnHand: 1_000_000 } });
    await db.supplierStock.updateMany({ data: { quantity: 1_000_000 } });
    // Two deliveries per order (see DELIVERED_TOPICS), 10 % of them twice: 396, 1,980 and 990 deliveries.
    const coldList = ordersToDeliver(demo, 180, 0.1, 1);
    const pacedList = ordersToDeliver(demo, 900, 0.1, 2);
    const burstList = ordersToDeliver(demo, 450, 0.1, 3);
    await demo.fake.webhooksSettled();
    // The start-up sync finds the set-up orders' fulfillment orders and queues their submissions,
    // which Shopify's rate (one shop's bucket) lets through at about one order a second: that work
    // is still running during the measurement, as it would be for a shop just installed. Wait only
    // for the start-up burst to settle.
    await drain(db, 20_000);

    const cold = runLoad(dir, "cold", { port, deliveries: coldList, perSecond: 200 });
    const p = runLoad(dir, "paced", { port, deliveries: pacedList, perSecond: 200 });
    const processedDuringPaced = await db.orderEvent.count({ where: { kind: "order_received" } });
    const b = runLoad(dir, "burst", { port, deliveries: burstList, perSecond: 0, concurrency: 50 });
    // Bounded: the orders still queued after a minute count as not yet routed, not as lost.
    const drainSeconds = await drain(db, 60_000);

    const all = [...coldList, ...pacedList, ...burstList];
    const eventIds = new Set(all.map((d) => d.headers["X-Shopify-Event-Id"]!));
    const uniqueEvents = eventIds.size;
    const storedIds = new Set(
      (await db.webhookEvent.findMany({ where: { topic: { in: DELIVERED_TOPICS } }, select: { eventId: true } }))
        .map((e) => e.eventId)
        .filter((id) => eventIds.has(id)),
    );
    const stored = storedIds.size;
    // The inbox's job for an event is keyed `webhook:<shop>:<event id>`: the bench's events' jobs only.
    const jobs = (await db.job.findMany({ where: { kind: "webhook" }, select: { attempts: true, dedupeKey: true } })).filter((j) =>
      eventIds.has(j.dedupeKey.slice(j.dedupeKey.lastIndexOf(":") + 1)),
    );
    const webhookJobsForOrders = jobs.length;
    const received = await db.orderEvent.count({ where: { kind: "order_received" } });
    const receivedOrders = (await db.orderEvent.findMany({ where: { kind: "order_received" }, select: { orderId: true }, distinct: ["orderId"] })).length;
    const routed = await db.routingDecision.count();
    const submitted = await db.purchaseOrder.count();
    const non200 = [...cold.results, ...p.results, ...b.results].filter((r) => r.status !== 200).length;
    const lat = p.results.map((r) => r.ms);
    const latFresh = p.results.filter((r) => r.fresh).map((r) => r.ms);
    const latPooled = p.results.filter((r) => !r.fresh).map((r) => r.ms);
    const burstLat = b.results.map((r) => r.ms);
    return [
      {
        name: `${label}: webhook ack latency p99 @200/s, first 400 after start (cold)`,
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
      { name: `${label}: webhook ack latency p99 @200/s, keep-alive connections`, value: round(percentile(latPooled, 99)), unit: "ms", target: "< 50" },
      { name: `${label}: webhook ack latency p99 @200/s, new connection per delivery`, value: round(percentile(latFresh, 99)), unit: "ms", target: "< 50" },
      { name: `${label}: webhook ack latency p99, burst of 1,000 (50 concurrent)`, value: round(percentile(burstLat, 99)), unit: "ms", target: null },
      { name: `${label}: inbox throughput, burst of 1,000 (10% dup)`, value: round(burstList.length / b.seconds, 0), unit: "deliveries/s", target: "≥ 200" },
      { name: `${label}: orders received by the worker while 2,000 deliveries came in at 200/s`, value: processedDuringPaced, unit: "count", target: null },
      {
        name: `${label}: orders routed and submitted per minute (worker, after the load)`,
        value: round((submitted / Math.max(cold.seconds + p.seconds + b.seconds + drainSeconds, 0.001)) * 60, 0),
        unit: "orders/min",
        target: null,
      },
      { name: `${label}: deliveries answered non-200`, value: non200, unit: "count", target: "= 0" },
      // Every unique delivery is stored once, with its one job (work on it may still be queued).
      { name: `${label}: webhook events lost`, value: uniqueEvents - Math.min(stored, webhookJobsForOrders), unit: "count", target: "= 0" },
      { name: `${label}: orders received by the worker when the drain stopped (1 min)`, value: receivedOrders, unit: "count", target: null },
      { name: `${label}: orders routed when the drain stopped (1 min)`, value: routed, unit: "count", target: null },
      // An effect applied twice would show as a second "order received" entry for an order or a second job for an event.
      { name: `${label}: webhook events processed twice`, value: received - receivedOrders + (webhookJobsForOrders - stored), unit: "count", target: "= 0" },
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
