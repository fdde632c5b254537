import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodePromiseData,
  decodeShopCalendar,
  destinationTimeZone,
  encodePromiseData,
  encodeShopCalendar,
  legFromPromiseData,
  promiseWindow,
  suppliersInOrder,
  toHistogram,
  toSupplierPromiseData,
} from "../promise";
import { DESTINATION_ZONES, zonesForCountries } from "../promise/destination-zones";
import { buildPromiseValues, CHECKOUT_CHANNEL, rankingWeights } from "../variant-promise/publish";
import { routeOrder } from "./engine";
import { routingLeg, supplierFacts } from "./facts";
import { DEFAULT_ROUTING_POLICY, normaliseWeights } from "./policy";
import { applyPolicyScopes, type ScopedLine } from "./scope";
import { LAMP, makeInput, makeLine, makeOffer, makeOrder, makePolicy, makeSupplier, MUG } from "./test-fixtures";
import type { RoutingOrder, Supplier } from "./types";

// One rule (#18 item 8): routing's meets-the-promise window is checkout's window for the same inputs.
const base: Supplier = {
  id: "s1",
  name: "Atlantic",
  status: "active",
  calendar: { timeZone: "America/New_York", cutoff: "14:00", holidays: ["2026-11-26"], workdays: [1, 2, 3, 4, 5, 6] },
  serviceTier: { tier: "48_hour", handling: { min: 1, max: 3 } },
  coverage: [
    { countryCode: "US", transit: { min: 2, max: 5 } },
    { countryCode: "US", provinceCode: "CA", transit: { min: 4, max: 7 } },
  ],
  costs: { dropshipFee: 0, shippingCostByRegion: [] },
  feedCadenceMs: 3_600_000,
  performance: { acceptanceRate: 1, cancellationRate: 0, defectRate: 0, onTimeShipRate: 1, trackingLatencyHours: 1, sampleSize: 0 },
  carrierHolidays: ["2026-12-25"],
};
// What publishing sends to Shopify for this supplier, read back as checkout reads it.
const published = decodePromiseData(
  encodePromiseData({
    v: 1,
    suppliers: [
      toSupplierPromiseData(base.calendar, base.serviceTier.handling, base.coverage, base.id, {
        handling: toHistogram({ from: 1, p: [0.6, 0.3, 0.1] }),
        transit: [toHistogram({ from: 2, p: [0.5, 0.3, 0.15, 0.05] }), toHistogram({ from: 4, p: [0.7, 0.2, 0.1] })],
        coverage: 0.93,
        basis: ["lane", "blended"],
      }),
    ],
  }),
)!.suppliers[0]!;
const supplier: Supplier = { ...base, published };
const destinations = [{ countryCode: "US" }, { countryCode: "US", provinceCode: "CA" }, { countryCode: "US", provinceCode: "NY" }];
const order = (nowMs: number, destination: (typeof destinations)[number]): RoutingOrder => ({
  id: "o1",
  lines: [],
  destination,
  channel: "web",
  serviceLevel: "standard",
  basketValue: 0,
  nowMs,
});

