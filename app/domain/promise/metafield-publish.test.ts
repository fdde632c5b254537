import { describe, expect, it } from "vitest";
import { decodePromiseData, decodeShopCalendar, encodePromiseData, encodeShopCalendar, toSupplierPromiseData } from "./metafield";

const calendar = { timeZone: "Europe/Paris", cutoff: "14:00", holidays: [] };

describe("the shop calendar metafield", () => {
  it("round-trips sorted, deduplicated carrier holidays", () => {
    const encoded = encodeShopCalendar(["2026-12-25", "2026-01-01", "2026-12-25"]);
    expect(encoded).toBe('{"v":1,"chol":["2026-01-01","2026-12-25"]}');
    expect(decodeShopCalendar(encoded)).toEqual({ v: 1, chol: ["2026-01-01", "2026-12-25"] });
  });

  it("drops holidays already past when asked", () => {
    expect(decodeShopCalendar(encodeShopCalendar(["2025-12-25", "2026-12-25"], { holidaysFrom: "2026-01-01" }))?.chol).toEqual(["2026-12-25"]);
  });

  it("carries the delay-notice flag only when the shop sends every kind", () => {
    expect(decodeShopCalendar(encodeShopCalendar([], { delayNotices: true }))).toEqual({ v: 1, chol: [], dn: 1 });
    expect(encodeShopCalendar([], { delayNotices: false })).toBe('{"v":1,"chol":[]}');
    expect(decodeShopCalendar({ v: 1, chol: [], dn: true })).toEqual({ v: 1, chol: [] });
  });

  it("accepts already-parsed JSON and keeps the valid dates of a calendar with a bad one", () => {
    expect(decodeShopCalendar({ v: 1, chol: ["2025-02-30", "2025-12-25", 7] })).toEqual({ v: 1, chol: ["2025-12-25"] });
  });

  it.each([
    ["not JSON", "{v:1"],
    ["null", "null"],
    ["a number", 42],
    ["wrong version", '{"v":2,"chol":[]}'],
    ["holidays not a list", '{"v":1,"chol":"2025-12-25"}'],
  ])("returns null for garbage: %s", (_name, value) => {
    expect(decodeShopCalendar(value)).toBeNull();
  });
});

describe("the supplier id in promise data", () => {
  it("is written when given and kept by decoding", () => {
    const supplier = toSupplierPromiseData(calendar, { min: 0, max: 1 }, [{ countryCode: "fr", transit: { min: 1, max: 2 } }], "sup_1");
    expect(supplier.id).toBe("sup_1");
    expect(decodePromiseData(encodePromiseData({ v: 1, suppliers: [supplier] }))?.suppliers[0]?.id).toBe("sup_1");
  });

  it("is left out when not given", () => {
    expect(toSupplierPromiseData(calendar, { min: 0, max: 1 }, [])).not.toHaveProperty("id");
  });

  it.each([
    ["empty", ""],
    ["not a string", 12],
    ["too long", "x".repeat(65)],
  ])("makes the data invalid when %s", (_name, id) => {
    const supplier = { ...toSupplierPromiseData(calendar, { min: 0, max: 1 }, []), id };
    expect(decodePromiseData(JSON.stringify({ v: 1, suppliers: [supplier] }))).toBeNull();
  });
});
