import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  agingDelayDays,
  CALIBRATION_STEP,
  calibratedCoverage,
  MISS_RATE_CALIBRATION,
  missRateCoverage,
  recentMissRate,
  effectiveCount,
  learnLane,
  mixture,
  quantileOf,
  recencyWeight,
  shrinkToward,
  survivalDistribution,
  toHistogram,
  type DurationObservation,
} from "./learning";
import { legFromPromiseData, toSupplierPromiseData, decodePromiseData, encodePromiseData, basisOfRow } from "./metafield";
import { promiseWindow } from "./window";
import { handoffDayShift } from "./distribution";
import { toEpochDay } from "./dates";

const done = (days: number, ageDays = 0): DurationObservation => ({ days, done: true, ageDays });
const open = (days: number, ageDays = 0): DurationObservation => ({ days, done: false, ageDays });

describe("survivalDistribution (Kaplan–Meier with right-censored observations)", () => {
  it("equals the empirical distribution when every observation is done", () => {
    const d = survivalDistribution([done(2), done(3), done(3), done(5)])!;
    expect(d.from).toBe(2);
    expect(d.p.map((x) => Math.round(x * 100))).toEqual([25, 50, 0, 25]);
  });

  it("counts a parcel still in transit as at least its days so far instead of dropping it", () => {
    const delivered = [done(2), done(2), done(3), done(3)];
    const dropped = survivalDistribution(delivered)!;
    const censored = survivalDistribution([...delivered, open(4), open(4)])!;
    // Dropping the slow in-transit parcels would say nothing takes more than 3 days.
    expect(dropped.from + dropped.p.length - 1).toBe(3);
    expect(quantileOf(censored, 0.9)).toBeGreaterThanOrEqual(4);
  });

  it("spreads a censored parcel over the later events rather than moving every event later", () => {
    // One parcel open at 1 day, then events at 1 and 3: KM gives it the later event's share.
    const d = survivalDistribution([open(1), done(1), done(3)])!;
    expect(d.p[0]).toBeCloseTo(1 / 3, 9);
    expect(d.p[2]).toBeCloseTo(2 / 3, 9);
  });

  it("weighs recent observations more", () => {
    const d = survivalDistribution([done(2, 365), done(2, 365), done(5, 0)])!;
    expect(quantileOf(d, 0.5)).toBe(5);
    expect(recencyWeight(90, 90)).toBeCloseTo(0.5, 9);
  });

  it("is a probability distribution for any observations (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ days: fc.integer({ min: 0, max: 30 }), done: fc.boolean(), ageDays: fc.double({ min: 0, max: 400, noNaN: true }) }), {
          minLength: 1,
          maxLength: 60,
        }),
        (obs) => {
          const d = survivalDistribution(obs)!;
          expect(d.p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 9);
          expect(d.p.every((x) => x >= 0)).toBe(true);
          // Never earlier than the evidence: no mass before the least observation.
          expect(d.from).toBeGreaterThanOrEqual(Math.min(...obs.map((o) => o.days)));
        },
      ),
    );
  });

  it("moves later (never earlier) when a parcel still in transit is added (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 15 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 20 }), (days, stuck) => {
        const base = survivalDistribution(days.map((d) => done(d)))!;
        const more = survivalDistribution([...days.map((d) => done(d)), open(stuck)])!;
        for (const q of [0.5, 0.9, 0.97]) expect(quantileOf(more, q)).toBeGreaterThanOrEqual(quantileOf(base, q) - (stuck < quantileOf(base, q) ? 1 : 0));
      }),
    );
  });
});

