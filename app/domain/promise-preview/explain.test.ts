import { describe, expect, it } from "vitest";
import type { PromiseData, SupplierPromiseData } from "../promise/metafield";
import { explainPromise, type PreviewInput } from "./explain";

const euro: SupplierPromiseData = {
  id: "sup_euro",
  tz: "Europe/Paris",
  cutoff: "12:00",
  wd: [1, 2, 3, 4, 5],
  hol: ["2026-12-25"],
  handling: [1, 3],
  coverage: [
    ["FR", null, 1, 2],
    ["US", null, 6, 10],
  ],
};
const west: SupplierPromiseData = {
  id: "sup_west",
  tz: "America/Los_Angeles",
  cutoff: "14:00",
  wd: [1, 2, 3, 4, 5],
  hol: [],
  handling: [1, 2],
  coverage: [
    ["US", "CA", 1, 2],
    ["US", null, 3, 5],
  ],
};
const names = new Map([
  ["sup_euro", "EuroDrop Paris"],
  ["sup_west", "Pacific Coast Fulfillment"],
]);
const paris = (iso: string): number => Date.parse(`${iso}+01:00`);

function input(overrides: Partial<PreviewInput>): PreviewInput {
  return {
    data: { v: 1, suppliers: [euro] },
    destination: { countryCode: "FR" },
    regionName: "France",
    variantName: "Trail Thermos — Sage",
    orderedAtMs: paris("2026-12-11T15:30"),
    carrierHolidays: ["2026-12-25"],
    supplierNames: names,
    ...overrides,
  };
}

const texts = (preview: ReturnType<typeof explainPromise>): string[] => preview.steps.map((s) => s.text.replace(/\s/g, " "));

describe("the promise preview", () => {
  it("after Friday's cut-off, handling starts Monday: it says so, and why", () => {
    const preview = explainPromise(input({}));
    expect(preview).toMatchObject({ kind: "window", window: { earliest: "2026-12-16", latest: "2026-12-21" }, supplierId: "sup_euro" });
    expect(preview.headline.replace(/\s/g, " ")).toBe("A shopper in France ordering Trail Thermos — Sage sees “Arrives Wed, Dec 16 – Mon, Dec 21”.");
    expect(texts(preview)).toEqual([
      "EuroDrop Paris ships it: the first supplier in the published order that delivers to France.",
      "Ordered Friday, Dec 11 at 15:30 in Europe/Paris (EuroDrop Paris's time), after the 12:00 cut-off, so handling starts Monday, Dec 14 (Saturday and Sunday are not working days).",
      "Handling takes 1–3 working days after it starts: handed to the carrier between Tue, Dec 15 and Thu, Dec 17.",
      "Transit to France takes 1–2 carrier business days (Monday to Friday): delivered between Wed, Dec 16 and Mon, Dec 21 (Saturday and Sunday are not carrier delivery days).",
    ]);
  });

  it("before the cut-off on a working day, handling starts the same day", () => {
    const preview = explainPromise(input({ orderedAtMs: paris("2026-12-03T10:00") }));
    expect(texts(preview)[1]).toBe(
      "Ordered Thursday, Dec 3 at 10:00 in Europe/Paris (EuroDrop Paris's time), before the 12:00 cut-off on a working day, so handling starts the same day.",
    );
    expect(preview).toMatchObject({ window: { earliest: "2026-12-07", latest: "2026-12-10" } });
  });

  it("an order on a Sunday waits for Monday, whatever the hour", () => {
    const preview = explainPromise(input({ orderedAtMs: paris("2026-12-13T09:00") }));
    expect(texts(preview)[1]).toBe(
      "Ordered Sunday, Dec 13 at 09:00 in Europe/Paris (EuroDrop Paris's time), on a day the supplier does not work, so handling starts Monday, Dec 14 (Sunday is not a working day).",
    );
  });

  it("names the supplier and carrier holidays that push the window", () => {
    const preview = explainPromise(input({ orderedAtMs: paris("2026-12-21T10:00") }));
    expect(preview).toMatchObject({ window: { earliest: "2026-12-23", latest: "2026-12-29" } });
    expect(texts(preview)[3]).toBe(
      "Transit to France takes 1–2 carrier business days (Monday to Friday): delivered between Wed, Dec 23 and Tue, Dec 29 (Saturday and Sunday are not carrier delivery days; Fri, Dec 25 is a carrier holiday).",
    );
    const handling = explainPromise(input({ orderedAtMs: paris("2026-12-23T10:00") }));
    expect(texts(handling)[2]).toBe(
      "Handling takes 1–3 working days after it starts: handed to the carrier between Thu, Dec 24 and Tue, Dec 29 (Saturday and Sunday are not working days; Fri, Dec 25 is a supplier holiday).",
    );
  });

  it("skips suppliers that do not deliver to the region, as the storefront does", () => {
    const data: PromiseData = { v: 1, suppliers: [west, euro] };
    const preview = explainPromise(input({ data }));
    expect(preview).toMatchObject({ kind: "window", supplierId: "sup_euro" });
    expect(texts(preview)[0]).toBe("Pacific Coast Fulfillment does not deliver to France.");
    const california = explainPromise(input({ data, destination: { countryCode: "US", provinceCode: "CA" }, regionName: "California, United States" }));
    expect(california).toMatchObject({ kind: "window", supplierId: "sup_west" });
    expect(texts(california)[3]).toMatch(/^Transit to California, United States takes 1–2 carrier business days/);
  });

  it("says plainly when no date would be shown", () => {
    expect(explainPromise(input({ data: { v: 1, suppliers: [west] } }))).toMatchObject({
      kind: "not_served",
      headline: "A shopper in France ordering Trail Thermos — Sage sees no date: no published supplier delivers there.",
    });
    expect(explainPromise(input({ data: null })).kind).toBe("no_data");
  });

  it("says when learned distributions narrow the window inside the range", () => {
    const learned: SupplierPromiseData = { ...euro, hd: [1, 80, 15, 5], td: [[1, 90, 10], null] };
    const preview = explainPromise(input({ data: { v: 1, suppliers: [learned] } }));
    expect(preview.steps.at(-1)).toMatchObject({ kind: "learned" });
    expect(texts(preview).at(-1)).toMatch(/^The handling and transit of delivered parcels is learned/);
  });
});

