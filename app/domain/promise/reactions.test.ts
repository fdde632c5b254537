import { describe, expect, it } from "vitest";
import { learnLane, toHistogram, type DurationObservation } from "./learning";
import { NO_REACTION, promiseReaction, reactedHandling, shipsInApplies, shipsInDays, STALE_FEED_RESTOCK_DAYS, type SupplierSignals } from "./reactions";
import { promiseWindow } from "./window";
import { toEpochDay } from "./dates";

const calm: SupplierSignals = { feedStale: false, handlingAlert: null, unacknowledged: { count: 0, oldestBusinessDays: 0 } };
const DAY = 86_400_000;

describe("promiseReaction", () => {
  it("does nothing when all is well", () => {
    expect(promiseReaction(calm)).toEqual(NO_REACTION);
  });

  it("moves handling later by the control tower alert's overrun, at least a day", () => {
    expect(promiseReaction({ ...calm, handlingAlert: { value: 5.5 * DAY, limit: 3 * DAY } })).toEqual({
      shiftDays: 3,
      restockDays: 0,
      reasons: ["handling_alert"],
    });
    expect(promiseReaction({ ...calm, handlingAlert: { value: 3.1 * DAY, limit: 3 * DAY } }).shiftDays).toBe(1);
    // An alert whose value is back under its limit calls for nothing.
    expect(promiseReaction({ ...calm, handlingAlert: { value: 2 * DAY, limit: 3 * DAY } })).toEqual(NO_REACTION);
  });

  it("treats several purchase orders waiting days for acknowledgement as a queue", () => {
    expect(promiseReaction({ ...calm, unacknowledged: { count: 4, oldestBusinessDays: 3 } })).toEqual({
      shiftDays: 2,
      restockDays: 0,
      reasons: ["unacknowledged_backlog"],
    });
    expect(promiseReaction({ ...calm, unacknowledged: { count: 2, oldestBusinessDays: 5 } })).toEqual(NO_REACTION);
    expect(promiseReaction({ ...calm, unacknowledged: { count: 9, oldestBusinessDays: 1 } })).toEqual(NO_REACTION);
  });

  it("gives a stale feed a restock mode, and combines reasons", () => {
    const r = promiseReaction({ feedStale: true, handlingAlert: { value: 4 * DAY, limit: 3 * DAY }, unacknowledged: { count: 3, oldestBusinessDays: 4 } });
    expect(r).toEqual({ shiftDays: 3, restockDays: STALE_FEED_RESTOCK_DAYS, reasons: ["handling_alert", "unacknowledged_backlog", "stale_feed"] });
    expect(reactedHandling({ from: 1, p: [1] }, { shiftDays: 0, restockDays: 3, reasons: ["stale_feed"] })).toEqual({ from: 1, p: [0.5, 0, 0, 0.5] });
  });
});

describe("the window reacts", () => {
  const done = (days: number): DurationObservation => ({ days, done: true, ageDays: 5 });
  const lane = (signals: SupplierSignals) => {
    const learned = learnLane({
      configuredHandling: { min: 1, max: 2 },
      configuredTransit: { min: 2, max: 4 },
      handling: Array.from({ length: 60 }, (_, i) => done(1 + (i % 3 === 0 ? 1 : 0))),
      transit: Array.from({ length: 60 }, (_, i) => done(2 + (i % 4 === 0 ? 1 : 0))),
      pooledTransit: [],
      supplierOutcomes: [],
      laneOutcomes: [],
      confidence: 0.97,
      reaction: promiseReaction(signals),
    });
    const w = promiseWindow(
      {
        calendar: { timeZone: "Europe/Paris", cutoff: "14:00", holidays: [] },
        handling: { min: 1, max: 2 },
        transit: { min: 2, max: 4 },
        handlingDays: learned.handling,
        transitDays: learned.transit,
        coverage: learned.coverage,
      },
      Date.parse("2026-03-02T08:00:00Z"),
    );
    return { ...w, width: toEpochDay(w.latest) - toEpochDay(w.earliest) };
  };
  const base = lane(calm);

  it("a drifting supplier's window moves later at once", () => {
    const drifting = lane({ ...calm, handlingAlert: { value: 6 * DAY, limit: 4 * DAY } });
    expect(drifting.latest > base.latest).toBe(true);
    expect(drifting.earliest > base.earliest).toBe(true);
  });

  it("a stale feed widens the window (a restock may come first)", () => {
    const stale = lane({ ...calm, feedStale: true });
    expect(stale.latest > base.latest).toBe(true);
    expect(stale.width).toBeGreaterThan(base.width);
  });

  it("a backlog of unacknowledged purchase orders moves it later", () => {
    expect(lane({ ...calm, unacknowledged: { count: 5, oldestBusinessDays: 4 } }).latest > base.latest).toBe(true);
  });

  it("packs as whole thousandths", () => {
    expect(toHistogram({ from: 0, p: [0.9995, 0.0005] }).weights).toEqual([1000, 1]);
  });
});

describe("ships in X–Y business days (#18 item 5)", () => {
  const reaction = (signals: Partial<SupplierSignals>) => promiseReaction({ ...calm, ...signals });

  it("applies when a signal moves handling three or more days, or two signals fire at once", () => {
    expect(shipsInApplies(reaction({ unacknowledged: { count: 5, oldestBusinessDays: 4 } }))).toBe(true); // moved 3 days
    expect(shipsInApplies(reaction({ handlingAlert: { value: 6 * DAY, limit: 3 * DAY } }))).toBe(true); // moved 3 days
    expect(shipsInApplies(reaction({ feedStale: true, unacknowledged: { count: 3, oldestBusinessDays: 2 } }))).toBe(true);
  });

  it("does not apply to one mild signal, which only widens the window", () => {
    expect(shipsInApplies(NO_REACTION)).toBe(false);
    expect(shipsInApplies(reaction({ feedStale: true }))).toBe(false);
    expect(shipsInApplies(reaction({ handlingAlert: { value: 4 * DAY, limit: 3 * DAY } }))).toBe(false); // moved 1 day
    expect(shipsInApplies(reaction({ unacknowledged: { count: 3, oldestBusinessDays: 3 } }))).toBe(false); // moved 2 days
  });

  it("says the shortest run of handling days holding the confidence, the later one on ties", () => {
    expect(shipsInDays({ from: 2, weights: [10, 80, 10] }, 0.8)).toEqual({ min: 3, max: 3 });
    expect(shipsInDays({ from: 2, weights: [10, 80, 10] }, 0.9)).toEqual({ min: 3, max: 4 });
    expect(shipsInDays({ from: 2, weights: [10, 80, 10] }, 0.97)).toEqual({ min: 2, max: 4 });
    // A restock mode three days later: both modes must be inside at 97 %.
    const restocked = toHistogram(reactedHandling({ from: 1, p: [0.7, 0.3] }, { shiftDays: 0, restockDays: STALE_FEED_RESTOCK_DAYS, reasons: ["stale_feed"] }));
    expect(shipsInDays(restocked, 0.97)).toEqual({ min: 1, max: 5 });
    expect(shipsInDays({ from: 0, weights: [0, 0, 5] }, 0.97)).toEqual({ min: 2, max: 2 });
  });
});
