/**
 * Reading the values suppliers write in feeds: quantities with thousands separators, prices
 * with currency signs and either decimal style, restock dates. Every failure says why.
 */
import { fail, failure, ok, type Result } from "../result";
import type { DecimalStyle } from "./types";

/** A parsed value or the reason it could not be read (the failure's message). */
export type ValueResult<T> = Result<T>;

/** Quantities above this are treated as a column mix-up (e.g. a barcode in the quantity column). */
export const MAX_QUANTITY = 1_000_000_000;

const refuse = <T>(reason: string): ValueResult<T> => fail(failure(reason));

// Spaces (incl. no-break and thin spaces) and apostrophes group thousands in every style.
const SPACE_GROUPS = " \\u00a0\\u202f\\u2009'";

const PATTERNS: Record<DecimalStyle, RegExp> = {
  point: new RegExp(`^([+-])?(\\d{1,3}(?:[,${SPACE_GROUPS}]\\d{3})+|\\d+)(?:\\.(\\d*))?$`, "u"),
  comma: new RegExp(`^([+-])?(\\d{1,3}(?:[.${SPACE_GROUPS}]\\d{3})+|\\d+)(?:,(\\d*))?$`, "u"),
};

interface Decimal {
  readonly negative: boolean;
  /** Integer digits without separators. */
  readonly whole: string;
  readonly fraction: string;
}

/** Splits a decimal string written in `style` into sign, whole digits and fraction digits. */
export function readDecimal(raw: string, style: DecimalStyle): Decimal | null {
  const match = PATTERNS[style].exec(raw.trim());
  if (!match) return null;
  return {
    negative: match[1] === "-",
    whole: (match[2] ?? "").replace(/\D/g, ""),
    fraction: match[3] ?? "",
  };
}

/** A stock quantity: a whole number ≥ 0 ("1,234", "1.234", "1 234" per decimal style; "12.0" is 12). */
export function parseQuantity(raw: unknown, style: DecimalStyle): ValueResult<number> {
  if (raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "")) {
    return refuse("quantity is empty");
  }
  if (typeof raw === "number") return checkQuantity(raw, String(raw));
  if (typeof raw !== "string") return refuse(`quantity ${JSON.stringify(raw)} is not a number`);
  // Numbers that arrive as JSON numbers or plain digits need no style; "12.0" is still 12.
  const decimal = readDecimal(raw, style) ?? (style === "comma" ? readDecimal(raw, "point") : null);
  if (!decimal) return refuse(`quantity "${raw.trim()}" is not a number`);
  if (/[1-9]/.test(decimal.fraction)) return refuse(`quantity "${raw.trim()}" is not a whole number`);
  const value = Number(decimal.whole);
  return checkQuantity(decimal.negative && value !== 0 ? -value : value, raw.trim());
}

function checkQuantity(value: number, shown: string): ValueResult<number> {
  if (!Number.isFinite(value)) return refuse(`quantity "${shown}" is not a number`);
  if (value < 0) return refuse(`quantity ${shown} is negative`);
  if (!Number.isInteger(value)) return refuse(`quantity "${shown}" is not a whole number`);
  if (value > MAX_QUANTITY) return refuse(`quantity ${shown} is implausibly large (over ${MAX_QUANTITY})`);
  return ok(value);
}

const CURRENCY_AFFIX = /^(?:[€$£¥]|[A-Z]{3})\s*|\s*(?:[€$£¥]|[A-Z]{3})$/gu;

/** A unit cost in minor units ("€ 12,50" → 1250 with comma style); rounds half up past `decimals`. */
export function parseMinorUnits(raw: unknown, style: DecimalStyle, decimals = 2): ValueResult<number> {
  // JSON numbers are always point style; go through the string to avoid float sums.
  const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw : null;
  if (text === null) return refuse(`cost ${JSON.stringify(raw)} is not a price`);
  const cleaned = text.trim().replace(CURRENCY_AFFIX, "");
  const decimal = readDecimal(cleaned, typeof raw === "number" ? "point" : style);
  if (!decimal) return refuse(`cost "${text.trim()}" is not a price`);
  if (decimal.negative) return refuse(`cost "${text.trim()}" is negative`);
  const kept = decimal.fraction.slice(0, decimals).padEnd(decimals, "0");
  const roundUp = (decimal.fraction[decimals] ?? "0") >= "5";
  const minor = Number(`${decimal.whole}${kept}`) + (roundUp ? 1 : 0);
  if (!Number.isSafeInteger(minor)) return refuse(`cost "${text.trim()}" is too large`);
  return ok(minor);
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/u;
const SLASHED_ISO = /^(\d{4})\/(\d{2})\/(\d{2})$/u;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/u;

const pad = (n: number): string => String(n).padStart(2, "0");

function calendarDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** A restock date as "YYYY-MM-DD" from ISO, "YYYY/MM/DD" or day-first "DD.MM.YYYY"; "05/01/2026" is ambiguous. */
export function parseRestockDate(raw: unknown): ValueResult<string> {
  if (typeof raw !== "string") return refuse(`restock date ${JSON.stringify(raw)} is not a date`);
  const text = raw.trim();
  const iso = ISO.exec(text) ?? SLASHED_ISO.exec(text);
  const dotted = iso ? null : DOTTED.exec(text);
  const parts = iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : dotted ? [Number(dotted[3]), Number(dotted[2]), Number(dotted[1])] : null;
  const date = parts ? calendarDate(parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0) : null;
  if (!date) return refuse(`restock date "${text}" is not a date Dropline can read safely (use YYYY-MM-DD)`);
  return ok(date);
}