describe("shrinkToward (thin lanes)", () => {
  const configured = { min: 4, max: 8 };
  const pooled = Array.from({ length: 100 }, (_, i) => done(5 + (i % 3)));

  it("keeps a lane's own history once it has enough", () => {
    const own = Array.from({ length: 40 }, () => done(3));
    const learned = shrinkToward(own, pooled, configured);
    expect(learned.basis).toBe("lane");
    expect(learned.distribution).toEqual({ from: 3, p: [1] });
  });

  it("blends a thin lane with pooled history and the configured range, wider, and says so", () => {
    const own = Array.from({ length: 5 }, () => done(3));
    const learned = shrinkToward(own, pooled, configured);
    expect(learned.basis).toBe("blended");
    expect(learned.own).toBe(5);
    // Its own observations are kept, not thrown away…
    expect(learned.distribution.from).toBe(3);
    expect(learned.distribution.p[0]).toBeGreaterThan(0.4);
    // …and the uncertainty widens it to what pooled history and the configured range allow.
    expect(learned.distribution.from + learned.distribution.p.length - 1).toBe(8);
  });

  it("uses pooled history without any own, the configured range without either", () => {
    expect(shrinkToward([], pooled, configured).basis).toBe("pooled");
    const none = shrinkToward([], [], configured);
    expect(none.basis).toBe("configured");
    expect(none.distribution.from).toBe(4);
    expect(none.distribution.p).toHaveLength(5);
  });

  it("a mixture is a distribution over the union of its parts", () => {
    const m = mixture([
      { distribution: { from: 1, p: [1] }, weight: 1 },
      { distribution: { from: 3, p: [0.5, 0.5] }, weight: 1 },
    ])!;
    expect(m).toEqual({ from: 1, p: [0.5, 0, 0.25, 0.25] });
    expect(effectiveCount([done(1, 0), done(1, 90)], { halfLifeDays: 90 })).toBeCloseTo(1.5, 9);
  });
});

describe("agingDelayDays (open purchase orders)", () => {
  const usual = { from: 1, p: [0.5, 0.4, 0.1] }; // 90 % within 2 days
  it("moves handling later as soon as three open orders have overrun what 90 % took", () => {
    // The third-oldest is at 5 days where 90 % took at most 2.
    expect(agingDelayDays([6, 5, 5, 1], usual)).toBe(3);
  });
  it("ignores one or two stragglers and orders still within the usual time", () => {
    expect(agingDelayDays([9, 1], usual)).toBe(0);
    expect(agingDelayDays([9, 8, 1], usual)).toBe(0);
    expect(agingDelayDays([2, 2, 2, 1], usual)).toBe(0);
  });
  it("widens the learned lane's handling at once", () => {
    const history = Array.from({ length: 60 }, (_, i) => done(1 + (i % 2), 10));
    const base = {
      configuredHandling: { min: 1, max: 2 },
      configuredTransit: { min: 2, max: 4 },
      handling: history,
      transit: Array.from({ length: 60 }, () => done(3, 10)),
      pooledTransit: [],
      supplierOutcomes: [],
      laneOutcomes: [],
      confidence: 0.97,
    };
    expect(learnLane(base).backlogDays).toBe(0);
    const stuck = learnLane({ ...base, handling: [...history, open(6), open(6), open(5)] });
    // The third-oldest open order is at 5 days where 90 % took at most 2: three days later.
    expect(stuck.backlogDays).toBe(3);
    expect(stuck.handling.from).toBeGreaterThanOrEqual(4);
  });
});

describe("calibratedCoverage (adaptive conformal)", () => {
  it("starts at the chosen confidence", () => {
    expect(calibratedCoverage([], 0.9)).toBe(0.9);
  });
  it("rises after misses and settles back after kept promises", () => {
    const misses = Array.from({ length: 10 }, () => ({ kept: false }));
    const up = calibratedCoverage(misses, 0.9);
    expect(up).toBeCloseTo(0.9 + 10 * 0.9 * CALIBRATION_STEP, 9);
    const kept = Array.from({ length: 400 }, () => ({ kept: true }));
    expect(calibratedCoverage([...misses, ...kept], 0.9)).toBeLessThan(up);
  });
  it("is stationary exactly when the miss rate equals 1 − confidence (property)", () => {
    fc.assert(
      fc.property(fc.constantFrom(0.9, 0.95, 0.99), (c) => {
        // One miss in every 1/(1−c) outcomes: the level returns to where it started.
        const n = Math.round(1 / (1 - c));
        const cycle = Array.from({ length: n }, (_, i) => ({ kept: i !== 0 }));
        expect(calibratedCoverage(cycle, c, 0.005)).toBeCloseTo(c, 6);
      }),
    );
  });
  it("stays within its bounds", () => {
    expect(
      calibratedCoverage(
        Array.from({ length: 10_000 }, () => ({ kept: false })),
        0.97,
      ),
    ).toBe(0.999);
    expect(
      calibratedCoverage(
        Array.from({ length: 100_000 }, () => ({ kept: true })),
        0.9,
      ),
    ).toBe(0.5);
  });
});

