import { describe, expect, it } from "vitest";
import { carrierHolidays, destinationCalendar, parsePayload, payloadLocale, sendsLateNotices, translator, variantData } from "./payload";

const value = { v: 1, suppliers: [{ tz: "Europe/Paris", cutoff: "12:00", wd: [1, 2, 3, 4, 5], hol: [], handling: [1, 2], coverage: [["FR", null, 1, 2]] }] };

describe("the block's payload", () => {
  const raw = JSON.stringify({
    values: [value, null, { v: 2 }],
    variants: { "1": 0, "2": 1, "3": 2 },
    product: value,
    calendar: { v: 1, chol: ["2026-12-25", "not-a-date"], dn: 1 },
    selected: 1,
    country: "FR",
    locale: "fr-CA",
    language: "fr",
    strings: { window: "Livraison {window}" },
  });

  it("gives each variant its own value, the product's when it has none, and nothing for garbage", () => {
    const payload = parsePayload(raw)!;
    expect(variantData(payload, "1")?.suppliers[0]?.tz).toBe("Europe/Paris");
    expect(variantData(payload, "2")?.suppliers[0]?.tz).toBe("Europe/Paris"); // null → the product's value
    expect(variantData(payload, "3")).toBeNull(); // a future version is not guessed at
    expect(variantData({ ...payload, product: null }, "2")).toBeNull();
    expect(payload.selected).toBe("1");
  });

  it("reads the calendar's per-country carrier holidays and destination zones", () => {
    const payload = parsePayload(raw)!;
    expect(destinationCalendar(payload)).toEqual({});
    const calendar = { v: 1, chol: [], cch: { FR: ["2026-07-14"] }, dz: { FR: "Europe/Paris", "US-CA": "America/Los_Angeles" } };
    expect(destinationCalendar({ ...payload, calendar })).toEqual({
      carrierHolidaysByCountry: { FR: ["2026-07-14"] },
      destinationZones: { FR: "Europe/Paris", "US-CA": "America/Los_Angeles" },
    });
  });

  it("reads the shop calendar as checkout does", () => {
    const payload = parsePayload(raw)!;
    expect(carrierHolidays(payload)).toEqual(["2026-12-25"]);
    expect(sendsLateNotices(payload)).toBe(true);
    expect(payloadLocale(payload)).toBe("fr-CA");
    expect(payloadLocale({ ...payload, locale: "de" })).toBe("fr"); // German shopper, French strings: French dates
  });

  it("refuses what is not the block's JSON", () => {
    expect(parsePayload("")).toBeNull();
    expect(parsePayload("[]")).toBeNull();
    expect(parsePayload('{"values":[]}')).toBeNull();
  });
});

describe("translate", () => {
  it("fills placeholders and picks plural forms by the locale's rules", () => {
    const t = translator({ window: "Arrives {window}", items: { one: "{count} item", other: "{count} items" } }, "en");
    expect(t("window", { window: "Mon, Dec 7" })).toBe("Arrives Mon, Dec 7");
    expect(t("items", { count: 1 })).toBe("1 item");
    expect(t("items", { count: 0 })).toBe("0 items");
    expect(translator({ items: { one: "{count} article", other: "{count} articles" } }, "fr")("items", { count: 0 })).toBe("0 article");
    expect(t("missing")).toBe("missing");
  });
});
