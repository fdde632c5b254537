import { describe, expect, it } from "vitest";
import { controlLimits, detectSignals } from "./control";
import { seededRandom } from "../../../sim/prng";
import { nextDay, type DailyPoint } from "./series";

/** Consecutive days from 2026-03-01, one per value. */
function series(values: readonly (number | null)[], n: number | readonly number[] = 1): DailyPoint[] {
  let day = "2026-03-01";
  return values.map((value, i) => {
    const point = { day, value, n: typeof n === "number" ? n : (n[i] ?? 0) };
    day = nextDay(day);
    return point;
  });
}

/** Deterministic noise in [-1, 1). */
function noise(seed: number): () => number {
  const random = seededRandom(seed);
  return () => random() * 2 - 1;
}

/** Roughly normal noise with sigma 1 (sum of four uniforms). */
function normal(seed: number): () => number {
  const uniform = noise(seed);
  return () => (uniform() + uniform() + uniform() + uniform()) * Math.sqrt(3 / 4);
}

/** Confirmation hours: 20 h with day-to-day noise of sigma 1 h. */
const noisyHours = (days: number, seed = 2): number[] => {
  const next = normal(seed);
  return Array.from({ length: days }, () => 20 + next());
};

/** A drift of about +2 sigma: past the 1-sigma run line, inside the 3-sigma limit. */
const DRIFT = [22.2, 22.5, 22.1];

describe("controlLimits", () => {
  it("XmR: centre is the baseline mean, sigma the mean moving range / 1.128", () => {
    const limits = controlLimits(series([10, 12, 11, 13, 12, 30]), { chart: "xmr", baselinePoints: 5 });
    expect(limits?.center).toBeCloseTo(11.6, 10);
    const point = limits?.points[5];
    expect(point?.sigma).toBeCloseTo(1.5 / 1.128, 10);
    expect(point?.ucl).toBeCloseTo(11.6 + (3 * 1.5) / 1.128, 10);
    expect(point?.lcl).toBeCloseTo(11.6 - (3 * 1.5) / 1.128, 10);
  });

  it("p-chart: limits from the pooled baseline rate, wider on days with fewer orders", () => {
    const rates = series([0.02, 0.03, 0.02, 0.01, 0.02, 0.08, 0.08], [100, 100, 100, 100, 100, 100, 25]);
    const limits = controlLimits(rates, { chart: "p", baselinePoints: 5 });
    expect(limits?.center).toBeCloseTo(0.02, 12);
    expect(limits?.points[5]?.ucl).toBeCloseTo(0.02 + 3 * Math.sqrt((0.02 * 0.98) / 100), 12);
    expect(limits?.points[6]?.ucl).toBeCloseTo(0.02 + 3 * Math.sqrt((0.02 * 0.98) / 25), 12);
    expect(limits?.points[5]?.lcl).toBe(0);
  });

  it("has no limits without enough baseline days with data", () => {
    expect(controlLimits(series([1, null, 2, null, 3, 4, 5, 6]), { chart: "xmr", baselinePoints: 5 })).toBeNull();
  });
});

