import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, compareDates, daysBetween, fromEpochDay, isIsoDate, isoWeekday, toEpochDay } from "./dates";

describe("ISO date arithmetic", () => {
  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(addDays("2025-03-01", -1)).toBe("2025-02-28");
    expect(addDays("2000-02-28", 1)).toBe("2000-02-29");
    expect(addDays("2100-02-28", 1)).toBe("2100-03-01");
  });

  it("knows the ISO weekday", () => {
    expect(isoWeekday("2025-12-01")).toBe(1); // Monday
    expect(isoWeekday("2025-12-05")).toBe(5); // Friday
    expect(isoWeekday("2025-12-07")).toBe(7); // Sunday
    expect(isoWeekday("1970-01-01")).toBe(4); // Thursday
    expect(isoWeekday("1969-12-29")).toBe(1);
  });

  it("compares and measures dates", () => {
    expect(compareDates("2025-12-01", "2025-12-02")).toBe(-1);
    expect(compareDates("2025-12-02", "2025-12-02")).toBe(0);
    expect(compareDates("2026-01-01", "2025-12-31")).toBe(1);
    expect(daysBetween("2025-12-25", "2026-01-01")).toBe(7);
  });

  it("rejects impossible or malformed dates with a message", () => {
    expect(isIsoDate("2025-02-29")).toBe(false);
    expect(isIsoDate("2025-2-01")).toBe(false);
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(() => toEpochDay("2025-13-01")).toThrow(/YYYY-MM-DD/);
  });

  it("agrees with the JavaScript calendar for any day", () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (day) => {
        const date = fromEpochDay(day);
        expect(date).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
        expect(toEpochDay(date)).toBe(day);
        expect(isoWeekday(date)).toBe(((new Date(day * 86_400_000).getUTCDay() + 6) % 7) + 1);
      }),
      { numRuns: 200 },
    );
  });
});
