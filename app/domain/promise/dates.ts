/**
 * Arithmetic on ISO calendar dates ("YYYY-MM-DD") with no time zone attached.
 * Dates are converted to a day count (days since 1970-01-01) with the proleptic Gregorian
 * algorithm of Howard Hinnant, so no Date object — and no host time zone — is involved.
 */
import { epochDayDates } from "../kernel";

/** Days since 1970-01-01 of a civil date (month 1–12). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const pad = (n: number, width: number): string => String(n).padStart(width, "0");

/** ISO date of a day count since 1970-01-01. */
export function fromEpochDay(epochDay: number): string {
  // Promise windows land on a handful of dates, formatted again for every supplier and order.
  return epochDayDates.get(epochDay, formatCivil);
}

function formatCivil(epochDay: number): string {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS: readonly number[] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Character codes of "0" and "-". Parsing by hand (not a regular expression) because every
// business-day step used to re-parse a date: this is the promise engine's innermost loop.
const ZERO = 48;
const DASH = 45;

/** The digit at `i`, or NaN when it is not an ASCII digit. */
function digitAt(value: string, i: number): number {
  const d = value.charCodeAt(i) - ZERO;
  return d >= 0 && d <= 9 ? d : NaN;
}

/** Day count of a well-formed "YYYY-MM-DD" string (exactly that shape), or NaN. */
function parseEpochDay(input: string): number {
  const value = typeof input === "string" ? input : String(input);
  if (value.length !== 10 || value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH) return NaN;
  const year = digitAt(value, 0) * 1000 + digitAt(value, 1) * 100 + digitAt(value, 2) * 10 + digitAt(value, 3);
  const month = digitAt(value, 5) * 10 + digitAt(value, 6);
  const day = digitAt(value, 8) * 10 + digitAt(value, 9);
  if (Number.isNaN(year + month + day)) return NaN;
  const monthDays = month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] ?? 0);
  return day >= 1 && day <= monthDays ? daysFromCivil(year, month, day) : NaN;
}

/** True when the string is a real calendar date in "YYYY-MM-DD" form. */
export function isIsoDate(value: string): boolean {
  return !Number.isNaN(parseEpochDay(value));
}

/** Day count since 1970-01-01 of an ISO date; throws on a malformed or impossible date. */
export function toEpochDay(date: string): number {
  const days = parseEpochDay(date);
  if (Number.isNaN(days)) throw new RangeError(`"${date}" is not a calendar date in YYYY-MM-DD form`);
  return days;
}

/** The date `n` calendar days after `date` (negative `n` goes back). */
export function addDays(date: string, n: number): string {
  return fromEpochDay(toEpochDay(date) + n);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((toEpochDay(date) + 3) % 7) + 7) % 7) + 1;
}

/** Negative, zero or positive as `a` is before, equal to or after `b`. */
export function compareDates(a: string, b: string): number {
  return Math.sign(toEpochDay(a) - toEpochDay(b));
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** The later of two ISO dates. */
export function maxDate(a: string, b: string): string {
  return compareDates(a, b) >= 0 ? a : b;
}
