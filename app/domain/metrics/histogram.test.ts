import { describe, expect, it } from "vitest";
import { bucketOf, bucketValue, histogramCount, histogramOf, histogramQuantile, mergeHistograms, parseHistogram, RELATIVE_ERROR } from "./histogram";
import { percentile } from "./percentile";

/** A deterministic pseudo-random stream (mulberry32), so the test is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const H = 3_600_000;

describe("log-bucket histogram", () => {
  it("reads every value back within the stated relative error", () => {
    for (const ms of [1, 1.5, 999, 60_000, 3 * H, 26.5 * H, 40 * 24 * H]) {
      const read = bucketValue(bucketOf(ms));
      expect(Math.abs(read - ms) / ms).toBeLessThanOrEqual(RELATIVE_ERROR + 1e-12);
    }
    expect(bucketValue(bucketOf(0))).toBe(0);
    expect(RELATIVE_ERROR).toBeLessThan(0.01);
  });

  it("merging day histograms gives the period's median and p90 within the relative error", () => {
    const next = random(7);
    const days = Array.from({ length: 30 }, (_, d) => Array.from({ length: 50 + d * 3 }, () => Math.round((2 + d / 10) * H * Math.exp(next() * 2))));
    const merged = mergeHistograms(days.map(histogramOf));
    const all = days.flat();
    expect(histogramCount(merged)).toBe(all.length);
    expect(merged).toEqual(histogramOf(all));
    for (const p of [50, 90]) {
      const exact = percentile(all, p)!;
      const estimate = histogramQuantile(merged, p)!;
      expect(Math.abs(estimate - exact) / exact).toBeLessThanOrEqual(RELATIVE_ERROR);
    }
  });

  it("interpolates between ranks like the exact percentile on a small set", () => {
    const values = [1 * H, 2 * H, 3 * H, 4 * H];
    const estimate = histogramQuantile(histogramOf(values), 50)!;
    expect(Math.abs(estimate - 2.5 * H) / (2.5 * H)).toBeLessThanOrEqual(RELATIVE_ERROR);
  });

  it("is empty for no values and refuses negative durations and malformed JSON", () => {
    expect(histogramQuantile([], 50)).toBeNull();
    expect(() => histogramOf([-1])).toThrow(RangeError);
    expect(() => parseHistogram('[[1,"2"]]')).toThrow(TypeError);
    expect(parseHistogram(JSON.stringify(histogramOf([5, 5, 7])))).toEqual(histogramOf([5, 5, 7]));
  });
});
