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

/** Index of the coverage row that serves a destination (a province row wins over the country row); -1 = not served. */
export function coverageRowIndex(coverage: readonly CoverageEntry[], destination: Destination): number {
  // One pass, with the destination's codes normalised once: routing asks this of every
  // supplier of every order.
  const country = normalCode(destination.countryCode);
  const province = destination.provinceCode ? normalCode(destination.provinceCode) : null;
  let specific = -1;
  let countryWide = -1;
  coverage.forEach((row, index) => {
    if (normalCode(row.countryCode) !== country) return;
    if (!row.provinceCode) {
      if (countryWide < 0) countryWide = index;
    } else if (province !== null && specific < 0 && normalCode(row.provinceCode) === province) specific = index;
  });
  return specific >= 0 ? specific : countryWide;
}

/** Transit range to a destination: a province row wins over the country row; null = not served. */
export function transitFor(coverage: readonly CoverageEntry[], destination: Destination): DayRange | null {
  return coverage[coverageRowIndex(coverage, destination)]?.transit ?? null;
}
