/**
 * The control tower at size: a shop with 100,000 orders' fulfillment facts over 90 days and
 * 1,000,000 carrier events (seeded by direct SQL: the facts are what the refresh would write), its
 * days rolled up by the app's refresh, then the dashboard's data read (p95 over mixed queries: 30
 * and 90 days, all metrics, by supplier and by SKU) and the nightly rollup of a 10,000-order day.
 */
import type { PrismaClient } from "@prisma/client";
import Database from "better-sqlite3";
import { createPrismaClient } from "../app/db-client.server";
import { addDays } from "../app/domain/promise";
import { ROLLUP_METRICS, type FulfillmentRecord, type RollupDimension } from "../app/domain/metrics";
import { dashboardPanels } from "../app/services/metrics/dashboard.server";
import { refreshMetrics, rerollDay } from "../app/services/metrics/refresh.server";
import { freshDatabaseUrl } from "../tests/helpers/database";
import { percentile, round, type BenchRow } from "./report";

export const BENCH_SHOP = "bench-control-tower.myshopify.com";
const H = 3_600_000;
const SUPPLIERS = 8;
const SKUS = 200;
const CHANNELS = ["web", "pos", "amazon", "tiktok"];
const REGIONS = ["US-CA", "US-NY", "US-TX", "US-WA", "CA-ON", "GB", "DE", "FR", "AU", "JP"];

/** A deterministic pseudo-random stream (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Stored instants have millisecond precision. */
const ms = (v: number | undefined) => (v === undefined ? undefined : Math.round(v));

/** One seeded fact: the record the metrics read, plus its keys. */
export interface SeedFact extends FulfillmentRecord {
  readonly purchaseOrderId: string;
  readonly day: string;
}

/** `orders` facts spread evenly over the `days` days ending on `lastDay` (UTC days), supplier 0 slower. */
export function generateFacts(options: { orders: number; days: number; lastDay: string; seed?: number; prefix?: string }): SeedFact[] {
  const next = random(options.seed ?? 42);
  const facts: SeedFact[] = [];
  for (let i = 0; i < options.orders; i++) {
    const day = addDays(options.lastDay, -Math.floor((i * options.days) / options.orders));
    const created = Date.parse(`${day}T00:00:00Z`) + Math.floor(next() * 24 * H);
    const supplier = Math.floor(next() * SUPPLIERS);
    const accepted = next() > 0.04;
    const cancelled = next() < 0.02;
    const confirm = accepted ? created + (1 + next() * (supplier === 0 ? 30 : 8)) * H : undefined;
    const ship = accepted && !cancelled && next() > 0.05 ? created + (12 + next() * next() * 60) * H : undefined;
    const shipBy = created + 48 * H;
    const deliver = ship !== undefined && next() > 0.2 ? ship + (24 + next() * 96) * H : undefined;
    facts.push({
      purchaseOrderId: `${options.prefix ?? "po"}-${i}`,
      orderId: `gid://shopify/Order/${options.prefix ?? ""}${i}`,
      supplierId: `supplier-${supplier}`,
      sku: `SKU-${Math.floor(next() * next() * SKUS)}`,
      channel: CHANNELS[Math.floor(next() * CHANNELS.length)]!,
      region: REGIONS[Math.floor(next() * REGIONS.length)]!,
      day,
      orderCreatedAt: created,
      acknowledgedAt: ms(confirm),
      confirmedAt: ms(confirm),
      shippedAt: ms(ship),
      trackingUploadedAt: ship === undefined ? undefined : ms(ship + next() * 4 * H),
      deliveredAt: ms(deliver),
      promisedShipBy: ms(cancelled || !accepted ? undefined : shipBy),
      promisedDeliveryBy: ms(cancelled || !accepted ? undefined : shipBy + 96 * H),
      accepted,
      cancelled,
      stockout: !accepted && next() < 0.5,
      exception: deliver === undefined && ship !== undefined && next() < 0.3,
    });
  }
  return facts;
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString().replace("Z", "+00:00"));
const flag = (b: boolean | undefined) => (b === undefined ? null : b ? 1 : 0);

