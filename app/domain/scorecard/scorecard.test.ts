import { describe, expect, it } from "vitest";
import {
  DEFAULT_SCORECARD_SETTINGS,
  letterFor,
  lineStatus,
  measuredPerformance,
  periodScore,
  resolveScorecardSettings,
  ScorecardWeightsSchema,
  supplierScorecard,
  trendOf,
  type ScorecardLine,
} from "./index";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1, 12);

let seq = 0;
/** A line created `daysAgo` days before NOW, promised to ship two days after. */
function line(daysAgo: number, over: Partial<ScorecardLine> = {}): ScorecardLine {
  seq += 1;
  const created = NOW - daysAgo * DAY;
  return {
    purchaseOrderId: `po${seq}`,
    lineKey: "SKU-1",
    orderId: `gid://shopify/Order/${seq}`,
    orderName: `#${1000 + seq}`,
    supplierId: "s1",
    sku: "SKU-1",
    orderCreatedAtMs: created,
    promisedShipByMs: created + 2 * DAY,
    accepted: true,
    ...over,
  };
}
const shippedLate = (daysAgo: number, lateDays: number, over: Partial<ScorecardLine> = {}) =>
  line(daysAgo, { shippedAtMs: NOW - daysAgo * DAY + (2 + lateDays) * DAY, ...over });
const onTime = (daysAgo: number, over: Partial<ScorecardLine> = {}) => line(daysAgo, { shippedAtMs: NOW - daysAgo * DAY + DAY, ...over });
const stockout = (daysAgo: number, over: Partial<ScorecardLine> = {}) => line(daysAgo, { cancelled: true, cancelReason: "inventory", stockout: true, ...over });

describe("line status", () => {
  it("leaves a customer's cancellation out, and counts a rejection, a stockout or an inventory cancel against the supplier", () => {
    expect(lineStatus(line(5, { cancelled: true, cancelReason: "customer" }))).toBe("withdrawn");
    expect(lineStatus(line(5, { cancelled: true, cancelReason: "FRAUD" }))).toBe("withdrawn");
    expect(lineStatus(line(5, { accepted: false }))).toBe("cancelled");
    expect(lineStatus(line(5, { accepted: null, stockout: true }))).toBe("cancelled");
    expect(lineStatus(line(5, { cancelled: true, cancelReason: "inventory" }))).toBe("cancelled");
    // A customer cancel after the supplier reported a stockout is still the supplier's stockout.
    expect(lineStatus(line(5, { cancelled: true, cancelReason: "customer", stockout: true }))).toBe("cancelled");
    expect(lineStatus(line(5, { accepted: null }))).toBe("pending");
  });
});

