/**
 * The optimised engine (day counts, hand-written date parsing, memoised wall-clock readings)
 * against a deliberately plain reference: the string-stepping algorithms it replaced, with
 * a regular-expression parser and an uncached Intl reading. Same answers, same errors.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addBusinessDays, businessDaysBetween, isBusinessDay, shipStartDate, type BusinessCalendar } from "./calendar";
import { transitFor, type CoverageEntry, type Destination } from "./coverage";
import { fromEpochDay, isIsoDate, toEpochDay } from "./dates";
import { localDateTime, parseClockTime } from "./time-zone";
import type { PromiseLeg, PromiseWindow, SupplierCalendar } from "./types";
import { promiseWindow, shipByWindow } from "./window";

// ---------------------------------------------------------------- the reference
// Validity from the JavaScript calendar: an impossible day rolls over into the next month.
const refParse = (value: string): number => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  const ok = mo >= 1 && mo <= 12 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  return ok ? Math.floor(date.getTime() / 86_400_000) : NaN;
};
const refToDay = (date: string): number => {
  const day = refParse(date);
  if (Number.isNaN(day)) throw new RangeError(`"${date}" is not a calendar date in YYYY-MM-DD form`);
  return day;
};
const refAddDays = (date: string, n: number): string => fromEpochDay(refToDay(date) + n);
const refWeekday = (date: string): number => ((((refToDay(date) + 3) % 7) + 7) % 7) + 1;

function refWorkdays(calendar: BusinessCalendar): readonly number[] {
  const workdays = calendar.workdays ?? [1, 2, 3, 4, 5];
  if (!workdays.some((d) => Number.isInteger(d) && d >= 1 && d <= 7)) {
    throw new RangeError("A calendar needs at least one workday (1 = Monday … 7 = Sunday)");
  }
  return workdays;
}

function refIsBusinessDay(date: string, calendar: BusinessCalendar): boolean {
  if (!refWorkdays(calendar).includes(refWeekday(date))) return false;
  return !(calendar.holidays ?? []).includes(date);
}

function refAddBusinessDays(date: string, n: number, calendar: BusinessCalendar): string {
  if (!Number.isInteger(n)) throw new RangeError(`Business days must be a whole number, got ${n}`);
  refWorkdays(calendar);
  const step = n < 0 ? -1 : 1;
  let current = date;
  let remaining = Math.abs(n);
  let idle = 0;
  while (remaining > 0) {
    current = refAddDays(current, step);
    if (refIsBusinessDay(current, calendar)) {
      remaining -= 1;
      idle = 0;
    } else if (++idle > 3 * 366) {
      throw new RangeError(`No business day within ${3 * 366} days of ${date}: check the holidays`);
    }
  }
  return current;
}

function refBusinessDaysBetween(from: string, to: string, calendar: BusinessCalendar): number {
  const sign = refToDay(to) >= refToDay(from) ? 1 : -1;
  const [start, end] = sign === 1 ? [from, to] : [to, from];
  let count = 0;
  for (let i = 1; i <= refToDay(end) - refToDay(start); i += 1) {
    if (refIsBusinessDay(refAddDays(start, i), calendar)) count += 1;
  }
  return sign * count;
}

const refFormatters = new Map<string, Intl.DateTimeFormat>();

// An Intl reading every time (only the formatter is kept, or the cut-off scan below crawls).
function refLocal(instantMs: number, timeZone: string) {
  const formatter =
    refFormatters.get(timeZone) ??
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
  refFormatters.set(timeZone, formatter);
  const parts = formatter.formatToParts(instantMs);
  const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const pad = (n: number, w: number) => String(n).padStart(w, "0");
  const date = `${pad(part("year"), 4)}-${pad(part("month"), 2)}-${pad(part("day"), 2)}`;
  return { date, minutes: (part("hour") % 24) * 60 + part("minute"), isoWeekday: refWeekday(date) };
}

// The cut-off rule as first written, on the reference clock (instantAt is not optimised).
function refShipStart(calendar: SupplierCalendar, nowMs: number): string {
  const local = refLocal(nowMs, calendar.timeZone);
  const cutoff = parseClockTime(calendar.cutoff);
  const offset = (ms: number) => {
    const l = refLocal(ms, calendar.timeZone);
    return refToDay(l.date) * 1440 + l.minutes - Math.floor(ms / 60_000);
  };
  const changed = offset(nowMs) !== offset(nowMs - 3 * 3_600_000);
  // Only needed when the offset changed: scan minute by minute for the first instant the local
  // clock reaches today's cut-off. Four hours back is before it, whatever the clock did.
  const reached = (ms: number): boolean => {
    const l = refLocal(ms, calendar.timeZone);
    return l.date > local.date || (l.date === local.date && l.minutes >= cutoff);
  };
  const cutoffInstant = (): number => {
    let m = Math.floor(nowMs / 60_000) - 240;
    if (reached(m * 60_000)) throw new Error("scan started too late");
    while (!reached(m * 60_000)) m += 1;
    return m * 60_000;
  };
  const beforeCutoff = local.minutes < cutoff && (!changed || nowMs < cutoffInstant());
  if (refIsBusinessDay(local.date, calendar) && beforeCutoff) return local.date;
  return refAddBusinessDays(local.date, 1, calendar);
}

function refPromiseWindow(leg: PromiseLeg, nowMs: number): PromiseWindow {
  const start = refShipStart(leg.calendar, nowMs);
  const carrier = { workdays: [1, 2, 3, 4, 5], holidays: leg.carrierHolidays ?? [] };
  return {
    earliest: refAddBusinessDays(refAddBusinessDays(start, leg.handling.min, leg.calendar), leg.transit.min, carrier),
    latest: refAddBusinessDays(refAddBusinessDays(start, leg.handling.max, leg.calendar), leg.transit.max, carrier),
  };
}

function refTransitFor(coverage: readonly CoverageEntry[], destination: Destination) {
  const same = (a: string, b: string): boolean => a.trim().toUpperCase() === b.trim().toUpperCase();
  const inCountry = coverage.filter((row) => same(row.countryCode, destination.countryCode));
  const province = destination.provinceCode;
  if (province) {
    const specific = inCountry.find((row) => row.provinceCode && same(row.provinceCode, province));
    if (specific) return specific.transit;
  }
  return inCountry.find((row) => !row.provinceCode)?.transit ?? null;
}

/** The value, or the error message, so that failures are compared too. */
const outcome = <T>(f: () => T): T | string => {
  try {
    return f();
  } catch (error) {
    return `throws: ${(error as Error).message}`;
  }
};

