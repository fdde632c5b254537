/**
 * Per-country address rules a carrier label depends on, as tables.
 *
 * Sources (checked 2026-12-07): Google's libaddressinput address metadata (the `require` and `fmt`
 * fields per country: which fields a postal address must have — S = state/province, C = city,
 * Z = postal code — and whether the country uses postal codes at all), the Universal Postal
 * Union's addressing pages for the formats, and Shopify's own checkout, which asks for a
 * province in the same countries. Postal-code patterns come from the maintained
 * `postcode-validator` package (≈190 countries); the entries in POSTAL_OVERRIDES replace its
 * pattern where it refuses codes carriers accept, and a country it does not cover is not checked
 * (reported as such) rather than guessed.
 */

/** How to describe a country's postal code to a merchant. */
export interface PostalFormat {
  /** "Dutch postcode", "US ZIP code". */
  readonly name: string;
  /** "4 digits + 2 letters". */
  readonly format: string;
  readonly example: string;
}

/** Countries (ISO 3166-1 alpha-2) whose carriers need the state, province or prefecture, and what it is called there. */
export const PROVINCE_REQUIRED: Readonly<Record<string, { readonly word: string; readonly example: string }>> = {
  AE: { word: "emirate", example: "Dubai" },
  AR: { word: "province", example: "Buenos Aires" },
  AU: { word: "state or territory", example: "NSW" },
  BR: { word: "state", example: "SP for São Paulo" },
  CA: { word: "province", example: "ON for Ontario" },
  CN: { word: "province", example: "Guangdong" },
  ES: { word: "province", example: "Madrid" },
  HK: { word: "region", example: "Kowloon" },
  ID: { word: "province", example: "Jawa Barat" },
  IN: { word: "state", example: "MH for Maharashtra" },
  IT: { word: "province", example: "MI for Milano" },
  JP: { word: "prefecture", example: "Tokyo" },
  KR: { word: "province", example: "Seoul" },
  MX: { word: "state", example: "CMX for Ciudad de México" },
  MY: { word: "state", example: "Selangor" },
  US: { word: "state", example: "CA for California" },
};

/** Countries with no postal codes (libaddressinput: no %Z in `fmt`): a missing one is fine. */
export const NO_POSTAL_CODE: ReadonlySet<string> = new Set(
  "AE AG AN AO AW BF BI BJ BO BS BW BZ CD CF CG CI CK CM DJ DM ER FJ GA GD GH GM GQ GY HK JM KI KM KN KP LY ML MO MR MW NR NU QA RW SB SC SL SR ST SY TD TF TG TK TL TO TT TV UG VU YE ZW".split(
    " ",
  ),
);

/** Countries where a postal code exists but is optional on a parcel label (validated only when given). */
export const POSTAL_CODE_OPTIONAL: ReadonlySet<string> = new Set(["IE", "PA", "NG"]);

/** Countries whose addresses carry no city line (city-states). */
export const NO_CITY: ReadonlySet<string> = new Set(["SG", "HK", "MO", "GI", "VA", "MC"]);

/**
 * Patterns that replace postcode-validator's where it is stricter than carriers: Argentina's
 * carriers still take the old 4-digit codes besides the 8-character CPA.
 */
export const POSTAL_OVERRIDES: Readonly<Record<string, RegExp>> = {
  AR: /^([A-HJ-NP-Z]\d{4}[A-Z]{3}|\d{4})$/,
};

/** What a merchant is told a country's postal code looks like. */
export const POSTAL_FORMATS: Readonly<Record<string, PostalFormat>> = {
  AR: { name: "Argentine postal code", format: "4 digits, or a letter, 4 digits and 3 letters", example: "C1425DKF" },
  AT: { name: "Austrian postcode", format: "4 digits", example: "1010" },
  AU: { name: "Australian postcode", format: "4 digits", example: "2000" },
  BE: { name: "Belgian postcode", format: "4 digits", example: "1000" },
  BR: { name: "Brazilian CEP", format: "8 digits", example: "01310-100" },
  CA: { name: "Canadian postal code", format: "letter digit letter digit letter digit", example: "K1A 0B1" },
  CH: { name: "Swiss postcode", format: "4 digits", example: "8001" },
  CN: { name: "Chinese postal code", format: "6 digits", example: "100000" },
  DE: { name: "German postcode", format: "5 digits", example: "10115" },
  DK: { name: "Danish postcode", format: "4 digits", example: "1050" },
  ES: { name: "Spanish postcode", format: "5 digits, starting 01–52", example: "28013" },
  FR: { name: "French postcode", format: "5 digits", example: "75001" },
  GB: { name: "UK postcode", format: "outward and inward code", example: "SW1A 1AA" },
  IE: { name: "Irish Eircode", format: "3 + 4 characters", example: "D02 X285" },
  IN: { name: "Indian PIN code", format: "6 digits", example: "110001" },
  IT: { name: "Italian CAP", format: "5 digits", example: "00184" },
  JP: { name: "Japanese postal code", format: "3 digits, hyphen, 4 digits", example: "100-0001" },
  KR: { name: "South Korean postal code", format: "5 digits", example: "03187" },
  MX: { name: "Mexican postal code", format: "5 digits", example: "06000" },
  NL: { name: "Dutch postcode", format: "4 digits + 2 letters", example: "1012 AB" },
  NO: { name: "Norwegian postcode", format: "4 digits", example: "0150" },
  NZ: { name: "New Zealand postcode", format: "4 digits", example: "6011" },
  PL: { name: "Polish postcode", format: "2 digits, hyphen, 3 digits", example: "00-950" },
  PT: { name: "Portuguese postcode", format: "4 digits, hyphen, 3 digits", example: "1100-148" },
  SE: { name: "Swedish postcode", format: "5 digits", example: "114 55" },
  SG: { name: "Singapore postal code", format: "6 digits", example: "018956" },
  US: { name: "US ZIP code", format: "5 digits, or ZIP+4", example: "94103 or 94103-1234" },
};

/**
 * Postal codes as customers type them, put in the form the pattern expects: upper case, single
 * spaces; Japan's 7 digits get their hyphen, Poland's 5 theirs, Brazil's and Portugal's likewise.
 */
export function normalisePostalCode(raw: string, countryCode: string): string {
  const code = raw.trim().toUpperCase().replace(/\s+/g, " ");
  const digits = code.replace(/[\s-]/g, "");
  if (/^\d+$/.test(digits)) {
    if (countryCode === "JP" && digits.length === 7) return `${digits.slice(0, 3)}-${digits.slice(3)}`;
    if (countryCode === "PL" && digits.length === 5) return `${digits.slice(0, 2)}-${digits.slice(2)}`;
    if (countryCode === "PT" && digits.length === 7) return `${digits.slice(0, 4)}-${digits.slice(4)}`;
  }
  return code;
}
