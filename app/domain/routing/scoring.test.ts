import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { costPart, depth, freshness, landedCost, speedPart, stockConfidence } from "./scoring";

const HOUR = 3_600_000;

describe("stock confidence (the one formula: routing scores and promise publishing use it)", () => {
  it("is full for fresh stock with plenty to spare, and halves when the order takes the last unit", () => {
    expect(stockConfidence(freshness(0, HOUR, 6 * HOUR), depth(100_000, 1))).toBe(1);
    expect(stockConfidence(1, depth(3, 3))).toBe(0.5);
    expect(stockConfidence(1, depth(0, 1))).toBe(0.5);
  });

  it("trusts stock within the feed's cadence, then halves it every half-life", () => {
    const fresh = (hoursOld: number) => freshness(hoursOld * HOUR, 6 * HOUR, 6 * HOUR);
    expect(fresh(-1)).toBe(1);
    expect(fresh(6)).toBe(1);
    expect(fresh(12)).toBeCloseTo(0.5);
    expect(fresh(18)).toBeCloseTo(0.25);
  });

  it("stays within 0..1, never rises as the stock ages and never falls with deeper stock", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 48 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 1, max: 50 }),
        (hoursOld, cadenceHours, halfLifeHours, available, needed) => {
          const at = (hours: number, units: number) =>
            stockConfidence(freshness(hours * HOUR, cadenceHours * HOUR, halfLifeHours * HOUR), depth(units, needed));
          const c = at(hoursOld, available);
          expect(c).toBeGreaterThanOrEqual(0);
          expect(c).toBeLessThanOrEqual(1);
          expect(at(hoursOld + 3, available)).toBeLessThanOrEqual(c);
          expect(at(hoursOld, available + 10)).toBeGreaterThanOrEqual(c);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("the other score parts", () => {
  it("scores delivery at the deadline 1/(promised+1) and same-day delivery 1; an unknown window counts as the deadline", () => {
    expect(speedPart(0, 4)).toBe(1);
    expect(speedPart(4, 4)).toBe(0.2);
    expect(speedPart(null, 4)).toBe(0.2);
  });

  it("compares margins with the best one, or landed costs with the cheapest when nothing makes money", () => {
    expect(costPart(500, 1_500, 1_000, 1_000)).toBe(0.5);
    expect(costPart(-2_000, 2_000, -1_000, 1_000)).toBe(0.5);
    expect(costPart(0, 0, 0, 0)).toBe(1);
  });

  it("lands a line's units at cost plus its share of one parcel, in whole minor units", () => {
    expect(landedCost(1_000, 2, 701, 0.5)).toBe(2_351);
  });
});
