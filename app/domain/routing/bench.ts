/**
 * A deterministic routing benchmark. The clock is passed in (`performance.now` from the
 * caller) so this module stays pure; inputs come from a seeded generator.
 */
import { nearestRankPercentile } from "../promise";
import { seededRandom } from "../promise/prng";
import { routeOrder } from "./engine";
import { parseRoutingPolicy } from "./policy";
import type { OrderLine, RoutingInput, RoutingOutcome, ServiceTier, Supplier, SupplierOffer } from "./types";

export interface BenchOptions {
  readonly lines: number;
  readonly suppliers: number;
  readonly iterations: number;
  /** Milliseconds from any fixed origin, e.g. `() => performance.now()`. */
  readonly now: () => number;
  readonly warmup?: number;
  readonly seed?: number;
}

export interface BenchResult {
  readonly iterations: number;
  readonly decisionsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  readonly outcomes: Readonly<Record<RoutingOutcome, number>>;
}

const ZONES = ["America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/Paris", "Asia/Shanghai"];
const TIERS: readonly [ServiceTier, number, number][] = [
  ["same_day", 0, 0],
  ["next_day", 1, 1],
  ["48_hour", 1, 2],
  ["special_order", 3, 7],
];
const PROVINCES = ["CA", "NY", "TX", "FL", "WA", "IL"];
const BASE_MS = Date.UTC(2026, 10, 24, 15, 0);
const HOUR = 3_600_000;

function syntheticSupplier(i: number, rnd: () => number): Supplier {
  const [tier, min, max] = TIERS[i % TIERS.length]!;
  const transit = { min: 1 + Math.floor(rnd() * 3), max: 3 + Math.floor(rnd() * 4) };
  return {
    id: `sup-${String(i).padStart(3, "0")}`,
    name: `Supplier ${i}`,
    status: rnd() < 0.05 ? "paused" : "active",
    calendar: { timeZone: ZONES[i % ZONES.length]!, cutoff: `${12 + (i % 6)}:00`, holidays: ["2026-11-26"] },
    serviceTier: { tier, handling: { min, max } },
    coverage: [
      { countryCode: "US", transit },
      ...PROVINCES.filter(() => rnd() < 0.3).map((p) => ({ countryCode: "US", provinceCode: p, transit: { min: 1, max: 2 } })),
    ],
    costs: { dropshipFee: 150 + Math.floor(rnd() * 300), shippingCostByRegion: [{ countryCode: "US", cost: 400 + Math.floor(rnd() * 600) }] },
    feedCadenceMs: (1 + (i % 4)) * HOUR,
    performance: {
      acceptanceRate: 0.8 + rnd() * 0.2,
      cancellationRate: rnd() * 0.1,
      defectRate: rnd() * 0.05,
      onTimeShipRate: 0.7 + rnd() * 0.3,
      trackingLatencyHours: rnd() * 48,
      sampleSize: Math.floor(rnd() * 500),
    },
  };
}

/** Deterministic synthetic orders (a small pool with different times and destinations). */
export function syntheticInputs(lineCount: number, supplierCount: number, seed = 42, pool = 8): RoutingInput[] {
  const rnd = seededRandom(seed);
  const suppliers = Array.from({ length: supplierCount }, (_, i) => syntheticSupplier(i, rnd));
  const policy = parseRoutingPolicy({
    split: { allowed: true, minBasketValue: 20_000, allowToAvoidCancel: true, maxParcels: 3 },
    serviceLevels: { standard: { maxBusinessDays: 8 }, expedited: { maxBusinessDays: 4 } },
  });
  return Array.from({ length: pool }, (_, o) => {
    const nowMs = BASE_MS + o * 37 * 60_000 + o * 5 * HOUR;
    const lines: OrderLine[] = Array.from({ length: lineCount }, (_, l) => ({
      lineId: `line-${l}`,
      variantId: `gid://shopify/ProductVariant/${o * 1000 + l}`,
      quantity: 1 + Math.floor(rnd() * 3),
      unitPrice: 1_000 + Math.floor(rnd() * 9_000),
    }));
    const offers: SupplierOffer[] = lines.flatMap((line) =>
      suppliers.map((s) => ({
        supplierId: s.id,
        variantId: line.variantId,
        supplierSku: `${s.id}-${line.variantId.slice(-6)}`,
        unitCost: Math.floor(line.unitPrice * (0.4 + rnd() * 0.3)),
        stockOnHand: Math.floor(rnd() * 40),
        stockUpdatedAtMs: nowMs - Math.floor(rnd() * 30 * HOUR),
      })),
    );
    const basketValue = lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
    const destination = { countryCode: "US", provinceCode: PROVINCES[o % PROVINCES.length] };
    const serviceLevel = o % 3 === 0 ? ("expedited" as const) : ("standard" as const);
    return {
      order: { id: `order-${o}`, lines, destination, channel: "online_store", serviceLevel, basketValue, nowMs },
      suppliers,
      offers,
      policy,
    };
  });
}

const percentile = (sorted: readonly number[], q: number): number => (sorted.length ? nearestRankPercentile(sorted, q) : 0);

/** Times `iterations` routing decisions of `lines` × `suppliers` inputs with the given clock. */
export function benchRouting(options: BenchOptions): BenchResult {
  const inputs = syntheticInputs(options.lines, options.suppliers, options.seed);
  const warmup = options.warmup ?? Math.min(200, options.iterations);
  for (let i = 0; i < warmup; i += 1) routeOrder(inputs[i % inputs.length]!);
  const durations: number[] = [];
  const outcomes: Record<RoutingOutcome, number> = { routed: 0, split: 0, held: 0, partially_held: 0 };
  const start = options.now();
  for (let i = 0; i < options.iterations; i += 1) {
    const t0 = options.now();
    const decision = routeOrder(inputs[i % inputs.length]!);
    durations.push(options.now() - t0);
    outcomes[decision.outcome] += 1;
  }
  const elapsedMs = options.now() - start;
  durations.sort((a, b) => a - b);
  return {
    iterations: options.iterations,
    decisionsPerSecond: elapsedMs > 0 ? Math.round((options.iterations / elapsedMs) * 1000) : Infinity,
    p50Ms: percentile(durations, 0.5),
    p99Ms: percentile(durations, 0.99),
    maxMs: durations.at(-1) ?? 0,
    outcomes,
  };
}
