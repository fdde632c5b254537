import { describe, expect, it } from "vitest";
import { simulatePromiseAccuracy, type AccuracySummary } from "./simulate";

const sane = (s: AccuracySummary): void => {
  for (const share of [s.insideShare, s.lateShare, s.earlyShare]) {
    expect(share).toBeGreaterThanOrEqual(0);
    expect(share).toBeLessThanOrEqual(1);
  }
  expect(s.insideShare + s.lateShare + s.earlyShare).toBeCloseTo(1, 9);
  expect(s.insideShare).toBeGreaterThan(0.5);
  expect(s.meanWidthBusinessDays).toBeGreaterThan(0);
  expect(s.meanWidthBusinessDays).toBeLessThan(15);
};

describe("simulatePromiseAccuracy", () => {
  const first = simulatePromiseAccuracy({ orders: 1500, seed: 42 });

  it("is deterministic for a seed", () => {
    expect(simulatePromiseAccuracy({ orders: 1500, seed: 42 })).toEqual(first);
  });

  it("depends on the seed", () => {
    expect(simulatePromiseAccuracy({ orders: 1500, seed: 43 })).not.toEqual(first);
  });

  it("returns sane shares and widths for both methods", () => {
    sane(first);
    sane(first.naive);
  });

  it("breaks fewer promises than the naive configured window", () => {
    expect(first.lateShare).toBeLessThan(first.naive.lateShare);
  });
});

describe("the learned promise", () => {
  const result = simulatePromiseAccuracy({ orders: 1500, seed: 42 });

  it("keeps more promises than the previous range-based one", () => {
    expect(result.insideShare).toBeGreaterThan(result.ranges.insideShare);
    expect(result.lateShare).toBeLessThan(result.ranges.lateShare);
  });
});
