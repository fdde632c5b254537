/**
 * Internal to the promise engine (not re-exported): business-day arithmetic on day counts
 * (days since 1970-01-01). The public functions in `calendar.ts` and `window.ts` parse their
 * dates once, step integers here and format once at the end; stepping ISO strings re-parsed
 * a date on every day and was most of a routing decision's cost.
 */
import { holidayDaySets } from "../kernel";
import { fromEpochDay, isIsoDate, toEpochDay } from "./dates";
import { localClock, weekdayOfEpochDay } from "./local-clock";
import { instantAt, offsetChangedWithin, parseClockTime } from "./time-zone";
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

/** A calendar compiled for day counts: bit `w` of `workdays` is set when ISO weekday `w` works. */
export interface DayRule {
  readonly workdays: number;
  readonly holidays: ReadonlySet<number>;
}

function workdayBits(workdays: readonly number[]): number {
  let bits = 0;
  for (const d of workdays) if (Number.isInteger(d) && d >= 1 && d <= 7) bits |= 1 << d;
  if (bits === 0) throw new RangeError("A calendar needs at least one workday (1 = Monday … 7 = Sunday)");
  return bits;
}

const NO_HOLIDAYS: ReadonlySet<number> = new Set();

// Malformed entries can never equal a real date, so they are left out rather than rejected.
const indexHolidays = (holidays: readonly string[]): ReadonlySet<number> => new Set(holidays.filter(isIsoDate).map(toEpochDay));

// Holiday lists are looked up on every day step; each list is indexed once (by identity, so a
// supplier's list is parsed once however many orders use it).
function holidayDays(holidays: readonly string[] | undefined): ReadonlySet<number> {
  if (!holidays || holidays.length === 0) return NO_HOLIDAYS;
  return holidayDaySets.get(holidays, indexHolidays);
}

// The rule of most calendars (every carrier's without holidays), shared rather than rebuilt per call.
const WEEKDAYS: DayRule = Object.freeze({ workdays: workdayBits(MONDAY_TO_FRIDAY), holidays: NO_HOLIDAYS });

/** Compiles a calendar; throws when it works no weekday at all. */
export function dayRule(calendar: BusinessCalendar): DayRule {
  const workdays = calendar.workdays ?? MONDAY_TO_FRIDAY;
  const holidays = holidayDays(calendar.holidays);
  if (workdays === MONDAY_TO_FRIDAY && holidays === NO_HOLIDAYS) return WEEKDAYS;
  return { workdays: workdayBits(workdays), holidays };
}

/** True when the rule works on the day (a workday that is not a holiday). */
export function isBusinessEpochDay(day: number, rule: DayRule): boolean {
  return (rule.workdays & (1 << weekdayOfEpochDay(day))) !== 0 && !rule.holidays.has(day);
}

const FIRST_DAY = toEpochDay("0000-01-01");
const LAST_DAY = toEpochDay("9999-12-31");

// Bounds the walk so a calendar that is all holidays fails loudly instead of looping forever.
const MAX_STEP_DAYS = 3 * 366;

/** The day `n` business days after `start` (`n` = 0 returns `start`; negative goes back). */
export function addBusinessEpochDays(start: number, n: number, rule: DayRule): number {
  const step = n < 0 ? -1 : 1;
  let current = start;
  let remaining = Math.abs(n);
  let idle = 0;
  while (remaining > 0) {
    current += step;
    // Past year 9999 (or before year 0) a date has no YYYY-MM-DD form: fail as parsing would.
    if (current < FIRST_DAY || current > LAST_DAY) toEpochDay(fromEpochDay(current));
    if (isBusinessEpochDay(current, rule)) {
      remaining -= 1;
      idle = 0;
    } else if (++idle > MAX_STEP_DAYS) {
      throw new RangeError(`No business day within ${MAX_STEP_DAYS} days of ${fromEpochDay(start)}: check the holidays`);
    }
  }
  return current;
}

/** Business days in (from, to], negative when `to` is earlier. */
export function businessEpochDaysBetween(from: number, to: number, rule: DayRule): number {
  const sign = to >= from ? 1 : -1;
  const start = Math.min(from, to);
  const end = Math.max(from, to);
  let count = 0;
  for (let day = start + 1; day <= end; day += 1) if (isBusinessEpochDay(day, rule)) count += 1;
  return sign * count;
}

/** Where the handling clock starts, with the supplier's compiled calendar to count on from it. */
export interface ShipStart {
  readonly day: number;
  readonly rule: DayRule;
}

/**
 * The supplier-local day the handling clock starts for an order placed at `nowMs`: today
 * when today is a business day and the local time is before the cut-off (at the cut-off
 * counts as after), else the next business day.
 */
export function shipStart(calendar: SupplierCalendar, nowMs: number): ShipStart {
  const { local, epochDay } = localClock(nowMs, calendar.timeZone);
  const cutoff = parseClockTime(calendar.cutoff);
  // On a DST fall-back night the clock can pass the cut-off and then read earlier again; the
  // first pass closes the day, so later orders never start earlier. That can only happen
  // within the last few hours of a clock change, so the costlier check runs only then.
  const beforeCutoff =
    local.minutes < cutoff && (!offsetChangedWithin(nowMs, 3, calendar.timeZone) || nowMs < instantAt(local.date, cutoff, calendar.timeZone));
  const rule = dayRule(calendar);
  const day = isBusinessEpochDay(epochDay, rule) && beforeCutoff ? epochDay : addBusinessEpochDays(epochDay, 1, rule);
  return { day, rule };
}
