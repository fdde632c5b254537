/**
 * Wall-clock time in an IANA zone, computed with Intl only (the checkout extension bundles
 * this code, so no date library). Formatters are cached per zone: building one is slow.
 */
import { isoWeekday, toEpochDay } from "./dates";

/** A local calendar date and time of day in some zone. */
export interface LocalDateTime {
  /** Local calendar date "YYYY-MM-DD". */
  readonly date: string;
  /** Minutes since local midnight (0–1439). */
  readonly minutes: number;
  /** 1 = Monday … 7 = Sunday. */
  readonly isoWeekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  const cached = formatters.get(timeZone);
  if (cached) return cached;
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat("en-US", {
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
  formatters.set(timeZone, formatter);
  return formatter;
}

/** True when the runtime knows the IANA zone. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The local date, minutes since midnight and ISO weekday of an instant in a zone. */
export function localDateTime(instantMs: number, timeZone: string): LocalDateTime {
  if (!Number.isFinite(instantMs)) throw new RangeError(`Invalid instant: ${instantMs}`);
  const parts = formatterFor(timeZone).formatToParts(instantMs);
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  const year = part("year");
  const date = `${String(year).padStart(4, "0")}-${String(part("month")).padStart(2, "0")}-${String(
    part("day")
  ).padStart(2, "0")}`;
  // Some engines still print midnight as "24" even with h23.
  const minutes = (part("hour") % 24) * 60 + part("minute");
  return { date, minutes, isoWeekday: isoWeekday(date) };
}

/** Minutes since midnight of a local "HH:mm" time; throws on anything else. */
export function parseClockTime(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`Cut-off "${hhmm}" must be a 24-hour time such as "14:00"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

const localEpochMinutes = (ms: number, timeZone: string): number => {
  const local = localDateTime(ms, timeZone);
  return toEpochDay(local.date) * 1440 + local.minutes;
};

const offsetMinutes = (ms: number, timeZone: string): number =>
  localEpochMinutes(ms, timeZone) - Math.floor(ms / 60_000);

/** True when the zone's UTC offset changed during the `hours` before the instant. */
export function offsetChangedWithin(instantMs: number, hours: number, timeZone: string): boolean {
  return offsetMinutes(instantMs, timeZone) !== offsetMinutes(instantMs - hours * 3_600_000, timeZone);
}

/**
 * The first instant a local wall-clock time is reached in a zone: a time repeated by a DST
 * fall-back gives its earlier instant; a time skipped by a spring-forward gives the jump.
 */
export function instantAt(date: string, minutes: number, timeZone: string): number {
  const target = toEpochDay(date) * 1440 + minutes;
  // Offsets a day either side bracket any DST change near the target.
  const early = target - offsetMinutes((target - 1440) * 60_000, timeZone);
  const late = target - offsetMinutes((target + 1440) * 60_000, timeZone);
  const exact = [early, late]
    .filter((m) => localEpochMinutes(m * 60_000, timeZone) === target)
    .sort((a, b) => a - b);
  if (exact[0] !== undefined) return exact[0] * 60_000;
  // Skipped time: binary-search the minute the clock jumps past it.
  let lo = Math.min(early, late);
  let hi = Math.max(early, late);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localEpochMinutes(mid * 60_000, timeZone) >= target) hi = mid;
    else lo = mid;
  }
  return hi * 60_000;
}
