import { describe, expect, it } from "vitest";
import {
  carrierHolidaysFor,
  decodePromiseData,
  decodeShopCalendar,
  encodePromiseData,
  encodeShopCalendar,
  legFromPromiseData,
  suppliersInOrder,
  toSupplierPromiseData,
  type PromiseData,
} from "./metafield";
import { destinationTimeZone } from "./destination-zone";
import { DESTINATION_ZONES, zonesForCountries } from "./destination-zones";
import { isValidTimeZone } from "./time-zone";
import { promiseWindow } from "./window";

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
    ["impossible holiday", JSON.stringify({ v: 1, suppliers: [{ ...data.suppliers[0], hol: ["2025-02-30"] }] })],
    ["inverted handling", JSON.stringify({ v: 1, suppliers: [{ ...data.suppliers[0], handling: [3, 1] }] })],
    ["short coverage row", JSON.stringify({ v: 1, suppliers: [{ ...data.suppliers[0], coverage: [["US", 1, 2]] }] })],
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
      ]),
    ).toEqual(data.suppliers[1]);
  });
});

describe("learned distributions in the metafield", () => {
  const shanghai = data.suppliers[0]!;
  const learned = { ...shanghai, hd: [1, 60, 30, 10], td: [[7, 20, 50, 20, 5, 5], null] };
  const orderedAt = Date.parse("2025-12-01T02:00:00Z"); // Monday 10:00 in Shanghai

  it("decodes a value published before distributions existed exactly as before", () => {
    // A v1 value as the publisher wrote it before `hd`/`td`: same data, same leg, same window.
    const old = '{"v":1,"suppliers":[{"tz":"Europe/Paris","cutoff":"14:00","wd":[1,2,3,4,5],"hol":[],"handling":[0,1],"coverage":[["FR",null,1,2]]}]}';
    const decoded = decodePromiseData(old);
    expect(decoded).toEqual({ v: 1, suppliers: [data.suppliers[1]] });
    const leg = legFromPromiseData(decoded!.suppliers[0]!, { countryCode: "FR" });
    expect(leg).not.toHaveProperty("handlingDays");
    expect(leg).not.toHaveProperty("transitDays");
  });

  it("stays readable by v1 readers: version 1, four-field coverage rows, ranges kept", () => {
    const encoded = JSON.parse(encodePromiseData({ v: 1, suppliers: [learned] })) as PromiseData;
    expect(encoded.v).toBe(1);
    expect(encoded.suppliers[0]?.coverage.every((row) => row.length === 4)).toBe(true);
    expect(encoded.suppliers[0]?.handling).toEqual([1, 3]);
  });

  it("round-trips and gives the leg the histograms of the row that serves the destination", () => {
    const decoded = decodePromiseData(encodePromiseData({ v: 1, suppliers: [learned] }));
    expect(decoded?.suppliers[0]).toEqual(learned);
    const ny = legFromPromiseData(decoded!.suppliers[0]!, { countryCode: "US", provinceCode: "NY" });
    expect(ny?.handlingDays).toEqual({ from: 1, weights: [60, 30, 10] });
    expect(ny?.transitDays).toEqual({ from: 7, weights: [20, 50, 20, 5, 5] });
    // California has its own row and no learned transit yet: its configured range stands.
    const ca = legFromPromiseData(decoded!.suppliers[0]!, { countryCode: "US", provinceCode: "CA" });
    expect(ca?.transitDays).toBeUndefined();
    expect(ca?.transit).toEqual({ min: 5, max: 8 });
  });

  it("narrows the window against the ranges alone", () => {
    const withRanges = promiseWindow(legFromPromiseData(shanghai, { countryCode: "US" })!, orderedAt);
    const withLearned = promiseWindow(legFromPromiseData(learned, { countryCode: "US" })!, orderedAt);
    const span = (w: { earliest: string; latest: string }) => Date.parse(w.latest) - Date.parse(w.earliest);
    expect(span(withLearned)).toBeLessThan(span(withRanges));
  });

  it.each([
    ["a negative offset", { hd: [-1, 5] }],
    ["no observations", { hd: [1, 0, 0] }],
    ["fractional weights", { hd: [1, 0.5] }],
    ["rows misaligned with coverage", { td: [[7, 1]] }],
    ["a malformed row", { td: [[7, "x"], null] }],
  ])("drops a malformed distribution (%s) and keeps the ranges", (_name, bad) => {
    const decoded = decodePromiseData(JSON.stringify({ v: 1, suppliers: [{ ...shanghai, ...bad }] }));
    expect(decoded?.suppliers[0]).toEqual(shanghai);
  });

  it("packs learned distributions only when there are some", () => {
    const calendar = { timeZone: "Europe/Paris", cutoff: "14:00", holidays: [] };
    const coverage = [{ countryCode: "FR", transit: { min: 1, max: 2 } }];
    expect(toSupplierPromiseData(calendar, { min: 0, max: 1 }, coverage, undefined, { handling: null, transit: [null] })).toEqual(data.suppliers[1]);
    expect(
      toSupplierPromiseData(calendar, { min: 0, max: 1 }, coverage, undefined, {
        handling: { from: 0, weights: [3, 1] },
        transit: [{ from: 1, weights: [9, 1] }],
      }),
    ).toMatchObject({ hd: [0, 3, 1], td: [[1, 9, 1]] });
  });

  it("fits a supplier with learned transit for every US state in under 4 KB", () => {
    const states = Array.from({ length: 51 }, (_, i) => `S${i}`);
    const coverage = [["US", null, 3, 6] as const, ...states.map((s) => ["US", s, 2, 5] as const)];
    const supplier = { ...shanghai, coverage, hd: [0, 120, 60, 15, 4, 1], td: coverage.map(() => [2, 30, 110, 40, 12, 5, 2, 1]) };
    const encoded = encodePromiseData({ v: 1, suppliers: [supplier, data.suppliers[1]!] });
    expect(new TextEncoder().encode(encoded).length).toBeLessThan(4096);
  });
});