describe("scorecard measures (hand-computed)", () => {
  // Ten lines over the last 30 days, tolerance 3 days:
  //   5 on time (credit 1 each), 1 shipped 1.5 days late (credit 0.5), 1 shipped 4 days late (credit 0),
  //   1 stockout after acceptance (credit 0), 1 rejected (credit 0), 1 withdrawn by the customer (nowhere).
  const lines = [
    onTime(10),
    onTime(11),
    onTime(12),
    onTime(13),
    onTime(14),
    shippedLate(15, 1.5),
    shippedLate(16, 4),
    stockout(17),
    line(18, { accepted: false }),
    line(19, { cancelled: true, cancelReason: "customer" }),
  ];
  const score = periodScore(lines, NOW - 90 * DAY, NOW + 1, NOW, DEFAULT_SCORECARD_SETTINGS);

  it("shipment time is the mean credit of the lines due, cancelled ones earning 0", () => {
    // (5 + 0.5 + 0 + 0 + 0) / 9 = 0.6111
    expect(score.measures.shipmentTime.score).toBe(61.11);
    expect(score.measures.shipmentTime.counted).toBe(9);
    expect(score.measures.shipmentTime.against).toBe(4);
  });

  it("share shipped is shipped over accepted-and-decided lines (the rejection is not accepted)", () => {
    // accepted: 7 shipped + the stockout after acceptance = 8; shipped 7.
    expect(score.measures.shareShipped.score).toBe(87.5);
    expect(score.measures.shareShipped.counted).toBe(8);
  });

  it("share cancelled counts rejections and stockouts, not the customer's cancellation", () => {
    // 2 of 9 answered lines not filled → score 100 × 7/9.
    expect(score.measures.shareCancelled.share).toBeCloseTo(2 / 9, 10);
    expect(score.measures.shareCancelled.score).toBe(77.78);
  });

  it("grades with the default 70/20/10 weights and bands the letter", () => {
    // 0.7 × 61.11 + 0.2 × 87.5 + 0.1 × 77.78 = 42.777 + 17.5 + 7.778 = 68.06
    expect(score.grade).toBe(68.1);
    expect(score.letter).toBe("D");
    expect(score.counted).toBe(9);
  });

  it("reweights with the merchant's weights", () => {
    const settings = { ...DEFAULT_SCORECARD_SETTINGS, weights: { shipmentTime: 0, shareShipped: 50, shareCancelled: 50 } };
    // 0.5 × 87.5 + 0.5 × 77.78 = 82.64
    expect(periodScore(lines, NOW - 90 * DAY, NOW + 1, NOW, settings).grade).toBe(82.6);
  });

  it("measures what routing reads from the same lines", () => {
    const perf = measuredPerformance(lines, NOW);
    expect(perf.sampleSize).toBe(9);
    expect(perf.acceptanceRate).toBeCloseTo(8 / 9, 10);
    expect(perf.cancellationRate).toBeCloseTo(2 / 9, 10);
    // Due and not cancelled: 7, of which 5 on time.
    expect(perf.onTimeShipRate).toBeCloseTo(5 / 7, 10);
    expect(perf.defectRate).toBe(0);
    expect(perf.trackingLatencyHours).toBeNull();
  });
});

describe("measured performance for routing", () => {
  it("takes the median tracking latency and the exception share of shipped lines, and counts purchase orders, not lines", () => {
    const tracked = (hours: number, over: Partial<ScorecardLine> = {}) => onTime(3, { trackingUploadedAtMs: NOW - 3 * DAY + DAY + hours * 3_600_000, ...over });
    const perf = measuredPerformance(
      [
        tracked(2),
        tracked(10, { exception: true }),
        tracked(30),
        tracked(4, { purchaseOrderId: "shared" }),
        tracked(6, { purchaseOrderId: "shared" }),
        line(0.2, { accepted: null }),
      ],
      NOW,
    );
    expect(perf.trackingLatencyHours).toBe(6);
    expect(perf.defectRate).toBeCloseTo(1 / 5, 10);
    // Five shipped lines on four purchase orders; the undecided one is not a sample yet.
    expect(perf.sampleSize).toBe(4);
  });

  it("has no rates without history, and a zero sample", () => {
    expect(measuredPerformance([], NOW)).toEqual({
      acceptanceRate: null,
      cancellationRate: null,
      defectRate: null,
      onTimeShipRate: null,
      trackingLatencyHours: null,
      sampleSize: 0,
    });
  });
});

describe("grade", () => {
  it("is null below the minimum number of lines, so a new supplier is not failed on two orders", () => {
    const score = periodScore([shippedLate(3, 5), stockout(4)], NOW - 90 * DAY, NOW + 1, NOW, DEFAULT_SCORECARD_SETTINGS);
    expect(score.grade).toBeNull();
    expect(score.letter).toBeNull();
    expect(score.measures.shareCancelled.share).toBe(0.5);
  });

  it("counts a line not yet due nowhere in shipment time, and an overdue unshipped line as late so far", () => {
    const notDue = line(0.5);
    const overdue = line(4, { accepted: true }); // promised 2 days ago → 2 days late of 3 → credit 1/3
    const score = periodScore([notDue, overdue], NOW - DAY * 90, NOW + 1, NOW, DEFAULT_SCORECARD_SETTINGS);
    expect(score.measures.shipmentTime.counted).toBe(1);
    expect(score.measures.shipmentTime.score).toBeCloseTo(33.33, 2);
    expect(score.measures.shareShipped.counted).toBe(1);
  });

  it("letter bands", () => {
    expect([95, 90, 89.9, 80, 75, 60, 59.9, 0].map(letterFor)).toEqual(["A", "A", "B", "B", "C", "D", "F", "F"]);
  });

  it("trend compares with the period before", () => {
    expect(trendOf(85, 80)).toEqual({ previousGrade: 80, delta: 5, direction: "up" });
    expect(trendOf(80, 85)).toEqual({ previousGrade: 85, delta: -5, direction: "down" });
    expect(trendOf(80.4, 80)).toMatchObject({ direction: "flat" });
    expect(trendOf(80, null)).toMatchObject({ direction: "new", delta: null });
  });
});

