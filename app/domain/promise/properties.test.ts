import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addBusinessDays, businessDaysBetween, isBusinessDay } from "./calendar";
import { addDays, compareDates, fromEpochDay, toEpochDay } from "./dates";
import { localDateTime } from "./time-zone";
import type { PromiseLeg } from "./types";
import { cartPromise, promiseWindow } from "./window";

const RUNS = { numRuns: 100 };
const FROM = Date.parse("2025-01-01T00:00:00Z");
const TO = Date.parse("2027-06-01T00:00:00Z");

const zone = fc.constantFrom(
  "Europe/Paris",
  "America/New_York",
  "America/Los_Angeles",
  "Asia/Shanghai",
  "Asia/Kolkata",
  "Australia/Lord_Howe",
  "Pacific/Auckland",
  "UTC",
);
const cutoff = fc.integer({ min: 0, max: 1439 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`);
const date = fc.integer({ min: toEpochDay("2025-01-01"), max: toEpochDay("2027-12-31") }).map(fromEpochDay);
const range = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })).map(([min, extra]) => ({ min, max: min + extra }));

const leg: fc.Arbitrary<PromiseLeg> = fc.record({
  calendar: fc.record({
    timeZone: zone,
    cutoff,
    holidays: fc.uniqueArray(date, { maxLength: 15 }),
    workdays: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }),
  }),
  handling: range,
  transit: range,
  carrierHolidays: fc.uniqueArray(date, { maxLength: 5 }),
});
const instant = fc.integer({ min: FROM, max: TO });

const notBefore = (later: { earliest: string; latest: string }, earlier: typeof later): void => {
  expect(compareDates(later.earliest, earlier.earliest)).toBeGreaterThanOrEqual(0);
  expect(compareDates(later.latest, earlier.latest)).toBeGreaterThanOrEqual(0);
};

describe("promise window invariants", () => {
  it("never has earliest after latest", () => {
    fc.assert(
      fc.property(leg, instant, (l, now) => {
        const w = promiseWindow(l, now);
        expect(compareDates(w.earliest, w.latest)).toBeLessThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it("never gives an earlier window to a later order", () => {
    fc.assert(
      fc.property(leg, instant, fc.integer({ min: 0, max: 10 * 86_400_000 }), (l, now, delay) => {
        notBefore(promiseWindow(l, now + delay), promiseWindow(l, now));
      }),
      RUNS,
    );
  });

  it("never gives an earlier window when a later order lands within minutes (cut-off, DST)", () => {
    fc.assert(
      fc.property(leg, instant, fc.integer({ min: 0, max: 180 }), (l, now, minutes) => {
        notBefore(promiseWindow(l, now + minutes * 60_000), promiseWindow(l, now));
      }),
      RUNS,
    );
  });

  it("never gets earlier when a supplier or carrier holiday is added", () => {
    fc.assert(
      fc.property(leg, instant, fc.integer({ min: 0, max: 25 }), fc.boolean(), (l, now, offset, carrier) => {
        const extra = addDays(localDateTime(now, l.calendar.timeZone).date, offset);
        const withHoliday: PromiseLeg = carrier
          ? { ...l, carrierHolidays: [...(l.carrierHolidays ?? []), extra] }
          : { ...l, calendar: { ...l.calendar, holidays: [...l.calendar.holidays, extra] } };
        notBefore(promiseWindow(withHoliday, now), promiseWindow(l, now));
      }),
      RUNS,
    );
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(leg, instant, (l, now) => {
        expect(promiseWindow(structuredClone(l), now)).toEqual(promiseWindow(l, now));
      }),
      RUNS,
    );
  });

  it("never promises a cart sooner than any of its parts", () => {
    fc.assert(
      fc.property(fc.array(leg, { minLength: 1, maxLength: 4 }), instant, (legs, now) => {
        const cart = cartPromise(legs, now);
        for (const l of legs) notBefore(cart, promiseWindow(l, now));
      }),
      { numRuns: 50 },
    );
  });
});

describe("cut-off around clock changes", () => {
  // 2025 clock changes (Paris, New York, Lord Howe's 30-minute one) with the local minute
  // the clock jumps or repeats from; cut-offs are drawn around it, where the trouble is.
  const transitions = [
    ["Europe/Paris", "2025-03-30T01:00:00Z", 120],
    ["Europe/Paris", "2025-10-26T01:00:00Z", 180],
    ["America/New_York", "2025-03-09T07:00:00Z", 120],
    ["America/New_York", "2025-11-02T06:00:00Z", 120],
    ["Australia/Lord_Howe", "2025-04-05T15:00:00Z", 120],
    ["Australia/Lord_Howe", "2025-10-04T15:30:00Z", 120],
  ] as const;
  const case_ = fc
    .tuple(fc.constantFrom(...transitions), fc.integer({ min: -180, max: 180 }), fc.integer({ min: -90, max: 60 }))
    .map(([[timeZone, at, localMinute], minutes, cutoffShift]) => {
      const c = localMinute + cutoffShift;
      const cutoff = `${String(Math.floor(c / 60)).padStart(2, "0")}:${String(c % 60).padStart(2, "0")}`;
      return { timeZone, cutoff, nowMs: Date.parse(at) + minutes * 60_000 };
    });

  it("never starts a later order's handling earlier, whatever the cut-off", () => {
    fc.assert(
      fc.property(case_, fc.integer({ min: 1, max: 120 }), ({ timeZone, cutoff: c, nowMs }, later) => {
        const l: PromiseLeg = {
          calendar: { timeZone, cutoff: c, holidays: [], workdays: [1, 2, 3, 4, 5, 6, 7] },
          handling: { min: 0, max: 0 },
          transit: { min: 0, max: 0 },
        };
        notBefore(promiseWindow(l, nowMs + later * 60_000), promiseWindow(l, nowMs));
      }),
      { numRuns: 300 },
    );
  });
});

describe("business-day invariants", () => {
  const calendar = fc.record({
    workdays: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }),
    holidays: fc.uniqueArray(date, { maxLength: 15 }),
  });

  it("addBusinessDays lands on a business day and inverts businessDaysBetween", () => {
    fc.assert(
      fc.property(calendar, date, fc.integer({ min: 1, max: 30 }), (cal, start, n) => {
        const end = addBusinessDays(start, n, cal);
        expect(isBusinessDay(end, cal)).toBe(true);
        expect(businessDaysBetween(start, end, cal)).toBe(n);
      }),
      RUNS,
    );
  });
});
