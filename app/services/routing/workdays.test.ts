import { describe, expect, it } from "vitest";
import { workdaysOf } from "./inputs";

describe("workdaysOf (Supplier.workingDays reaches the promise and routing)", () => {
  it("reads the stored JSON list", () => {
    expect(workdaysOf("[1,2,3,4,5,6]")).toEqual([1, 2, 3, 4, 5, 6]);
    expect(workdaysOf([6, 1, 1])).toEqual([1, 6]);
  });
  it("falls back to Monday–Friday when unreadable or empty", () => {
    expect(workdaysOf("not json")).toEqual([1, 2, 3, 4, 5]);
    expect(workdaysOf("[]")).toEqual([1, 2, 3, 4, 5]);
    expect(workdaysOf("[0,8]")).toEqual([1, 2, 3, 4, 5]);
  });
});

describe("withPublishedPromises (routing reads what checkout reads)", () => {
  it("gives each supplier its published promise data and every supplier the shop's carrier holidays", async () => {
    const { withPublishedPromises } = await import("./inputs");
    const { NEUTRAL_PERFORMANCE } = await import("~/domain/routing");
    const supplier = (id: string) => ({
      id,
      name: id,
      status: "active" as const,
      calendar: { timeZone: "Europe/Paris", cutoff: "14:00", holidays: [] },
      serviceTier: { tier: "48_hour" as const, handling: { min: 1, max: 2 } },
      coverage: [],
      costs: { dropshipFee: 0, shippingCostByRegion: [] },
      feedCadenceMs: 0,
      performance: NEUTRAL_PERFORMANCE,
    });
    const data = { id: "a", tz: "Europe/Paris", cutoff: "14:00", wd: [1, 2, 3, 4, 5], hol: [], handling: [1, 2] as const, coverage: [], cov: 900 };
    const request = withPublishedPromises(
      {
        order: { id: "o", lines: [], destination: { countryCode: "FR" }, channel: "web", serviceLevel: "standard", basketValue: 0, nowMs: 0 },
        suppliers: [supplier("a"), supplier("b")],
        offers: [],
      },
      new Map([["a", data]]),
      ["2026-12-25"],
    );
    expect(request.suppliers.map((s) => [s.id, s.published?.cov ?? null, s.carrierHolidays])).toEqual([
      ["a", 900, ["2026-12-25"]],
      ["b", null, ["2026-12-25"]],
    ]);
  });
});
