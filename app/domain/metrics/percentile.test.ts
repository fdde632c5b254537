import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { percentile, summarize } from "./percentile";

describe("percentile (linear interpolation between closest ranks)", () => {
  it("matches known values", () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBeCloseTo(9.1, 10);
    expect(percentile([15, 20, 35, 40, 50], 40)).toBe(29);
    expect(percentile([3, 1, 2], 50)).toBe(2);
  });

  it("returns the minimum at p0, the maximum at p100 and the value itself for one value", () => {
    expect(percentile([7, 3, 9], 0)).toBe(3);
    expect(percentile([7, 3, 9], 100)).toBe(9);
    expect(percentile([42], 90)).toBe(42);
  });

  it("is null for no values and refuses a bad p or a non-finite value", () => {
    expect(percentile([], 50)).toBeNull();
    expect(() => percentile([1], 101)).toThrow(/between 0 and 100/);
    expect(() => percentile([1, Number.NaN], 50)).toThrow(/non-finite/);
  });

  it("does not reorder the caller's array", () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it("property: stays within min..max and never decreases as p grows", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (values, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const atLow = percentile(values, low) as number;
          const atHigh = percentile(values, high) as number;
          expect(atLow).toBeGreaterThanOrEqual(Math.min(...values));
          expect(atHigh).toBeLessThanOrEqual(Math.max(...values));
          expect(atHigh).toBeGreaterThanOrEqual(atLow - 1e-9);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("summarize", () => {
  it("gives count, median, p90 and mean", () => {
    const summary = summarize([1, 2, 3, 4, 5, 6, 7, 8, 9, 100]);
    expect(summary).toMatchObject({ count: 10, median: 5.5, mean: 14.5 });
    // Position 8.1 between 9 and 100: the tail shows the outlier the median hides.
    expect(summary.p90).toBeCloseTo(18.1, 10);
  });

  it("has null statistics for no values", () => {
    expect(summarize([])).toEqual({ count: 0, median: null, p90: null, mean: null });
  });
});
