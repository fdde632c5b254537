import { describe, expect, it } from "vitest";
import { instantAt, isValidTimeZone, localDateTime, parseClockTime } from "./time-zone";

const ms = (iso: string): number => Date.parse(iso);

describe("localDateTime", () => {
  it("gives the supplier's local date, which can differ from the UTC date", () => {
    // 17:30 UTC on Thursday is already 01:30 Friday in Shanghai, still 09:30 Thursday in Los Angeles.
    expect(localDateTime(ms("2025-12-04T17:30:00Z"), "Asia/Shanghai")).toEqual({
      date: "2025-12-05",
      minutes: 90,
      isoWeekday: 5,
    });
    expect(localDateTime(ms("2025-12-04T17:30:00Z"), "America/Los_Angeles")).toEqual({
      date: "2025-12-04",
      minutes: 570,
      isoWeekday: 4,
    });
  });

  it("follows Paris across the March and October DST changes", () => {
    expect(localDateTime(ms("2025-03-30T00:59:00Z"), "Europe/Paris").minutes).toBe(1 * 60 + 59);
    expect(localDateTime(ms("2025-03-30T01:00:00Z"), "Europe/Paris").minutes).toBe(3 * 60);
    expect(localDateTime(ms("2025-10-26T00:30:00Z"), "Europe/Paris").minutes).toBe(2 * 60 + 30);
    expect(localDateTime(ms("2025-10-26T01:30:00Z"), "Europe/Paris").minutes).toBe(2 * 60 + 30);
  });

  it("reports midnight as minute 0 of the new day", () => {
    expect(localDateTime(ms("2025-12-03T23:00:00Z"), "Europe/Paris")).toEqual({
      date: "2025-12-04",
      minutes: 0,
      isoWeekday: 4,
    });
  });

  it("refuses an unknown zone with an actionable message", () => {
    expect(() => localDateTime(0, "Mars/Olympus")).toThrow(/IANA/);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("Asia/Shanghai")).toBe(true);
  });
});

describe("instantAt", () => {
  it("finds the instant of a local time in winter and summer", () => {
    expect(instantAt("2025-12-03", 14 * 60, "Europe/Paris")).toBe(ms("2025-12-03T13:00:00Z"));
    expect(instantAt("2025-07-03", 14 * 60, "Europe/Paris")).toBe(ms("2025-07-03T12:00:00Z"));
    expect(instantAt("2025-12-05", 16 * 60, "Asia/Shanghai")).toBe(ms("2025-12-05T08:00:00Z"));
  });

  it("maps a repeated fall-back time to its first occurrence", () => {
    expect(instantAt("2025-10-26", 150, "Europe/Paris")).toBe(ms("2025-10-26T00:30:00Z"));
    expect(instantAt("2025-11-02", 90, "America/New_York")).toBe(ms("2025-11-02T05:30:00Z"));
  });

  it("maps a skipped spring-forward time to the jump", () => {
    expect(instantAt("2025-03-30", 150, "Europe/Paris")).toBe(ms("2025-03-30T01:00:00Z"));
    expect(instantAt("2025-03-09", 150, "America/New_York")).toBe(ms("2025-03-09T07:00:00Z"));
  });
});

describe("parseClockTime", () => {
  it("reads 24-hour HH:mm and rejects anything else", () => {
    expect(parseClockTime("00:00")).toBe(0);
    expect(parseClockTime("14:30")).toBe(870);
    expect(() => parseClockTime("24:00")).toThrow(/24-hour/);
    expect(() => parseClockTime("2pm")).toThrow(/24-hour/);
  });
});
