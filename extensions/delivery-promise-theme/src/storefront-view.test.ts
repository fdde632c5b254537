import { describe, expect, it } from "vitest";
import { decodePromiseData, type PromiseData } from "../../../app/domain/promise";
import { buildPromiseView } from "../../delivery-promise/src/promise-view";
import { publishedProduct, SAGE, BLACK } from "./liquid-test-support";
import { translator } from "./payload";
import { storefrontView, type StorefrontInput } from "./storefront-view";

const STRINGS = {
  window: "Arrives {window}",
  noData: "Delivery estimate shown at checkout.",
  addressMissing: "Delivery estimate shown at checkout.",
  notServed: "We can't estimate delivery to this country yet.",
  lateNotice: "If your delivery runs late, we'll email you the new date.",
  postcodeHint: "Enter your ZIP code for a closer estimate.",
  postcodeUnknown: "We don't recognise this code.",
  shipsIn: "Ships in {min}–{max} business days",
  shipsWithin: { one: "Ships within {count} business day", other: "Ships within {count} business days" },
};

const product = publishedProduct();
const dataOf = (id: string): PromiseData => decodePromiseData(product.variants.find((v) => v.id === id)!.promise!)!;
/** Thursday 2026-12-03 10:00 in Los Angeles (18:00 UTC): before Pacific Coast's 14:00 cut-off. */
const THURSDAY_MORNING_LA = Date.UTC(2026, 11, 3, 18, 0);

function input(overrides: Partial<StorefrontInput>): StorefrontInput {
  return {
    data: dataOf(BLACK.id),
    countryCode: "US",
    postcode: "",
    carrierHolidays: ["2026-12-25"],
    lateNotices: false,
    nowMs: THURSDAY_MORNING_LA,
    locale: "en-US",
    translate: translator(STRINGS, "en-US"),
    ...overrides,
  };
}

describe("the product page's window", () => {
  it("is the checkout's window for the same variant, address and instant", () => {
    for (const [postcode, provinceCode] of [
      ["94105", "CA"],
      ["10001", "NY"],
    ] as const) {
      const page = storefrontView(input({ postcode }));
      const checkout = buildPromiseView({
        lines: [{ id: "line-1", quantity: 1, data: dataOf(BLACK.id) }],
        destination: { countryCode: "US", provinceCode },
        carrierHolidays: ["2026-12-25"],
        nowMs: THURSDAY_MORNING_LA,
        locale: "en-US",
        translate: translator(STRINGS, "en-US"),
      });
      expect(checkout?.kind).toBe("window");
      expect(page).toMatchObject({ kind: "window", text: checkout!.text });
      expect(page.kind === "window" && page.window).toEqual(checkout!.kind === "window" && checkout!.window);
    }
  });

  it("narrows to the state a ZIP code names: California gets the West Coast rows", () => {
    const california = storefrontView(input({ postcode: "94105" }));
    const newYork = storefrontView(input({ postcode: "10001" }));
    // Ordered Thursday before the cut-off: handling 1–2 days → ships Fri–Mon, then 1–2 days to CA, 3–5 elsewhere.
    expect(california).toMatchObject({ kind: "window", window: { earliest: "2026-12-07", latest: "2026-12-09" } });
    expect(newYork).toMatchObject({ kind: "window", window: { earliest: "2026-12-09", latest: "2026-12-14" } });
    expect(california.kind === "window" && california.hint).toBeUndefined();
  });

  it("promises the widest window in the country until a postcode names the state, and says why", () => {
    const anywhere = storefrontView(input({}));
    expect(anywhere).toMatchObject({ kind: "window", window: { earliest: "2026-12-07", latest: "2026-12-14" }, hint: STRINGS.postcodeHint });
    expect(anywhere.text.replace(/\s/g, " ")).toBe("Arrives Mon, Dec 7 – Mon, Dec 14"); // Intl puts thin spaces around the dash
    const unknown = storefrontView(input({ postcode: "12" }));
    expect(unknown).toMatchObject({ window: { earliest: "2026-12-07", latest: "2026-12-14" }, hint: STRINGS.postcodeUnknown });
  });

  it("asks nothing where one row covers the whole country", () => {
    const sage = storefrontView(input({ data: dataOf(SAGE.id), countryCode: "FR", postcode: "75004" }));
    expect(sage.kind).toBe("window");
    expect(sage.kind === "window" && sage.hint).toBeUndefined();
  });

  it("says the estimate comes at checkout when the variant has no data, and when nobody ships to the country", () => {
    expect(storefrontView(input({ data: null }))).toEqual({ kind: "none", text: STRINGS.noData });
    expect(storefrontView(input({ countryCode: "JP" }))).toEqual({ kind: "none", text: STRINGS.notServed });
  });

  it("adds the late-delivery email promise only when the shop sends those emails", () => {
    expect(storefrontView(input({ postcode: "94105", lateNotices: true }))).toMatchObject({ lateNotice: STRINGS.lateNotice });
    expect(storefrontView(input({ postcode: "94105" }))).not.toHaveProperty("lateNotice");
  });

  it("speaks French dates with French strings", () => {
    const fr = storefrontView(
      input({ data: dataOf(SAGE.id), countryCode: "FR", locale: "fr", translate: translator({ ...STRINGS, window: "Livraison {window}" }, "fr") }),
    );
    expect(fr.text).toMatch(/^Livraison .*déc/);
  });

  it("says when it ships while the supplier's date is not trustworthy, with or without the postcode", () => {
    const black = dataOf(BLACK.id);
    const backlogged: PromiseData = { ...black, suppliers: black.suppliers.map((supplier) => ({ ...supplier, si: [2, 5] as const })) };
    expect(storefrontView(input({ data: backlogged, postcode: "94105" }))).toEqual({
      kind: "ships_in",
      text: "Ships in 2–5 business days",
      days: { min: 2, max: 5 },
    });
    expect(storefrontView(input({ data: backlogged }))).toMatchObject({ kind: "ships_in", days: { min: 2, max: 5 }, hint: STRINGS.postcodeHint });
    const soon: PromiseData = { ...black, suppliers: black.suppliers.map((supplier) => ({ ...supplier, si: [0, 1] as const })) };
    expect(storefrontView(input({ data: soon, postcode: "10001" })).text).toBe("Ships within 1 business day");
  });
});
