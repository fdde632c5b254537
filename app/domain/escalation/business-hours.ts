/**
 * Business hours in a supplier's own zone: the escalation clock only runs while the supplier
 * could reasonably answer. Wall-clock opening and closing times are turned into instants per
 * day with Intl, so a DST change between two days moves the instants, not the hours counted.
 */
import { addDays, instantAt, isBusinessDay, localDateTime, parseClockTime, type SupplierCalendar } from "../promise";

/** A supplier calendar plus the local hours it answers, e.g. "09:00"–"17:00". */
export interface BusinessHoursCalendar extends SupplierCalendar {
  readonly openTime: string;
  readonly closeTime: string;
}

const HOUR_MS = 3_600_000;
// Enough for any real calendar; a calendar with no workdays would otherwise loop forever.
const MAX_DAYS = 3 * 366;

/** The instant `hours` business hours after `startMs`, counting only open hours on business days. */
export function addBusinessHours(startMs: number, hours: number, calendar: BusinessHoursCalendar): number {
  if (!Number.isFinite(startMs)) throw new RangeError(`Invalid start instant: ${startMs}`);
  if (!Number.isFinite(hours) || hours < 0) {
    throw new RangeError(`Business hours must be zero or more, got ${hours}`);
  }
  const open = parseClockTime(calendar.openTime);
  const close = parseClockTime(calendar.closeTime);
  if (close <= open) {
    throw new RangeError(`Closing time ${calendar.closeTime} must be after opening time ${calendar.openTime}`);
  }
  let remaining = Math.round(hours * HOUR_MS);
  let date = localDateTime(startMs, calendar.timeZone).date;
  let cursor = startMs;
  for (let day = 0; day < MAX_DAYS; day += 1) {
    if (isBusinessDay(date, calendar)) {
      const from = Math.max(cursor, instantAt(date, open, calendar.timeZone));
      const until = instantAt(date, close, calendar.timeZone);
      if (from < until) {
        if (remaining <= until - from) return from + remaining;
        remaining -= until - from;
      }
    }
    date = addDays(date, 1);
    cursor = Number.NEGATIVE_INFINITY;
  }
  throw new RangeError(`No business hours within ${MAX_DAYS} days: check the supplier's workdays and holidays`);
}