describe("detectSignals", () => {
  const hours = (value: number) => `${value.toFixed(1)} h`;
  const options = { chart: "xmr" as const, label: "Order-to-confirmation time for supplier Acme", format: hours };

  it("fires on the third day of a drift, once, and names the days", () => {
    const values = [...noisyHours(21), ...DRIFT];
    const signals = detectSignals(series(values), { ...options, baselinePoints: 21 });
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({
      rule: "run",
      day: "2026-03-24",
      days: ["2026-03-22", "2026-03-23", "2026-03-24"],
    });
    expect(signals[0]?.message).toMatch(
      /^Order-to-confirmation time for supplier Acme has been above \d+\.\d h for 3 consecutive days \(2026-03-22 to 2026-03-24: 22\.2 h, 22\.5 h, 22\.1 h\); it is usually 20\.1 h\.$/,
    );
  });

  it("does not fire after only two days of the drift", () => {
    const values = [...noisyHours(21), 22.2, 22.5];
    expect(detectSignals(series(values), { ...options, baselinePoints: 21 })).toEqual([]);
  });

  it("does not fire on a month of noise", () => {
    for (const seed of [1, 2, 3, 4, 5]) expect(detectSignals(series(noisyHours(30, seed)), options)).toEqual([]);
  });

  it("keeps false alarms rare and catches most drifts by their third day (200 seeded months)", () => {
    const seeds = Array.from({ length: 200 }, (_, i) => i + 1);
    const falseAlarms = (runSigma?: number) =>
      seeds.filter((seed) => detectSignals(series(noisyHours(30, seed)), { ...options, runSigma }).length > 0).length / seeds.length;
    const caught = seeds.filter((seed) =>
      detectSignals(series([...noisyHours(21, seed), 22, 22, 22]), { ...options, baselinePoints: 21 }).some((signal) => signal.day === "2026-03-24"),
    ).length;
    // The run rule at 1 sigma trades some false alarms for sensitivity; 1.5 sigma is far quieter.
    expect(falseAlarms()).toBeLessThan(0.15);
    expect(falseAlarms(1.5)).toBeLessThan(0.04);
    expect(caught / seeds.length).toBeGreaterThan(0.8);
  });

  it("fires on a single day beyond the upper control limit", () => {
    const values = [...noisyHours(21), 35];
    const signals = detectSignals(series(values), { ...options, baselinePoints: 21 });
    expect(signals).toHaveLength(1);
    expect(signals[0]).toMatchObject({ rule: "beyond-limit", day: "2026-03-22", value: 35 });
    expect(signals[0]?.message).toMatch(/was 35\.0 h on 2026-03-22, above its control limit of 2\d\.\d h/);
  });

  it("uses the merchant's threshold for the run rule when given one", () => {
    const values = [20, 21, 25, 26, 19, 25, 25.5, 24.5];
    const signals = detectSignals(series(values), { ...options, threshold: 24, baselinePoints: 5 });
    expect(signals.filter((s) => s.rule === "run").map((s) => s.days)).toEqual([["2026-03-06", "2026-03-07", "2026-03-08"]]);
    expect(signals.find((s) => s.rule === "run")?.message).toContain("above your threshold of 24.0 h for 3 consecutive days");
  });

  it("lets days without orders pass without breaking a run", () => {
    const values = [...noisyHours(21), 22.2, null, 22.5, 22.1];
    const signals = detectSignals(series(values), { ...options, baselinePoints: 21 });
    expect(signals.map((s) => s.days)).toEqual([["2026-03-22", "2026-03-24", "2026-03-25"]]);
  });

  it("watches a rate whose drop is bad (acceptance) from below", () => {
    const accepted = [0.95, 0.96, 0.94, 0.95, 0.97, 0.95, 0.96, 0.9, 0.89, 0.9];
    const signals = detectSignals(series(accepted, 200), {
      chart: "p",
      worse: "lower",
      baselinePoints: 7,
      label: "Acceptance",
    });
    expect(signals.map((s) => [s.rule, s.day])).toEqual([
      ["beyond-limit", "2026-03-08"],
      ["beyond-limit", "2026-03-09"],
      ["beyond-limit", "2026-03-10"],
      ["run", "2026-03-10"],
    ]);
    expect(signals.at(-1)?.message).toMatch(/^Acceptance has been below /);
  });

  it("flags a cancellation rate that creeps up for three days without crossing the limit", () => {
    const rates = series([0.02, 0.03, 0.02, 0.01, 0.02, 0.015, 0.025, 0.05, 0.055, 0.05], 100);
    const signals = detectSignals(rates, { chart: "p", baselinePoints: 7 });
    expect(signals.map((s) => [s.rule, s.day])).toEqual([["run", "2026-03-10"]]);
  });

  it("is deterministic", () => {
    const values = series([...noisyHours(21), ...DRIFT]);
    expect(detectSignals(values, options)).toEqual(detectSignals(values, options));
  });
});
