/** Which regions a supplier's carrier serves, and how long transit takes to each. */
import type { DayRange } from "./types";

/** One row of a supplier's coverage table; no `provinceCode` means the whole country. */
export interface CoverageEntry {
  /** ISO 3166-1 alpha-2, e.g. "US". */
  readonly countryCode: string;
  /** Shopify province code, e.g. "CA" (California); absent for a country-wide row. */
  readonly provinceCode?: string | null;
  readonly transit: DayRange;
}

/** Where a parcel goes, as far as transit time is concerned. */
export interface Destination {
  readonly countryCode: string;
  readonly provinceCode?: string | null;
}

const normalCode = (code: string): string => code.trim().toUpperCase();

const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
const upper = (c: number): number => (c >= 97 && c <= 122 ? c - 32 : c);

/**
 * Whether two region codes name the same region, ignoring case and surrounding white space ("us "
 * is "US"). Compares ASCII codes in place, without building trimmed upper-case copies: routing
 * asks this of every supplier's coverage and shipping rates for every order.
 */
export function sameRegionCode(a: string, b: string): boolean {
  if (a === b) return true;
  let i = 0;
  let aEnd = a.length;
  let j = 0;
  let bEnd = b.length;
  while (i < aEnd && isSpace(a.charCodeAt(i))) i += 1;
  while (aEnd > i && isSpace(a.charCodeAt(aEnd - 1))) aEnd -= 1;
  while (j < bEnd && isSpace(b.charCodeAt(j))) j += 1;
  while (bEnd > j && isSpace(b.charCodeAt(bEnd - 1))) bEnd -= 1;
  if (aEnd - i !== bEnd - j) return normalCode(a) === normalCode(b);
  for (; i < aEnd; i += 1, j += 1) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(j);
    // Beyond ASCII, case and spaces follow Unicode's rules: leave those to the string methods.
    if (x > 127 || y > 127) return normalCode(a) === normalCode(b);
    if (upper(x) !== upper(y)) return false;
  }
  return true;
}

/** A row of a per-region table: no `provinceCode` means the whole country. */
export interface RegionRow {
  readonly countryCode: string;
  readonly provinceCode?: string | null;
}

/**
 * Index of the row of a per-region table (coverage, shipping rates) that serves a destination: a
 * province row wins over the country row, the first of each; -1 = not served.
 */
export function coverageRowIndex(coverage: readonly RegionRow[], destination: Destination): number {
  const province = destination.provinceCode || null;
  let countryWide = -1;
  for (let index = 0; index < coverage.length; index += 1) {
    const row = coverage[index]!;
    if (!sameRegionCode(row.countryCode, destination.countryCode)) continue;
    if (!row.provinceCode) {
      if (countryWide < 0) countryWide = index;
    } else if (province !== null && sameRegionCode(row.provinceCode, province)) return index;
  }
  return countryWide;
}

/** Transit range to a destination: a province row wins over the country row; null = not served. */
export function transitFor(coverage: readonly CoverageEntry[], destination: Destination): DayRange | null {
  return coverage[coverageRowIndex(coverage, destination)]?.transit ?? null;
}
