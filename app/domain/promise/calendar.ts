/** Business days of a supplier or a carrier: which weekdays work, which dates are holidays. */
import { addBusinessEpochDays, businessEpochDaysBetween, dayRule, isBusinessEpochDay, shipStart, type BusinessCalendar } from "./business-days";
import { fromEpochDay, toEpochDay } from "./dates";
import type { SupplierCalendar } from "./types";

export { MONDAY_TO_FRIDAY, type BusinessCalendar } from "./business-days";

/** True when the calendar works on the date (a workday that is not a holiday). */
export function isBusinessDay(date: string, calendar: BusinessCalendar): boolean {
  const rule = dayRule(calendar);
  return isBusinessEpochDay(toEpochDay(date), rule);
}

/** The date `n` business days after `date` (`n` = 0 returns `date`; negative goes back). */
export function addBusinessDays(date: string, n: number, calendar: BusinessCalendar): string {
  if (!Number.isInteger(n)) throw new RangeError(`Business days must be a whole number, got ${n}`);
  const rule = dayRule(calendar);
  if (n === 0) return date;
  return fromEpochDay(addBusinessEpochDays(toEpochDay(date), n, rule));
}

/** The first business day strictly after `date`. */
export function nextBusinessDay(date: string, calendar: BusinessCalendar): string {
  return addBusinessDays(date, 1, calendar);
}

/** Business days in (from, to]: so `addBusinessDays(from, result)` is `to` when `to` is one. */
export function businessDaysBetween(from: string, to: string, calendar: BusinessCalendar): number {
  const end = toEpochDay(to);
  const start = toEpochDay(from);
  // No day to look at, so the calendar is not consulted (nor validated).
  if (start === end) return 0;
  return businessEpochDaysBetween(start, end, dayRule(calendar));
}

/**
 * The supplier-local date the handling clock starts for an order placed at `nowMs`: today
 * when today is a business day and the local time is before the cut-off (at the cut-off
 * counts as after), else the next business day.
 */
export function shipStartDate(calendar: SupplierCalendar, nowMs: number): string {
  return fromEpochDay(shipStart(calendar, nowMs).day);
}
