import { describe, expect, it } from "vitest";
import { accuracyReport, backtest, type DeliveredPromise } from "./accuracy";
import { shipmentFacts, type ShipmentObservation } from "./observations";
import type { SupplierCalendar } from "./types";

describe("accuracyReport", () => {
  const row = (supplierId: string, region: string, deliveredOn: string, serviceLevel = "standard"): DeliveredPromise => ({
    supplierId,
    region,
    serviceLevel,
    promisedEarliest: "2026-03-04",
    promisedLatest: "2026-03-06",
    deliveredOn,
  });
  const report = accuracyReport([
    row("a", "FR", "2026-03-05"),
    row("a", "FR", "2026-03-09"),
    row("a", "US", "2026-03-03", "expedited"),
    row("b", "FR", "2026-03-06"),
  ]);

  it("counts kept, early and late promises overall", () => {
    expect(report.overall).toEqual({ key: "all", promises: 4, kept: 2, early: 1, late: 1, keptShare: 0.5 });
  });

  it("breaks the kept rate down by supplier, region and service level, worst first", () => {
    expect(report.bySupplier.map((r) => [r.key, r.keptShare])).toEqual([
      ["a", 1 / 3],
      ["b", 1],
    ]);
    expect(report.byRegion.map((r) => [r.key, r.promises, r.kept])).toEqual([
      ["US", 1, 0],
      ["FR", 3, 2],
    ]);
    expect(report.byServiceLevel.map((r) => r.key)).toEqual(["expedited", "standard"]);
  });
});

describe("backtest", () => {
  const calendar: SupplierCalendar = { timeZone: "Europe/Paris", cutoff: "14:00", holidays: [] };
  const DAY = 86_400_000;
  // 80 orders, one a day at 09:00 UTC (10:00 in Paris): picked up the next day at 15:00 UTC,
  // delivered 2 days later, every fifth 4 days later.
  const shipments: ShipmentObservation[] = Array.from({ length: 80 }, (_, i) => {
    const orderedAtMs = Date.parse("2026-01-05T09:00:00Z") + i * DAY;
    const pickup = orderedAtMs + DAY + 6 * 3_600_000;
    return {
      supplierId: "s1",
      orderedAtMs,
      countryCode: "FR",
      provinceCode: null,
      parcels: [
        {
          events: [
            { stage: "picked_up", happenedAtMs: pickup },
            { stage: "delivered", happenedAtMs: pickup + (i % 5 === 4 ? 6 : 2) * DAY },
          ],
        },
      ],
    };
  });
  const suppliers = [{ id: "s1", calendar, handling: { min: 1, max: 3 }, coverage: [{ countryCode: "FR", transit: { min: 1, max: 5 } }] }];
  const result = backtest({ facts: shipmentFacts(shipments, new Map([["s1", calendar]])), suppliers, maxPromises: 60 });

  it("replays the most recent delivered orders at every confidence, by supplier and region", () => {
    expect(result.rows.map((r) => [r.supplierId, r.region])).toEqual([["s1", "FR"]]);
    expect(result.overall.map((c) => c.confidence)).toEqual([0.9, 0.95, 0.97, 0.99]);
    for (const c of result.overall) expect(c.promises).toBe(60);
  });

  it("shows the trade-off: a higher confidence keeps at least as many promises with wider windows", () => {
    const [c90, , , c99] = result.overall;
    expect(c99!.keptShare).toBeGreaterThanOrEqual(c90!.keptShare);
    expect(c99!.meanWidth).toBeGreaterThan(c90!.meanWidth);
    expect(c99!.keptShare).toBeGreaterThan(0.9);
  });

  it("only uses what was known when each order was placed: a slower future changes nothing before it", () => {
    const cut = shipments[40]!.orderedAtMs;
    const slowFuture = shipments.map((s, i) =>
      i < 40
        ? s
        : {
            ...s,
            parcels: s.parcels.map((p) => ({ events: p.events.map((e) => (e.stage === "delivered" ? { ...e, happenedAtMs: e.happenedAtMs + 9 * DAY } : e)) })),
          },
    );
    const calendars = new Map([["s1", calendar]]);
    const known = backtest({ facts: shipmentFacts(shipments, calendars), suppliers, placedBeforeMs: cut });
    const other = backtest({ facts: shipmentFacts(slowFuture, calendars), suppliers, placedBeforeMs: cut });
    expect(known.overall[0]!.promises).toBe(40);
    expect(other).toEqual(known);
    // …while the same slower parcels, once known, do change what later orders are promised.
    expect(backtest({ facts: shipmentFacts(slowFuture, calendars), suppliers })).not.toEqual(
      backtest({ facts: shipmentFacts(shipments, calendars), suppliers }),
    );
  });
});