describe("missRateCoverage (recent miss rate)", () => {
  const kept = (n: number) => Array.from({ length: n }, () => ({ kept: true }));
  const missed = (n: number) => Array.from({ length: n }, () => ({ kept: false }));
  const outcomes = fc.array(fc.boolean(), { maxLength: 120 }).map((xs) => xs.map((k) => ({ kept: k })));

  it("is the chosen confidence before any outcome, and while misses run at 1 − confidence", () => {
    expect(missRateCoverage([], 0.97)).toBeCloseTo(0.97, 12);
    expect(recentMissRate([], 0.9)).toBeCloseTo(0.1, 12);
    // One miss in ten, spread evenly, for a long time: the rate settles near 10 % and so does the tail.
    const cycle = Array.from({ length: 400 }, (_, i) => ({ kept: i % 10 !== 5 }));
    expect(missRateCoverage(cycle, 0.9)).toBeGreaterThan(0.88);
    expect(missRateCoverage(cycle, 0.9)).toBeLessThan(0.92);
  });

  it("never lowers the coverage when a kept promise turns out missed (property)", () => {
    fc.assert(
      fc.property(outcomes, fc.nat(), fc.constantFrom(0.9, 0.95, 0.97, 0.99), (xs, at, c) => {
        if (xs.length === 0) return;
        const i = at % xs.length;
        const worse = xs.map((o, j) => (j === i ? { kept: false } : o));
        expect(missRateCoverage(worse, c)).toBeGreaterThanOrEqual(missRateCoverage(xs, c) - 1e-12);
      }),
    );
  });

  it("weighs a recent miss more than an old one", () => {
    const recent = [...kept(30), ...missed(1)];
    const old = [...missed(1), ...kept(30)];
    expect(missRateCoverage(recent, 0.97)).toBeGreaterThan(missRateCoverage(old, 0.97));
  });

  it("returns to the confidence once a bad stretch has passed, where adaptive conformal keeps paying for it", () => {
    const history = [...kept(100), ...missed(10), ...kept(100)];
    expect(missRateCoverage([...kept(100), ...missed(10)], 0.97)).toBeGreaterThan(0.99);
    expect(missRateCoverage(history, 0.97)).toBeLessThanOrEqual(0.97);
    expect(calibratedCoverage(history, 0.97)).toBeGreaterThan(0.98);
  });

  it("narrows at most by its cap when every promise was kept, and stays within the bounds", () => {
    const alpha = 0.03;
    expect(missRateCoverage(kept(500), 0.97)).toBeCloseTo(1 - alpha * MISS_RATE_CALIBRATION.maxNarrowing, 9);
    expect(missRateCoverage(missed(500), 0.97)).toBeGreaterThan(0.998);
    expect(missRateCoverage(missed(500), 0.97)).toBeLessThanOrEqual(0.999);
    expect(missRateCoverage(missed(500), 0.6)).toBeLessThanOrEqual(0.999);
    expect(missRateCoverage(kept(500), 0.6)).toBe(0.5);
  });

  it("the window never gets narrower when the recent miss rate rises (property, through learnLane and the window)", () => {
    const lane = {
      configuredHandling: { min: 1, max: 2 },
      configuredTransit: { min: 2, max: 5 },
      handling: Array.from({ length: 80 }, (_, i) => done([1, 1, 1, 2, 2, 3, 1, 4][i % 8]!, i)),
      transit: Array.from({ length: 80 }, (_, i) => done([3, 3, 2, 4, 3, 5, 3, 7, 3, 4][i % 10]!, i)),
      pooledTransit: [],
      laneOutcomes: [],
      confidence: 0.97,
    };
    const calendar = { timeZone: "Europe/Paris", cutoff: "14:00", holidays: [] };
    const monday = Date.parse("2026-03-02T08:00:00Z");
    const width = (supplierOutcomes: readonly { kept: boolean }[], confidence: number): number => {
      const learned = learnLane({ ...lane, supplierOutcomes, confidence });
      const w = promiseWindow(
        {
          calendar,
          handling: { min: 1, max: 2 },
          transit: { min: 2, max: 5 },
          handlingDays: learned.handling,
          transitDays: learned.transit,
          coverage: learned.coverage,
        },
        monday,
      );
      return toEpochDay(w.latest) - toEpochDay(w.earliest);
    };
    fc.assert(
      fc.property(outcomes, fc.nat(), fc.constantFrom(0.9, 0.97), (xs, at, c) => {
        if (xs.length === 0) return;
        const i = at % xs.length;
        const worse = xs.map((o, j) => (j === i ? { kept: false } : o));
        expect(width(worse, c)).toBeGreaterThanOrEqual(width(xs, c));
      }),
      { numRuns: 60 },
    );
    expect(width(missed(30), 0.97)).toBeGreaterThan(width(kept(30), 0.97));
  });
});

