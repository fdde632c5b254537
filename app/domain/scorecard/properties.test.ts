import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_SCORECARD_SETTINGS,
  measuredPerformance,
  MEASURE_NAMES,
  periodScore,
  ScorecardWeightsSchema,
  type ScorecardLine,
  type ScorecardSettings,
} from "./index";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1, 12);
const RUNS = { numRuns: 300 };

const lineArb = fc
  .record({
    daysAgo: fc.double({ min: 0, max: 80, noNaN: true }),
    promiseDays: fc.option(fc.double({ min: 0, max: 5, noNaN: true }), { nil: null, freq: 6 }),
    shipAfterDays: fc.option(fc.double({ min: 0, max: 12, noNaN: true }), { nil: null }),
    accepted: fc.constantFrom(true, true, true, false, null),
    cancelled: fc.boolean(),
    cancelReason: fc.constantFrom(null, "customer", "inventory", "declined", "other", "fraud", "staff"),
    stockout: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
    sku: fc.constantFrom("A", "B", "C"),
  })
  .map((g, i = 0): ScorecardLine => ({
    purchaseOrderId: `po-${g.daysAgo}-${g.sku}-${i}`,
    lineKey: g.sku,
    orderId: "o",
    orderName: "#1",
    supplierId: "s1",
    sku: g.sku,
    orderCreatedAtMs: NOW - g.daysAgo * DAY,
    promisedShipByMs: g.promiseDays === null ? null : NOW - g.daysAgo * DAY + g.promiseDays * DAY,
    shippedAtMs: g.shipAfterDays === null ? null : Math.min(NOW, NOW - g.daysAgo * DAY + g.shipAfterDays * DAY),
    accepted: g.accepted,
    cancelled: g.cancelled,
    cancelReason: g.cancelReason,
    stockout: g.stockout,
  }));

const weightsArb = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })).map(([a, b]) => {
  const [lo, hi] = a < b ? [a, b] : [b, a];
  return { shipmentTime: lo, shareShipped: hi - lo, shareCancelled: 100 - hi };
});

const settingsArb = fc.record({
  weights: weightsArb,
  lateToleranceDays: fc.constantFrom(0.5, 1, 3, 7),
  minLines: fc.integer({ min: 1, max: 5 }),
});

const grade = (lines: readonly ScorecardLine[], s: Partial<ScorecardSettings>) =>
  periodScore(lines, NOW - 90 * DAY, NOW + 1, NOW, { ...DEFAULT_SCORECARD_SETTINGS, ...s });

/** The supplier fails to fill line i: a stockout cancellation, nothing shipped. */
const cancelLine = (lines: readonly ScorecardLine[], i: number): ScorecardLine[] =>
  lines.map((l, j) => (j === i ? { ...l, cancelled: true, cancelReason: "inventory", stockout: true, shippedAtMs: null } : l));

describe("scorecard invariants", () => {
  it("a grade never improves when a supplier cancels one more line", () => {
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 30 }), fc.nat(), settingsArb, (lines, pick, s) => {
        const i = pick % lines.length;
        const before = grade(lines, s);
        const after = grade(cancelLine(lines, i), s);
        if (before.grade !== null && after.grade !== null) expect(after.grade).toBeLessThanOrEqual(before.grade);
        // Every measure that had a score does not rise either.
        for (const name of MEASURE_NAMES) {
          const b = before.measures[name].score;
          const a = after.measures[name].score;
          if (b !== null && a !== null) expect(a).toBeLessThanOrEqual(b + 1e-9);
        }
        const pb = measuredPerformance(lines, NOW).cancellationRate ?? 0;
        expect(measuredPerformance(cancelLine(lines, i), NOW).cancellationRate ?? 0).toBeGreaterThanOrEqual(pb - 1e-12);
      }),
      RUNS,
    );
  });

  it("a grade never improves when a shipped line ships later", () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 30 }),
        fc.nat(),
        fc.double({ min: 0, max: 10, noNaN: true }),
        settingsArb,
        (lines, pick, d, s) => {
          const i = pick % lines.length;
          const l = lines[i]!;
          if (l.shippedAtMs == null) return;
          const later = lines.map((x, j) => (j === i ? { ...x, shippedAtMs: Math.min(NOW, l.shippedAtMs! + d * DAY) } : x));
          const before = grade(lines, s).grade;
          const after = grade(later, s).grade;
          if (before !== null && after !== null) expect(after).toBeLessThanOrEqual(before);
        },
      ),
      RUNS,
    );
  });

  it("grades and scores stay within 0–100, and the letter matches its band", () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 30 }), settingsArb, (lines, s) => {
        const score = grade(lines, s);
        for (const name of MEASURE_NAMES) {
          const v = score.measures[name].score;
          if (v !== null) expect(v >= 0 && v <= 100).toBe(true);
        }
        if (score.grade !== null) {
          expect(score.grade >= 0 && score.grade <= 100).toBe(true);
          expect(score.letter).not.toBeNull();
        }
      }),
      RUNS,
    );
  });

  it("the weights schema accepts a split exactly when it is non-negative and adds up to 100", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          weightsArb,
          fc.record({
            shipmentTime: fc.integer({ min: -20, max: 100 }),
            shareShipped: fc.integer({ min: -20, max: 100 }),
            shareCancelled: fc.integer({ min: -20, max: 100 }),
          }),
        ),
        (w) => {
          const valid = w.shipmentTime >= 0 && w.shareShipped >= 0 && w.shareCancelled >= 0 && w.shipmentTime + w.shareShipped + w.shareCancelled === 100;
          expect(ScorecardWeightsSchema.safeParse(w).success).toBe(valid);
        },
      ),
      RUNS,
    );
  });

  it("a customer's cancellation changes nothing", () => {
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 20 }), lineArb, settingsArb, (lines, extra, s) => {
        const withdrawn: ScorecardLine = { ...extra, accepted: true, cancelled: true, cancelReason: "customer", stockout: false };
        expect(grade([...lines, withdrawn], s).grade).toBe(grade(lines, s).grade);
      }),
      RUNS,
    );
  });
});
