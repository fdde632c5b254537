/** Business days of a supplier or a carrier: which weekdays work, which dates are holidays. */
import { addDays, isoWeekday, toEpochDay } from "./dates";
import { instantAt, localDateTime, offsetChangedWithin, parseClockTime } from "./time-zone";
import type { SupplierCalendar } from "./types";

/** The part of a calendar that decides whether a date is a business day. */
export interface BusinessCalendar {
  /** ISO weekdays worked (1 = Monday … 7 = Sunday). Default Monday–Friday. */
  readonly workdays?: readonly number[];
  /** Dates not worked. */
  readonly holidays?: readonly string[];
}

/** Monday–Friday, the default for suppliers and the rule for carriers. */
export const MONDAY_TO_FRIDAY: readonly number[] = [1, 2, 3, 4, 5];

// Holiday lists are looked up on every day step; index each list once.
const holidaySets = new WeakMap<readonly string[], ReadonlySet<string>>();

function holidaySet(holidays: readonly string[]): ReadonlySet<string> {
  let set = holidaySets.get(holidays);
  if (!set) {
    set = new Set(holidays);
    holidaySets.set(holidays, set);
  }
  return set;
}

function workdaysOf(calendar: BusinessCalendar): readonly number[] {
  const workdays = calendar.workdays ?? MONDAY_TO_FRIDAY;
  if (!workdays.some((d) => Number.isInteger(d) && d >= 1 && d <= 7)) {
    throw new RangeError("A calendar needs at least one workday (1 = Monday … 7 = Sunday)");
  }
  return workdays;
}

/** True when the calendar works on the date (a workday that is not a holiday). */
export function isBusinessDay(date: string, calendar: BusinessCalendar): boolean {
  if (!workdaysOf(calendar).includes(isoWeekday(date))) return false;
  return !(calendar.holidays && holidaySet(calendar.holidays).has(date));
}

// Bounds the walk so a calendar that is all holidays fails loudly instead of looping forever.
const MAX_STEP_DAYS = 3 * 366;

/** The date `n` business days after `date` (`n` = 0 returns `date`; negative goes back). */
export function addBusinessDays(date: string, n: number, calendar: BusinessCalendar): string {
  if (!Number.isInteger(n)) throw new RangeError(`Business days must be a whole number, got ${n}`);
  workdaysOf(calendar);
  const step = n < 0 ? -1 : 1;
  let current = date;
  let remaining = Math.abs(n);
  let idle = 0;
  while (remaining > 0) {
    current = addDays(current, step);
    if (isBusinessDay(current, calendar)) {
      remaining -= 1;
      idle = 0;
    } else if (++idle > MAX_STEP_DAYS) {
      throw new RangeError(`No business day within ${MAX_STEP_DAYS} days of ${date}: check the holidays`);
    }
  }
  return current;
}

/** The first business day strictly after `date`. */
export function nextBusinessDay(date: string, calendar: BusinessCalendar): string {
  return addBusinessDays(date, 1, calendar);
}

/** Business days in (from, to]: so `addBusinessDays(from, result)` is `to` when `to` is one. */
export function businessDaysBetween(from: string, to: string, calendar: BusinessCalendar): number {
  const sign = toEpochDay(to) >= toEpochDay(from) ? 1 : -1;
  const [start, end] = sign === 1 ? [from, to] : [to, from];
  let count = 0;
  const span = toEpochDay(end) - toEpochDay(start);
  for (let i = 1; i <= span; i += 1) {
    if (isBusinessDay(addDays(start, i), calendar)) count += 1;
  }
  return sign * count;
}

/**
 * The supplier-local date the handling clock starts for an order placed at `nowMs`: today
 * when today is a business day and the local time is before the cut-off (at the cut-off
 * counts as after), else the next business day.
 */
export function shipStartDate(calendar: SupplierCalendar, nowMs: number): string {
  const local = localDateTime(nowMs, calendar.timeZone);
  const cutoff = parseClockTime(calendar.cutoff);
  // On a DST fall-back night the clock can pass the cut-off and then read earlier again; the
  // first pass closes the day, so later orders never start earlier. That can only happen
  // within the last few hours of a clock change, so the costlier check runs only then.
  const beforeCutoff =
    local.minutes < cutoff &&
    (!offsetChangedWithin(nowMs, 3, calendar.timeZone) ||
      nowMs < instantAt(local.date, cutoff, calendar.timeZone));
  if (isBusinessDay(local.date, calendar) && beforeCutoff) return local.date;
  return nextBusinessDay(local.date, calendar);
}
