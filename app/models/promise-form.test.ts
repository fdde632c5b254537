import { describe, expect, it } from "vitest";
import { formatCountryCarrierHolidays, parseCarrierHolidaysForm, parseCountryCarrierHolidaysForm } from "./promise-form";

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

describe("the per-country carrier holidays field", () => {
  it("reads one country a line, merging repeated countries, sorted and deduplicated", () => {
    expect(parseCountryCarrierHolidaysForm({ carrierHolidaysByCountry: "fr: 2026-07-14, 2026-05-01\n\nUS:2026-11-26\r\nFR 2026-07-14" })).toEqual({
      ok: false,
      failure: { message: 'Line 4: start with a country code, e.g. "FR: 2026-07-14"' },
    });
    expect(parseCountryCarrierHolidaysForm({ carrierHolidaysByCountry: "fr: 2026-07-14, 2026-05-01\n\nUS:2026-11-26\r\nFR: 2026-07-14 2026-08-15" })).toEqual({
      ok: true,
      value: { FR: ["2026-05-01", "2026-07-14", "2026-08-15"], US: ["2026-11-26"] },
    });
  });

  it("is optional, and round-trips through the text the page shows", () => {
    expect(parseCountryCarrierHolidaysForm({})).toEqual({ ok: true, value: {} });
    const value = { FR: ["2026-07-14"], DE: ["2026-10-03", "2026-12-26"] };
    const text = formatCountryCarrierHolidays(value);
    expect(text).toBe("DE: 2026-10-03, 2026-12-26\nFR: 2026-07-14");
    expect(parseCountryCarrierHolidaysForm({ carrierHolidaysByCountry: text })).toEqual({ ok: true, value });
  });

  it("names the line with a date it cannot read", () => {
    expect(parseCountryCarrierHolidaysForm({ carrierHolidaysByCountry: "FR: 2026-07-14\nDE: 03/10/2026" })).toEqual({
      ok: false,
      failure: { message: "Line 2: not a date (use YYYY-MM-DD): 03/10/2026" },
    });
  });
});
