/**
 * Synthetic routing inputs: deterministic orders of any size against any number of suppliers,
 * from a seeded generator. The routing benchmark (`bench.ts`, `npm run bench -- routing`) routes
 * them, and tests use them where an order's size matters more than its story.
 */
import { parseRoutingPolicy } from "../../app/domain/routing";
import type { OrderLine, RoutingInput, ServiceTier, Supplier, SupplierOffer } from "../../app/domain/routing";
import { seededRandom } from "../prng";

const ZONES: readonly string[] = ["America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/Paris", "Asia/Shanghai"];
const TIERS: readonly [ServiceTier, number, number][] = [
  ["same_day", 0, 0],
  ["next_day", 1, 1],
  ["48_hour", 1, 2],
  ["special_order", 3, 7],
];
const PROVINCES: readonly string[] = ["CA", "NY", "TX", "FL", "WA", "IL"];
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
