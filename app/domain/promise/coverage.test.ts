import { describe, expect, it } from "vitest";
import { coverageRowIndex, sameRegionCode, transitFor, type CoverageEntry } from "./coverage";

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

describe("sameRegionCode", () => {
  it("ignores case and surrounding white space, and nothing else", () => {
    expect(sameRegionCode("US", "US")).toBe(true);
    expect(sameRegionCode("us", "US")).toBe(true);
    expect(sameRegionCode(" ca\t", "CA")).toBe(true);
    expect(sameRegionCode("US", "USA")).toBe(false);
    expect(sameRegionCode("U S", "US")).toBe(false);
    expect(sameRegionCode("CA", "QC")).toBe(false);
    expect(sameRegionCode("", "  ")).toBe(true);
  });

  it("agrees with trimming and upper-casing, beyond ASCII too", () => {
    const codes = ["us", "US", " Us ", "ÅL", "ål", "\u00a0US", "straße", "STRASSE", "ß", "Ss", "ı", "I", "x", "X "];
    for (const a of codes) {
      for (const b of codes)
        expect(sameRegionCode(a, b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(a.trim().toUpperCase() === b.trim().toUpperCase());
    }
  });

  it("matches rows written in any case", () => {
    expect(transitFor([{ countryCode: " us", provinceCode: "ny ", transit: { min: 1, max: 1 } }], { countryCode: "US", provinceCode: "NY" })).toEqual({
      min: 1,
      max: 1,
    });
  });
});

describe("coverageRowIndex", () => {
  it("serves any per-region table (e.g. shipping rates): the first province row, else the first country row", () => {
    const rates = [
      { countryCode: "US", cost: 500 },
      { countryCode: "us", provinceCode: "ca", cost: 900 },
      { countryCode: "US", cost: 700 },
      { countryCode: "US", provinceCode: "CA", cost: 950 },
    ];
    expect(coverageRowIndex(rates, { countryCode: "US", provinceCode: "CA" })).toBe(1);
    expect(coverageRowIndex(rates, { countryCode: "US", provinceCode: "NY" })).toBe(0);
    expect(coverageRowIndex(rates, { countryCode: "FR" })).toBe(-1);
  });
});
