/**
 * Where on the product page the shopper's region matters: the storefront knows the country
 * (Liquid's `localization.country`), not the province. A window can depend on the province only
 * when some published supplier has a province row for that country; then a postcode tells which.
 */
import { sameRegionCode } from "../promise/coverage";
import type { PromiseData } from "../promise/metafield";

/** Countries whose postcodes this module maps to a Shopify province code. */
export const POSTCODE_COUNTRIES: readonly string[] = ["US", "CA"];

/** Province codes with a row of their own for the country, across the variants' data (sorted, unique). */
export function regionProvinces(data: readonly (PromiseData | null)[], countryCode: string): string[] {
  const provinces = new Set<string>();
  for (const value of data) {
    for (const supplier of value?.suppliers ?? []) {
      for (const [country, province] of supplier.coverage) {
        if (province && sameRegionCode(country, countryCode)) provinces.add(province.trim().toUpperCase());
      }
    }
  }
  return [...provinces].sort();
}

/** True when the product page should ask for a postcode: the province matters and a postcode can name it. */
export function asksPostcode(data: readonly (PromiseData | null)[], countryCode: string): boolean {
  return POSTCODE_COUNTRIES.some((c) => sameRegionCode(c, countryCode)) && regionProvinces(data, countryCode).length > 0;
}

/**
 * US ZIP code prefixes (first three digits) by state, as inclusive ranges [from, to, state]: the
 * USPS sectional centres. Military (AA/AE/AP) and territories' prefixes map to their codes too.
 */
const US_ZIP3: readonly (readonly [number, number, string])[] = [
  [5, 5, "NY"],
  [6, 7, "PR"],
  [8, 8, "VI"],
  [9, 9, "PR"],
  [10, 27, "MA"],
  [28, 29, "RI"],
  [30, 38, "NH"],
  [39, 49, "ME"],
  [50, 54, "VT"],
  [55, 55, "MA"],
  [56, 59, "VT"],
  [60, 69, "CT"],
  [70, 89, "NJ"],
  [90, 99, "AE"],
  [100, 149, "NY"],
  [150, 196, "PA"],
  [197, 199, "DE"],
  [200, 200, "DC"],
  [201, 201, "VA"],
  [202, 205, "DC"],
  [206, 219, "MD"],
  [220, 246, "VA"],
  [247, 268, "WV"],
  [270, 289, "NC"],
  [290, 299, "SC"],
  [300, 319, "GA"],
  [320, 339, "FL"],
  [340, 340, "AA"],
  [341, 349, "FL"],
  [350, 369, "AL"],
  [370, 385, "TN"],
  [386, 397, "MS"],
  [398, 399, "GA"],
  [400, 427, "KY"],
  [430, 459, "OH"],
  [460, 479, "IN"],
  [480, 499, "MI"],
  [500, 528, "IA"],
  [530, 549, "WI"],
  [550, 567, "MN"],
  [569, 569, "DC"],
  [570, 577, "SD"],
  [580, 588, "ND"],
  [590, 599, "MT"],
  [600, 629, "IL"],
  [630, 658, "MO"],
  [660, 679, "KS"],
  [680, 693, "NE"],
  [700, 714, "LA"],
  [716, 729, "AR"],
  [730, 732, "OK"],
  [733, 733, "TX"],
  [734, 749, "OK"],
  [750, 799, "TX"],
  [800, 816, "CO"],
  [820, 831, "WY"],
  [832, 838, "ID"],
  [840, 847, "UT"],
  [850, 865, "AZ"],
  [870, 884, "NM"],
  [885, 885, "TX"],
  [889, 898, "NV"],
  [900, 961, "CA"],
  [962, 966, "AP"],
  [967, 968, "HI"],
  [969, 969, "GU"],
  [970, 979, "OR"],
  [980, 994, "WA"],
  [995, 999, "AK"],
];

/** Canadian postal codes by first letter (the forward sortation area's district). */
const CA_FIRST_LETTER: Readonly<Record<string, string>> = {
  A: "NL",
  B: "NS",
  C: "PE",
  E: "NB",
  G: "QC",
  H: "QC",
  J: "QC",
  K: "ON",
  L: "ON",
  M: "ON",
  N: "ON",
  P: "ON",
  R: "MB",
  S: "SK",
  T: "AB",
  V: "BC",
  X: "NT",
  Y: "YT",
};

function usState(postcode: string): string | null {
  const zip = /^(\d{5})(?:-?\d{4})?$/.exec(postcode.replace(/\s+/g, ""));
  if (!zip) return null;
  const prefix = Number(zip[1]!.slice(0, 3));
  for (const [from, to, state] of US_ZIP3) if (prefix >= from && prefix <= to) return state;
  return null;
}

function caProvince(postcode: string): string | null {
  // A1A 1A1: letters D, F, I, O, Q, U never appear; W and Z never lead.
  const code = postcode.replace(/\s+/g, "").toUpperCase();
  if (!/^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\d[ABCEGHJ-NPRSTV-Z]\d$/.test(code)) return null;
  // X is two territories: X0A–X0C are Nunavut, the rest the Northwest Territories.
  if (/^X0[ABC]/.test(code)) return "NU";
  return CA_FIRST_LETTER[code[0]!] ?? null;
}

/** The Shopify province code of a postcode in the country; null when unknown or malformed. */
export function provinceFromPostcode(countryCode: string, postcode: string): string | null {
  if (sameRegionCode(countryCode, "US")) return usState(postcode);
  if (sameRegionCode(countryCode, "CA")) return caProvince(postcode);
  return null;
}
