/**
 * Wall-clock time in an IANA zone, computed with Intl only (the checkout extension bundles
 * this code, so no date library). Formatters and recent readings are cached per zone in
 * `local-clock.ts`: building a formatter is slow and so is reading one.
 */
import { clockTimes } from "../kernel";
import { toEpochDay } from "./dates";
import { formatterFor, localClock, type LocalDateTime } from "./local-clock";

export type { LocalDateTime } from "./local-clock";

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
  return localClock(instantMs, timeZone).local;
}

/** Minutes since midnight of a local "HH:mm" time; throws on anything else. */
export function parseClockTime(hhmm: string): number {
  // Every promise reads its supplier's cut-off: each is parsed once.
  return clockTimes.get(hhmm, clockMinutes);
}

function clockMinutes(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`Cut-off "${hhmm}" must be a 24-hour time such as "14:00"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

const localEpochMinutes = (ms: number, timeZone: string): number => {
  const clock = localClock(ms, timeZone);
  return clock.epochDay * 1440 + clock.local.minutes;
};

const offsetMinutes = (ms: number, timeZone: string): number => localEpochMinutes(ms, timeZone) - Math.floor(ms / 60_000);

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
  const exact = [early, late].filter((m) => localEpochMinutes(m * 60_000, timeZone) === target).sort((a, b) => a - b);
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
