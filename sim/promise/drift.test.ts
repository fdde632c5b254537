import { describe, expect, it } from "vitest";
import { driftRun, oracleCurve, oracleWidthAt, replayDrift, robustMethod, summarise, type Evidence } from "./drift";

describe("the drifting world's replay", () => {
  const run = driftRun({ orders: 600, seed: 7 });

  it("never shows a method anything known after the promise (no look-ahead)", () => {
    let checked = 0;
    replayDrift(run, {
      spy: (e: Evidence) => {
        expect(e.newestKnownAtMs).toBeLessThanOrEqual(e.view.nowMs);
        checked += 1;
        return robustMethod(0.97)(e);
      },
    });
    expect(checked).toBe(600);
  });

  it("is deterministic for a seed", () => {
    const a = summarise(replayDrift(driftRun({ orders: 300, seed: 3 }), { m: robustMethod(0.9) }).m!);
    const b = summarise(replayDrift(driftRun({ orders: 300, seed: 3 }), { m: robustMethod(0.9) }).m!);
    expect(a).toEqual(b);
  });

  it("a higher confidence keeps more promises with wider windows", () => {
    const scored = replayDrift(run, { c90: robustMethod(0.9), c99: robustMethod(0.99) });
    const c90 = summarise(scored.c90!);
    const c99 = summarise(scored.c99!);
    expect(c99.inside).toBeGreaterThan(c90.inside);
    expect(c99.meanWidth).toBeGreaterThan(c90.meanWidth);
  });

  it("the oracle trades width for share and its width at a share interpolates its curve", () => {
    const curve = oracleCurve(run, [0.01, 0.1], 100);
    expect(curve[0]!.inside).toBeGreaterThan(curve[1]!.inside);
    expect(curve[0]!.meanWidth).toBeGreaterThan(curve[1]!.meanWidth);
    const mid = (curve[0]!.inside + curve[1]!.inside) / 2;
    expect(oracleWidthAt(curve, mid)).toBeCloseTo((curve[0]!.meanWidth + curve[1]!.meanWidth) / 2, 6);
  });
});
