import { describe, expect, it } from "vitest";
import type { PromiseLeg } from "./types";
import { cartPromise, groupPromises, promiseWindow, shipByWindow } from "./window";

const ms = (iso: string): number => Date.parse(iso);

const parisLeg: PromiseLeg = {
  calendar: { timeZone: "Europe/Paris", cutoff: "14:00", holidays: [] },
  handling: { min: 1, max: 2 },
  transit: { min: 2, max: 4 },
};

describe("shipByWindow", () => {
  it("adds handling business days to the start date", () => {
    // Wednesday before cut-off: starts Wed, ships Thu–Fri.
    expect(shipByWindow(parisLeg, ms("2025-12-03T09:00:00Z"))).toEqual({
      earliest: "2025-12-04",
      latest: "2025-12-05",
    });
  });

  it("ships on the start day when handling is zero", () => {
    const sameDay = { ...parisLeg, handling: { min: 0, max: 0 } };
    expect(shipByWindow(sameDay, ms("2025-12-03T09:00:00Z"))).toEqual({
      earliest: "2025-12-03",
      latest: "2025-12-03",
    });
    expect(shipByWindow(sameDay, ms("2025-12-05T13:00:00Z"))).toEqual({
      earliest: "2025-12-08",
      latest: "2025-12-08",
    });
  });

  it("refuses an inverted or fractional handling range", () => {
    expect(() => shipByWindow({ ...parisLeg, handling: { min: 3, max: 1 } }, 0)).toThrow(/Handling/);
    expect(() => shipByWindow({ ...parisLeg, handling: { min: 0.5, max: 1 } }, 0)).toThrow(/Handling/);
  });
});

describe("promiseWindow", () => {
  it("adds carrier transit from the day after hand-off, skipping the weekend", () => {
    // Ships Thu 4 – Fri 5; +2 carrier days → Mon 8; +4 → Thu 11.
    expect(promiseWindow(parisLeg, ms("2025-12-03T09:00:00Z"))).toEqual({
      earliest: "2025-12-08",
      latest: "2025-12-11",
    });
  });

  it("rolls a Friday order after cut-off through the weekend", () => {
    // Starts Mon 8; ships Tue 9 – Wed 10; arrives Thu 11 – Tue 16.
    expect(promiseWindow(parisLeg, ms("2025-12-05T13:00:00Z"))).toEqual({
      earliest: "2025-12-11",
      latest: "2025-12-16",
    });
  });

  it("skips carrier holidays during transit", () => {
    const leg = { ...parisLeg, carrierHolidays: ["2025-12-25", "2025-12-26"] };
    // Order Mon 22 before cut-off: ships Tue 23 – Wed 24. From Tue 23, +2 carrier days → Wed 24,
    // Mon 29 (25, 26 closed). From Wed 24, +4 → Mon 29, Tue 30, Wed 31, Thu 1 January.
    expect(promiseWindow(leg, ms("2025-12-22T09:00:00Z"))).toEqual({
      earliest: "2025-12-29",
      latest: "2026-01-01",
    });
  });

  it("counts carrier days, not supplier days, after a Saturday hand-off", () => {
    const saturdayShipper: PromiseLeg = {
      calendar: { timeZone: "Europe/Paris", cutoff: "14:00", holidays: [], workdays: [1, 2, 3, 4, 5, 6] },
      handling: { min: 0, max: 0 },
      transit: { min: 1, max: 1 },
    };
    expect(promiseWindow(saturdayShipper, ms("2025-12-06T08:00:00Z"))).toEqual({
      earliest: "2025-12-08",
      latest: "2025-12-08",
    });
  });

  it("promises a Shanghai order to a Los Angeles shopper from Shanghai's calendar", () => {
    const shanghai: PromiseLeg = {
      calendar: { timeZone: "Asia/Shanghai", cutoff: "16:00", holidays: [] },
      handling: { min: 1, max: 2 },
      transit: { min: 6, max: 9 },
    };
    // Thu 4 Dec 09:30 in Los Angeles is already Fri 5 Dec 01:30 in Shanghai (before cut-off).
    // Ships Mon 8 – Tue 9; +6 carrier days → Tue 16; +9 → Mon 22.
    expect(promiseWindow(shanghai, ms("2025-12-04T17:30:00Z"))).toEqual({
      earliest: "2025-12-16",
      latest: "2025-12-22",
    });
  });
});

describe("cartPromise", () => {
  const slowLeg: PromiseLeg = { ...parisLeg, handling: { min: 3, max: 5 }, transit: { min: 1, max: 2 } };
  const fastLeg: PromiseLeg = { ...parisLeg, handling: { min: 0, max: 1 }, transit: { min: 1, max: 1 } };
  const now = ms("2025-12-03T09:00:00Z");

  it("takes the slowest part for each end of the window", () => {
    // paris: Mon 8 – Thu 11; slow: ships Mon 8 – Wed 10, arrives Tue 9 – Fri 12; fast: Thu 4 – Fri 5.
    expect(cartPromise([parisLeg, slowLeg, fastLeg], now)).toEqual({
      earliest: "2025-12-09",
      latest: "2025-12-12",
    });
  });

  it("equals the single leg's window for a one-supplier cart", () => {
    expect(cartPromise([fastLeg], now)).toEqual(promiseWindow(fastLeg, now));
  });

  it("refuses an empty cart", () => {
    expect(() => cartPromise([], now)).toThrow(/at least one/);
  });

  it("gives each delivery group its own window", () => {
    expect(
      groupPromises(
        [
          { id: "group-1", legs: [fastLeg] },
          { id: "group-2", legs: [slowLeg, fastLeg] },
        ],
        now,
      ),
    ).toEqual([
      { id: "group-1", window: { earliest: "2025-12-04", latest: "2025-12-05" } },
      { id: "group-2", window: { earliest: "2025-12-09", latest: "2025-12-12" } },
    ]);
  });
});