describe("supplier scorecard", () => {
  it("splits the window into this period and the previous one, and lists the worst SKU with its purchase orders", () => {
    const settings = { ...DEFAULT_SCORECARD_SETTINGS, windowDays: 30, minLines: 3, minSkuLines: 2 };
    const bad = [stockout(5, { sku: "MUG" }), shippedLate(6, 5, { sku: "MUG" }), onTime(7, { sku: "MUG" })];
    const good = [onTime(8, { sku: "CAP" }), onTime(9, { sku: "CAP" }), shippedLate(10, 1, { sku: "CAP" })];
    const before = [onTime(40), onTime(41), onTime(42), line(43, { sku: "X", supplierId: "other" })];
    const card = supplierScorecard("s1", [...bad, ...good, ...before], settings, NOW);
    expect(card.current.counted).toBe(6);
    expect(card.previous.counted).toBe(3);
    expect(card.previous.grade).toBe(100);
    expect(card.trend.direction).toBe("down");
    expect(card.worstSkus.map((s) => [s.sku, s.lines, s.late, s.cancelled])).toEqual([
      ["MUG", 3, 1, 1],
      ["CAP", 3, 1, 0],
    ]);
    expect(card.worstSkus[0]!.purchaseOrderIds).toEqual([bad[0]!.purchaseOrderId, bad[1]!.purchaseOrderId]);
  });

  it("leaves out SKUs with fewer lines than the minimum", () => {
    const settings = { ...DEFAULT_SCORECARD_SETTINGS, minSkuLines: 3 };
    const card = supplierScorecard("s1", [stockout(5, { sku: "RARE" }), onTime(6), onTime(7), onTime(8)], settings, NOW);
    expect(card.worstSkus).toEqual([]);
  });
});

describe("settings", () => {
  it("accepts weights that add up to 100 and refuses negative ones or a wrong sum", () => {
    expect(ScorecardWeightsSchema.safeParse({ shipmentTime: 70, shareShipped: 20, shareCancelled: 10 }).success).toBe(true);
    expect(ScorecardWeightsSchema.safeParse({ shipmentTime: 33.4, shareShipped: 33.3, shareCancelled: 33.3 }).success).toBe(true);
    const wrongSum = ScorecardWeightsSchema.safeParse({ shipmentTime: 70, shareShipped: 20, shareCancelled: 20 });
    expect(wrongSum.success).toBe(false);
    expect(wrongSum.error?.issues[0]?.message).toBe("The weights must add up to 100 %");
    expect(ScorecardWeightsSchema.safeParse({ shipmentTime: 110, shareShipped: -10, shareCancelled: 0 }).success).toBe(false);
  });

  it("falls back to the defaults for a stored value that no longer validates", () => {
    expect(resolveScorecardSettings({ windowDays: 30 }).windowDays).toBe(30);
    expect(resolveScorecardSettings({ weights: { shipmentTime: 90, shareShipped: 90, shareCancelled: 0 } })).toEqual(DEFAULT_SCORECARD_SETTINGS);
    expect(resolveScorecardSettings(null)).toEqual(DEFAULT_SCORECARD_SETTINGS);
  });
});
