/**
 * The engine (`routeOrder`: working arrays, bit flags, columns, a pruned plan search) against the
 * plain reference (`referenceDecision`): on random orders, suppliers, offers and policies they
 * must decide the same plan, holds and fallbacks, and explain every candidate the same way (the
 * same verdicts with their parameters, scores within float tolerance, the same ranks).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { syntheticInputs } from "../../../sim/routing/synthetic";
import { routeOrder } from "./engine";
import { expandExplanation } from "./expand";
import { COMBINATION_BUDGET, PARTIAL_COMBINATION_BUDGET } from "./plan";
import { parseRoutingPolicy } from "./policy";
import { referenceDecision } from "./reference";
import type { Format2RoutingDecision } from "./stored-decision";
import { HOUR, NOW } from "./test-fixtures";
import type { CoverageEntry, RoutingDecision, RoutingInput, RoutingOptions, Supplier, SupplierOffer } from "./types";

/** The engine's decision in the reference's shape: the same plan, candidates expanded from the columns. */
function asFormat2(decision: RoutingDecision): Format2RoutingDecision {
  const { format: _format, explanation: _columns, ...plan } = decision;
  return { ...plan, format: 2, explanation: expandExplanation(decision) };
}

/** Where two JSON-like values differ; numbers within a relative 1e-9 count as equal. */
function differences(a: unknown, b: unknown, path = "decision"): string[] {
  if (typeof a === "number" && typeof b === "number") {
    const same = a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
    return same ? [] : [`${path}: ${a} ≠ ${b}`];
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [`${path}: ${a.length} entries ≠ ${b.length}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`];
    return a.flatMap((x, i) => differences(x, b[i], `${path}[${i}]`));
  }
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`));
  }
  return Object.is(a, b) ? [] : [`${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`];
}

function expectSameDecision(input: RoutingInput, options: RoutingOptions = {}): Format2RoutingDecision {
  const engine = asFormat2(routeOrder(input, options));
  const reference = referenceDecision(input, options);
  expect(differences(engine, reference)).toEqual([]);
  return reference;
}

// ---------------------------------------------------------------- small worlds: every rule in play

const ZONES = ["UTC", "America/New_York", "America/Los_Angeles", "Europe/Paris", "Asia/Tokyo"] as const;
const DESTINATIONS = [
  { countryCode: "US", provinceCode: "NY" },
  { countryCode: "US", provinceCode: "CA" },
  { countryCode: "US" },
  { countryCode: "FR" },
] as const;

const supplierArb = fc.record({
  paused: fc.constantFrom(false, false, false, false, false, true),
  coverage: fc.constantFrom("country", "country", "country", "country", "province", "province", "elsewhere", "none"),
  handling: fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 3 })),
  transit: fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 4 })),
  cutoff: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 30)),
  zone: fc.constantFrom(...ZONES),
  // An empty working week is bad calendar data: the supplier gets no delivery window, with the error.
  workdays: fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 12 },
    { arbitrary: fc.constantFrom([1, 2, 3, 4, 5, 6], [2, 3, 4]), weight: 2 },
    { arbitrary: fc.constant([]), weight: 1 },
  ),
  holidays: fc.subarray(["2026-11-26", "2026-12-01", "2026-12-25"]),
  carrierHolidays: fc.option(fc.constant(["2026-11-26", "2026-12-25"]), { nil: undefined }),
  fee: fc.integer({ min: 0, max: 800 }),
  // No rate for the destination: the parcel costs the fee alone.
  shipping: fc.option(fc.integer({ min: 0, max: 1_500 }), { nil: null, freq: 5 }),
  cadenceHours: fc.integer({ min: 1, max: 12 }),
  acceptanceRate: fc.double({ min: 0.5, max: 1, noNaN: true }),
  cancellationRate: fc.double({ min: 0, max: 0.3, noNaN: true }),
  onTimeShipRate: fc.double({ min: 0.5, max: 1, noNaN: true }),
  trackingLatencyHours: fc.integer({ min: 0, max: 96 }),
  sampleSize: fc.integer({ min: 0, max: 400 }),
});

const offerArb = fc.record({
  // Taken modulo one more than the suppliers: the last names a supplier with no record.
  supplier: fc.integer({ min: 0, max: 60 }),
  variant: fc.integer({ min: 0, max: 3 }),
  // Several offers of a supplier for a variant: the lowest SKU stands for it.
  sku: fc.constantFrom("A", "B", "C"),
  unitCost: fc.integer({ min: 0, max: 9_000 }),
  stockOnHand: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 8 }), weight: 1 }, { arbitrary: fc.integer({ min: 8, max: 60 }), weight: 3 }),
  // Negative: a stock figure from the future.
  ageHours: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 4 }), weight: 4 }, { arbitrary: fc.integer({ min: -2, max: 40 }), weight: 1 }),
  buffered: fc.option(fc.integer({ min: -1, max: 12 }), { nil: undefined, freq: 3 }),
});

const weightsArb = fc.record({
  speed: fc.integer({ min: 0, max: 5 }),
  cost: fc.integer({ min: 0, max: 5 }),
  stockConfidence: fc.integer({ min: 0, max: 5 }),
  reliability: fc.integer({ min: 1, max: 5 }),
});

const worldArb = fc.record({
  suppliers: fc.array(supplierArb, { minLength: 1, maxLength: 6 }),
  offers: fc.array(offerArb, { minLength: 2, maxLength: 30, size: "max" }),
  lines: fc.array(
    fc.record({
      // Variant 4 has no offer.
      variant: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 3 }), weight: 9 }, { arbitrary: fc.constant(4), weight: 1 }),
      quantity: fc.integer({ min: 1, max: 4 }),
      unitPrice: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 20_000 })),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  preset: fc.constantFrom("speed_first" as const, "margin_first" as const, "balanced" as const),
  weights: fc.option(weightsArb, { nil: undefined }),
  amazonWeights: fc.option(weightsArb, { nil: undefined }),
  split: fc.record({
    allowed: fc.constantFrom(true, true, true, false),
    minBasketValue: fc.integer({ min: 0, max: 60_000 }),
    allowForExpedited: fc.boolean(),
    allowToAvoidCancel: fc.boolean(),
    maxParcels: fc.integer({ min: 1, max: 4 }),
  }),
  minScore: fc.option(fc.double({ min: 0, max: 0.9, noNaN: true }), { nil: undefined }),
  standardDays: fc.constantFrom(5, 7, 9, 12),
  expeditedDays: fc.constantFrom(2, 3, 5, 7),
  minBuffer: fc.integer({ min: 0, max: 3 }),
  maxAgeHours: fc.constantFrom(6, 12, 24, 48),
  halfLifeHours: fc.integer({ min: 1, max: 12 }),
  priorStrength: fc.integer({ min: 0, max: 50 }),
  timeZone: fc.constantFrom(...ZONES),
  expedited: fc.constantFrom(false, false, false, true),
  // An order-level promise (a marketplace SLA) now and then.
  promisedBusinessDays: fc.oneof({ arbitrary: fc.constant(undefined), weight: 8 }, { arbitrary: fc.constantFrom(0, 3, 10), weight: 1 }),
  channel: fc.constantFrom("online_store", "amazon"),
  destination: fc.constantFrom(...DESTINATIONS, DESTINATIONS[0], DESTINATIONS[1], DESTINATIONS[2]),
  nowOffsetMinutes: fc.integer({ min: -3 * 24 * 60, max: 10 * 24 * 60 }),
  exclude: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 2 }),
});

type World = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

const supplierId = (i: number): string => `s${i}`;
const variantId = (i: number): string => `gid://shopify/ProductVariant/${100 + i}`;

function coverageOf(kind: World["suppliers"][number]["coverage"], transit: { min: number; max: number }): CoverageEntry[] {
  switch (kind) {
    case "country":
      return [
        { countryCode: "US", transit },
        { countryCode: "FR", transit: { min: transit.min + 1, max: transit.max + 2 } },
      ];
    case "province":
      return [
        { countryCode: "US", transit: { min: transit.min + 1, max: transit.max + 1 } },
        { countryCode: "US", provinceCode: "NY", transit },
      ];
    case "elsewhere":
      return [{ countryCode: "CA", transit }];
    case "none":
      return [];
  }
}

function buildSupplier(w: World["suppliers"][number], i: number): Supplier {
  const [hA, hB] = w.handling;
  const [tA, tB] = w.transit;
  const transit = { min: Math.min(tA, tB), max: Math.max(tA, tB) };
  return {
    id: supplierId(i),
    name: `Supplier ${i}`,
    status: w.paused ? "paused" : "active",
    calendar: {
      timeZone: w.zone,
      cutoff: `${String(w.cutoff[0]).padStart(2, "0")}:${String(w.cutoff[1]).padStart(2, "0")}`,
      holidays: w.holidays,
      ...(w.workdays ? { workdays: w.workdays } : {}),
    },
    serviceTier: { tier: "48_hour", handling: { min: Math.min(hA, hB), max: Math.max(hA, hB) } },
    coverage: coverageOf(w.coverage, transit),
    costs: {
      dropshipFee: w.fee,
      shippingCostByRegion:
        w.shipping === null
          ? []
          : [
              { countryCode: "US", cost: w.shipping },
              { countryCode: "US", provinceCode: "CA", cost: w.shipping + 250 },
            ],
    },
    feedCadenceMs: w.cadenceHours * HOUR,
    performance: {
      acceptanceRate: w.acceptanceRate,
      cancellationRate: w.cancellationRate,
      defectRate: 0.02,
      onTimeShipRate: w.onTimeShipRate,
      trackingLatencyHours: w.trackingLatencyHours,
      sampleSize: w.sampleSize,
    },
    ...(w.carrierHolidays ? { carrierHolidays: w.carrierHolidays } : {}),
  };
}

function buildWorld(w: World): { input: RoutingInput; options: RoutingOptions } {
  const nowMs = NOW + w.nowOffsetMinutes * 60_000;
  const offers: SupplierOffer[] = w.offers.map((o) => ({
    supplierId: supplierId(o.supplier % (w.suppliers.length + 1)),
    variantId: variantId(o.variant),
    supplierSku: `${o.sku}-${o.variant}`,
    unitCost: o.unitCost,
    stockOnHand: o.stockOnHand,
    stockUpdatedAtMs: nowMs - o.ageHours * HOUR,
    ...(o.buffered !== undefined ? { bufferedAvailable: o.buffered } : {}),
  }));
  const lines = w.lines.map((l, i) => ({ lineId: `line-${i}`, variantId: variantId(l.variant), quantity: l.quantity, unitPrice: l.unitPrice }));
  const policy = parseRoutingPolicy({
    preset: w.preset,
    weights: w.weights,
    channelOverrides: w.amazonWeights ? { amazon: { weights: w.amazonWeights } } : {},
    split: w.split,
    stock: { minBuffer: w.minBuffer, maxAgeMs: w.maxAgeHours * HOUR, stalenessHalfLifeMs: w.halfLifeHours * HOUR },
    serviceLevels: { standard: { maxBusinessDays: w.standardDays }, expedited: { maxBusinessDays: w.expeditedDays } },
    timeZone: w.timeZone,
    reliability: { priorStrength: w.priorStrength },
    stopLoss: { holdWhenNoCandidate: true, minScore: w.minScore },
  });
  const order = {
    id: "order-ref",
    lines,
    destination: w.destination,
    channel: w.channel,
    serviceLevel: w.expedited ? ("expedited" as const) : ("standard" as const),
    basketValue: lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0),
    nowMs,
    ...(w.promisedBusinessDays !== undefined ? { promisedBusinessDays: w.promisedBusinessDays } : {}),
  };
  return {
    input: { order, suppliers: w.suppliers.map(buildSupplier), offers, policy },
    options: { exclude: w.exclude.map(supplierId) },
  };
}

// ---------------------------------------------------------------- wide worlds: the plan search at scale

// Sizes chosen so the engine's three searches all run: every combination of up to `maxParcels`
// suppliers (≤ 50,000 of them), the partial search when nothing places every line, and the greedy
// one beyond the budgets (e.g. 36 suppliers, 4 parcels: 66,045 combinations).
const wideArb = fc.record({
  suppliers: fc.constantFrom(6, 10, 20, 36, 45, 45),
  lines: fc.integer({ min: 2, max: 8 }),
  // Per (supplier, variant) a roll: below `sparse` no offer; and a unit cost (one in five is out of stock).
  sparse: fc.constantFrom(2, 5, 7, 8),
  offered: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 45 * 8, maxLength: 45 * 8 }),
  costs: fc.array(fc.integer({ min: 500, max: 6_000 }), { minLength: 45 * 8, maxLength: 45 * 8 }),
  maxParcels: fc.constantFrom(2, 2, 3, 4, 4),
  minScore: fc.option(fc.constant(0.55), { nil: undefined, freq: 4 }),
  seed: fc.integer({ min: 0, max: 1_000 }),
});

