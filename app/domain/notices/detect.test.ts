import { describe, expect, it } from "vitest";
import { promiseWindow, type PromiseLeg } from "../promise";
import { detectDelay } from "./detect";
import type { DeliveryFacts, ParcelFacts } from "./forecast";

// 2026-03-02 is a Monday. The supplier works Mon–Fri in UTC with a 12:00 cut-off.
const at = (iso: string) => Date.parse(iso);
const ORDERED = at("2026-03-02T09:00:00Z");
const calendar = { timeZone: "UTC", cutoff: "12:00", holidays: [] };
const config = { noMovementDays: 4 };

function facts(leg: PromiseLeg, extra: Partial<DeliveryFacts> = {}): DeliveryFacts {
  return { promised: promiseWindow(leg, ORDERED), orderedAtMs: ORDERED, leg, committedShipDate: null, parcel: null, ...extra };
}
const parcel = (p: Partial<ParcelFacts>): ParcelFacts => ({ stage: "in_transit", handedOverAtMs: null, lastScanAtMs: null, carrierEstimate: null, ...p });

describe("detectDelay", () => {
  const ranges: PromiseLeg = { calendar, handling: { min: 1, max: 2 }, transit: { min: 2, max: 2 } };

  it("promised Thu 5 – Fri 6 from ranges (hand-off Tue–Wed, two carrier days)", () => {
    expect(promiseWindow(ranges, ORDERED)).toEqual({ earliest: "2026-03-05", latest: "2026-03-06" });
  });

  it("a committed ship date past what the promise allows moves the window to that date plus transit", () => {
    const verdict = detectDelay(facts(ranges, { committedShipDate: "2026-03-09" }), at("2026-03-03T10:00:00Z"), config);
    expect(verdict).toEqual({
      kind: "late_ship_date",
      window: { earliest: "2026-03-11", latest: "2026-03-11" },
      reason: { code: "late_ship_date", shipDate: "2026-03-09" },
    });
  });

  it("a committed ship date that still fits the promise is no news", () => {
    expect(detectDelay(facts(ranges, { committedShipDate: "2026-03-04" }), at("2026-03-03T10:00:00Z"), config)).toBeNull();
  });

  it("a carrier delay past every transit seen: from the next carrier day, as wide as history allows", () => {
    // Handed over Wed 4, transit always 2 days (due Fri 6); on Fri 6 the carrier says delayed.
    const f = facts(ranges, { parcel: parcel({ stage: "delayed", handedOverAtMs: at("2026-03-04T08:00:00Z"), lastScanAtMs: at("2026-03-06T07:00:00Z") }) });
    expect(detectDelay(f, at("2026-03-06T15:00:00Z"), config)).toEqual({
      kind: "carrier_delayed",
      window: { earliest: "2026-03-09", latest: "2026-03-11" },
      reason: { code: "carrier_delayed" },
    });
  });

  it("takes the carrier's own new estimate when it gives one", () => {
    const p = parcel({ stage: "delayed", handedOverAtMs: at("2026-03-04T08:00:00Z"), carrierEstimate: "2026-03-10" });
    expect(detectDelay(facts(ranges, { parcel: p }), at("2026-03-06T15:00:00Z"), config)?.window).toEqual({ earliest: "2026-03-10", latest: "2026-03-10" });
  });

  it("a carrier delay that still lands inside the promised window tells the customer nothing", () => {
    const p = parcel({ stage: "delayed", handedOverAtMs: at("2026-03-04T08:00:00Z") });
    const f = facts(ranges, { promised: { earliest: "2026-03-09", latest: "2026-03-13" }, parcel: p });
    expect(detectDelay(f, at("2026-03-06T15:00:00Z"), config)).toBeNull();
  });

  it("no scan for the configured days: the learned transit past the days already spent", () => {
    const leg: PromiseLeg = { ...ranges, transitDays: { from: 2, weights: [6, 3, 1] } };
    const p = parcel({ handedOverAtMs: at("2026-03-04T08:00:00Z"), lastScanAtMs: at("2026-03-04T18:00:00Z") });
    // Mon 9: three carrier days spent, stuck → at least four → Tue 10 (the 4-day tail of history).
    expect(detectDelay(facts(leg, { promised: promiseWindow(ranges, ORDERED), parcel: p }), at("2026-03-09T10:00:00Z"), config)).toEqual({
      kind: "no_movement",
      window: { earliest: "2026-03-10", latest: "2026-03-10" },
      reason: { code: "no_movement", lastScanDate: "2026-03-04" },
    });
  });

  describe("predictive: the supplier's measured handling and the lane's transit", () => {
    // Handling 1 day half the time, 2 days 40 %, 3 days 10 %; transit always 2.
    const learned: PromiseLeg = { ...ranges, handlingDays: { from: 1, weights: [10, 8, 2] }, transitDays: { from: 2, weights: [1] } };

    it("promised Thu 5 – Mon 9 from the learned distribution", () => {
      expect(promiseWindow(learned, ORDERED)).toEqual({ earliest: "2026-03-05", latest: "2026-03-09" });
    });

    it("still on time while the supplier is inside its usual handling", () => {
      expect(detectDelay(facts(learned), at("2026-03-03T10:00:00Z"), config)).toBeNull();
    });

    it("not handed over by Thursday's cut-off: slower than it has ever been, the window moves out", () => {
      // Soonest hand-off Fri 6 (4 business days) → 4–6 days → delivered Tue 10 – Thu 12.
      expect(detectDelay(facts(learned), at("2026-03-05T13:00:00Z"), config)).toEqual({
        kind: "predicted",
        window: { earliest: "2026-03-10", latest: "2026-03-12" },
        reason: { code: "slow_handling" },
      });
    });

    it("in transit longer than the lane usually takes, with recent scans: a slow-transit forecast", () => {
      const leg: PromiseLeg = { ...learned, transitDays: { from: 2, weights: [9, 1] } };
      const p = parcel({ handedOverAtMs: at("2026-03-03T08:00:00Z"), lastScanAtMs: at("2026-03-08T12:00:00Z") });
      expect(detectDelay(facts(leg, { parcel: p }), at("2026-03-09T09:00:00Z"), config)).toEqual({
        kind: "predicted",
        window: { earliest: "2026-03-09", latest: "2026-03-11" },
        reason: { code: "slow_transit" },
      });
    });
  });

  it("a delivered parcel is never late news", () => {
    const p = parcel({ stage: "delivered", handedOverAtMs: at("2026-03-04T08:00:00Z") });
    expect(detectDelay(facts(ranges, { parcel: p }), at("2026-03-20T09:00:00Z"), config)).toBeNull();
  });
});