describe("routing and checkout agree", () => {
  it("routing's supplier window is checkout's window for any order instant and destination (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse("2026-11-01T00:00:00Z"), max: Date.parse("2027-01-31T00:00:00Z") }),
        fc.constantFrom(...destinations),
        (nowMs, destination) => {
          const checkout = promiseWindow(legFromPromiseData(published, destination, base.carrierHolidays)!, nowMs);
          const facts = supplierFacts(supplier, order(nowMs, destination), DEFAULT_ROUTING_POLICY, new Set(), new Date(nowMs).toISOString().slice(0, 10));
          expect(facts.window).toEqual(checkout);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("uses the learned window, not the configured ranges, once the supplier has published data", () => {
    const nowMs = Date.parse("2026-12-01T15:00:00Z"); // Tuesday 10:00 in New York
    const configured = promiseWindow(routingLeg(base, { countryCode: "US" }, base.coverage[0]!.transit), nowMs);
    const learned = promiseWindow(routingLeg(supplier, { countryCode: "US" }, base.coverage[0]!.transit), nowMs);
    expect(learned).not.toEqual(configured);
    // Saturday is a working day of this supplier: the leg keeps it.
    expect(routingLeg(supplier, { countryCode: "US" }, base.coverage[0]!.transit).calendar.workdays).toContain(6);
  });
});

// #18 item 8: the delivery date is counted in the shopper's zone, by one rule for checkout and routing.
describe("routing and checkout date a delivery in the shopper's zone", () => {
  // Ships from Shanghai: its 15:00 cut-off is 23:00 the day before in Los Angeles.
  const shanghai: Supplier = {
    ...base,
    id: "s2",
    calendar: { timeZone: "Asia/Shanghai", cutoff: "15:00", holidays: [], workdays: [1, 2, 3, 4, 5] },
    serviceTier: { tier: "48_hour", handling: { min: 1, max: 2 } },
    coverage: [{ countryCode: "US", transit: { min: 4, max: 6 } }],
    carrierHolidays: [],
  };
  const data = decodePromiseData(
    encodePromiseData({ v: 1, suppliers: [toSupplierPromiseData(shanghai.calendar, shanghai.serviceTier.handling, shanghai.coverage, shanghai.id)] }),
  )!;
  const calendar = decodeShopCalendar(encodeShopCalendar([], { destinationZones: zonesForCountries(["US"]) }))!;
  const california = { countryCode: "US", provinceCode: "CA" };
  // What checkout computes from the published values (the extension's buildPromiseView builds this leg).
  const checkoutWindow = (nowMs: number, zones = calendar.dz) =>
    promiseWindow(legFromPromiseData(data.suppliers[0]!, california, calendar.chol, destinationTimeZone(california, zones))!, nowMs);
  const routingWindow = (nowMs: number) => {
    const zone = destinationTimeZone(california, DESTINATION_ZONES);
    const routed = { ...order(nowMs, california), ...(zone ? { destinationTimeZone: zone } : {}) };
    return supplierFacts({ ...shanghai, published: data.suppliers[0]! }, routed, DEFAULT_ROUTING_POLICY, new Set(), new Date(nowMs).toISOString().slice(0, 10))
      .window;
  };

  it("an order placed late evening in Los Angeles gets the same dates from checkout and from routing", () => {
    // Thursday 3 Dec 2026, 22:30 in Los Angeles = Friday 14:30 in Shanghai, before its cut-off.
    const lateEvening = Date.parse("2026-12-04T06:30:00Z");
    const checkout = checkoutWindow(lateEvening);
    expect(checkout).toEqual(routingWindow(lateEvening));
    // Handed over Mon 7 – Tue 8 at 15:00 Shanghai = Sun 6 – Mon 7 in Los Angeles; 4–6 carrier days on.
    expect(checkout).toEqual({ earliest: "2026-12-10", latest: "2026-12-15" });
    // Counted in Shanghai's dates (the naive computation) it would read a day later at both ends.
    expect(checkoutWindow(lateEvening, {})).toEqual({ earliest: "2026-12-11", latest: "2026-12-16" });
  });

  it("checkout and routing agree for any instant (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse("2026-11-01T00:00:00Z"), max: Date.parse("2027-03-31T00:00:00Z") }), (nowMs) => {
        expect(checkoutWindow(nowMs)).toEqual(routingWindow(nowMs));
      }),
      { numRuns: 200 },
    );
  });
});

