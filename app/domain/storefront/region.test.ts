import { describe, expect, it } from "vitest";
import type { PromiseData } from "../promise/metafield";
import { asksPostcode, provinceFromPostcode, regionProvinces } from "./region";

const supplier = (coverage: PromiseData["suppliers"][number]["coverage"]): PromiseData["suppliers"][number] => ({
  tz: "America/New_York",
  cutoff: "14:00",
  wd: [1, 2, 3, 4, 5],
  hol: [],
  handling: [1, 2],
  coverage,
});

describe("where the shopper's region matters", () => {
  const west: PromiseData = {
    v: 1,
    suppliers: [
      supplier([
        ["US", "CA", 1, 2],
        ["US", "or", 1, 2],
        ["US", null, 3, 5],
      ]),
    ],
  };
  const east: PromiseData = {
    v: 1,
    suppliers: [
      supplier([
        ["US", "NY", 1, 2],
        ["US", null, 2, 4],
        ["CA", null, 4, 7],
      ]),
    ],
  };
  const eu: PromiseData = { v: 1, suppliers: [supplier([["FR", null, 1, 2]])] };

  it("lists the provinces with rows of their own for the country, across every variant's data", () => {
    expect(regionProvinces([west, east, null], "US")).toEqual(["CA", "NY", "OR"]);
    expect(regionProvinces([west, east], "CA")).toEqual([]);
    expect(regionProvinces([eu], "FR")).toEqual([]);
  });

  it("asks for a postcode only where a province row exists and postcodes can name provinces", () => {
    expect(asksPostcode([west], "US")).toBe(true);
    expect(asksPostcode([west], "us")).toBe(true);
    expect(asksPostcode([east], "CA")).toBe(false); // Canada is one row: the postcode changes nothing
    expect(asksPostcode([eu], "FR")).toBe(false);
    const australia: PromiseData = { v: 1, suppliers: [supplier([["AU", "NSW", 2, 3]])] };
    expect(asksPostcode([australia], "AU")).toBe(false); // no postcode table: the widest window is shown instead
  });
});

describe("postcode to province", () => {
  it.each([
    ["94105", "CA"],
    ["10001", "NY"],
    ["10001-1234", "NY"],
    ["73301", "TX"],
    ["97201", "OR"],
    ["98101", "WA"],
    ["02108", "MA"],
    ["05501", "MA"],
    ["20500", "DC"],
    ["99501", "AK"],
    [" 60601 ", "IL"],
  ])("US ZIP %s is in %s", (zip, state) => {
    expect(provinceFromPostcode("US", zip)).toBe(state);
  });

  it.each([
    ["H3B 1K9", "QC"],
    ["m5v2t6", "ON"],
    ["V6B 1A1", "BC"],
    ["X0A 0H0", "NU"],
    ["X1A 2P7", "NT"],
    ["A1C 5M2", "NL"],
  ])("Canadian postal code %s is in %s", (code, province) => {
    expect(provinceFromPostcode("CA", code)).toBe(province);
  });

  it("names no province for malformed codes or countries without a table", () => {
    expect(provinceFromPostcode("US", "9410")).toBeNull();
    expect(provinceFromPostcode("US", "ABCDE")).toBeNull();
    expect(provinceFromPostcode("US", "00100")).toBeNull(); // no sectional centre 001
    expect(provinceFromPostcode("CA", "D1A 1A1")).toBeNull(); // D never starts a postal code
    expect(provinceFromPostcode("CA", "H3B")).toBeNull();
    expect(provinceFromPostcode("FR", "75004")).toBeNull();
  });
});
