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

const same = (a: string, b: string): boolean => a.trim().toUpperCase() === b.trim().toUpperCase();

/** Transit range to a destination: a province row wins over the country row; null = not served. */
export function transitFor(coverage: readonly CoverageEntry[], destination: Destination): DayRange | null {
  const inCountry = coverage.filter((row) => same(row.countryCode, destination.countryCode));
  const province = destination.provinceCode;
  if (province) {
    const specific = inCountry.find((row) => row.provinceCode && same(row.provinceCode, province));
    if (specific) return specific.transit;
  }
  return inCountry.find((row) => !row.provinceCode)?.transit ?? null;
}
