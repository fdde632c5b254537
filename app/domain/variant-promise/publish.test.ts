import { describe, expect, it } from "vitest";
import { routeOrder } from "../routing/engine";
import { LAMP, makeInput, makeOffer, makePolicy, makeSupplier, MUG } from "../routing/test-fixtures";
import type { Supplier } from "../routing/types";
import { decodePromiseData, legFromPromiseData } from "../promise/metafield";
import { buildPromiseValues, MAX_CANDIDATES, PROMISE_VALUE_BUDGET_BYTES, type PublishInput } from "./publish";

const TODAY = "2026-11-24";
const fast = makeSupplier("fast", { serviceTier: { tier: "same_day", handling: { min: 0, max: 0 } } });
const slow = makeSupplier("slow", { serviceTier: { tier: "48_hour", handling: { min: 2, max: 3 } } });
const cheap = makeSupplier("cheap", { costs: { dropshipFee: 0, shippingCostByRegion: [{ countryCode: "US", cost: 300 }] } });

function input(parts: Partial<PublishInput> & Pick<PublishInput, "suppliers">): PublishInput {
  const offers = parts.offers ?? parts.suppliers.map((s) => makeOffer(s.id, MUG));
  return { policy: makePolicy(), today: TODAY, ...parts, offers };
}

const order = (values: ReturnType<typeof buildPromiseValues>) => values.map((v) => [v.variantId, v.supplierIds]);

describe("buildPromiseValues: candidate order", () => {
  it("puts the faster supplier first when speed weighs most", () => {
    const values = buildPromiseValues(input({ suppliers: [slow, fast], policy: makePolicy({ preset: "speed_first" }) }));
    expect(order(values)).toEqual([[MUG, ["fast", "slow"]]]);
  });

  it("puts the cheaper supplier first when margin weighs most", () => {
    const pricey = makeSupplier("pricey", { costs: { dropshipFee: 900, shippingCostByRegion: [{ countryCode: "US", cost: 900 }] } });
    const values = buildPromiseValues(input({ suppliers: [pricey, cheap], policy: makePolicy({ preset: "margin_first" }) }));
    expect(values[0]?.supplierIds).toEqual(["cheap", "pricey"]);
  });

  it("agrees with routing's choice for a single-line order", () => {
    for (const preset of ["speed_first", "margin_first", "balanced"] as const) {
      const suppliers = [slow, fast, cheap];
      const policy = makePolicy({ preset });
      const published = buildPromiseValues(input({ suppliers, policy }))[0]!.supplierIds[0];
      const routed = routeOrder(makeInput({ suppliers, policy, order: undefined }));
      expect(routed.assignments[0]?.supplierId).toBe(published);
    }
  });

  it("leaves out paused suppliers, suppliers without an offer and suppliers that ship nowhere", () => {
    const paused = makeSupplier("paused", { status: "paused" });
    const nowhere = makeSupplier("nowhere", { coverage: [] });
    const values = buildPromiseValues(
      input({ suppliers: [fast, paused, nowhere, slow], offers: [makeOffer("fast", MUG), makeOffer("paused", MUG), makeOffer("nowhere", MUG)] }),
    );
    expect(order(values)).toEqual([[MUG, ["fast"]]]);
  });

  it("omits variants without a usable candidate", () => {
    const paused = makeSupplier("paused", { status: "paused" });
    expect(buildPromiseValues(input({ suppliers: [paused] }))).toEqual([]);
  });

  it("ranks a supplier that is out of stock after every supplier in stock", () => {
    const offers = [makeOffer("fast", MUG, { stockOnHand: 0 }), makeOffer("slow", MUG)];
    expect(buildPromiseValues(input({ suppliers: [fast, slow], offers }))[0]?.supplierIds).toEqual(["slow", "fast"]);
    const buffered = [makeOffer("fast", MUG, { stockOnHand: 9, bufferedAvailable: 0 }), makeOffer("slow", MUG)];
    expect(buildPromiseValues(input({ suppliers: [fast, slow], offers: buffered }))[0]?.supplierIds).toEqual(["slow", "fast"]);
  });

  it("ranks each variant separately, in variant id order", () => {
    const offers = [makeOffer("slow", LAMP), makeOffer("fast", MUG), makeOffer("slow", MUG)];
    const values = buildPromiseValues(input({ suppliers: [fast, slow], offers, policy: makePolicy({ preset: "speed_first" }) }));
    expect(order(values)).toEqual(
      [
        [MUG, ["fast", "slow"]],
        [LAMP, ["slow"]],
      ].sort(([a], [b]) => (a! < b! ? -1 : 1)),
    );
  });
});

