import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deliveryDistribution, histogramOf, learnedWindow, uniformHistogram, windowFromDistribution, type DistributionLeg } from "./distribution";
import { toEpochDay } from "./dates";
import { promiseWindow } from "./window";

const ms = (iso: string): number => Date.parse(iso);
const paris = { timeZone: "Europe/Paris", cutoff: "14:00", holidays: [] };
// Monday 2025-12-01, 10:00 in Paris: before cut-off, the handling clock starts today.
const monday = ms("2025-12-01T09:00:00Z");

describe("histogramOf", () => {
  it("counts whole-day samples from the smallest one", () => {
    expect(histogramOf([3, 2, 2, 5])).toEqual({ from: 2, weights: [2, 1, 0, 1] });
  });

  it("ignores negative and fractional samples, and has nothing to say without samples", () => {
    expect(histogramOf([-1, 1.5, 4])).toEqual({ from: 4, weights: [1] });
    expect(histogramOf([])).toBeNull();
  });
});

describe("deliveryDistribution", () => {
  it("walks handling on the supplier calendar, then transit on the carrier's (weekend skipped)", () => {
    const leg: DistributionLeg = {
      calendar: paris,
      handling: { from: 3, weights: [1, 1] }, // hand-off Thu 12-04 or Fri 12-05
      transit: { from: 1, weights: [1] },
    };
    const d = deliveryDistribution(leg, monday);
    expect(d.days).toEqual([toEpochDay("2025-12-05"), toEpochDay("2025-12-08")]);
    expect(d.probabilities).toEqual([0.5, 0.5]);
    expect(d.businessDays).toEqual([0, 1]);
  });

  it("refuses an empty histogram", () => {
    const leg = { calendar: paris, handling: { from: 1, weights: [0] }, transit: { from: 1, weights: [1] } };
    expect(() => deliveryDistribution(leg, monday)).toThrow(RangeError);
  });
});

describe("learnedWindow", () => {
  // Handling 1 day 96 % of the time, 2 or 3 days 2 % each; transit 3 days 96 %, 2 or 4 days 2 % each.
  const leg: DistributionLeg = {
    calendar: paris,
    handling: { from: 1, weights: [96, 2, 2] },
    transit: { from: 2, weights: [2, 96, 2] },
  };

  it("is narrower than adding the extremes of each part, since slow days rarely coincide", () => {
    const ranges = promiseWindow({ calendar: paris, handling: { min: 1, max: 3 }, transit: { min: 2, max: 4 } }, monday);
    expect(ranges).toEqual({ earliest: "2025-12-04", latest: "2025-12-10" });
    // Totals 4, 5, 6 business days hold 98.04 % of deliveries: Fri 12-05 to Tue 12-09.
    expect(learnedWindow(leg, monday, 0.97)).toEqual({ earliest: "2025-12-05", latest: "2025-12-09" });
  });

  it("holds everything at coverage 1", () => {
    expect(learnedWindow(leg, monday, 1)).toEqual({ earliest: "2025-12-04", latest: "2025-12-10" });
  });

  it("prefers the later of two equally likely days", () => {
    const even = { ...leg, handling: { from: 3, weights: [1, 1] }, transit: { from: 1, weights: [1] } };
    expect(windowFromDistribution(deliveryDistribution(even, monday), 0.5)).toEqual({
      earliest: "2025-12-08",
      latest: "2025-12-08",
    });
  });

  it("holds at least the coverage, and no shorter run of dates does (property)", () => {
    const weights = fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 1, maxLength: 12 }).filter((w) => w.some((x) => x > 0));
    fc.assert(
      fc.property(weights, weights, fc.integer({ min: 0, max: 3 }), fc.double({ min: 0.5, max: 0.999, noNaN: true }), (h, t, from, coverage) => {
        const d = deliveryDistribution({ calendar: paris, handling: { from, weights: h }, transit: { from: 1, weights: t } }, monday);
        const w = windowFromDistribution(d, coverage);
        const inside = (a: number, b: number): number => d.probabilities.reduce((s, p, i) => (i >= a && i <= b ? s + p : s), 0);
        const lo = d.days.indexOf(toEpochDay(w.earliest));
        const hi = d.days.indexOf(toEpochDay(w.latest));
        expect(inside(lo, hi)).toBeGreaterThanOrEqual(coverage - 1e-9);
        const width = d.businessDays[hi]! - d.businessDays[lo]!;
        for (let a = 0; a < d.days.length; a += 1)
          for (let b = a; b < d.days.length; b += 1) if (d.businessDays[b]! - d.businessDays[a]! < width) expect(inside(a, b)).toBeLessThan(coverage - 1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it("counts a configured range as every day equally likely", () => {
    expect(uniformHistogram({ min: 2, max: 4 })).toEqual({ from: 2, weights: [1, 1, 1] });
  });
});

describe("promiseWindow with learned distributions", () => {
  const base = { calendar: paris, handling: { min: 1, max: 3 }, transit: { min: 2, max: 4 } };

  it("uses the distributions when the leg has them", () => {
    const leg = { ...base, handlingDays: { from: 1, weights: [96, 2, 2] }, transitDays: { from: 2, weights: [2, 96, 2] } };
    expect(promiseWindow(leg, monday)).toEqual({ earliest: "2025-12-05", latest: "2025-12-09" });
  });

  it("spreads the side without history evenly over its range", () => {
    // Handling always 1 day; transit 2–4 days evenly: the 97 % run needs all three days.
    const leg = { ...base, handlingDays: { from: 1, weights: [10] } };
    expect(promiseWindow(leg, monday)).toEqual({ earliest: "2025-12-04", latest: "2025-12-08" });
  });
});
