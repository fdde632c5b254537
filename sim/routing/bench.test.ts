import { describe, expect, it } from "vitest";
import { routeOrder } from "../../app/domain/routing";
import { benchRouting } from "./bench";
import { syntheticInputs } from "./synthetic";

describe("benchRouting", () => {
  it("builds the same synthetic inputs for the same seed", () => {
    expect(syntheticInputs(5, 10, 7)).toEqual(syntheticInputs(5, 10, 7));
    expect(routeOrder(syntheticInputs(5, 10, 7)[0]!)).toEqual(routeOrder(syntheticInputs(5, 10, 7)[0]!));
  });

  it("times decisions with the clock it is given", () => {
    let t = 0;
    const result = benchRouting({ lines: 3, suppliers: 5, iterations: 20, warmup: 0, now: () => (t += 0.25) });
    // Each decision spans one clock tick; the whole run spans 2 ticks per decision + 1.
    expect(result.p50Ms).toBe(0.25);
    expect(result.p99Ms).toBe(0.25);
    expect(result.decisionsPerSecond).toBe(Math.round((20 / (0.25 * 41)) * 1000));
    expect(Object.values(result.outcomes).reduce((a, b) => a + b, 0)).toBe(20);
  });

  it("decides every synthetic 20 lines × 50 suppliers order (speed is measured by npm run bench, not here)", () => {
    let t = 0;
    const result = benchRouting({ lines: 20, suppliers: 50, iterations: 5, warmup: 0, now: () => (t += 1) });
    expect(result.iterations).toBe(5);
    expect(Object.values(result.outcomes).reduce((a, b) => a + b, 0)).toBe(5);
  });
});