function buildWide(w: typeof wideArb extends fc.Arbitrary<infer T> ? T : never): RoutingInput {
  const [base] = syntheticInputs(w.lines, w.suppliers, w.seed, 1);
  const offers = base!.offers.flatMap((offer, k) => {
    const roll = w.offered[k % w.offered.length]!;
    if (roll < w.sparse) return [];
    const unitCost = w.costs[k % w.costs.length]!;
    return [{ ...offer, unitCost, stockOnHand: unitCost % 5 === 0 ? 0 : 40, stockUpdatedAtMs: base!.order.nowMs - (roll % 3) * HOUR }];
  });
  const policy = parseRoutingPolicy({
    split: { allowed: true, minBasketValue: 0, maxParcels: w.maxParcels },
    serviceLevels: { standard: { maxBusinessDays: 12 }, expedited: { maxBusinessDays: 5 } },
    stopLoss: { holdWhenNoCandidate: true, minScore: w.minScore },
  });
  return { ...base!, order: { ...base!.order, serviceLevel: "standard" }, offers, policy };
}

/** Which search the plan budgets send a wide world's order to (splitting is always allowed there). */
function searchOf(decision: Format2RoutingDecision, maxParcels: number): string {
  const suppliers = new Set(decision.explanation.flatMap((l) => l.candidates.filter((c) => c.eligible).map((c) => c.supplierId))).size;
  let combinations = 0;
  for (let k = 1, c = 1; k <= Math.min(maxParcels, suppliers); k += 1) combinations += c = (c * (suppliers - k + 1)) / k;
  if (combinations > COMBINATION_BUDGET) return "greedy";
  // A line some supplier could take, left out: no set within the parcel limit places every line.
  const covered = !decision.holds.some((h) => h.reasonCode === "max_parcels_exceeded");
  if (covered) return "every combination";
  return combinations > PARTIAL_COMBINATION_BUDGET ? "greedy" : "partial: every combination";
}