/** Inserts facts and `events` carrier events straight into the SQLite file (as the refresh and intake would have). */
export function insertSeed(file: string, shop: string, facts: readonly SeedFact[], events: number): void {
  const sqlite = new Database(file);
  try {
    sqlite.pragma("journal_mode = WAL");
    const fact = sqlite.prepare(
      `INSERT INTO FulfillmentFact (shop, purchaseOrderId, lineKey, orderId, orderName, supplierId, sku, channel, region, day, orderCreatedAt, acknowledgedAt,
        confirmedAt, shippedAt, trackingUploadedAt, deliveredAt, promisedShipBy, promisedDeliveryBy, accepted, cancelled, stockout, exception, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const event = sqlite.prepare(
      `INSERT INTO CarrierEvent (id, shop, dedupeKey, trackingNumber, payload, source, outcome, stage, happenedAt, receivedAt) VALUES (?, ?, ?, ?, '{}', 'api', 'applied', 'in_transit', ?, ?)`,
    );
    const now = iso(Date.now());
    sqlite.transaction(() => {
      for (const f of facts) {
        fact.run(
          shop,
          f.purchaseOrderId,
          f.sku,
          f.orderId,
          `#${f.purchaseOrderId}`,
          f.supplierId,
          f.sku,
          f.channel,
          f.region,
          f.day,
          iso(f.orderCreatedAt),
          iso(f.acknowledgedAt),
          iso(f.confirmedAt),
          iso(f.shippedAt),
          iso(f.trackingUploadedAt),
          iso(f.deliveredAt),
          iso(f.promisedShipBy),
          iso(f.promisedDeliveryBy),
          flag(f.accepted),
          flag(f.cancelled),
          flag(f.stockout),
          flag(f.exception),
          now,
        );
      }
      for (let i = 0; i < events; i++) {
        const at = iso(Date.parse("2026-09-01T00:00:00Z") + i * 7_000);
        event.run(`ev-${i}`, shop, `ev-${i}`, `1Z${String(i % 200_000).padStart(16, "0")}`, at, at);
      }
    })();
  } finally {
    sqlite.close();
  }
}

/** A migrated database seeded with `orders` facts over `days` days and `events` carrier events, rolled up by the app's refresh. */
export async function seededControlTower(options: { orders: number; events: number; days: number; lastDay: string; now: Date }) {
  const url = freshDatabaseUrl("bench-control-tower");
  const facts = generateFacts(options);
  insertSeed(url.slice("file:".length), BENCH_SHOP, facts, options.events);
  const db = createPrismaClient(url);
  const started = performance.now();
  await refreshMetrics({ db, now: () => options.now }, BENCH_SHOP, { full: true });
  return { db, url, facts, rollupAllMs: performance.now() - started };
}

/** Wall-clock and CPU milliseconds per dashboard query (CPU tells a loaded shared host from a slow query). */
async function timeDashboard(db: PrismaClient, lastDay: string): Promise<{ wall: number[]; cpu: number[] }> {
  const queries: { days: number; dimension: RollupDimension }[] = [
    { days: 30, dimension: "all" },
    { days: 90, dimension: "supplierId" },
    { days: 90, dimension: "sku" },
    { days: 7, dimension: "channel" },
    { days: 90, dimension: "region" },
  ];
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < 12; round++) {
    for (const q of queries) {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      await dashboardPanels(db, BENCH_SHOP, {
        period: "custom",
        fromDay: addDays(lastDay, 1 - q.days),
        toDay: lastDay,
        metrics: ROLLUP_METRICS,
        dimension: q.dimension,
      });
      const used = process.cpuUsage(cpuStarted);
      wall.push(performance.now() - started);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  // The first round warms the caches.
  return { wall: wall.slice(queries.length), cpu: cpu.slice(queries.length) };
}

export async function benchControlTower(): Promise<BenchRow[]> {
  const lastDay = "2026-11-30";
  const now = new Date("2026-12-01T06:00:00Z");
  const seedStarted = performance.now();
  const { db, url, rollupAllMs } = await seededControlTower({ orders: 100_000, events: 1_000_000, days: 90, lastDay, now });
  const seedMs = performance.now() - seedStarted;
  const timings = await timeDashboard(db, lastDay);
  // A 10,000-order day on top (the busiest day of the year), rolled up as the nightly pass does.
  insertSeed(url.slice("file:".length), BENCH_SHOP, generateFacts({ orders: 10_000, days: 1, lastDay: "2026-12-01", seed: 7, prefix: "peak" }), 0);
  const started = performance.now();
  await rerollDay({ db, now: () => now }, BENCH_SHOP, "2026-12-01", "UTC");
  const dayMs = performance.now() - started;
  await db.$disconnect();
  return [
    {
      name: "control tower: dashboard data, 100,000 orders / 1,000,000 events, p95 of 55 mixed queries",
      value: round(percentile(timings.wall, 95), 1),
      unit: "ms",
      target: "< 300",
    },
    {
      name: "control tower: dashboard data, CPU time of this process, p95 of the same queries",
      value: round(percentile(timings.cpu, 95), 1),
      unit: "ms",
      target: null,
    },
    { name: "control tower: rollup of a 10,000-order day (facts → MetricDay)", value: round(dayMs / 1000, 2), unit: "s", target: "< 5" },
    {
      name: "control tower: full rebuild of 90 days' rollups from 100,000 facts (seed included: " + round(seedMs / 1000, 1) + " s)",
      value: round(rollupAllMs / 1000, 2),
      unit: "s",
      target: null,
    },
  ];
}
