import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodePromiseData, encodePromiseData, legFromPromiseData, promiseWindow, toHistogram, toSupplierPromiseData } from "../promise";
import { routingLeg } from "./facts";
import type { Supplier } from "./types";

// One rule (#18 item 8): routing's meets-the-promise window is checkout's window for the same inputs.
const supplier: Supplier = {
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
  learned: {
    handling: toHistogram({ from: 1, p: [0.6, 0.3, 0.1] }),
    transit: [toHistogram({ from: 2, p: [0.5, 0.3, 0.15, 0.05] }), toHistogram({ from: 4, p: [0.7, 0.2, 0.1] })],
    coverage: 0.93,
    basis: ["lane", "blended"],
  },
};

const checkoutWindow = (nowMs: number, destination: { countryCode: string; provinceCode?: string }) => {
  const published = decodePromiseData(
    encodePromiseData({
      v: 1,
      suppliers: [toSupplierPromiseData(supplier.calendar, supplier.serviceTier.handling, supplier.coverage, supplier.id, supplier.learned)],
    }),
  )!;
  return promiseWindow(legFromPromiseData(published.suppliers[0]!, destination, supplier.carrierHolidays)!, nowMs);
};

describe("routing and checkout agree", () => {
  it("give the same window for any order instant and destination (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse("2026-11-01T00:00:00Z"), max: Date.parse("2027-01-31T00:00:00Z") }),
        fc.constantFrom({ countryCode: "US" }, { countryCode: "US", provinceCode: "CA" }, { countryCode: "US", provinceCode: "NY" }),
        (nowMs, destination) => {
          const transit = destination.provinceCode === "CA" ? supplier.coverage[1]!.transit : supplier.coverage[0]!.transit;
          expect(promiseWindow(routingLeg(supplier, destination, transit), nowMs)).toEqual(checkoutWindow(nowMs, destination));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("uses the learned window, not the configured ranges, when the supplier has learned data", () => {
    const nowMs = Date.parse("2026-12-01T15:00:00Z"); // Tuesday 10:00 in New York
    const configured = promiseWindow({ ...routingLeg({ ...supplier, learned: undefined }, { countryCode: "US" }, supplier.coverage[0]!.transit) }, nowMs);
    const learned = promiseWindow(routingLeg(supplier, { countryCode: "US" }, supplier.coverage[0]!.transit), nowMs);
    expect(learned).not.toEqual(configured);
    // Saturday is a working day of this supplier: handling counts it.
    expect(routingLeg(supplier, { countryCode: "US" }, supplier.coverage[0]!.transit).calendar.workdays).toContain(6);
  });
});
