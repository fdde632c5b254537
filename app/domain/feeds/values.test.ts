import { describe, expect, it } from "vitest";
import { parseMinorUnits, parseQuantity, parseRestockDate } from "./values";

const quantity = (raw: unknown, style: "point" | "comma" = "point") => parseQuantity(raw, style);

describe("parseQuantity", () => {
  it("reads thousands separators according to the decimal style", () => {
    expect(quantity("1,234", "point")).toEqual({ ok: true, value: 1234 });
    expect(quantity("1.234", "comma")).toEqual({ ok: true, value: 1234 });
    expect(quantity("1,234,567", "point")).toEqual({ ok: true, value: 1234567 });
  });

  it("reads space and apostrophe grouping in any style", () => {
    for (const style of ["point", "comma"] as const) {
      expect(quantity("1 234", style)).toEqual({ ok: true, value: 1234 });
      expect(quantity("1\u00a0234", style)).toEqual({ ok: true, value: 1234 });
      expect(quantity("1\u202f234", style)).toEqual({ ok: true, value: 1234 });
      expect(quantity("1'234", style)).toEqual({ ok: true, value: 1234 });
    }
  });

  it("refuses to guess when the grouping does not fit the style", () => {
    // In point style "1.234" is one and a bit, not 1234: rejected rather than silently 1.
    expect(quantity("1.234", "point")).toEqual({ ok: false, failure: { message: 'quantity "1.234" is not a whole number' } });
    expect(quantity("1,23", "point")).toEqual({ ok: false, failure: { message: 'quantity "1,23" is not a number' } });
    expect(quantity("12 34", "comma").ok).toBe(false);
  });

  it("accepts whole numbers written with zero decimals, padding and a plus sign", () => {
    expect(quantity(" 12.0 ")).toEqual({ ok: true, value: 12 });
    expect(quantity("12,00", "comma")).toEqual({ ok: true, value: 12 });
    expect(quantity("12.0", "comma")).toEqual({ ok: true, value: 12 });
    expect(quantity("+7")).toEqual({ ok: true, value: 7 });
    expect(quantity("-0")).toEqual({ ok: true, value: 0 });
  });

  it("rejects negative, fractional, non-numeric, empty and absurd quantities with a reason", () => {
    expect(quantity("-5")).toEqual({ ok: false, failure: { message: "quantity -5 is negative" } });
    expect(quantity("2,5", "comma")).toEqual({ ok: false, failure: { message: 'quantity "2,5" is not a whole number' } });
    expect(quantity("in stock")).toEqual({ ok: false, failure: { message: 'quantity "in stock" is not a number' } });
    expect(quantity("100+")).toEqual({ ok: false, failure: { message: 'quantity "100+" is not a number' } });
    expect(quantity("  ")).toEqual({ ok: false, failure: { message: "quantity is empty" } });
    expect(quantity(undefined)).toEqual({ ok: false, failure: { message: "quantity is empty" } });
    expect(quantity("4006381333931").ok).toBe(false); // a barcode in the quantity column
  });

  it("takes JSON numbers as they are", () => {
    expect(quantity(42)).toEqual({ ok: true, value: 42 });
    expect(quantity(-1)).toEqual({ ok: false, failure: { message: "quantity -1 is negative" } });
    expect(quantity(1.5)).toEqual({ ok: false, failure: { message: 'quantity "1.5" is not a whole number' } });
    expect(quantity(true)).toEqual({ ok: false, failure: { message: "quantity true is not a number" } });
  });
});

describe("parseMinorUnits", () => {
  it("reads prices in either decimal style into integer minor units", () => {
    expect(parseMinorUnits("12.50", "point")).toEqual({ ok: true, value: 1250 });
    expect(parseMinorUnits("12,5", "comma")).toEqual({ ok: true, value: 1250 });
    expect(parseMinorUnits("1.234,56", "comma")).toEqual({ ok: true, value: 123456 });
    expect(parseMinorUnits("1,234.56", "point")).toEqual({ ok: true, value: 123456 });
    expect(parseMinorUnits("7", "point")).toEqual({ ok: true, value: 700 });
  });

  it("strips currency signs and codes", () => {
    expect(parseMinorUnits("€ 12,50", "comma")).toEqual({ ok: true, value: 1250 });
    expect(parseMinorUnits("$3.99", "point")).toEqual({ ok: true, value: 399 });
    expect(parseMinorUnits("3.99 USD", "point")).toEqual({ ok: true, value: 399 });
  });

  it("rounds half up past the currency's decimals without float error", () => {
    expect(parseMinorUnits("0.125", "point")).toEqual({ ok: true, value: 13 });
    expect(parseMinorUnits("0.124", "point")).toEqual({ ok: true, value: 12 });
    expect(parseMinorUnits(0.1 + 0.2, "comma")).toEqual({ ok: true, value: 30 });
    expect(parseMinorUnits("1500", "point", 0)).toEqual({ ok: true, value: 1500 });
  });

  it("rejects negative or unreadable prices", () => {
    expect(parseMinorUnits("-1.00", "point")).toEqual({ ok: false, failure: { message: 'cost "-1.00" is negative' } });
    expect(parseMinorUnits("call us", "point")).toEqual({ ok: false, failure: { message: 'cost "call us" is not a price' } });
  });
});

describe("parseRestockDate", () => {
  it("reads ISO dates, with or without a time, and day-first dotted dates", () => {
    expect(parseRestockDate("2026-05-01")).toEqual({ ok: true, value: "2026-05-01" });
    expect(parseRestockDate("2026-05-01T08:00:00Z")).toEqual({ ok: true, value: "2026-05-01" });
    expect(parseRestockDate("2026/05/01")).toEqual({ ok: true, value: "2026-05-01" });
    expect(parseRestockDate("1.5.2026")).toEqual({ ok: true, value: "2026-05-01" });
  });

  it("rejects ambiguous slashed dates and impossible dates", () => {
    expect(parseRestockDate("05/01/2026")).toEqual({
      ok: false,
      failure: { message: 'restock date "05/01/2026" is not a date Dropline can read safely (use YYYY-MM-DD)' },
    });
    expect(parseRestockDate("2026-02-30").ok).toBe(false);
    expect(parseRestockDate(20260501).ok).toBe(false);
  });
});