describe("fields added for #18 items 3, 5 and 8", () => {
  it("round-trips a supplier's ships-in days and region orders, and drops malformed ones", () => {
    const value: PromiseData = { ...data, suppliers: [{ ...data.suppliers[0]!, si: [2, 5] }, data.suppliers[1]!], ro: { FR: [1, 0] } };
    expect(decodePromiseData(encodePromiseData(value))).toEqual(value);
    const bad = JSON.parse(encodePromiseData(value)) as Record<string, unknown>;
    (bad.suppliers as Record<string, unknown>[])[0]!.si = [5, 2];
    bad.ro = { FR: [0, 0], US: [1, 0], de: [1, 0], CA: [0, 1, 2] };
    const decoded = decodePromiseData(bad)!;
    expect(decoded.suppliers[0]).not.toHaveProperty("si");
    expect(decoded.ro).toEqual({ US: [1, 0] });
    expect(suppliersInOrder(decoded, "us").map((s) => s.tz)).toEqual(["Europe/Paris", "Asia/Shanghai"]);
    expect(suppliersInOrder(decoded, "FR").map((s) => s.tz)).toEqual(["Asia/Shanghai", "Europe/Paris"]);
  });

  it("puts per-country carrier holidays and destination zones in the shop calendar, readers old and new", () => {
    const encoded = encodeShopCalendar(["2026-12-25", "2026-01-01"], {
      holidaysFrom: "2026-06-01",
      carrierHolidaysByCountry: { fr: ["2026-07-14", "2026-01-01"], DE: [] },
      destinationZones: { US: "America/New_York", "US-CA": "America/Los_Angeles" },
    });
    const calendar = decodeShopCalendar(encoded)!;
    expect(calendar).toEqual({ v: 1, chol: ["2026-12-25"], cch: { FR: ["2026-07-14"] }, dz: { US: "America/New_York", "US-CA": "America/Los_Angeles" } });
    expect(carrierHolidaysFor(calendar, "fr")).toEqual(["2026-12-25", "2026-07-14"]);
    expect(carrierHolidaysFor(calendar, "US")).toEqual(["2026-12-25"]);
    expect(destinationTimeZone({ countryCode: "US", provinceCode: "CA" }, calendar.dz)).toBe("America/Los_Angeles");
    expect(destinationTimeZone({ countryCode: "US", provinceCode: "NY" }, calendar.dz)).toBe("America/New_York");
    expect(destinationTimeZone({ countryCode: "JP" }, calendar.dz)).toBeUndefined();
    // An unknown zone or a malformed key is dropped; the rest stands.
    const odd = decodeShopCalendar({
      v: 1,
      chol: [],
      dz: { US: "Mars/Olympus", "US-CA": "America/Los_Angeles", usa: "UTC" },
      cch: { FR: ["nope", "2026-07-14"] },
    });
    expect(odd).toEqual({ v: 1, chol: [], dz: { "US-CA": "America/Los_Angeles" }, cch: { FR: ["2026-07-14"] } });
  });

  it("publishes the zones of every destination country Dropline knows, provinces only where they differ", () => {
    const zones = zonesForCountries(["us", "FR"]);
    expect(zones.FR).toBe("Europe/Paris");
    expect(zones["US-AZ"]).toBe("America/Phoenix");
    expect(zones["US-NY"]).toBeUndefined();
    expect(Object.keys(zones).every((k) => k.startsWith("US") || k.startsWith("FR"))).toBe(true);
    for (const zone of Object.values(DESTINATION_ZONES)) expect(isValidTimeZone(zone), zone).toBe(true);
    // Small enough to travel with the shop calendar: the whole US fits in about 1 KB.
    expect(JSON.stringify(zones).length).toBeLessThan(1200);
  });
});