describe("published calibrated data", () => {
  const calendar = { timeZone: "Europe/Paris", cutoff: "14:00", holidays: [] };
  const coverage = [{ countryCode: "FR", transit: { min: 1, max: 4 } }];
  const transit = toHistogram({ from: 1, p: [0.1, 0.6, 0.2, 0.06, 0.04] });
  const data = (cov: number) =>
    decodePromiseData(
      encodePromiseData({
        v: 1,
        suppliers: [toSupplierPromiseData(calendar, { min: 1, max: 1 }, coverage, "s1", { transit: [transit], coverage: cov, basis: ["blended"] })],
      }),
    )!.suppliers[0]!;
  const monday = Date.parse("2026-03-02T08:00:00Z");

  it("carries the confidence and the basis through the metafield", () => {
    expect(data(0.9).cov).toBe(900);
    expect(basisOfRow(data(0.9), 0)).toBe("blended");
  });

  it("a higher confidence never gives a narrower window (property over confidences)", () => {
    const width = (c: number): number => {
      const w = promiseWindow(legFromPromiseData(data(c), { countryCode: "FR" })!, monday);
      return toEpochDay(w.latest) - toEpochDay(w.earliest);
    };
    const widths = [0.9, 0.95, 0.97, 0.99].map(width);
    expect([...widths].sort((a, b) => a - b)).toEqual(widths);
    expect(widths[3]).toBeGreaterThan(widths[0]!);
  });

  it("drops a malformed coverage rather than the supplier", () => {
    const raw = JSON.parse(encodePromiseData({ v: 1, suppliers: [data(0.9)] }));
    raw.suppliers[0].cov = 2;
    expect(decodePromiseData(raw)!.suppliers[0]!.cov).toBeUndefined();
  });
});

describe("handoffDayShift (shopper's time zone)", () => {
  const day = toEpochDay("2026-03-03");
  it("a Shanghai hand-off at 15:30 is the day before in Los Angeles", () => {
    expect(handoffDayShift({ timeZone: "Asia/Shanghai", cutoff: "15:30", holidays: [] }, "America/Los_Angeles", day)).toBe(-1);
  });
  it("a New York hand-off at 16:00 is the same day in Paris, at 19:00 the next", () => {
    expect(handoffDayShift({ timeZone: "America/New_York", cutoff: "16:00", holidays: [] }, "Europe/Paris", day)).toBe(0);
    expect(handoffDayShift({ timeZone: "America/New_York", cutoff: "19:00", holidays: [] }, "Europe/Paris", day)).toBe(1);
  });
});
