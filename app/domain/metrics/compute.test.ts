import { describe, expect, it } from "vitest";
import { computeMetric, computeScorecard, metricOf } from "./compute";
import { formatMetricValue, type FulfillmentRecord } from "./definitions";

const H = 3_600_000;
const T0 = Date.UTC(2026, 3, 1, 10);
const NOW = T0 + 72 * H;

const base = { channel: "web", region: "EU", orderCreatedAt: T0 } as const;

/** Five purchase-order lines, small enough to check every metric by hand. */
const records: FulfillmentRecord[] = [
  // On time: acknowledged 1 h, confirmed 2 h, shipped 24 h (promise 48 h), tracking 2 h later.
  {
    ...base,
    orderId: "o1",
    supplierId: "A",
    sku: "S1",
    accepted: true,
    acknowledgedAt: T0 + 1 * H,
    confirmedAt: T0 + 2 * H,
    shippedAt: T0 + 24 * H,
    trackingUploadedAt: T0 + 26 * H,
    promisedShipBy: T0 + 48 * H,
  },
  // Late: shipped at 60 h against a 48 h promise; tracking 1 h later; a parcel exception.
  {
    ...base,
    orderId: "o2",
    supplierId: "A",
    sku: "S2",
    region: "US",
    accepted: true,
    acknowledgedAt: T0 + 3 * H,
    confirmedAt: T0 + 6 * H,
    shippedAt: T0 + 60 * H,
    trackingUploadedAt: T0 + 61 * H,
    promisedShipBy: T0 + 48 * H,
    exception: true,
  },
  // Declined for a stockout and cancelled: out of the on-time rate.
  {
    ...base,
    orderId: "o3",
    supplierId: "B",
    sku: "S1",
    channel: "pos",
    accepted: false,
    cancelled: true,
    stockout: true,
    promisedShipBy: T0 + 48 * H,
  },
  // Confirmed after 10 h, still not shipped at 72 h against a 48 h promise: late.
  {
    ...base,
    orderId: "o4",
    supplierId: "B",
    sku: "S3",
    accepted: true,
    acknowledgedAt: T0 + 1 * H,
    confirmedAt: T0 + 10 * H,
    promisedShipBy: T0 + 48 * H,
  },
  // Undecided; its confirmation is stamped before the order (bad clock); not due until 96 h.
  {
    ...base,
    orderId: "o5",
    supplierId: "A",
    sku: "S1",
    confirmedAt: T0 - 1 * H,
    promisedShipBy: T0 + 96 * H,
  },
];

describe("metricOf — each metric on a hand-made dataset", () => {
  it("order-to-acknowledgement: median and tail", () => {
    const result = metricOf("orderToAcknowledgement", records);
    expect(result).toMatchObject({ kind: "duration", count: 3, median: 1 * H, invalid: 0 });
    expect(result.kind === "duration" && result.p90).toBeCloseTo(2.6 * H, 3);
    expect(result.kind === "duration" && result.mean).toBeCloseTo((5 / 3) * H, 3);
  });

  it("order-to-confirmation leaves out (and counts) a negative duration", () => {
    const result = metricOf("orderToConfirmation", records);
    expect(result).toMatchObject({ kind: "duration", count: 3, median: 6 * H, mean: 6 * H, invalid: 1 });
    expect(result.kind === "duration" && result.p90).toBeCloseTo(9.2 * H, 3);
  });

  it("order-to-ship covers shipped orders only", () => {
    const result = metricOf("orderToShip", records);
    expect(result).toMatchObject({ count: 2, median: 42 * H });
    expect(result.kind === "duration" && result.p90).toBeCloseTo(56.4 * H, 3);
  });

  it("tracking-upload latency runs from shipment to tracking", () => {
    expect(metricOf("trackingUploadLatency", records)).toMatchObject({ count: 2, median: 1.5 * H, mean: 1.5 * H });
  });

  it("acceptance rate counts decided orders only", () => {
    expect(metricOf("acceptanceRate", records)).toEqual({ kind: "rate", numerator: 3, denominator: 4, rate: 0.75 });
  });

  it("cancellation, stockout and exception rates count every order", () => {
    for (const metric of ["cancellationRate", "stockoutRate", "exceptionRate"] as const) {
      expect(metricOf(metric, records)).toEqual({ kind: "rate", numerator: 1, denominator: 5, rate: 0.2 });
    }
  });

  it("on-time ship rate counts unshipped orders as late once their promise has passed", () => {
    expect(metricOf("onTimeShipRate", records, { nowMs: NOW })).toMatchObject({ numerator: 1, denominator: 3 });
    // Without a clock, an unshipped order cannot be judged yet.
    expect(metricOf("onTimeShipRate", records)).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it("has null statistics when nothing can be measured", () => {
    expect(metricOf("orderToShip", [])).toMatchObject({ count: 0, median: null });
    expect(metricOf("acceptanceRate", [])).toMatchObject({ denominator: 0, rate: null });
  });
});

describe("computeMetric — grouping", () => {
  it("segments by supplier", () => {
    expect(computeMetric(records, "orderToConfirmation", { groupBy: ["supplierId"] })).toEqual([
      { key: { supplierId: "A" }, result: { kind: "duration", count: 2, median: 4 * H, p90: 5.6 * H, mean: 4 * H, invalid: 1 } },
      { key: { supplierId: "B" }, result: { kind: "duration", count: 1, median: 10 * H, p90: 10 * H, mean: 10 * H, invalid: 0 } },
    ]);
    expect(computeMetric(records, "acceptanceRate", { groupBy: ["supplierId"] }).map((g) => g.result)).toEqual([
      { kind: "rate", numerator: 2, denominator: 2, rate: 1 },
      { kind: "rate", numerator: 1, denominator: 2, rate: 0.5 },
    ]);
  });

  it("segments by several dimensions, in key order", () => {
    const groups = computeMetric(records, "cancellationRate", { groupBy: ["supplierId", "region"] });
    expect(groups.map((g) => [g.key, g.result.kind === "rate" ? g.result.denominator : 0])).toEqual([
      [{ supplierId: "A", region: "EU" }, 2],
      [{ supplierId: "A", region: "US" }, 1],
      [{ supplierId: "B", region: "EU" }, 2],
    ]);
  });

  it("segments by SKU and by channel", () => {
    expect(computeMetric(records, "stockoutRate", { groupBy: ["sku"] }).map((g) => g.key.sku)).toEqual(["S1", "S2", "S3"]);
    const byChannel = computeMetric(records, "stockoutRate", { groupBy: ["channel"] });
    expect(byChannel.map((g) => [g.key.channel, g.result.kind === "rate" && g.result.rate])).toEqual([
      ["pos", 1],
      ["web", 0],
    ]);
  });

  it("gives one overall group without groupBy, and a full scorecard per group", () => {
    expect(computeMetric(records, "exceptionRate")).toHaveLength(1);
    const scorecard = computeScorecard(records, { groupBy: ["supplierId"], nowMs: NOW });
    expect(scorecard.map((g) => g.key)).toEqual([{ supplierId: "A" }, { supplierId: "B" }]);
    expect(scorecard[1]?.result.onTimeShipRate).toEqual({ kind: "rate", numerator: 0, denominator: 1, rate: 0 });
    expect(Object.keys(scorecard[0]?.result ?? {})).toHaveLength(10);
  });
});

describe("formatMetricValue", () => {
  it("shows durations in hours and rates in percent", () => {
    expect(formatMetricValue("orderToConfirmation", 26.5 * H)).toBe("26.5 h");
    expect(formatMetricValue("cancellationRate", 0.042)).toBe("4.2%");
  });
});
