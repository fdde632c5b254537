/**
 * Internal to the promise engine (not re-exported): the wall clock of an instant in a zone,
 * read once through Intl and remembered. `formatToParts` costs microseconds and routing asks
 * for the same instant in the same few zones once per supplier, so each zone keeps its last
 * few answers; a fresh order instant still costs one Intl call per zone.
 */
import { zoneClockFormatters, zoneReadings } from "../kernel";
import { toEpochDay } from "./dates";

/** A local calendar date and time of day in some zone. */
export interface LocalDateTime {
  /** Local calendar date "YYYY-MM-DD". */
  readonly date: string;
  /** Minutes since local midnight (0–1439). */
  readonly minutes: number;
  /** 1 = Monday … 7 = Sunday. */
  readonly isoWeekday: number;
}

/** A local wall-clock reading with its day count, so callers need not re-parse the date. */
export interface LocalClock {
  readonly local: LocalDateTime;
  /** Days since 1970-01-01 of `local.date`. */
  readonly epochDay: number;
}

/** The cached formatter of a zone; throws a merchant-readable error on an unknown zone. */
export function formatterFor(timeZone: string): Intl.DateTimeFormat {
  return zoneClockFormatters.get(timeZone, zoneFormatter);
}

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
  } catch {
    throw new RangeError(`Unknown time zone "${timeZone}": use an IANA name such as "Europe/Paris"`);
  }
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day count; 1970-01-01 was a Thursday. */
export const weekdayOfEpochDay = (epochDay: number): number => ((((epochDay + 3) % 7) + 7) % 7) + 1;

interface ClockFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

// en-US with these options prints "MM/DD/YYYY, HH:mm". `format` is the concatenation of
// `formatToParts` values and costs a third as much, so it is read first; any other shape
// (an engine's own spacing, a far-off year) falls back to the parts.
const US_SHAPE = /^(\d{2})\/(\d{2})\/(\d+), (\d{2}):(\d{2})$/;

function clockFields(formatter: Intl.DateTimeFormat, instantMs: number): ClockFields {
  const m = US_SHAPE.exec(formatter.format(instantMs));
  if (m) return { month: Number(m[1]), day: Number(m[2]), year: Number(m[3]), hour: Number(m[4]), minute: Number(m[5]) };
  const parts = formatter.formatToParts(instantMs);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  return { year: part("year"), month: part("month"), day: part("day"), hour: part("hour"), minute: part("minute") };
}

function readClock(instantMs: number, timeZone: string): LocalClock {
  const f = clockFields(formatterFor(timeZone), instantMs);
  const date = `${String(f.year).padStart(4, "0")}-${String(f.month).padStart(2, "0")}-${String(f.day).padStart(2, "0")}`;
  // Some engines still print midnight as "24" even with h23.
  const minutes = (f.hour % 24) * 60 + f.minute;
  const epochDay = toEpochDay(date);
  const local: LocalDateTime = Object.freeze({ date, minutes, isoWeekday: weekdayOfEpochDay(epochDay) });
  return { local, epochDay };
}

/** The local clock of an instant in a zone (its last few readings are remembered); throws on a bad instant or zone. */
export function localClock(instantMs: number, timeZone: string): LocalClock {
  if (!Number.isFinite(instantMs)) throw new RangeError(`Invalid instant: ${instantMs}`);
  return zoneReadings.get(timeZone, instantMs, readClock);
}
