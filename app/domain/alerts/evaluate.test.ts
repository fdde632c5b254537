import { describe, expect, it } from "vitest";
import type { DailyPoint } from "../metrics/series";
import { addDays } from "../promise/dates";
import { BASELINE_DAYS, planAlerts, type AlertDimension, type NewAlert, type SegmentSeries } from "./evaluate";
import { defaultThresholds, type AlertThresholds } from "./thresholds";
import type { MetricName } from "../metrics/definitions";

const HOUR = 3_600_000;
const START = "2026-03-01";

/** A day per value from START; n orders each day (null = a day without orders). */
function points(values: readonly (number | null)[], n = 20): DailyPoint[] {
  return values.map((value, i) => ({ day: addDays(START, i), value, n: value === null ? 0 : n }));
}

/** A calm baseline of confirmation hours around 20 h (deterministic wiggle of ±1 h). */
const calmHours = (days: number): number[] => Array.from({ length: days }, (_, i) => (20 + [0, 1, -1, 0.5, -0.5][i % 5]!) * HOUR);

function segment(metric: MetricName, series: readonly DailyPoint[], dimension: AlertDimension = "all", segmentId = ""): SegmentSeries {
  return { metric, dimension, segment: segmentId, label: `${metric} ${segmentId}`.trim(), series };
}

interface Stored extends NewAlert {
  readonly id: number;
  status: "open" | "closed";
  closedReason?: string;
}

/** The alert table a job would keep: evaluates the series as it was on each day and applies each plan. */
class AlertStore {
  rows: Stored[] = [];
  private next = 1;
  constructor(private readonly thresholds: AlertThresholds = defaultThresholds()) {}

  get open(): Stored[] {
    return this.rows.filter((r) => r.status === "open");
  }

  /** Evaluates every day from `fromIndex` (inclusive) to the end of the full series. */
  replay(full: readonly DailyPoint[], metric: MetricName, fromIndex: number, dimension: AlertDimension = "all", segmentId = ""): void {
    for (let end = fromIndex; end < full.length; end++) {
      const window = full.slice(Math.max(0, end + 1 - (BASELINE_DAYS + 7)), end + 1);
      this.apply([segment(metric, window, dimension, segmentId)]);
    }
  }

  apply(segments: readonly SegmentSeries[]): void {
    const plan = planAlerts(segments, this.open, this.thresholds);
    for (const { alert, reason } of plan.close) Object.assign(alert, { status: "closed", closedReason: reason });
    for (const alert of plan.open) this.rows.push({ ...alert, id: this.next++, status: "open" });
  }
}

