import { describe, expect, it } from "vitest";
import type { SupplierPromiseData } from "../../../app/domain/promise";
import { buildPromiseView, supplierKey, type PromiseLine, type PromiseViewInput } from "./promise-view";
import { makeTranslate, MESSAGES, MONDAY_MORNING, PARIS, plain, promiseOf, SHENZHEN } from "./test-support";

const line = (id: string, data: PromiseLine["data"], quantity = 1): PromiseLine => ({ id, quantity, data });

function view(overrides: Partial<PromiseViewInput>) {
  const locale = overrides.locale ?? "en-US";
  return buildPromiseView({
    lines: [],
    destination: { countryCode: "FR" },
    nowMs: MONDAY_MORNING,
    locale,
    translate: makeTranslate(locale.startsWith("fr") ? MESSAGES.fr : MESSAGES.en, locale),
    ...overrides,
  });
}

describe("buildPromiseView", () => {
  it("shows one window when every line ships from the same supplier", () => {
    const v = view({ lines: [line("a", promiseOf(PARIS)), line("b", promiseOf(PARIS), 2)] });
    expect(v?.kind).toBe("window");
    // Mon 09:00 Paris, before cut-off: ships Mon–Tue, 1–2 carrier days → Tue 2 – Thu 4.
    expect(plain(v?.text)).toBe("Arrives Tue, Dec 2 – Thu, Dec 4");
    expect(v).toMatchObject({ window: { earliest: "2025-12-02", latest: "2025-12-04" } });
    expect(v).not.toHaveProperty("pending");
  });

  it("notes several parcels when lines come from different suppliers, the slowest deciding the cart", () => {
    const v = view({ lines: [line("a", promiseOf(PARIS)), line("b", promiseOf(SHENZHEN), 2)] });
    if (v?.kind !== "multi_parcel") throw new Error(`expected multi_parcel, got ${v?.kind}`);
    expect(plain(v.text)).toBe("Arrives Wed, Dec 10 – Thu, Dec 18");
    expect(v.note).toBe("Your order ships in 2 parcels, so they may arrive on different days.");
    expect(v.parts.map((p) => plain(p.text))).toEqual(["Parcel 1 (1 item): Tue, Dec 2 – Thu, Dec 4", "Parcel 2 (2 items): Wed, Dec 10 – Thu, Dec 18"]);
    expect(v.parts.map((p) => p.lineIds)).toEqual([["a"], ["b"]]);
  });

  it("gives one window per delivery group when checkout shows several groups", () => {
    const v = view({
      lines: [line("a", promiseOf(PARIS)), line("b", promiseOf(PARIS)), line("c", promiseOf(SHENZHEN))],
      groups: [
        { id: "g1", lineIds: ["a"] },
        { id: "g2", lineIds: ["b", "c"] },
      ],
    });
    if (v?.kind !== "multi_parcel") throw new Error(`expected multi_parcel, got ${v?.kind}`);
    expect(v.parts.map((p) => plain(p.text))).toEqual(["Shipment 1 (1 item): Tue, Dec 2 – Thu, Dec 4", "Shipment 2 (2 items): Wed, Dec 10 – Thu, Dec 18"]);
    // Group 2 holds two suppliers, so three parcels travel in all.
    expect(v.note).toContain("3 parcels");
  });

  it("keeps one window when a single delivery group holds one supplier", () => {
    const v = view({ lines: [line("a", promiseOf(PARIS)), line("b", promiseOf(PARIS))], groups: [{ id: "g", lineIds: ["a", "b"] }] });
    expect(v?.kind).toBe("window");
  });

  it("promises no date when no line has data", () => {
    const v = view({ lines: [line("a", null)] });
    expect(v).toEqual({
      kind: "no_data",
      reason: "no_data",
      text: "We can't estimate the delivery date yet: it depends on the supplier's confirmation.",
    });
  });

  it("dates only the lines it can and says the others have no estimate yet (no email promised)", () => {
    const v = view({ lines: [line("a", promiseOf(PARIS)), line("b", null, 2)] });
    if (v?.kind !== "window") throw new Error(`expected window, got ${v?.kind}`);
    expect(plain(v.text)).toBe("Items with an estimate arrive Tue, Dec 2 – Thu, Dec 4");
    expect(v.pending).toBe("2 other items have no delivery estimate yet.");
    expect(v.lateNotice).toBeUndefined();
  });

  it("promises a late-delivery email only when the shop sends one", () => {
    const on = view({ lines: [line("a", promiseOf(PARIS))], lateNotices: true });
    const off = view({ lines: [line("a", promiseOf(PARIS))], lateNotices: false });
    if (on?.kind !== "window" || off?.kind !== "window") throw new Error("expected windows");
    expect(on.lateNotice).toBe("If your delivery runs late, we'll email you the new date.");
    expect(off.lateNotice).toBeUndefined();
  });

  it("asks for the address before estimating", () => {
    expect(view({ lines: [line("a", promiseOf(PARIS))], destination: null })).toEqual({
      kind: "address_missing",
      text: "Enter your address to see a delivery estimate.",
    });
    expect(view({ lines: [line("a", promiseOf(PARIS))], destination: { countryCode: " " } })?.kind).toBe("address_missing");
  });

  it("says so honestly when no supplier serves the region", () => {
    const v = view({ lines: [line("a", promiseOf(PARIS, SHENZHEN))], destination: { countryCode: "DE" } });
    expect(v).toMatchObject({ kind: "no_data", reason: "not_served" });
    expect(v?.text).toMatch(/^We can't estimate delivery to this address yet/);
  });

  it("takes the first supplier candidate that serves the destination", () => {
    // Paris is listed first but does not ship to the US; Shenzhen's California row applies.
    const v = view({ lines: [line("a", promiseOf(PARIS, SHENZHEN))], destination: { countryCode: "US", provinceCode: "CA" } });
    // Shenzhen ships Tue 2 – Thu 4; California 5–8 carrier days → Tue 9 – Tue 16.
    expect(v).toMatchObject({ kind: "window", window: { earliest: "2025-12-09", latest: "2025-12-16" } });
    // Both serve France: the first listed wins even though the second is faster.
    const first = view({ lines: [line("a", promiseOf(SHENZHEN, PARIS))] });
    expect(first).toMatchObject({ kind: "window", window: { earliest: "2025-12-10", latest: "2025-12-18" } });
  });

  it("formats dates and sentences in French", () => {
    const fr = view({ lines: [line("a", promiseOf(PARIS))], locale: "fr" });
    expect(plain(fr?.text)).toBe("Livraison prévue : mar. 2 – jeu. 4 déc.");
    const multi = view({ lines: [line("a", promiseOf(PARIS)), line("b", promiseOf(SHENZHEN))], locale: "fr" });
    if (multi?.kind !== "multi_parcel") throw new Error(`expected multi_parcel, got ${multi?.kind}`);
    expect(plain(multi.parts[1]?.text)).toBe("Colis 2 (1 article) : mer. 10 – jeu. 18 déc.");
    expect(view({ lines: [line("a", null)], locale: "fr" })?.text).toMatch(/^Nous ne pouvons pas encore estimer la date de livraison/);
  });

  it("pushes the window past shop-wide carrier holidays", () => {
    // No delivery on Wed 3: the latest end moves from Thu 4 to Fri 5.
    const v = view({ lines: [line("a", promiseOf(PARIS))], carrierHolidays: ["2025-12-03"] });
    expect(v).toMatchObject({ window: { earliest: "2025-12-02", latest: "2025-12-05" } });
  });

  it("treats a calendar that never yields a business day as no data", () => {
    const mondays = Array.from({ length: 200 }, (_, i) => new Date(Date.UTC(2025, 11, 1 + 7 * i)).toISOString().slice(0, 10));
    const closed: SupplierPromiseData = { ...PARIS, wd: [1], hol: mondays };
    expect(view({ lines: [line("a", promiseOf(closed))] })).toMatchObject({ kind: "no_data", reason: "no_data" });
  });

  it("shows nothing when nothing in the cart ships", () => {
    expect(view({ lines: [] })).toBeNull();
    expect(view({ lines: [line("a", promiseOf(PARIS), 0)] })).toBeNull();
  });
});

describe("supplierKey", () => {
  it("uses the supplier id when the metafield carries one", () => {
    const a = { ...PARIS, id: "sup_1" } as SupplierPromiseData;
    const b = { ...SHENZHEN, id: "sup_1" } as SupplierPromiseData;
    expect(supplierKey(a)).toBe(supplierKey(b));
  });

  it("treats the same calendar and coverage with different handling as one supplier", () => {
    expect(supplierKey({ ...PARIS, handling: [2, 4] })).toBe(supplierKey(PARIS));
    expect(supplierKey(SHENZHEN)).not.toBe(supplierKey(PARIS));
  });
});

describe("buildPromiseView: what the learning knows (#18 items 3, 5, 8)", () => {
  // Shanghai's 15:00 cut-off is 23:00 the day before in Los Angeles.
  const SHANGHAI_EARLY: SupplierPromiseData = { ...SHENZHEN, cutoff: "15:00" };
  // Thursday 4 Dec 2025, 22:30 in Los Angeles = Friday 14:30 in Shanghai.
  const LATE_EVENING_LA = Date.UTC(2025, 11, 5, 6, 30);
  const california = { countryCode: "US", provinceCode: "CA" };

  it("dates the delivery in the shopper's zone from the calendar's destination zones", () => {
    const naive = view({ lines: [line("a", promiseOf(SHANGHAI_EARLY))], destination: california, nowMs: LATE_EVENING_LA });
    const zoned = view({
      lines: [line("a", promiseOf(SHANGHAI_EARLY))],
      destination: california,
      nowMs: LATE_EVENING_LA,
      destinationZones: { US: "America/New_York", "US-CA": "America/Los_Angeles" },
    });
    // Handling Sat 6 – Tue 9 in Shanghai (Saturdays worked), handed over at 23:00 the day before in LA.
    expect(naive).toMatchObject({ kind: "window", window: { earliest: "2025-12-12", latest: "2025-12-19" } });
    expect(zoned).toMatchObject({ kind: "window", window: { earliest: "2025-12-12", latest: "2025-12-18" } });
  });

  it("adds a destination country's own carrier holidays, for that country only", () => {
    const byCountry = { FR: ["2025-12-04"] };
    const france = view({ lines: [line("a", promiseOf(PARIS))], carrierHolidaysByCountry: byCountry });
    const belgium = view({ lines: [line("a", promiseOf(PARIS))], destination: { countryCode: "BE" }, carrierHolidaysByCountry: byCountry });
    // Without the holiday France gets Tue 2 – Thu 4; Thursday 4 is not a delivery day there.
    expect(france).toMatchObject({ window: { earliest: "2025-12-02", latest: "2025-12-05" } });
    // Belgium keeps Thursday (it would read Wed 3 – Mon 8 with France's holiday).
    expect(belgium).toMatchObject({ window: { earliest: "2025-12-03", latest: "2025-12-05" } });
  });

  it("tries the suppliers in a destination country's own published order", () => {
    const both = promiseOf({ ...PARIS, id: "paris" }, { ...SHENZHEN, id: "shenzhen" });
    // Shenzhen first for France: handed over Tue 2 – Thu 4, 6–10 carrier days.
    expect(view({ lines: [line("a", { ...both, ro: { FR: [1, 0] } })] })).toMatchObject({ window: { earliest: "2025-12-10" } });
    // Another country's order leaves France's alone: Paris first.
    expect(view({ lines: [line("a", { ...both, ro: { BE: [1, 0] } })] })).toMatchObject({ window: { earliest: "2025-12-02" } });
  });

  it("says when it ships while a supplier's delivery date is not trustworthy, in English and French", () => {
    const shipsIn: SupplierPromiseData = { ...PARIS, id: "paris", si: [3, 6] };
    const en = view({ lines: [line("a", promiseOf(shipsIn))] });
    expect(en).toMatchObject({ kind: "ships_in", text: "Ships in 3–6 business days", days: { min: 3, max: 6 } });
    expect(en).not.toHaveProperty("others");
    const fr = view({ lines: [line("a", promiseOf(shipsIn))], locale: "fr" });
    expect(fr?.text).toBe("Expédition sous 3 à 6 jours ouvrés");
    expect(view({ lines: [line("a", promiseOf({ ...shipsIn, si: [0, 1] }))] })?.text).toBe("Ships within 1 business day");
    expect(view({ lines: [line("a", promiseOf({ ...shipsIn, si: [0, 4] }))], locale: "fr" })?.text).toBe("Expédition sous 4 jours ouvrés");
  });

  it("keeps the other lines' window next to a line that ships in X–Y days, the slowest deciding", () => {
    const v = view({
      lines: [
        line("a", promiseOf({ ...PARIS, id: "paris", si: [2, 4] })),
        line("b", promiseOf({ ...SHENZHEN, id: "sz", si: [1, 5] })),
        line("c", promiseOf(PARIS)),
        line("d", null),
      ],
      lateNotices: true,
    });
    if (v?.kind !== "ships_in") throw new Error(`expected ships_in, got ${v?.kind}`);
    expect(v.text).toBe("Ships in 2–5 business days");
    expect(plain(v.others)).toBe("Other items arrive Tue, Dec 2 – Thu, Dec 4");
    expect(v.pending).toBe("1 other item has no delivery estimate yet.");
    expect(v.lateNotice).toBeDefined();
  });
});