// Decision 030's precedence (product › collection › region › channel › shop) ranks the candidates
// checkout promises from, as it weighs routing's choice for a one-line order of the variant.
describe("checkout's supplier ranking follows routing's scoped policy", () => {
  const MUG_PRODUCT = "gid://shopify/Product/1";
  const FRAGILE = "gid://shopify/Collection/9";
  const weightsArb = fc
    .record({
      speed: fc.integer({ min: 0, max: 10 }),
      cost: fc.integer({ min: 0, max: 10 }),
      stockConfidence: fc.integer({ min: 0, max: 10 }),
      reliability: fc.integer({ min: 0, max: 10 }),
    })
    .filter((w) => w.speed + w.cost + w.stockConfidence + w.reliability > 0);
  const scopeArb = fc.constantFrom<Record<string, unknown>>(
    { productId: MUG_PRODUCT },
    { collectionId: FRAGILE },
    { region: { name: "EU", countries: ["FR", "DE"] } },
    { productId: MUG_PRODUCT, region: { name: "EU", countries: ["FR"] } },
    { collectionId: FRAGILE, region: { name: "North America", countries: ["US", "CA"] } },
    { productId: "gid://shopify/Product/2" },
  );
  const lineArb = fc.constantFrom<ScopedLine>(
    {},
    { productId: MUG_PRODUCT },
    { productId: MUG_PRODUCT, collectionIds: [FRAGILE] },
    { collectionIds: [FRAGILE] },
  );

  it("publishing weighs a variant's candidates as routing weighs a one-line order of it, in any country (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(scopeArb, weightsArb), { maxLength: 5 }),
        lineArb,
        fc.constantFrom("US", "FR", "DE", "CA", "JP"),
        (overrides, line, countryCode) => {
          const policy = makePolicy({
            preset: "balanced",
            scopedOverrides: overrides.map(([scope, weights], i) => ({ id: `o${i}`, scope, weights })),
          });
          const routed = applyPolicyScopes(
            makeInput({
              suppliers: [makeSupplier("a")],
              policy,
              order: makeOrder({ channel: CHECKOUT_CHANNEL, destination: { countryCode }, lines: [makeLine("l1", MUG, line)] }),
            }),
          );
          expect(rankingWeights(policy, line, countryCode)).toEqual(normaliseWeights(routed.input.policy.weights!));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("promises from the supplier routing picks when a product's rule weighs cost and the shop's speed", () => {
    const fast = makeSupplier("fast", {
      serviceTier: { tier: "same_day", handling: { min: 0, max: 0 } },
      costs: { dropshipFee: 900, shippingCostByRegion: [{ countryCode: "US", cost: 900 }] },
    });
    const cheap = makeSupplier("cheap", {
      serviceTier: { tier: "48_hour", handling: { min: 2, max: 3 } },
      costs: { dropshipFee: 0, shippingCostByRegion: [{ countryCode: "US", cost: 300 }] },
    });
    const policy = makePolicy({
      preset: "speed_first",
      scopedOverrides: [{ id: "mug-cost", scope: { productId: MUG_PRODUCT, label: "Mug" }, preset: "margin_first" }],
    });
    const suppliers = [fast, cheap];
    const offers = [LAMP, MUG].flatMap((variant) => suppliers.map((s) => makeOffer(s.id, variant)));
    const values = buildPromiseValues({ suppliers, offers, policy, today: "2026-11-24", scopes: new Map([[MUG, { productId: MUG_PRODUCT }]]) });
    const firstFor = (variant: string) => suppliersInOrder(decodePromiseData(values.find((v) => v.variantId === variant)!.value)!, "US")[0]!.id;
    const routedFor = (variant: string, scope: ScopedLine) =>
      routeOrder(
        makeInput({
          suppliers,
          offers,
          policy,
          order: makeOrder({ channel: CHECKOUT_CHANNEL, lines: [makeLine("l1", variant, { ...scope, unitPrice: 5_000 })] }),
        }),
      ).assignments[0]?.supplierId;
    expect(firstFor(MUG)).toBe("cheap");
    expect(firstFor(LAMP)).toBe("fast");
    expect(firstFor(MUG)).toBe(routedFor(MUG, { productId: MUG_PRODUCT }));
    expect(firstFor(LAMP)).toBe(routedFor(LAMP, {}));
  });

  it("publishes a country's own order where a region's rule ranks the candidates differently", () => {
    const fast = makeSupplier("fast", {
      serviceTier: { tier: "same_day", handling: { min: 0, max: 0 } },
      coverage: [
        { countryCode: "US", transit: { min: 2, max: 3 } },
        { countryCode: "FR", transit: { min: 2, max: 3 } },
      ],
      costs: { dropshipFee: 900, shippingCostByRegion: [{ countryCode: "US", cost: 900 }] },
    });
    const cheap = makeSupplier("cheap", {
      serviceTier: { tier: "48_hour", handling: { min: 2, max: 3 } },
      coverage: [
        { countryCode: "US", transit: { min: 2, max: 3 } },
        { countryCode: "FR", transit: { min: 2, max: 3 } },
      ],
      costs: { dropshipFee: 0, shippingCostByRegion: [{ countryCode: "US", cost: 300 }] },
    });
    const policy = makePolicy({
      preset: "speed_first",
      scopedOverrides: [{ id: "eu", scope: { region: { name: "EU", countries: ["FR"] } }, preset: "margin_first" }],
    });
    const [value] = buildPromiseValues({ suppliers: [fast, cheap], offers: [makeOffer("fast", MUG), makeOffer("cheap", MUG)], policy, today: "2026-11-24" });
    const data = decodePromiseData(value!.value)!;
    expect(data.ro).toEqual({ FR: [1, 0] });
    expect(suppliersInOrder(data, "US").map((s) => s.id)).toEqual(["fast", "cheap"]);
    expect(suppliersInOrder(data, "FR").map((s) => s.id)).toEqual(["cheap", "fast"]);
  });
});
