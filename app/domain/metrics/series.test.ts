import { describe, expect, it } from "vitest";
import type { FulfillmentRecord } from "./definitions";
import { monitorMetric, segmentLabel } from "./monitor";
import { dailySeries, dayOf, nextDay } from "./series";

const H = 3_600_000;
const day = (d: number, hour = 12) => Date.UTC(2026, 2, d, hour);

const order = (supplierId: string, createdAt: number, confirmHours: number, over: Partial<FulfillmentRecord> = {}) => ({
  orderId: `${supplierId}-${createdAt}-${confirmHours}`,
  supplierId,
  sku: "S1",
  channel: "web",
  region: "EU",
  orderCreatedAt: createdAt,
  confirmedAt: createdAt + confirmHours * H,
  ...over,
});

describe("dayOf and nextDay", () => {
  it("cuts days in the given time zone", () => {
    const lateEvening = Date.UTC(2026, 2, 10, 23, 30);
    expect(dayOf(lateEvening)).toBe("2026-03-10");
    expect(dayOf(lateEvening, "Europe/Paris")).toBe("2026-03-11");
    expect(dayOf(Date.UTC(2026, 2, 11, 3), "America/Los_Angeles")).toBe("2026-03-10");
  });

  it("steps over month ends and leap days", () => {
    expect(nextDay("2026-02-28")).toBe("2026-03-01");
    expect(nextDay("2028-02-28")).toBe("2028-02-29");
  });
});

describe("dailySeries", () => {
  it("takes each day's median duration and fills days without orders", () => {
    const records = [order("A", day(1), 2), order("A", day(1, 15), 4), order("A", day(1, 16), 30), order("A", day(3), 5)];
    expect(dailySeries(records, "orderToConfirmation")).toEqual([
      { day: "2026-03-01", value: 4 * H, n: 3 },
      { day: "2026-03-02", value: null, n: 0 },
      { day: "2026-03-03", value: 5 * H, n: 1 },
    ]);
  });

  it("gives a rate per day with its denominator, over a chosen range", () => {
    const records = [order("A", day(2), 1, { cancelled: true }), order("A", day(2), 1), order("A", day(2), 1), order("A", day(2), 1)];
    expect(dailySeries(records, "cancellationRate", { fromDay: "2026-03-01", toDay: "2026-03-02" })).toEqual([
      { day: "2026-03-01", value: null, n: 0 },
      { day: "2026-03-02", value: 0.25, n: 4 },
    ]);
  });

  it("is empty without records", () => {
    expect(dailySeries([], "orderToShip")).toEqual([]);
  });
});

describe("monitorMetric", () => {
  // Supplier A confirms in ~5 h, then slips to 12 h for the last three days; B stays steady.
  const steady = [5, 6, 4, 5, 6, 5, 4, 6, 5, 5, 6, 4, 5, 5];
  const records: FulfillmentRecord[] = [
    ...[...steady, 12, 12.5, 13].map((hours, i) => order("A", day(i + 1), hours)),
    ...[...steady, 5, 6, 5].map((hours, i) => order("B", day(i + 1), hours)),
  ];

  it("alerts on the supplier whose confirmation time drifted, not on the other", () => {
    const segments = monitorMetric(records, "orderToConfirmation", { groupBy: ["supplierId"] });
    expect(segments.map((s) => s.key)).toEqual([{ supplierId: "A" }, { supplierId: "B" }]);
    const [a, b] = segments;
    expect(b?.signals).toEqual([]);
    expect(a?.signals.map((s) => s.rule)).toContain("run");
    const run = a?.signals.find((s) => s.rule === "run");
    expect(run?.day).toBe("2026-03-17");
    expect(run?.message).toMatch(
      /^Order-to-confirmation time for supplier A has been above .* for 3 consecutive days \(2026-03-15 to 2026-03-17: 12\.0 h, 12\.5 h, 13\.0 h\)/,
    );
  });

  it("applies a merchant threshold across suppliers", () => {
    const segments = monitorMetric(records, "orderToConfirmation", { groupBy: ["supplierId"], threshold: 10 * H });
    const runs = segments.flatMap((s) => s.signals.filter((signal) => signal.rule === "run"));
    expect(runs).toHaveLength(1);
    expect(runs[0]?.message).toContain("above your threshold of 10.0 h");
  });

  it("labels segments in words", () => {
    expect(segmentLabel("cancellationRate", { supplierId: "A", region: "EU" })).toBe("Cancellation rate for supplier A, region EU");
    expect(segmentLabel("orderToShip", {})).toBe("Order-to-ship time");
  });
});
