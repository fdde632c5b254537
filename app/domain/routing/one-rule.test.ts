import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodePromiseData, encodePromiseData, legFromPromiseData, promiseWindow, toHistogram, toSupplierPromiseData } from "../promise";
import { routingLeg, supplierFacts } from "./facts";
import { DEFAULT_ROUTING_POLICY } from "./policy";
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
