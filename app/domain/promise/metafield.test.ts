import { describe, expect, it } from "vitest";
import {
  decodePromiseData,
  encodePromiseData,
  legFromPromiseData,
  toSupplierPromiseData,
  type PromiseData,
} from "./metafield";

const data: PromiseData = {
  v: 1,
  suppliers: [
    {
      tz: "Asia/Shanghai",
      cutoff: "16:00",
      wd: [1, 2, 3, 4, 5, 6],
      hol: ["2025-10-01", "2026-02-17"],
      handling: [1, 3],
      coverage: [
        ["US", null, 6, 10],
        ["US", "CA", 5, 8],
      ],
    },
    {
      tz: "Europe/Paris",
      cutoff: "14:00",
      wd: [1, 2, 3, 4, 5],
      hol: [],
      handling: [0, 1],
      coverage: [["FR", null, 1, 2]],
    },
  ],
  chol: ["2025-12-25"],
};

describe("promise metafield encoding", () => {
  it("round-trips", () => {
    expect(decodePromiseData(encodePromiseData(data))).toEqual(data);
  });

  it("fits three suppliers with a year of holidays and every US state in under 4 KB", () => {
    const states = Array.from({ length: 51 }, (_, i) => `S${i}`);
    const supplier = {
      ...data.suppliers[0]!,
      hol: Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, "0")}-01`),
      coverage: [["US", null, 3, 6] as const, ...states.map((s) => ["US", s, 2, 5] as const)],
    };
    const encoded = encodePromiseData({ v: 1, suppliers: [supplier, supplier, supplier] });
    expect(encoded).not.toMatch(/\s/);
    expect(new TextEncoder().encode(encoded).length).toBeLessThan(4096);
  });

  it("drops holidays already past when asked", () => {
    const decoded = decodePromiseData(encodePromiseData(data, { holidaysFrom: "2025-12-01" }));
    expect(decoded?.suppliers[0]?.hol).toEqual(["2026-02-17"]);
  });

  it("accepts already-parsed JSON", () => {
    expect(decodePromiseData(JSON.parse(encodePromiseData(data)))).toEqual(data);
  });

  it.each([
    ["not JSON", "{v:1"],
    ["null", "null"],
    ["a number", 42],
    ["wrong version", JSON.stringify({ ...data, v: 2 })],
    ["suppliers not a list", JSON.stringify({ v: 1, suppliers: {} })],
    ["unknown zone", JSON.stringify({ v: 1, suppliers: [{ ...data.suppliers[0], tz: "Mars/Base" }] })],
    ["bad cut-off", JSON.stringify({ v: 1, suppliers: [{ ...data.suppliers[0], cutoff: "25:00" }] })],
    ["no workdays", JSON.stringify({ v: 1, suppliers: [{ ...data.suppliers[0], wd: [] }] })],
    [
      "impossible holiday",
      JSON.stringify({ v: 1, suppliers: [{ ...data.suppliers[0], hol: ["2025-02-30"] }] }),
    ],
    ["inverted handling", JSON.stringify({ v: 1, suppliers: [{ ...data.suppliers[0], handling: [3, 1] }] })],
    [
      "short coverage row",
      JSON.stringify({ v: 1, suppliers: [{ ...data.suppliers[0], coverage: [["US", 1, 2]] }] }),
    ],
    ["bad carrier holidays", JSON.stringify({ ...data, chol: "2025-12-25" })],
  ])("returns null for garbage: %s", (_name, value) => {
    expect(decodePromiseData(value)).toBeNull();
  });
});

describe("legFromPromiseData", () => {
  const shanghai = data.suppliers[0]!;

  it("builds the leg for a served destination, province row first", () => {
    const leg = legFromPromiseData(shanghai, { countryCode: "US", provinceCode: "CA" }, ["2025-12-25"]);
    expect(leg?.transit).toEqual({ min: 5, max: 8 });
    expect(leg?.calendar).toEqual({
      timeZone: "Asia/Shanghai",
      cutoff: "16:00",
      workdays: [1, 2, 3, 4, 5, 6],
      holidays: ["2025-10-01", "2026-02-17"],
    });
    expect(leg?.handling).toEqual({ min: 1, max: 3 });
    expect(leg?.carrierHolidays).toEqual(["2025-12-25"]);
  });

  it("returns null for a region the supplier does not serve", () => {
    expect(legFromPromiseData(shanghai, { countryCode: "DE" })).toBeNull();
  });

  it("packs a calendar and coverage table into the same shape", () => {
    expect(
      toSupplierPromiseData({ timeZone: "Europe/Paris", cutoff: "14:00", holidays: [] }, { min: 0, max: 1 }, [
        { countryCode: "fr", transit: { min: 1, max: 2 } },
      ])
    ).toEqual(data.suppliers[1]);
  });
});
