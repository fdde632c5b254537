import { describe, expect, it } from "vitest";
import type { SupplierCalendar } from "../promise";
import { DEFAULT_EXCEPTION_CONFIG, evaluateExceptions, nextEvaluationAtMs } from "./evaluate";
import type { ExceptionSubject } from "./types";

const PARIS: SupplierCalendar = { timeZone: "Europe/Paris", cutoff: "14:00", holidays: [] };
const HOUR = 3_600_000;
const shipBy = Date.parse("2026-04-08T12:00:00Z");
const types = (subject: ExceptionSubject, at: number, config = DEFAULT_EXCEPTION_CONFIG) => evaluateExceptions(subject, at, config).map((c) => c.type);

describe("the merchant's exception thresholds", () => {
  it("a grace after the committed ship date delays 'no tracking' by that many hours", () => {
    const subject: ExceptionSubject = { id: "po", calendar: PARIS, committedShipByMs: shipBy, acceptedAtMs: shipBy - 48 * HOUR };
    expect(types(subject, shipBy)).toEqual(["no_tracking_by_ship_date"]);
    const graced = { ...DEFAULT_EXCEPTION_CONFIG, noTrackingGraceHours: 6 };
    expect(types(subject, shipBy + 6 * HOUR - 1, graced)).toEqual([]);
    expect(nextEvaluationAtMs(subject, shipBy, graced)).toBe(shipBy + 6 * HOUR);
  });

  it("a grace after the promised date opens 'past promised delivery' that many days later, at midnight in the promise's zone", () => {
    const subject: ExceptionSubject = {
      id: "po",
      calendar: PARIS,
      stage: "in_transit",
      promisedDelivery: { latest: "2026-04-09", timeZone: "Europe/Paris" },
    };
    expect(nextEvaluationAtMs(subject, Date.parse("2026-04-09T12:00:00Z"))).toBe(Date.parse("2026-04-09T22:00:00Z"));
    expect(nextEvaluationAtMs(subject, Date.parse("2026-04-09T12:00:00Z"), { ...DEFAULT_EXCEPTION_CONFIG, pastPromiseGraceDays: 3 })).toBe(
      Date.parse("2026-04-11T22:00:00Z"),
    );
  });

  it("refuses a negative or fractional grace", () => {
    const subject: ExceptionSubject = { id: "po", calendar: PARIS };
    expect(() => evaluateExceptions(subject, 0, { ...DEFAULT_EXCEPTION_CONFIG, noTrackingGraceHours: -1 })).toThrow(RangeError);
    expect(() => evaluateExceptions(subject, 0, { ...DEFAULT_EXCEPTION_CONFIG, pastPromiseGraceDays: 0.5 })).toThrow(RangeError);
  });
});
