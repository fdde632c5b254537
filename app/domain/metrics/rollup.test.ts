import { describe, expect, it } from "vitest";
import type { FulfillmentRecord } from "./definitions";
import { RELATIVE_ERROR } from "./histogram";
import { rollupDay, summarizePeriod, WISMO_METRIC, type MetricDayRow } from "./rollup";

const H = 3_600_000;
const D1 = Date.UTC(2026, 2, 2, 9);
const D2 = Date.UTC(2026, 2, 3, 9);
const NOW = Date.UTC(2026, 2, 20);

const line = (orderId: string, at: number, fields: Partial<FulfillmentRecord>): FulfillmentRecord => ({
  orderId,
  supplierId: "A",
  sku: "MUG",
  channel: "web",
  region: "US-WA",
  orderCreatedAt: at,
  ...fields,
});

/** Two days of five lines; every number below is counted by hand. */
const day1 = [
  line("o1", D1, {
    accepted: true,
    confirmedAt: D1 + 2 * H,
    shippedAt: D1 + 20 * H,
    promisedShipBy: D1 + 24 * H,
    deliveredAt: D1 + 60 * H,
    promisedDeliveryBy: D1 + 72 * H,
  }),
  line("o2", D1, {
    accepted: true,
    confirmedAt: D1 + 4 * H,
    shippedAt: D1 + 30 * H,
    promisedShipBy: D1 + 24 * H,
    deliveredAt: D1 + 90 * H,
    promisedDeliveryBy: D1 + 72 * H,
  }),
  line("o3", D1, { supplierId: "B", channel: "pos", accepted: false, stockout: true }),
];
const day2 = [
  line("o4", D2, { accepted: true, confirmedAt: D2 + 6 * H, shippedAt: D2 + 10 * H, promisedShipBy: D2 + 24 * H, promisedDeliveryBy: D2 + 72 * H }),
  line("o5", D2, { supplierId: "B", accepted: true, confirmedAt: D2 + 8 * H, promisedShipBy: D2 + 24 * H, cancelled: false, exception: true }),
];

const find = (rows: readonly MetricDayRow[], metric: string, dimension = "all", segment = "") =>
  rows.find((r) => r.metric === metric && r.dimension === dimension && r.segment === segment);

describe("daily rollup", () => {
  const rows1 = rollupDay("2026-03-02", day1, [{ orderId: "o1", channel: "web", region: "US-WA" }], { nowMs: NOW });
  const rows2 = rollupDay("2026-03-03", day2, [], { nowMs: NOW });

  it("counts rates with their n, overall and per segment", () => {
    expect(find(rows1, "acceptanceRate")).toMatchObject({ n: 3, numerator: 2 });
    expect(find(rows1, "acceptanceRate", "supplierId", "B")).toMatchObject({ n: 1, numerator: 0, value: 0 });
    expect(find(rows1, "stockoutRate", "channel", "pos")).toMatchObject({ n: 1, numerator: 1, value: 1 });
    // o1 shipped at 20 h of 24, o2 at 30 h: one of two on time; o3 has no promise.
    expect(find(rows1, "onTimeShipRate")).toMatchObject({ n: 2, numerator: 1, value: 0.5 });
    // o1 delivered at 60 h of 72, o2 at 90 h.
    expect(find(rows1, "promiseKeptRate")).toMatchObject({ n: 2, numerator: 1 });
    // o5 never shipped and its promise passed before NOW: late. o4 is undelivered past its window:
    // broken; o5 has no delivery promise, so it does not count.
    expect(find(rows2, "onTimeShipRate")).toMatchObject({ n: 2, numerator: 1 });
    expect(find(rows2, "promiseKeptRate")).toMatchObject({ n: 1, numerator: 0 });
  });

  it("keeps durations mergeable: n, sum and a histogram whose median is within the stated error", () => {
    const row = find(rows1, "orderToConfirmation")!;
    expect(row).toMatchObject({ n: 2, sumMs: 6 * H });
    expect(Math.abs(row.value! - 3 * H) / (3 * H)).toBeLessThanOrEqual(RELATIVE_ERROR);
  });

  it("merges days into the period's median, p90, mean and rate", () => {
    const confirmation = summarizePeriod("orderToConfirmation", [find(rows1, "orderToConfirmation")!, find(rows2, "orderToConfirmation")!]);
    // 2, 4, 6, 8 h: median 5 h, p90 7.4 h, mean 5 h.
    expect(confirmation.n).toBe(4);
    expect(confirmation.mean).toBe(5 * H);
    expect(Math.abs(confirmation.median! - 5 * H) / (5 * H)).toBeLessThanOrEqual(RELATIVE_ERROR);
    expect(Math.abs(confirmation.p90! - 7.4 * H) / (7.4 * H)).toBeLessThanOrEqual(RELATIVE_ERROR);
    const acceptance = summarizePeriod("acceptanceRate", [find(rows1, "acceptanceRate")!, find(rows2, "acceptanceRate")!]);
    expect(acceptance).toMatchObject({ n: 5, numerator: 4, rate: 0.8 });
    expect(summarizePeriod("exceptionRate", [find(rows2, "exceptionRate")!]).rate).toBe(0.5);
  });

  it("counts WISMO contacts against the day's orders", () => {
    expect(find(rows1, WISMO_METRIC)).toMatchObject({ n: 3, numerator: 1 });
    expect(find(rows1, WISMO_METRIC, "channel", "pos")).toMatchObject({ n: 1, numerator: 0 });
    expect(find(rows1, WISMO_METRIC, "supplierId", "A")).toBeUndefined();
    expect(find(rows2, WISMO_METRIC)).toMatchObject({ n: 2, numerator: 0, value: 0 });
  });

  it("leaves a metric out of a day where no record counts", () => {
    expect(find(rows1, "trackingUploadLatency")).toBeUndefined();
  });
});
