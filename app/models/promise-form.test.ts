import { describe, expect, it } from "vitest";
import { parseCarrierHolidaysForm } from "./promise-form";

describe("the carrier holidays form", () => {
  it("accepts dates separated by lines, commas or spaces, sorted and deduplicated", () => {
    expect(parseCarrierHolidaysForm({ carrierHolidays: "2026-12-25\n2026-01-01, 2026-12-25  2027-01-01" })).toEqual({
      ok: true,
      value: ["2026-01-01", "2026-12-25", "2027-01-01"],
    });
  });

  it("accepts an empty list (no carrier holidays)", () => {
    expect(parseCarrierHolidaysForm({ carrierHolidays: "  " })).toEqual({ ok: true, value: [] });
  });

  it("names the entries that are not dates", () => {
    expect(parseCarrierHolidaysForm({ carrierHolidays: "2026-12-25\n25/12/2026\n2026-02-30" })).toEqual({
      ok: false,
      failure: { message: "Not a date (use YYYY-MM-DD): 25/12/2026, 2026-02-30" },
    });
  });
});