describe("buildPromiseValues: content", () => {
  it("publishes decodable data with supplier ids, calendars and handling", () => {
    const paris = makeSupplier("paris", {
      calendar: { timeZone: "Europe/Paris", cutoff: "14:00", holidays: ["2026-12-25", "2025-12-25"], workdays: [1, 2, 3, 4, 5] },
      coverage: [{ countryCode: "FR", transit: { min: 1, max: 2 } }],
    });
    const value = buildPromiseValues(input({ suppliers: [paris] }))[0]!.value;
    const data = decodePromiseData(value);
    expect(data?.suppliers).toEqual([
      { id: "paris", tz: "Europe/Paris", cutoff: "14:00", wd: [1, 2, 3, 4, 5], hol: ["2026-12-25"], handling: [1, 1], coverage: [["FR", null, 1, 2]] },
    ]);
    expect(legFromPromiseData(data!.suppliers[0]!, { countryCode: "FR" })?.transit).toEqual({ min: 1, max: 2 });
  });

  it("uses measured handling once there is enough history, the configured tier before", () => {
    const few = new Map([["fast", [3, 3, 3]]]);
    expect(decodePromiseData(buildPromiseValues(input({ suppliers: [fast], handlingSamples: few }))[0]!.value)?.suppliers[0]?.handling).toEqual([0, 0]);
    const many = new Map([["fast", Array.from({ length: 30 }, (_, i) => (i < 15 ? 1 : 2))]]);
    expect(decodePromiseData(buildPromiseValues(input({ suppliers: [fast], handlingSamples: many }))[0]!.value)?.suppliers[0]?.handling).toEqual([1, 2]);
  });

  it("drops province rows that say the same as their country row, keeping the ones that differ", () => {
    const s = makeSupplier("s", {
      coverage: [
        { countryCode: "US", transit: { min: 2, max: 3 } },
        { countryCode: "US", provinceCode: "CA", transit: { min: 2, max: 3 } },
        { countryCode: "US", provinceCode: "HI", transit: { min: 5, max: 9 } },
        { countryCode: "CA", provinceCode: "QC", transit: { min: 4, max: 6 } },
      ],
    });
    expect(decodePromiseData(buildPromiseValues(input({ suppliers: [s] }))[0]!.value)?.suppliers[0]?.coverage).toEqual([
      ["US", null, 2, 3],
      ["US", "HI", 5, 9],
      ["CA", "QC", 4, 6],
    ]);
  });

  it("is deterministic whatever the input order", () => {
    const suppliers = [slow, fast, cheap];
    const offers = suppliers.flatMap((s) => [makeOffer(s.id, MUG), makeOffer(s.id, LAMP)]);
    const a = buildPromiseValues(input({ suppliers, offers }));
    const b = buildPromiseValues(input({ suppliers: [...suppliers].reverse(), offers: [...offers].reverse() }));
    expect(b).toEqual(a);
  });
});

describe("buildPromiseValues: size", () => {
  const STATES = Array.from({ length: 60 }, (_, i) => `P${i}`);
  /** A supplier covering 60 provinces in each of `countries` countries, with a year of holidays. */
  const big = (id: string, countries: string[]): Supplier =>
    makeSupplier(id, {
      calendar: {
        timeZone: "Asia/Shanghai",
        cutoff: "16:00",
        holidays: Array.from({ length: 24 }, (_, i) => `2027-${String((i % 12) + 1).padStart(2, "0")}-${i < 12 ? "01" : "15"}`),
      },
      coverage: countries.flatMap((c) => [
        { countryCode: c, transit: { min: 6, max: 12 } },
        ...STATES.map((p, i) => ({ countryCode: c, provinceCode: p, transit: { min: 4 + (i % 3), max: 8 + (i % 4) } })),
      ]),
    });

  it("keeps every value under the budget with many suppliers and regions, dropping trailing candidates", () => {
    const suppliers = Array.from({ length: 12 }, (_, i) => big(`s${String(i).padStart(2, "0")}`, ["US", "CA", "MX"]));
    const [value] = buildPromiseValues(input({ suppliers }));
    expect(value!.bytes).toBeLessThanOrEqual(PROMISE_VALUE_BUDGET_BYTES);
    expect(new TextEncoder().encode(value!.value).length).toBe(value!.bytes);
    expect(value!.supplierIds.length).toBeGreaterThanOrEqual(1);
    expect(value!.omitted).toBe(12 - value!.supplierIds.length);
    expect(decodePromiseData(value!.value)?.suppliers.map((s) => s.id)).toEqual(value!.supplierIds);
  });

  it("keeps at most MAX_CANDIDATES small suppliers", () => {
    const suppliers = Array.from({ length: 10 }, (_, i) => makeSupplier(`s${i}`));
    const [value] = buildPromiseValues(input({ suppliers }));
    expect(value!.supplierIds).toHaveLength(MAX_CANDIDATES);
    expect(value!.bytes).toBeLessThan(1024);
  });

  it("always keeps the first candidate, even when it alone is over the budget", () => {
    const suppliers = [big("huge", ["US", "CA", "MX", "BR", "AR"]), makeSupplier("small")];
    const offers = [makeOffer("huge", MUG), makeOffer("small", MUG, { stockOnHand: 0 })];
    const [value] = buildPromiseValues(input({ suppliers, offers, budgetBytes: 1024 }));
    expect(value!.supplierIds).toEqual(["huge"]);
    expect(value!.bytes).toBeGreaterThan(1024);
  });
});

describe("buildPromiseValues: learned distributions", () => {
  const many = new Map([["fast", [...Array<number>(18).fill(0), 1, 2]]]);
  const transit = new Map([["fast", Array.from({ length: 25 }, (_, i) => ({ countryCode: "US", provinceCode: "NY", days: 2 + (i % 5 === 0 ? 1 : 0) }))]]);

  it("publishes the handling and per-row transit histograms once there are enough samples", () => {
    const supplier = decodePromiseData(buildPromiseValues(input({ suppliers: [fast], handlingSamples: many, transitSamples: transit }))[0]!.value)
      ?.suppliers[0];
    expect(supplier?.hd).toEqual([0, 18, 1, 1]);
    expect(supplier?.td).toEqual(supplier?.coverage.map(([country, province]) => (country === "US" && province === null ? [2, 20, 5] : null)));
  });

  it("publishes no distribution before there is enough history", () => {
    const few = new Map([["fast", [0, 0, 1]]]);
    const supplier = decodePromiseData(buildPromiseValues(input({ suppliers: [fast], handlingSamples: few }))[0]!.value)?.suppliers[0];
    expect(supplier).not.toHaveProperty("hd");
    expect(supplier).not.toHaveProperty("td");
  });
});
