import { describe, expect, it } from "vitest";
import { handlingDaysFromHistory, handlingFromHistory, nearestRankPercentile, transitDaysByCoverage } from "./history";

const configured = { min: 1, max: 2 };

describe("handlingFromHistory", () => {
  it("keeps the configured range while there are too few samples", () => {
    expect(handlingFromHistory({ configured, samples: [5, 5, 5, 5] })).toEqual(configured);
    expect(handlingFromHistory({ configured, samples: [] })).toEqual(configured);
  });

  it("uses measured p50 as min and p90 as max once there are enough samples", () => {
    // 20 samples: 10 × 1 day, 8 × 2 days, 2 × 4 days → p50 = 1, p90 = 2 (18th value).
    const samples = [...Array<number>(10).fill(1), ...Array<number>(8).fill(2), 4, 4];
    expect(handlingFromHistory({ configured: { min: 0, max: 1 }, samples })).toEqual({ min: 1, max: 2 });
  });

  it("widens past the configured range for a supplier slower than it claims", () => {
    const samples = Array.from({ length: 40 }, (_, i) => 2 + (i % 4)); // 2..5 evenly
    expect(handlingFromHistory({ configured, samples })).toEqual({ min: 3, max: 5 });
  });

  it("narrows the range for a supplier faster than it claims", () => {
    const samples = Array<number>(30).fill(0);
    expect(handlingFromHistory({ configured: { min: 1, max: 3 }, samples })).toEqual({ min: 0, max: 0 });
  });

  it("honours a custom minimum sample count", () => {
    expect(handlingFromHistory({ configured, samples: [3, 3, 3], minSamples: 3 })).toEqual({
      min: 3,
      max: 3,
    });
  });

  it("rounds fractional measurements without ever promising min above max", () => {
    const samples = Array.from({ length: 20 }, (_, i) => (i < 15 ? 1.5 : 1.6));
    const range = handlingFromHistory({ configured, samples });
    expect(range).toEqual({ min: 2, max: 2 });
  });

  it("ignores negative and non-numeric samples as evidence", () => {
    const samples = [...Array<number>(19).fill(1), -3, Number.NaN];
    expect(handlingFromHistory({ configured: { min: 0, max: 4 }, samples })).toEqual({ min: 0, max: 4 });
  });
});

describe("nearestRankPercentile", () => {
  it("returns an observed value", () => {
    expect(nearestRankPercentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(nearestRankPercentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5)).toBe(5);
    expect(nearestRankPercentile([7], 0.9)).toBe(7);
    expect(() => nearestRankPercentile([], 0.5)).toThrow();
  });
});

describe("learned distributions", () => {
  it("learns handling only from enough usable samples", () => {
    expect(handlingDaysFromHistory([1, 1, 2], 5)).toBeNull();
    expect(handlingDaysFromHistory([1, 1, 2, -3, 2, 4], 5)).toEqual({ from: 1, weights: [2, 2, 0, 1] });
  });

  it("learns transit per coverage row: the country from all its parcels, a province from its own", () => {
    const coverage = [
      { countryCode: "US", transit: { min: 2, max: 5 } },
      { countryCode: "US", provinceCode: "CA", transit: { min: 4, max: 7 } },
      { countryCode: "FR", transit: { min: 1, max: 3 } },
    ];
    const samples = [
      { countryCode: "US", provinceCode: "NY", days: 3 },
      { countryCode: "us", provinceCode: "ca", days: 5 },
      { countryCode: "US", provinceCode: "CA", days: 6 },
      { countryCode: "US", provinceCode: null, days: 3 },
      { countryCode: "FR", days: 2 },
    ];
    expect(transitDaysByCoverage(coverage, samples, 2)).toEqual([{ from: 3, weights: [2, 0, 1, 1] }, { from: 5, weights: [1, 1] }, null]);
  });
});
