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

/** Transit range to a destination: a province row wins over the country row; null = not served. */
export function transitFor(coverage: readonly CoverageEntry[], destination: Destination): DayRange | null {
  // One pass, with the destination's codes normalised once: routing asks this of every
  // supplier of every order.
  const country = normalCode(destination.countryCode);
  const province = destination.provinceCode ? normalCode(destination.provinceCode) : null;
  let specific: CoverageEntry | undefined;
  let countryWide: CoverageEntry | undefined;
  for (const row of coverage) {
    if (normalCode(row.countryCode) !== country) continue;
    if (!row.provinceCode) countryWide ??= row;
    else if (province !== null && !specific && normalCode(row.provinceCode) === province) specific = row;
  }
  return (specific ?? countryWide)?.transit ?? null;
}