describe("routeOrder against the plain reference", () => {
  it("decides and explains every random order as the reference does", () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const { input, options } = buildWorld(w);
        expectSameDecision(input, options);
      }),
      { numRuns: 400 },
    );
  });

  it("searches the plan as the reference does when many suppliers share the lines", () => {
    fc.assert(
      fc.property(wideArb, (w) => {
        expectSameDecision(buildWide(w));
      }),
      { numRuns: 100 },
    );
  });

  it("decides the benchmark's synthetic orders as the reference does", () => {
    for (const [lines, suppliers] of [
      [1, 5],
      [5, 50],
      [20, 50],
      [5, 200],
    ] as const) {
      for (const input of syntheticInputs(lines, suppliers)) expectSameDecision(input);
    }
  });

  it("covers every outcome, hold reason, failed constraint and plan search (the comparisons are not vacuous)", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(worldArb, (w) => {
        const { input, options } = buildWorld(w);
        const decision = referenceDecision(input, options);
        seen.add(decision.outcome);
        for (const hold of decision.holds) seen.add(hold.reasonCode);
        for (const line of decision.explanation) for (const c of line.candidates) for (const r of c.constraints) if (!r.passed) seen.add(r.name);
      }),
      { numRuns: 400, seed: 13 },
    );
    fc.assert(
      fc.property(wideArb, (w) => {
        seen.add(searchOf(referenceDecision(buildWide(w)), w.maxParcels));
      }),
      { numRuns: 100, seed: 13 },
    );
    expect([...seen].sort()).toEqual(
      [
        ...["routed", "split", "held", "partially_held"],
        ...["no_offer", "no_eligible_supplier", "below_min_score", "split_not_allowed", "max_parcels_exceeded"],
        ...["supplierKnown", "supplierActive", "notExcluded", "shipsToDestination", "stockAvailable", "stockFresh", "meetsPromise", "minimumScore"],
        ...["every combination", "partial: every combination", "greedy"],
      ].sort(),
    );
  });
});
