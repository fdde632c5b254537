import { describe, expect, it } from "vitest";
import { addBusinessDays, businessDaysBetween, isBusinessDay, shipStartDate } from "./calendar";
import type { SupplierCalendar } from "./types";

const ms = (iso: string): number => Date.parse(iso);
const paris: SupplierCalendar = { timeZone: "Europe/Paris", cutoff: "14:00", holidays: [] };

describe("isBusinessDay", () => {
  it("works Monday to Friday by default and skips holidays", () => {
    expect(isBusinessDay("2025-12-05", paris)).toBe(true); // Friday
    expect(isBusinessDay("2025-12-06", paris)).toBe(false); // Saturday
    expect(isBusinessDay("2025-12-25", { ...paris, holidays: ["2025-12-25"] })).toBe(false);
  });

  it("honours a supplier that works weekends", () => {
    expect(isBusinessDay("2025-12-06", { workdays: [1, 2, 3, 4, 5, 6] })).toBe(true);
    expect(isBusinessDay("2025-12-07", { workdays: [1, 2, 3, 4, 5, 6] })).toBe(false);
  });

  it("refuses a calendar with no workdays", () => {
    expect(() => isBusinessDay("2025-12-05", { workdays: [] })).toThrow(/workday/);
  });
});

describe("addBusinessDays", () => {
  it("skips the weekend", () => {
    expect(addBusinessDays("2025-12-05", 1, {})).toBe("2025-12-08");
    expect(addBusinessDays("2025-12-03", 3, {})).toBe("2025-12-08");
    expect(addBusinessDays("2025-12-08", -1, {})).toBe("2025-12-05");
  });

  it("returns the date itself for zero days", () => {
    expect(addBusinessDays("2025-12-06", 0, {})).toBe("2025-12-06");
  });

  it("skips a run of consecutive holidays", () => {
    const holidays = ["2025-12-24", "2025-12-25", "2025-12-26"];
    expect(addBusinessDays("2025-12-23", 1, { holidays })).toBe("2025-12-29");
  });

  it("fails loudly rather than looping when nothing is ever open", () => {
    const holidays = Array.from({ length: 2000 }, (_, i) => new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10));
    expect(() => addBusinessDays("2025-01-01", 1, { holidays })).toThrow(/holidays/);
  });

  it("is the inverse of businessDaysBetween", () => {
    expect(businessDaysBetween("2025-12-05", "2025-12-08", {})).toBe(1);
    expect(businessDaysBetween("2025-12-01", "2025-12-12", {})).toBe(9);
    expect(businessDaysBetween("2025-12-12", "2025-12-01", {})).toBe(-9);
    expect(addBusinessDays("2025-12-01", businessDaysBetween("2025-12-01", "2025-12-12", {}), {})).toBe("2025-12-12");
  });
});