describe("the promise preview: zones, per-country holidays, ships in (#18 items 3, 5, 8)", () => {
  // Ships from Shanghai: its 15:00 cut-off is 23:00 the day before in Los Angeles.
  const shanghai: SupplierPromiseData = {
    id: "sup_sh",
    tz: "Asia/Shanghai",
    cutoff: "15:00",
    wd: [1, 2, 3, 4, 5],
    hol: [],
    handling: [1, 2],
    coverage: [["US", null, 4, 6]],
  };
  const california = { countryCode: "US", provinceCode: "CA" };
  // Thursday 3 Dec 2026, 22:30 in Los Angeles = Friday 14:30 in Shanghai.
  const lateEvening = Date.parse("2026-12-04T06:30:00Z");
  const zones = { US: "America/New_York", "US-CA": "America/Los_Angeles" };

  it("counts the delivery date in the shopper's zone and says why, as the storefront computes it", () => {
    const base = {
      data: { v: 1 as const, suppliers: [shanghai] },
      destination: california,
      regionName: "California",
      orderedAtMs: lateEvening,
      carrierHolidays: [],
    };
    const zoned = explainPromise(input({ ...base, destinationZones: zones, supplierNames: new Map([["sup_sh", "Shanghai Works"]]) }));
    expect(zoned).toMatchObject({ kind: "window", window: { earliest: "2026-12-10", latest: "2026-12-15" } });
    const steps = texts(zoned);
    expect(steps).toContain(
      "Delivery dates are counted in America/Los_Angeles, the shopper's time zone: Shanghai Works's 15:00 cut-off in Asia/Shanghai is still the day before there.",
    );
    expect(steps.at(-1)).toContain("delivered between Thu, Dec 10 and Tue, Dec 15");
    expect(explainPromise(input(base))).toMatchObject({ window: { earliest: "2026-12-11", latest: "2026-12-16" } });
  });

  it("adds the destination country's own carrier holidays", () => {
    const plain = explainPromise(input({}));
    const withFrench = explainPromise(input({ carrierHolidaysByCountry: { FR: ["2026-12-16"], US: ["2026-12-17"] } }));
    if (plain.kind !== "window" || withFrench.kind !== "window") throw new Error("expected windows");
    expect(withFrench.window.earliest > plain.window.earliest).toBe(true);
    expect(texts(withFrench).join(" ")).toContain("Wed, Dec 16 is a carrier holiday");
    expect(texts(withFrench).join(" ")).not.toContain("Dec 17 is a carrier holiday");
  });

  it("answers what the shopper reads when the supplier's date is not trustworthy, with the reasons", () => {
    const preview = explainPromise(
      input({
        data: { v: 1, suppliers: [{ ...euro, si: [3, 6] }] },
        shipsInReasons: new Map([["sup_euro", ["purchase orders are waiting to be acknowledged"]]]),
      }),
    );
    expect(preview).toMatchObject({ kind: "ships_in", shopperText: "Ships in 3–6 business days", days: { min: 3, max: 6 } });
    expect(preview.headline).toBe("A shopper in France ordering Trail Thermos — Sage sees “Ships in 3–6 business days”.");
    expect(texts(preview).at(-1)).toContain("EuroDrop Paris's delivery date is not trustworthy right now: purchase orders are waiting to be acknowledged.");
  });
});