describe("control-limit alerts", () => {
  it("opens once when a channel's cancellation rate jumps above its p-chart limit, and closes after two days back in control", () => {
    // 2% cancelled on 50 orders a day, then one day at 30%, then calm again.
    const rates = [...Array.from({ length: 30 }, () => 0.02), 0.3, 0.3, 0.02, 0.02, 0.02];
    const series = points(rates, 50);
    const store = new AlertStore();
    store.replay(series, "cancellationRate", 29, "channel", "pos");
    expect(store.rows.map((r) => ({ rule: r.rule, day: r.day, status: r.status }))).toEqual([
      { rule: "control_limit", day: addDays(START, 30), status: "closed" },
    ]);
    const [alert] = store.rows;
    expect(alert!.value).toBeCloseTo(0.3, 10);
    // p-chart: centre 2%, sigma = sqrt(.02·.98/50) ≈ 1.98% → UCL ≈ 7.94%.
    expect(alert!.limit).toBeCloseTo(0.02 + 3 * Math.sqrt((0.02 * 0.98) / 50), 10);
    expect(alert!.message).toContain("above its control limit of 7.9%");
    // The second 30% day kept the alert open (no second alert); day 32 was one good day; day 33 closed it.
    expect(alert!.closedReason).toBe(`Back in control: 2 days in a row (last ${addDays(START, 33)}).`);
  });

  it("keeps an alert open after a single good day (recovery needs the configured number of days)", () => {
    const series = points([...Array.from({ length: 30 }, () => 0.02), 0.3, 0.02], 50);
    const store = new AlertStore();
    store.replay(series, "cancellationRate", 29);
    expect(store.open).toHaveLength(1);
  });

  it("opens a new alert when the metric breaks out again after closing", () => {
    const series = points([...Array.from({ length: 30 }, () => 0.02), 0.3, 0.02, 0.02, 0.02, 0.3], 50);
    const store = new AlertStore();
    store.replay(series, "cancellationRate", 29);
    expect(store.rows.map((r) => [r.day, r.status])).toEqual([
      [addDays(START, 30), "closed"],
      [addDays(START, 34), "open"],
    ]);
  });

  it("confirmation time over 24 h three days running opens one threshold alert, not on the second day", () => {
    const hours = [...calmHours(30), 26 * HOUR, 27 * HOUR];
    const store = new AlertStore();
    store.replay(points(hours), "orderToConfirmation", 29);
    expect(store.rows.filter((r) => r.rule === "threshold_run")).toEqual([]);
    const longer = points([...hours, 26.5 * HOUR, 28 * HOUR, 30 * HOUR]);
    store.replay(longer, "orderToConfirmation", 32);
    const runs = store.rows.filter((r) => r.rule === "threshold_run");
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      status: "open",
      day: addDays(START, 32),
      days: [addDays(START, 30), addDays(START, 31), addDays(START, 32)],
      limit: 24 * HOUR,
    });
    expect(runs[0]!.message).toContain("above your threshold of 24.0 h for 3 consecutive days");
  });

  it("days without orders neither break a run nor close an alert", () => {
    const hours = [...calmHours(30), 26 * HOUR, null, 27 * HOUR, 25 * HOUR, null, 20 * HOUR, null];
    const store = new AlertStore();
    store.replay(points(hours), "orderToConfirmation", 29);
    const run = store.rows.find((r) => r.rule === "threshold_run");
    expect(run).toMatchObject({ days: [addDays(START, 30), addDays(START, 32), addDays(START, 33)], status: "open" });
  });

  it("uses the merchant's threshold and run length", () => {
    const thresholds: AlertThresholds = {
      ...defaultThresholds(),
      metrics: { ...defaultThresholds().metrics, orderToConfirmation: { enabled: true, threshold: 21.5, runLength: 2 } },
    };
    const store = new AlertStore(thresholds);
    store.replay(points([...calmHours(30), 22 * HOUR, 22 * HOUR]), "orderToConfirmation", 29);
    expect(store.rows.filter((r) => r.rule === "threshold_run").map((r) => r.limit)).toEqual([21.5 * HOUR]);
  });

  it("a lower-is-worse rate alerts below its limit (acceptance drops)", () => {
    const store = new AlertStore();
    store.replay(points([...Array.from({ length: 30 }, () => 0.97), 0.6], 40), "acceptanceRate", 29);
    expect(store.rows.map((r) => r.rule)).toContain("control_limit");
    expect(store.rows.find((r) => r.rule === "control_limit")!.message).toContain("below its control limit");
  });

  it("a disabled metric raises nothing and closes what was open", () => {
    const series = points([...Array.from({ length: 30 }, () => 0.02), 0.3], 50);
    const store = new AlertStore();
    store.replay(series, "cancellationRate", 30);
    expect(store.open).toHaveLength(1);
    const off: AlertThresholds = {
      ...defaultThresholds(),
      metrics: { ...defaultThresholds().metrics, cancellationRate: { enabled: false, threshold: null, runLength: 3 } },
    };
    const plan = planAlerts([segment("cancellationRate", series)], store.open, off);
    expect(plan.open).toEqual([]);
    expect(plan.close.map((c) => c.reason)).toEqual(["Alerts for this metric or rule were turned off."]);
  });

  it("judges a SKU only with enough volume", () => {
    const rates = [...Array.from({ length: 30 }, () => 0), 1];
    const thin = planAlerts([segment("cancellationRate", points(rates, 1), "sku", "MUG")], [], defaultThresholds());
    expect(thin.open).toEqual([]);
    const busy = planAlerts([segment("cancellationRate", points(rates, 5), "sku", "MUG")], [], defaultThresholds());
    expect(busy.open.map((a) => [a.segment, a.rule])).toEqual([["MUG", "control_limit"]]);
  });

  it("does not judge control limits on too short a baseline", () => {
    const plan = planAlerts([segment("cancellationRate", points([0.02, 0.02, 0.3], 50))], [], defaultThresholds());
    expect(plan.open.filter((a) => a.rule === "control_limit")).toEqual([]);
  });
});
