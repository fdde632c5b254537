import { describe, expect, it } from "vitest";
import { seededRandom } from "../../sim/prng";
import { DEMO_OFFERS } from "../../prisma/seed/demo-catalog";
import { DAY_MS, parcelFate, plannedScans, planDay, SUPPLIER_PROFILES } from "../../scripts/demo/history/behaviour";
import { normalizeCarrierStatus } from "../../app/domain/tracking";
import { upsTrackingNumber } from "../../scripts/demo/history/tracking-numbers";
import { resolveTracking } from "../../app/domain/tracking/carriers";

const MONDAY = Date.parse("2026-11-30T00:00:00Z");

describe("the demo history's customers", () => {
  it("plans the same orders for the same seed, inside the day, fewer on a weekend", () => {
    const a = planDay(seededRandom(7), MONDAY, { min: 8, max: 15 }, 0);
    const b = planDay(seededRandom(7), MONDAY, { min: 8, max: 15 }, 0);
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThanOrEqual(8);
    expect(a.every((o) => o.at >= MONDAY && o.at < MONDAY + DAY_MS)).toBe(true);
    const weekdays = Array.from({ length: 20 }, (_, i) => planDay(seededRandom(i), MONDAY, { min: 10, max: 10 }, 0).length);
    const saturdays = Array.from({ length: 20 }, (_, i) => planDay(seededRandom(i), MONDAY + 5 * DAY_MS, { min: 10, max: 10 }, 0).length);
    expect(Math.max(...saturdays)).toBeLessThan(Math.min(...weekdays));
  });

  it("sells European customers only what the European supplier stocks, across channels and regions", () => {
    const random = seededRandom(11);
    const orders = Array.from({ length: 60 }, (_, day) => planDay(random, MONDAY - day * DAY_MS, { min: 8, max: 15 }, day)).flat();
    const euSkus = new Set(DEMO_OFFERS.filter((o) => o.supplier === "EuroDrop Paris").map((o) => o.sku));
    const european = orders.filter((o) => ["FR", "DE", "BE"].includes(o.destination.countryCode));
    expect(european.length).toBeGreaterThan(0);
    expect(european.every((o) => o.lines.every((l) => euSkus.has(l.sku)))).toBe(true);
    expect(new Set(orders.map((o) => o.channel))).toEqual(new Set(["web", "pos", "amazon"]));
    expect(new Set(orders.map((o) => o.destination.countryCode))).toEqual(new Set(["US", "CA", "FR", "DE", "BE", "GB", "AU"]));
  });
});

describe("the demo history's suppliers and carriers", () => {
  it("has one supplier drift slower and later in the last week only", () => {
    const eu = SUPPLIER_PROFILES["EuroDrop Paris"]!;
    expect(eu.conduct(30)).toEqual(eu.conduct(8));
    expect(eu.conduct(3).ackMedianHours).toBeGreaterThan(3 * eu.conduct(30).ackMedianHours);
    expect(eu.conduct(3).lateShare).toBeGreaterThan(eu.conduct(30).lateShare);
    const pacific = SUPPLIER_PROFILES["Pacific Coast Fulfillment"]!.conduct(3);
    const atlantic = SUPPLIER_PROFILES["Atlantic Supply Co."]!.conduct(3);
    expect(atlantic.rejectForStock).toBeGreaterThan(5 * pacific.rejectForStock);
    expect(atlantic.stockoutAfterAccept).toBeGreaterThan(5 * pacific.stockoutAfterAccept);
  });

  it("writes every scan in words the tracking domain maps to the stage the fate means", () => {
    const random = seededRandom(3);
    const stages = (fate: Parameters<typeof plannedScans>[1]) =>
      plannedScans(random, fate, 3).map((s) => normalizeCarrierStatus(s.status, s.description, "UPS").stage);
    for (let i = 0; i < 10; i++) {
      const delivered = stages("delivered");
      expect(delivered.slice(0, 2)).toEqual(["picked_up", "in_transit"]);
      expect(delivered.at(-1)).toBe("delivered");
    }
    expect(stages("delayed")).toContain("delayed");
    expect(stages("failed_attempt")).toContain("delivery_attempt_failed");
    expect(stages("returned").at(-1)).toBe("returned_to_sender");
    expect(stages("lost").at(-1)).toBe("lost");
    // "No movement": a week of silence between the first transit scan and the next one.
    const quiet = plannedScans(random, "no_movement", 3);
    expect(quiet[2]!.afterMs - quiet[1]!.afterMs).toBeGreaterThan(6 * DAY_MS);
    const fates = new Set(Array.from({ length: 2000 }, () => parcelFate(random)));
    expect(fates).toEqual(new Set(["delivered", "delayed", "no_movement", "failed_attempt", "returned", "damaged", "lost"]));
  });

  it("makes UPS numbers the app accepts, one per parcel", () => {
    const numbers = [1, 2, 3].map((n) => upsTrackingNumber("Atlantic Supply Co.", n));
    expect(new Set(numbers).size).toBe(3);
    for (const n of numbers) expect(resolveTracking({ numbers: [n], carrier: "UPS" }).ok).toBe(true);
  });
});
