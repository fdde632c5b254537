/**
 * `npm run bench -- scale` (issue #19 item 5): Dropline as production runs it, on loopback — a
 * private PostgreSQL, 2 web processes behind one entry (Node's cluster), 2 worker processes on the
 * pg-boss queue, the fake Admin API as its own server with Shopify's Standard-plan bucket per shop —
 * and 50 installed shops receiving 200 orders/create deliveries a second for 60 s: Shopify's
 * documented payload over orders the fake really holds (every line matches an offer), 10 %
 * duplicates, shuffled, half on fresh connections, one shop bursting 10× the others for the middle
 * third. Before it, 2 s of unmeasured warm-up deliveries (orders/updated) at the same rate. Halfway
 * through the load, one worker process is killed with SIGKILL and started again. After the
 * load, a bounded drain; then the readings, and a retention pass with zero-length windows.
 *
 * Parameters (environment): SCALE_RATE (200/s), SCALE_SECONDS (60), SCALE_SHOPS (50),
 * SCALE_DRAIN_SECONDS (120), SCALE_BUCKET_SIZE / SCALE_RESTORE_RATE (the fake's bucket per shop: 1,000 and
 * 100, Shopify's Standard plan), SCALE_WORKER_SLOTS (2 jobs at once per worker process), SCALE_PG_STATEMENTS=1 (log the statements PostgreSQL spent its time on); `npm run bench -- scale --quick` (DROPLINE_BENCH_QUICK=1) is a smoke run:
 * 40/s for 10 s over 10 shops, 60 s of drain.
 */
import { spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { RetentionPolicy } from "../app/domain/retention";
import { retentionCutoffs } from "../app/domain/retention";
import { purgeShop } from "../app/models/retention.server";
import { scriptServices } from "../scripts/services";
import { realisticOrderBody } from "./realistic-order";
import { percentile, round, type BenchRow } from "./report";
import { AdminCallTally, adminCallsByOperation, fulfillmentRequestsSentTwice, orderKey, ScaleReadings, serverSideAckMs } from "./scale-measure";
import { BURST_SHOP, DEFAULT_SCALE_LOAD, ORDER_TOPICS, planScaleLoad, type OrderTopic, type ScaleLoadOptions } from "./scale-plan";
import type { HeldDelivery } from "./scale-fake";
import { startScaleStack, type ScaleStack } from "./scale-stack";
import type { LoadDelivery, LoadResult } from "./webhook-load";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface ScaleBenchOptions {
  readonly load: ScaleLoadOptions;
  readonly drainSeconds: number;
  readonly webProcesses: number;
  readonly workerProcesses: number;
  /**
   * Jobs each worker process runs at once. 2: on this host the 2 cores are shared by PostgreSQL,
   * the web processes, the workers and the fake, and against the fake (answers in about a
   * millisecond) jobs are CPU-bound, so 4 slots in all match the cores; 4 per process measured worse
   * on both acknowledgement and throughput (docs/decisions/035-saturated-host-ack-path.md).
   */
  readonly workerSlots: number;
  /** When the worker process is killed, as a fraction of the load's duration. */
  readonly killAt: number;
}

/** The options from the environment (see the module comment). */
export function scaleOptions(env: Readonly<Record<string, string | undefined>>): ScaleBenchOptions {
  const quick = env.DROPLINE_BENCH_QUICK === "1";
  const number = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${raw}`);
    return n;
  };
  return {
    load: {
      ...DEFAULT_SCALE_LOAD,
      perSecond: number("SCALE_RATE", quick ? 40 : DEFAULT_SCALE_LOAD.perSecond),
      seconds: number("SCALE_SECONDS", quick ? 10 : DEFAULT_SCALE_LOAD.seconds),
      shops: Math.round(number("SCALE_SHOPS", quick ? 10 : DEFAULT_SCALE_LOAD.shops)),
    },
    drainSeconds: number("SCALE_DRAIN_SECONDS", quick ? 60 : 120),
    webProcesses: 2,
    workerProcesses: 2,
    workerSlots: Math.round(number("SCALE_WORKER_SLOTS", 2)),
    killAt: 0.5,
  };
}

/** Every window zero: the pass removes all that retention may ever remove, and keeps what it must. */
const ZERO_WINDOWS: RetentionPolicy = {
  webhookPayloadDays: 0,
  webhookEventDays: 0,
  finishedJobDays: 0,
  deadJobDays: 0,
  jobKeyDays: 0,
  auditDays: 0,
  carrierEventDays: 0,
  feedRunDays: 0,
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => console.error(`  [scale] ${line}`);

interface Event {
  readonly shop: string;
  readonly eventId: string;
  readonly orderId: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

type OrderEvents = Record<OrderTopic, Event>;

/** A delivery's signature, as Shopify computes it with the app's secret. */
const signature = (stack: ScaleStack, body: string) => createHmac("sha256", stack.apiSecret).update(body).digest("base64");

/**
 * The orders in the fake and the two deliveries creating each one made Shopify send: orders/create
 * dressed as Shopify's documented payload (and signed again), routing_complete as the fake sent it.
 */
async function prepareOrders(stack: ScaleStack, ordersPerShop: readonly number[]): Promise<OrderEvents[][]> {
  const counts = Object.fromEntries(stack.shops.map((s, i) => [s.domain, ordersPerShop[i]!]));
  const held = await stack.createOrders(counts);
  return stack.shops.map((shop, shopIndex) => {
    const orders = held[shop.domain] ?? [];
    if (orders.length !== ordersPerShop[shopIndex]) throw new Error(`${shop.domain}: ${orders.length} orders held, ${ordersPerShop[shopIndex]} planned`);
    return orders.map((order) => {
      const orderId = (JSON.parse(order["orders/create"].body) as { admin_graphql_api_id: string }).admin_graphql_api_id;
      const event = (w: HeldDelivery, body: string): Event => {
        const headers: Record<string, string> = { ...w.headers, "X-Shopify-Hmac-Sha256": signature(stack, body) };
        return { shop: shop.domain, eventId: headers["X-Shopify-Event-Id"]!, orderId, path: w.path, headers, body };
      };
      const create = order["orders/create"];
      const routing = order["fulfillment_orders/order_routing_complete"];
      return { "orders/create": event(create, realisticOrderBody(create.body)), "fulfillment_orders/order_routing_complete": event(routing, routing.body) };
    });
  });
}

/** How long the unmeasured warm-up runs before the load, at the load's rate. */
const WARM_UP_SECONDS = 2;

/**
 * The warm-up: `orders/updated` deliveries (the first order of each shop, under new event ids)
 * at the load's rate, half on new connections. They take the whole acknowledgement path — signature,
 * parsing, the inbox's transaction, the job — and cost the workers almost nothing (an order not held
 * for its address is not read again), so the web processes' code is compiled and their connections
 * are open when the measured load starts, as a production process is once traffic reaches it (load
 * balancers ramp a new instance up). Their latencies are a row of their own, without a target.
 */
function warmUpDeliveries(stack: ScaleStack, orders: OrderEvents[][], perSecond: number): LoadDelivery[] {
  const firsts = orders.flatMap((shopOrders) => shopOrders.slice(0, 1)).map((o) => o["orders/create"]);
  return Array.from({ length: Math.round(perSecond * WARM_UP_SECONDS) }, (_, i) => {
    const e = firsts[i % firsts.length]!;
    const headers: Record<string, string> = {
      ...e.headers,
      "X-Shopify-Topic": "orders/updated",
      "X-Shopify-Event-Id": `warm-up-${i}`,
      "X-Shopify-Webhook-Id": randomUUID(),
      "X-Shopify-Hmac-Sha256": signature(stack, e.body),
    };
    return { path: e.path.replace("orders/create", "orders/updated"), headers, body: e.body, fresh: i % 2 === 0 };
  });
}

/** Runs the load generator (bench/webhook-load.ts) in its own process, without blocking this one. */
async function runLoad(dir: string, port: number, deliveries: LoadDelivery[], perSecond: number): Promise<{ seconds: number; results: LoadResult[] }> {
  const planFile = path.join(dir, "load.plan.json");
  const resultFile = path.join(dir, "load.results.json");
  fs.writeFileSync(planFile, JSON.stringify({ port, deliveries, perSecond }));
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "bench/webhook-load.ts"), planFile, resultFile], { stdio: "inherit" });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`The load generator failed (${code})`);
  fs.rmSync(planFile);
  return JSON.parse(fs.readFileSync(resultFile, "utf8")) as { seconds: number; results: LoadResult[] };
}

/** Waits (bounded) until no job is due; returns how many still are. */
async function waitUntilQuiet(readings: ScaleReadings, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const due = await readings.dueJobs();
    if (due === 0 || Date.now() >= deadline) return due;
    await sleep(500);
  }
}

const ms = (values: readonly number[], p: number) => round(percentile(values, p), 0);

export async function benchScale(options: ScaleBenchOptions = scaleOptions(process.env)): Promise<BenchRow[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dropline-scale-"));
  const sectionStarted = performance.now();
  const { load } = options;
  const statements = process.env.SCALE_PG_STATEMENTS === "1";
  const stack = await startScaleStack({
    shops: load.shops,
    webProcesses: options.webProcesses,
    workerProcesses: options.workerProcesses,
    workerSlots: options.workerSlots,
    dir,
    log,
    statements,
  });
  const readings = new ScaleReadings(stack.databaseUrl);
  const tally = new AdminCallTally(stack.fakeUrl);
  let polling: NodeJS.Timeout | undefined;
  try {
    const plan = planScaleLoad(load);
    // The start-up sweeps run (bounded: 90 s) before the run's orders exist: all of them are created in the fake up
    // front, and a routing sweep (every 10 minutes) that ran late would find them all before their
    // webhooks and queue a routing job for each — work production would not see.
    const stillDue = await waitUntilQuiet(readings, 90_000);
    if (stillDue > 0) log(`${stillDue} start-up jobs still due after 90 s; going on`);
    const orders = await prepareOrders(stack, plan.ordersPerShop);
    const deliveries = plan.deliveries.map((d): LoadDelivery => {
      const e = orders[d.shop]![d.order]![d.topic];
      const headers = d.duplicate ? { ...e.headers, "X-Shopify-Webhook-Id": randomUUID() } : e.headers;
      return { path: e.path, headers, body: e.body, fresh: d.fresh };
    });
    const uniqueOrders = orders.flat();
    const uniqueEvents = uniqueOrders.flatMap((o) => ORDER_TOPICS.map((topic) => o[topic]));
    log(`${deliveries.length} deliveries planned (${uniqueOrders.length} orders, ${uniqueEvents.length} events)`);

    const warmUp = await runLoad(dir, stack.entryPort, warmUpDeliveries(stack, orders, load.perSecond), load.perSecond);
    const warmUpAcks = warmUp.results.filter((r) => r.status === 200).map((r) => r.ms);
    log(`warm-up: ${warmUpAcks.length}/${warmUp.results.length} orders/updated acknowledged, p99 ${round(percentile(warmUpAcks, 99))} ms`);

    await tally.poll();
    const baselineCalls = tally.calls;
    const baselineThrottled = tally.throttled;
    polling = setInterval(() => void tally.poll().catch((e: unknown) => log(`request log: ${String(e)}`)), 2_000);
    const cpuBefore = stack.cpuSeconds();
    const loadStarted = Date.now();
    let killedAt = 0;
    const killer = (async () => {
      await sleep(load.seconds * 1000 * options.killAt);
      killedAt = Date.now();
      await stack.killWorker(0);
      log(`worker process 0 killed with SIGKILL at ${round((killedAt - loadStarted) / 1000, 1)} s; restarting it`);
      stack.startWorker(0);
    })();
    const run = await runLoad(dir, stack.entryPort, deliveries, load.perSecond);
    await killer;
    const submittedDuringLoad = await readings.submittedOrders();

    // Bounded drain: until every order is submitted, nothing is due any more, or the time is up.
    const drainStarted = Date.now();
    let submitted = submittedDuringLoad;
    let quietLooks = 0;
    while (Date.now() - drainStarted < options.drainSeconds * 1000) {
      submitted = await readings.submittedOrders();
      if (submitted >= uniqueOrders.length) break;
      quietLooks = (await readings.dueJobs()) === 0 ? quietLooks + 1 : 0;
      if (quietLooks >= 3) break;
      await sleep(2_000);
    }
    const drainEnded = Date.now();
    const cpuAfter = stack.cpuSeconds();
    const machineLoad = os.loadavg()[0]!;
    clearInterval(polling);
    polling = undefined;
    await tally.poll();
    log(`load ${round(run.seconds, 1)} s, drain ${round((drainEnded - drainStarted) / 1000, 1)} s: ${submitted}/${uniqueOrders.length} orders submitted`);

    for (const line of await readings.webhookJobsByTopic()) log(`  webhook job ${line}`);
    for (const line of await readings.jobsByKind()) log(`  job ${line}`);
    for (const line of await readings.orderJobsByTrigger()) log(`  ${line}`);
    if (statements) for (const line of await readings.topStatements(25)) log(`  SQL ${line}`);
    for (const line of (await adminCallsByOperation(stack.fakeUrl)).slice(0, 12)) log(`  Admin API ${line}`);
    const runTimes = await readings.jobRunTimes(loadStarted);
    for (const r of runTimes.slice(0, 8)) {
      log(`  ran ${r.kind}: ${r.runs} runs, p50 ${round(r.p50, 2)} s, p99 ${round(r.p99, 2)} s, ${round(r.busySeconds, 0)} slot-seconds`);
    }
    const slotSeconds = options.workerProcesses * options.workerSlots * ((drainEnded - loadStarted) / 1000);
    const busySeconds = runTimes.reduce((sum, r) => sum + r.busySeconds, 0);
    const routeRuns = runTimes.find((r) => r.kind === "route_order");
    const serverMs = serverSideAckMs(fs.readFileSync(path.join(dir, "web.log"), "utf8"));
    const rows = await measure({
      options,
      stack,
      readings,
      tally,
      plan,
      orders,
      uniqueOrders,
      uniqueEvents,
      run,
      warmUpAcks,
      loadStarted,
      killedAt,
      drainEnded,
      submittedDuringLoad,
      serverMs,
    });
    // The retention pass runs on a still system: rows finished after it would count as left behind.
    await stack.stopWorkers();
    rows.push(...(await retention(stack, readings)));
    rows.push({
      name: "scale: worker slots busy running jobs (load + drain; pg-boss started → completed)",
      value: round((busySeconds / slotSeconds) * 100, 0),
      unit: `% of ${round(slotSeconds, 0)} slot-seconds`,
      target: null,
    });
    rows.push({
      name: "scale: route_order job run time p50 / p99",
      value: round(routeRuns?.p50 ?? Number.NaN, 2),
      unit: `s / ${round(routeRuns?.p99 ?? Number.NaN, 2)} s`,
      target: null,
    });
    // Where the CPU went during the load and the drain (a killed worker's share is lost with it), and how
    // busy the machine was: on a shared host the other tenants' processes take their part of the 2 cores.
    const seconds = (drainEnded - loadStarted) / 1000;
    for (const part of ["web", "workers", "postgres", "fake"] as const) {
      rows.push({
        name: `scale: CPU used by ${part} (load + drain)`,
        value: round(cpuAfter[part] - cpuBefore[part], 1),
        unit: `s of ${round(seconds, 0)} s`,
        target: null,
      });
    }
    rows.push({
      name: "scale: machine load average (1 min) when the drain ended",
      value: round(machineLoad, 1),
      unit: `on ${os.cpus().length} cores`,
      target: null,
    });
    rows.push({
      name: "scale: section wall time (setup, load, drain, readings)",
      value: round((performance.now() - sectionStarted) / 1000, 0),
      unit: "s",
      target: null,
    });
    log(`Admin API calls before the load (installs, start-up sweeps): ${baselineCalls}, THROTTLED among them: ${baselineThrottled}`);
    return rows;
  } finally {
    if (polling) clearInterval(polling);
    await readings.close().catch(() => undefined);
    await stack.stop();
  }
}

interface Measured {
  readonly options: ScaleBenchOptions;
  readonly stack: ScaleStack;
  readonly readings: ScaleReadings;
  readonly tally: AdminCallTally;
  readonly plan: ReturnType<typeof planScaleLoad>;
  readonly orders: OrderEvents[][];
  readonly uniqueOrders: OrderEvents[];
  readonly uniqueEvents: Event[];
  readonly run: { seconds: number; results: LoadResult[] };
  /** The unmeasured warm-up's acknowledgement latencies (ms). */
  readonly warmUpAcks: readonly number[];
  readonly loadStarted: number;
  readonly killedAt: number;
  readonly drainEnded: number;
  readonly submittedDuringLoad: number;
  /** The web processes' own time for each of the load's deliveries (their access log). */
  readonly serverMs: readonly number[];
}

async function measure(m: Measured): Promise<BenchRow[]> {
  const { load } = m.options;
  const results = m.run.results;
  const acked = results.filter((r) => r.status === 200);
  const lat = acked.map((r) => r.ms);
  const byFresh = (fresh: boolean) => acked.filter((r) => r.fresh === fresh).map((r) => r.ms);
  const aroundKill = acked.filter((r) => Math.abs(r.sentAt - m.killedAt) <= 5_000).map((r) => r.ms);
  const inBurst = results.filter((_, i) => m.plan.deliveries[i]!.inBurst && results[i]!.status === 200).map((r) => r.ms);

  // An event is lost when a delivery of it was acknowledged (200) and the app has no record of it.
  // An event none of whose deliveries got a 200 is not lost: Shopify delivers it again.
  const stored = await m.readings.storedEvents();
  const acknowledged = new Set<string>();
  m.plan.deliveries.forEach((d, i) => {
    const e = m.orders[d.shop]![d.order]![d.topic];
    if (results[i]!.status === 200) acknowledged.add(orderKey(e.shop, e.eventId));
  });
  const lost = m.uniqueEvents.filter((e) => acknowledged.has(orderKey(e.shop, e.eventId)) && !stored.has(orderKey(e.shop, e.eventId))).length;
  const neverAcknowledged = m.uniqueEvents.filter((e) => !acknowledged.has(orderKey(e.shop, e.eventId))).length;
  const times = await m.readings.orderTimes();
  const handled = await m.readings.eventsHandled();
  const received = m.uniqueOrders.filter((o) => handled.has(orderKey(o["orders/create"].shop, o["orders/create"].eventId))).length;
  const submittedAt = m.uniqueOrders.map((o) => times.get(orderKey(o["orders/create"].shop, o["orders/create"].orderId))?.submitted ?? null);
  const submitted = submittedAt.filter((t) => t !== null);
  const lastSubmitted = Math.max(m.loadStarted, ...submitted);
  const twice =
    (await m.readings.receivedTwice()) +
    (await m.readings.extraPurchaseOrders()) +
    (await fulfillmentRequestsSentTwice(
      m.stack.fakeUrl,
      m.stack.shops.map((s) => s.domain),
    ));

  // Order-to-submitted for the quiet shops' orders first delivered during the burst: from the
  // order's first delivery (either event) to its first purchase order submitted.
  const firstSent = new Map<string, number>();
  m.plan.deliveries.forEach((d, i) => {
    const e = m.orders[d.shop]![d.order]![d.topic];
    const k = orderKey(e.shop, e.orderId);
    firstSent.set(k, Math.min(firstSent.get(k) ?? Infinity, results[i]!.sentAt));
  });
  const quiet = m.plan.deliveries
    .filter((d) => d.shop !== BURST_SHOP && d.inBurst && !d.duplicate && d.topic === "orders/create")
    .map((d) => m.orders[d.shop]![d.order]!)
    .map((o) => {
      const k = orderKey(o["orders/create"].shop, o["orders/create"].orderId);
      return {
        sent: firstSent.get(k)!,
        received: handled.get(orderKey(o["orders/create"].shop, o["orders/create"].eventId)) ?? null,
        ...(times.get(k) ?? { routed: null, submitted: null }),
      };
    });
  // Not submitted when the drain stopped: counted at the drain's end (a lower bound on its time).
  const toSubmitted = quiet.map((q) => (q.submitted ?? m.drainEnded) - q.sent);
  const stage = (from: (q: (typeof quiet)[number]) => number | null, to: (q: (typeof quiet)[number]) => number | null) =>
    quiet.flatMap((q) => {
      const a = from(q);
      const b = to(q);
      return a !== null && b !== null ? [b - a] : [];
    });
  const toReceived = stage(
    (q) => q.sent,
    (q) => q.received,
  );
  const toRouted = stage(
    (q) => q.sent,
    (q) => q.routed,
  );
  const toSubmit = stage(
    (q) => q.routed,
    (q) => q.submitted,
  );
  const label = `${load.shops} shops, ${load.perSecond}/s for ${load.seconds} s, ${m.options.workerProcesses} workers × ${m.options.workerSlots} slots`;
  const calls = m.tally.calls;
  return [
    { name: `scale (${label}): webhook ack latency p50`, value: round(percentile(lat, 50)), unit: "ms", target: null },
    { name: "scale: webhook ack latency p99", value: round(percentile(lat, 99)), unit: "ms", target: "< 50" },
    { name: "scale: webhook ack latency p99, keep-alive connections", value: round(percentile(byFresh(false), 99)), unit: "ms", target: null },
    { name: "scale: webhook ack latency p99, new connection per delivery", value: round(percentile(byFresh(true), 99)), unit: "ms", target: null },
    { name: "scale: webhook ack latency p99 during the burst", value: round(percentile(inBurst, 99)), unit: "ms", target: null },
    { name: "scale: webhook ack latency p99 within 5 s of the worker kill", value: round(percentile(aroundKill, 99)), unit: "ms", target: null },
    {
      name: `scale: warm-up before the load (${WARM_UP_SECONDS} s of orders/updated from cold web processes, not in the rows above) ack p99`,
      value: round(percentile(m.warmUpAcks, 99)),
      unit: "ms",
      target: null,
    },
    {
      name: "scale: … of which inside the web process (access log) p50 / p99",
      value: round(percentile(m.serverMs, 50)),
      unit: `ms / ${round(percentile(m.serverMs, 99))} ms`,
      target: null,
    },
    {
      name: "scale: deliveries answered non-200 (or not within the load generator's 30 s)",
      value: results.length - acked.length,
      unit: "count",
      target: "= 0",
    },
    { name: "scale: events lost (acknowledged, not stored)", value: lost, unit: "count", target: "= 0" },
    {
      name: "scale: events no delivery of which was acknowledged (Shopify would retry them)",
      value: neverAcknowledged,
      unit: `of ${m.uniqueEvents.length}`,
      target: null,
    },
    { name: "scale: effects applied twice (order received, purchase order, fulfillment request)", value: twice, unit: "count", target: "= 0" },
    { name: "scale: orders received by the workers", value: received, unit: `of ${m.uniqueOrders.length}`, target: null },
    { name: "scale: orders routed and submitted when the bounded drain stopped", value: submitted.length, unit: `of ${m.uniqueOrders.length}`, target: null },
    { name: "scale: orders submitted during the load itself", value: m.submittedDuringLoad, unit: "count", target: null },
    {
      name: "scale: orders routing held for a person (the load's orders are all routable)",
      value: await m.readings.heldOrders(),
      unit: `of ${m.uniqueOrders.length}`,
      target: "= 0",
    },
    {
      name: "scale: orders routed and submitted per minute (load start → last submission)",
      value: round((submitted.length / Math.max(1, lastSubmitted - m.loadStarted)) * 60_000, 0),
      unit: "orders/min",
      target: null,
    },
    { name: "scale: Admin API calls (load and drain)", value: calls, unit: "count", target: null },
    {
      name: "scale: THROTTLED answers per 1,000 Admin API calls",
      value: round((m.tally.throttled / Math.max(1, calls)) * 1000, 2),
      unit: "per 1,000",
      target: "= 0",
    },
    { name: "scale: quiet shops' order-to-submitted p99 during the burst", value: round(percentile(toSubmitted, 99) / 1000, 1), unit: "s", target: "< 10" },
    { name: "scale: quiet shops' order-to-submitted p50 during the burst", value: round(percentile(toSubmitted, 50) / 1000, 1), unit: "s", target: null },
    {
      name: "scale: … of which not submitted when the drain stopped",
      value: quiet.filter((q) => q.submitted === null).length,
      unit: `of ${quiet.length}`,
      target: null,
    },
    { name: "scale: … delivery → orders/create handled by a worker p50 / p99", value: ms(toReceived, 50), unit: `ms / ${ms(toReceived, 99)} ms`, target: null },
    { name: "scale: … delivery → routed p50 / p99", value: ms(toRouted, 50), unit: `ms / ${ms(toRouted, 99)} ms`, target: null },
    { name: "scale: … routed → submitted p50 / p99", value: ms(toSubmit, 50), unit: `ms / ${ms(toSubmit, 99)} ms`, target: null },
  ];
}

/** The retention pass (the models' purge, every window zero) over every shop, then what is left. */
async function retention(stack: ScaleStack, readings: ScaleReadings): Promise<BenchRow[]> {
  const before = await readings.retainedRows();
  const services = scriptServices(stack.appEnv);
  try {
    const cutoffs = retentionCutoffs(new Date(), ZERO_WINDOWS);
    for (const shop of stack.shops) await purgeShop(services.db, shop.domain, cutoffs);
  } finally {
    await services.close();
    for (const queue of globalThis.__droplinePgBoss?.values() ?? []) await queue.stop();
    globalThis.__droplinePgBoss?.clear();
  }
  const after = await readings.retainedRows();
  const row = (name: string, k: keyof typeof after, target: string | null): BenchRow => ({
    name: `scale: rows left after retention (zero windows): ${name}`,
    value: after[k]!,
    unit: `of ${before[k]}`,
    target,
  });
  return [
    row("webhook payloads", "payloads", "= 0"),
    row("webhook event rows", "webhookEvents", "= 0"),
    row("finished jobs", "finishedJobs", "= 0"),
    row("retired job keys", "retiredKeys", "= 0"),
    row("jobs still waiting (timers, unfinished work: kept by design)", "waitingJobs", null),
    row("pg-boss dispatch rows (pg-boss's own retention, 7 days)", "bossJobs", null),
  ];
}
