import { describe, expect, it } from "vitest";
import { transitFor, type CoverageEntry } from "./coverage";

const coverage: CoverageEntry[] = [
  { countryCode: "US", transit: { min: 3, max: 5 } },
  { countryCode: "US", provinceCode: "CA", transit: { min: 2, max: 3 } },
  { countryCode: "CA", provinceCode: "QC", transit: { min: 4, max: 6 } },
];

describe("transitFor", () => {
  it("uses the country-wide row for an address with no province", () => {
    expect(transitFor(coverage, { countryCode: "US" })).toEqual({ min: 3, max: 5 });
    expect(transitFor(coverage, { countryCode: "US", provinceCode: null })).toEqual({ min: 3, max: 5 });
  });

  it("prefers the province row over the country row", () => {
    expect(transitFor(coverage, { countryCode: "US", provinceCode: "CA" })).toEqual({ min: 2, max: 3 });
    expect(transitFor([...coverage].reverse(), { countryCode: "us", provinceCode: "ca" })).toEqual({
      min: 2,
      max: 3,
    });
  });

  it("falls back to the country row for a province without its own row", () => {
    expect(transitFor(coverage, { countryCode: "US", provinceCode: "NY" })).toEqual({ min: 3, max: 5 });
  });

  it("returns null for a region the supplier does not serve", () => {
    expect(transitFor(coverage, { countryCode: "FR" })).toBeNull();
    expect(transitFor(coverage, { countryCode: "CA", provinceCode: "ON" })).toBeNull();
    expect(transitFor(coverage, { countryCode: "CA" })).toBeNull();
  });
});