// ---------------------------------------------------------------- generators
const RUNS = { numRuns: 300 };
const day = (from: string, to: string) => fc.integer({ min: toEpochDay(from), max: toEpochDay(to) });
const date = day("2024-06-01", "2027-12-31").map(fromEpochDay);
const holiday = fc.oneof({ weight: 8, arbitrary: date }, { weight: 1, arbitrary: fc.constantFrom("2025-02-30", "2025-1-01", "bogus", "") });
const calendar: fc.Arbitrary<BusinessCalendar> = fc.record(
  {
    workdays: fc.oneof(fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }), fc.array(fc.constantFrom(0, 1, 3, 6, 7, 8, 2.5), { maxLength: 3 })),
    holidays: fc.array(holiday, { maxLength: 40 }),
  },
  { requiredKeys: [] },
);
const zone = fc.constantFrom(
  "Europe/Paris",
  "America/New_York",
  "America/St_Johns",
  "Asia/Kathmandu",
  "Australia/Lord_Howe",
  "Pacific/Chatham",
  "Africa/Casablanca",
  "UTC",
);
const cutoff = fc.integer({ min: 0, max: 1439 }).map((m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`);
const instant = fc.integer({ min: Date.parse("2024-06-01T00:00:00Z"), max: Date.parse("2027-06-01T00:00:00Z") });

// ---------------------------------------------------------------- properties
describe("optimised promise engine agrees with the plain reference", () => {
  it("parses exactly the strings a YYYY-MM-DD regular expression accepts, to the same day", () => {
    const nearDate = fc.oneof(date, fc.stringMatching(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/), fc.stringMatching(/^[0-9 +.e-]{8,11}$/), fc.string({ maxLength: 12 }));
    fc.assert(
      fc.property(nearDate, (s) => {
        expect(isIsoDate(s)).toBe(!Number.isNaN(refParse(s)));
        expect(outcome(() => toEpochDay(s))).toEqual(outcome(() => refToDay(s)));
      }),
      { numRuns: 1000 },
    );
  });

  it("decides business days, adds them and counts them the same way", () => {
    fc.assert(
      fc.property(calendar, date, date, fc.integer({ min: -40, max: 40 }), (cal, a, b, n) => {
        expect(outcome(() => isBusinessDay(a, cal))).toEqual(outcome(() => refIsBusinessDay(a, cal)));
        expect(outcome(() => addBusinessDays(a, n, cal))).toEqual(outcome(() => refAddBusinessDays(a, n, cal)));
        expect(outcome(() => businessDaysBetween(a, b, cal))).toEqual(outcome(() => refBusinessDaysBetween(a, b, cal)));
      }),
      RUNS,
    );
  });

  it("fails the same way at the edges of the representable calendar", () => {
    const edge = fc.oneof(day("0000-01-01", "0000-01-20"), day("9999-12-10", "9999-12-31")).map(fromEpochDay);
    fc.assert(
      fc.property(edge, fc.integer({ min: -15, max: 15 }), (d, n) => {
        expect(outcome(() => addBusinessDays(d, n, {}))).toEqual(outcome(() => refAddBusinessDays(d, n, {})));
      }),
      RUNS,
    );
  });

  it("reads the same wall clock as an uncached Intl call, however readings interleave", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(instant, zone), { minLength: 1, maxLength: 20 }), (readings) => {
        // Read everything twice so that both fresh and remembered readings are checked.
        for (const [ms, tz] of [...readings, ...readings]) expect(localDateTime(ms, tz)).toEqual(refLocal(ms, tz));
      }),
      { numRuns: 100 },
    );
    // Far-off instants (local mean time, year 100, year 10000) fail or succeed alike.
    for (const ms of [Date.UTC(1850, 0, 1, 12), Date.UTC(100, 5, 1), Date.UTC(9999, 11, 31, 23, 59), -1e13]) {
      expect(outcome(() => localDateTime(ms, "Europe/Paris"))).toEqual(outcome(() => refLocal(ms, "Europe/Paris")));
    }
  });

  it("starts handling and promises the same window, cut-offs and clock changes included", () => {
    const leg: fc.Arbitrary<PromiseLeg> = fc.record({
      calendar: fc.record({
        timeZone: zone,
        cutoff,
        holidays: fc.array(holiday, { maxLength: 20 }),
        workdays: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1 }),
      }),
      handling: fc.tuple(fc.nat(5), fc.nat(4)).map(([min, extra]) => ({ min, max: min + extra })),
      transit: fc.tuple(fc.nat(5), fc.nat(4)).map(([min, extra]) => ({ min, max: min + extra })),
      carrierHolidays: fc.array(holiday, { maxLength: 10 }),
    });
    // Half the instants fall within a few hours after a 2025 clock change.
    const changes = ["2025-03-30T01:00:00Z", "2025-10-26T01:00:00Z", "2025-03-09T07:00:00Z", "2025-11-02T06:00:00Z"];
    const nearChange = fc.tuple(fc.constantFrom(...changes), fc.integer({ min: -60, max: 240 })).map(([at, minutes]) => Date.parse(at) + minutes * 60_000);
    fc.assert(
      fc.property(leg, fc.oneof(instant, nearChange), (l, now) => {
        expect(outcome(() => shipStartDate(l.calendar, now))).toEqual(outcome(() => refShipStart(l.calendar, now)));
        expect(outcome(() => promiseWindow(l, now))).toEqual(outcome(() => refPromiseWindow(l, now)));
        const ship = outcome(() => shipByWindow(l, now));
        if (typeof ship !== "string") {
          const start = refShipStart(l.calendar, now);
          expect(ship.earliest).toBe(refAddBusinessDays(start, l.handling.min, l.calendar));
          expect(ship.latest).toBe(refAddBusinessDays(start, l.handling.max, l.calendar));
        }
      }),
      RUNS,
    );
  });

  it("picks the same transit row in one pass", () => {
    const code = (codes: string[]) => fc.constantFrom(...codes.flatMap((c) => [c, c.toLowerCase(), ` ${c}`]));
    const province = fc.option(code(["CA", "NY", "QC"]), { nil: undefined });
    const row = fc.record({
      countryCode: code(["US", "CA"]),
      provinceCode: fc.oneof(province, fc.constant(null), fc.constant("")),
      transit: fc.record({ min: fc.nat(3), max: fc.nat(9) }),
    });
    const destination = fc.record({ countryCode: code(["US", "CA", "FR"]), provinceCode: fc.oneof(province, fc.constant(null)) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), destination, (coverage, to) => {
        expect(transitFor(coverage, to)).toBe(refTransitFor(coverage, to));
      }),
      { numRuns: 500 },
    );
  });

  it("remembers cut-offs without remembering mistakes", () => {
    expect(parseClockTime("14:30")).toBe(870);
    expect(parseClockTime("14:30")).toBe(870);
    expect(() => parseClockTime("24:00")).toThrow(/24-hour/);
    expect(() => parseClockTime("24:00")).toThrow(/24-hour/);
  });
});
