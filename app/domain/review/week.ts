/** ISO weeks ("2026-W49", Monday to Sunday) of calendar days, for the weekly review and digest. */
import { addDays, isoWeekday, isIsoDate } from "../promise/dates";

export interface WeekRange {
  readonly week: string;
  /** Monday. */
  readonly fromDay: string;
  /** Sunday. */
  readonly toDay: string;
}

/** The ISO week a day belongs to ("2026-W01" may start in December, "2026-W53" end in January). */
export function isoWeekOf(day: string): string {
  // The ISO week-year is the year of the week's Thursday.
  const thursday = addDays(day, 4 - isoWeekday(day));
  const year = thursday.slice(0, 4);
  const week = Math.floor((Number(dayOfYear(thursday)) - 1) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

function dayOfYear(day: string): number {
  let n = 1;
  // At most 366 steps; weeks are computed a handful of times per page.
  for (let d = `${day.slice(0, 4)}-01-01`; d < day; d = addDays(d, 1)) n++;
  return n;
}

const WEEK = /^(\d{4})-W(\d{2})$/;

/** True for a well-formed ISO week that exists ("2026-W53" exists, "2025-W53" does not). */
export function isIsoWeek(value: string): boolean {
  const match = WEEK.exec(value);
  if (!match) return false;
  const monday = mondayOf(Number(match[1]), Number(match[2]));
  return monday !== null && isoWeekOf(monday) === value;
}

function mondayOf(year: number, week: number): string | null {
  if (week < 1 || week > 53) return null;
  const jan4 = `${String(year).padStart(4, "0")}-01-04`;
  if (!isIsoDate(jan4)) return null;
  const firstMonday = addDays(jan4, 1 - isoWeekday(jan4));
  return addDays(firstMonday, (week - 1) * 7);
}

/** Monday to Sunday of an ISO week; throws on a malformed week. */
export function weekRange(week: string): WeekRange {
  const match = WEEK.exec(week);
  const monday = match ? mondayOf(Number(match[1]), Number(match[2])) : null;
  if (!monday || isoWeekOf(monday) !== week) throw new RangeError(`"${week}" is not an ISO week like 2026-W49`);
  return { week, fromDay: monday, toDay: addDays(monday, 6) };
}

/** The week `n` weeks after `week` (negative goes back). */
export function shiftWeek(week: string, n: number): string {
  return isoWeekOf(addDays(weekRange(week).fromDay, 7 * n));
}