describe("shipStartDate", () => {
  // Wednesday 3 December 2025, Paris is UTC+1.
  it("starts today one minute before the cut-off", () => {
    expect(shipStartDate(paris, ms("2025-12-03T12:59:00Z"))).toBe("2025-12-03");
  });

  it("starts the next business day exactly at the cut-off", () => {
    expect(shipStartDate(paris, ms("2025-12-03T13:00:00Z"))).toBe("2025-12-04");
  });

  it("starts the next business day one minute after the cut-off", () => {
    expect(shipStartDate(paris, ms("2025-12-03T13:01:00Z"))).toBe("2025-12-04");
  });

  it("rolls a Friday order after the cut-off to Monday", () => {
    expect(shipStartDate(paris, ms("2025-12-05T15:00:00Z"))).toBe("2025-12-08");
  });

  it("rolls a weekend order to Monday even before the cut-off", () => {
    expect(shipStartDate(paris, ms("2025-12-06T08:00:00Z"))).toBe("2025-12-08");
  });

  it("rolls over a run of holidays and the weekend after it", () => {
    const christmas = { ...paris, holidays: ["2025-12-24", "2025-12-25", "2025-12-26"] };
    expect(shipStartDate(christmas, ms("2025-12-23T14:00:00Z"))).toBe("2025-12-29");
    expect(shipStartDate(christmas, ms("2025-12-24T08:00:00Z"))).toBe("2025-12-29");
  });

  it("lets a weekend-working supplier start on Saturday", () => {
    const sixDays = { ...paris, workdays: [1, 2, 3, 4, 5, 6] };
    expect(shipStartDate(sixDays, ms("2025-12-05T15:00:00Z"))).toBe("2025-12-06");
    expect(shipStartDate(sixDays, ms("2025-12-06T09:00:00Z"))).toBe("2025-12-06");
    expect(shipStartDate(sixDays, ms("2025-12-06T13:30:00Z"))).toBe("2025-12-08");
  });

  it("uses the Shanghai supplier's date, not the UTC date", () => {
    const shanghai = { timeZone: "Asia/Shanghai", cutoff: "16:00", holidays: [] };
    // Thursday 17:30 UTC = Friday 01:30 in Shanghai: before Friday's cut-off.
    expect(shipStartDate(shanghai, ms("2025-12-04T17:30:00Z"))).toBe("2025-12-05");
    // Friday 08:00 UTC = Friday 16:00 in Shanghai: at the cut-off, so Monday.
    expect(shipStartDate(shanghai, ms("2025-12-05T07:59:00Z"))).toBe("2025-12-05");
    expect(shipStartDate(shanghai, ms("2025-12-05T08:00:00Z"))).toBe("2025-12-08");
  });

  it("moves the Paris cut-off with summer time in the March DST week", () => {
    // Friday 28 March (UTC+1): cut-off is 13:00 UTC.
    expect(shipStartDate(paris, ms("2025-03-28T12:59:00Z"))).toBe("2025-03-28");
    expect(shipStartDate(paris, ms("2025-03-28T13:00:00Z"))).toBe("2025-03-31");
    // Monday 31 March (UTC+2): cut-off is 12:00 UTC.
    expect(shipStartDate(paris, ms("2025-03-31T11:59:00Z"))).toBe("2025-03-31");
    expect(shipStartDate(paris, ms("2025-03-31T12:00:00Z"))).toBe("2025-04-01");
  });

  it("moves the Paris cut-off back in the October DST week", () => {
    // Friday 24 October (UTC+2) and Monday 27 October (UTC+1).
    expect(shipStartDate(paris, ms("2025-10-24T11:59:00Z"))).toBe("2025-10-24");
    expect(shipStartDate(paris, ms("2025-10-24T12:00:00Z"))).toBe("2025-10-27");
    expect(shipStartDate(paris, ms("2025-10-27T12:59:00Z"))).toBe("2025-10-27");
    expect(shipStartDate(paris, ms("2025-10-27T13:00:00Z"))).toBe("2025-10-28");
  });

  it("moves the New York cut-off across the March DST change", () => {
    const newYork = { timeZone: "America/New_York", cutoff: "15:00", holidays: [] };
    // Friday 7 March is EST (UTC−5), Monday 10 March is EDT (UTC−4).
    expect(shipStartDate(newYork, ms("2025-03-07T19:59:00Z"))).toBe("2025-03-07");
    expect(shipStartDate(newYork, ms("2025-03-07T20:00:00Z"))).toBe("2025-03-10");
    expect(shipStartDate(newYork, ms("2025-03-10T18:59:00Z"))).toBe("2025-03-10");
    expect(shipStartDate(newYork, ms("2025-03-10T19:00:00Z"))).toBe("2025-03-11");
  });

  it("closes the day at the first pass of a cut-off in a repeated fall-back hour", () => {
    // New York, Sunday 2 November 2025: 01:00–02:00 happens twice. A 7-day supplier, cut-off 01:30.
    const night = {
      timeZone: "America/New_York",
      cutoff: "01:30",
      holidays: [],
      workdays: [1, 2, 3, 4, 5, 6, 7],
    };
    expect(shipStartDate(night, ms("2025-11-02T05:29:00Z"))).toBe("2025-11-02"); // 01:29 EDT
    expect(shipStartDate(night, ms("2025-11-02T05:45:00Z"))).toBe("2025-11-03"); // 01:45 EDT
    expect(shipStartDate(night, ms("2025-11-02T06:15:00Z"))).toBe("2025-11-03"); // 01:15 EST, again
  });
});
