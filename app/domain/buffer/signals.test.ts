import { describe, expect, it } from "vitest";
import { MS_PER_DAY, oversellRate, staleCadences, velocity } from "./signals";

const NOW = Date.UTC(2026, 3, 10, 12);

describe("velocity", () => {
  it("averages units over the whole window, not over the days that had sales", () => {
    const events = [
      { atMs: NOW - 1 * MS_PER_DAY, quantity: 3 },
      { atMs: NOW - 2 * MS_PER_DAY, quantity: 4 },
    ];
    expect(velocity(events, NOW, 7)).toBe(1);
  });

  it("ignores sales before the window, after now, and non-positive lines", () => {
    const events = [
      { atMs: NOW - 7 * MS_PER_DAY, quantity: 100 }, // exactly at the window start: out
      { atMs: NOW - 7 * MS_PER_DAY + 1, quantity: 7 },
      { atMs: NOW + 1, quantity: 50 },
      { atMs: NOW, quantity: 0 },
      { atMs: NOW, quantity: -3 },
    ];
    expect(velocity(events, NOW, 7)).toBe(1);
  });

  it("is 0 without sales and refuses a non-positive window", () => {
    expect(velocity([], NOW, 14)).toBe(0);
    expect(() => velocity([], NOW, 0)).toThrow(/Sales window must be positive/);
  });
});

describe("staleCadences", () => {
  const cadenceMs = 4 * 3_600_000;

  it("measures feed age in cadences", () => {
    expect(staleCadences({ lastGoodUpdateAtMs: NOW - cadenceMs, cadenceMs }, NOW)).toBe(1);
    expect(staleCadences({ lastGoodUpdateAtMs: NOW - 3 * cadenceMs, cadenceMs }, NOW)).toBe(3);
  });

  it("treats a never-updated feed as infinitely stale and a future stamp as fresh", () => {
    expect(staleCadences({ lastGoodUpdateAtMs: null, cadenceMs }, NOW)).toBe(Number.POSITIVE_INFINITY);
    expect(staleCadences({ lastGoodUpdateAtMs: NOW + 60_000, cadenceMs }, NOW)).toBe(0);
  });

  it("refuses a feed without a positive cadence", () => {
    expect(() => staleCadences({ lastGoodUpdateAtMs: NOW, cadenceMs: 0 }, NOW)).toThrow(/cadence must be positive/);
  });
});

describe("oversellRate", () => {
  it("is incidents per order once the sample is large enough", () => {
    expect(oversellRate({ incidents: 3, orders: 60 }, 20)).toBe(0.05);
  });

  it("counts at least the minimum number of orders and never exceeds 1", () => {
    expect(oversellRate({ incidents: 1, orders: 1 }, 10)).toBe(0.1);
    expect(oversellRate({ incidents: 40, orders: 30 }, 1)).toBe(1);
    expect(oversellRate({ incidents: 0, orders: 0 }, 20)).toBe(0);
  });
});
