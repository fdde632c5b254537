import { describe, expect, it } from "vitest";
import { addBusinessHours, type BusinessHoursCalendar } from "./business-hours";

const PARIS: BusinessHoursCalendar = {
  timeZone: "Europe/Paris",
  cutoff: "14:00",
  holidays: ["2026-04-06"], // Easter Monday
  openTime: "09:00",
  closeTime: "17:00",
};

const utc = (iso: string): number => Date.parse(iso);

describe("addBusinessHours", () => {
  it("counts hours within one business day", () => {
    expect(addBusinessHours(utc("2026-04-07T08:00:00Z"), 3, PARIS)).toBe(utc("2026-04-07T11:00:00Z"));
  });

  it("ends at closing time rather than rolling over when the hours fit exactly", () => {
    // Tuesday 13:00 Paris (11:00Z) + 4h = 17:00 Paris.
    expect(addBusinessHours(utc("2026-04-07T11:00:00Z"), 4, PARIS)).toBe(utc("2026-04-07T15:00:00Z"));
  });

  it("skips the weekend and a holiday", () => {
    // Friday 3 April 15:00 Paris: 2h on Friday, Sat/Sun off, Monday is Easter Monday, 2h on Tuesday.
    expect(addBusinessHours(utc("2026-04-03T13:00:00Z"), 4, PARIS)).toBe(utc("2026-04-07T09:00:00Z"));
  });

  it("starts counting at opening time when started before it or on a closed day", () => {
    expect(addBusinessHours(utc("2026-04-07T04:00:00Z"), 1, PARIS)).toBe(utc("2026-04-07T08:00:00Z"));
    expect(addBusinessHours(utc("2026-04-04T10:00:00Z"), 1, PARIS)).toBe(utc("2026-04-07T08:00:00Z"));
  });

  it("rolls to the next business day when started after closing", () => {
    expect(addBusinessHours(utc("2026-04-07T18:00:00Z"), 1, PARIS)).toBe(utc("2026-04-08T08:00:00Z"));
  });

  it("keeps local opening hours across the spring-forward weekend", () => {
    // Friday 27 March 15:00 CET (+01:00); Monday 30 March is CEST (+02:00).
    expect(addBusinessHours(utc("2026-03-27T14:00:00Z"), 4, PARIS)).toBe(utc("2026-03-30T09:00:00Z"));
  });

  it("keeps local opening hours across the fall-back weekend", () => {
    // Friday 23 October 16:00 CEST; Monday 26 October is CET: 10:00 local = 09:00Z.
    expect(addBusinessHours(utc("2026-10-23T14:00:00Z"), 2, PARIS)).toBe(utc("2026-10-26T09:00:00Z"));
  });

  it("honours a supplier that works Saturdays", () => {
    const sixDays = { ...PARIS, workdays: [1, 2, 3, 4, 5, 6] };
    expect(addBusinessHours(utc("2026-04-03T13:00:00Z"), 4, sixDays)).toBe(utc("2026-04-04T09:00:00Z"));
  });

  it("rejects opening hours that close before they open", () => {
    expect(() => addBusinessHours(0, 1, { ...PARIS, openTime: "17:00", closeTime: "09:00" })).toThrow(/after opening/);
  });

  it("rejects negative hours", () => {
    expect(() => addBusinessHours(0, -1, PARIS)).toThrow(/zero or more/);
  });
});
