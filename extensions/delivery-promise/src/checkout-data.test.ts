import { describe, expect, it } from "vitest";
import type { AppMetafieldEntry } from "@shopify/ui-extensions/checkout";
import { dateLocale, destinationOf, promiseGroups, promiseLines, shopCarrierHolidays } from "./checkout-data";
import { cartLine, deliveryGroup, PARIS, promiseOf, SHENZHEN, shopCalendar, variantPromise } from "./test-support";

const productPromise = (product: string, value: string): AppMetafieldEntry => ({
  target: { type: "product", id: `gid://shopify/Product/${product}` },
  metafield: { namespace: "$app", key: "promise", value, valueType: "json_string", type: "json" },
});

describe("promiseLines", () => {
  it("decodes each line's variant metafield", () => {
    const lines = promiseLines(
      [cartLine("1", "10", 2), cartLine("2", "20")],
      [variantPromise("20", promiseOf(SHENZHEN)), variantPromise("10", promiseOf(PARIS))],
    );
    expect(lines).toEqual([
      { id: "gid://shopify/CartLine/1", quantity: 2, data: promiseOf(PARIS) },
      { id: "gid://shopify/CartLine/2", quantity: 1, data: promiseOf(SHENZHEN) },
    ]);
  });

  it("falls back to the product's metafield, the variant's winning when both exist", () => {
    const encoded = JSON.stringify(promiseOf(SHENZHEN));
    expect(promiseLines([cartLine("1", "10")], [productPromise("10", encoded)])[0]?.data).toEqual(promiseOf(SHENZHEN));
    expect(promiseLines([cartLine("1", "10")], [productPromise("10", encoded), variantPromise("10", promiseOf(PARIS))])[0]?.data).toEqual(promiseOf(PARIS));
  });

  it("gives null data for a missing, garbage or foreign metafield", () => {
    const foreign: AppMetafieldEntry = {
      ...variantPromise("30", promiseOf(PARIS)),
      metafield: { ...variantPromise("30", promiseOf(PARIS)).metafield, namespace: "custom" },
    };
    const lines = promiseLines(
      [cartLine("1", "10"), cartLine("2", "20"), cartLine("3", "30"), cartLine("4", "40")],
      [variantPromise("20", "{not json"), foreign, variantPromise("40", JSON.stringify({ v: 2, suppliers: [] }))],
    );
    expect(lines.map((l) => l.data)).toEqual([null, null, null, null]);
  });

  it("leaves out lines that need no delivery", () => {
    expect(promiseLines([cartLine("1", "10", 1, false), cartLine("2", "20")], []).map((l) => l.id)).toEqual(["gid://shopify/CartLine/2"]);
  });
});

describe("shopCarrierHolidays", () => {
  it("reads the shop calendar's carrier holidays", () => {
    expect(shopCarrierHolidays([shopCalendar(["2025-12-25", "2026-01-01"])])).toEqual(["2025-12-25", "2026-01-01"]);
  });

  it("ignores malformed calendars and invalid dates", () => {
    const raw = (value: string): AppMetafieldEntry => ({ ...shopCalendar([]), metafield: { ...shopCalendar([]).metafield, value } });
    expect(shopCarrierHolidays([])).toEqual([]);
    expect(shopCarrierHolidays([raw("nope")])).toEqual([]);
    expect(shopCarrierHolidays([raw('{"v":2,"chol":["2025-12-25"]}')])).toEqual([]);
    expect(shopCarrierHolidays([raw('{"v":1,"chol":["2025-02-30","2025-12-25",7]}')])).toEqual(["2025-12-25"]);
  });
});

describe("destinationOf", () => {
  it("uses the address country and province", () => {
    expect(destinationOf({ countryCode: "US", provinceCode: "CA" }, "FR")).toEqual({ countryCode: "US", provinceCode: "CA" });
  });

  it("falls back to the checkout country when the address cannot be read", () => {
    expect(destinationOf(undefined, "FR")).toEqual({ countryCode: "FR", provinceCode: null });
  });

  it("is null without a country", () => {
    expect(destinationOf({}, undefined)).toBeNull();
    expect(destinationOf(undefined, undefined)).toBeNull();
  });
});

describe("promiseGroups", () => {
  it("lists the lines of each group that needs delivering", () => {
    const digital = { ...deliveryGroup("g2", ["3"]), isDeliveryRequired: false };
    expect(promiseGroups([deliveryGroup("g1", ["1", "2"]), digital])).toEqual([
      { id: "g1", lineIds: ["gid://shopify/CartLine/1", "gid://shopify/CartLine/2"] },
    ]);
    expect(promiseGroups(undefined)).toEqual([]);
  });
});

describe("dateLocale", () => {
  it("keeps the shopper's regional language when the extension speaks it", () => {
    expect(dateLocale("fr-CA", "fr")).toBe("fr-CA");
    expect(dateLocale("en-GB", "en")).toBe("en-GB");
  });

  it("uses the extension's language when the shopper's is not translated", () => {
    expect(dateLocale("de-DE", "en")).toBe("en");
    expect(dateLocale(undefined, undefined)).toBe("en");
  });
});
