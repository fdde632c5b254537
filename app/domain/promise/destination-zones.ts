/**
 * The destination → time-zone table (see `destination-zone.ts`). Kept out of the promise index so
 * the storefront and checkout bundles never carry it: they read the part the shop needs from
 * `$app.calendar`. A country's own entry is the zone most of its people live in; provinces are
 * listed only where they differ from it. A country missing here keeps the supplier's dates.
 */
import type { DestinationZones } from "./destination-zone";

const COUNTRIES: DestinationZones = {
  AE: "Asia/Dubai",
  AR: "America/Argentina/Buenos_Aires",
  AT: "Europe/Vienna",
  AU: "Australia/Sydney",
  BE: "Europe/Brussels",
  BG: "Europe/Sofia",
  BR: "America/Sao_Paulo",
  CA: "America/Toronto",
  CH: "Europe/Zurich",
  CL: "America/Santiago",
  CN: "Asia/Shanghai",
  CO: "America/Bogota",
  CZ: "Europe/Prague",
  DE: "Europe/Berlin",
  DK: "Europe/Copenhagen",
  EE: "Europe/Tallinn",
  EG: "Africa/Cairo",
  ES: "Europe/Madrid",
  FI: "Europe/Helsinki",
  FR: "Europe/Paris",
  GB: "Europe/London",
  GR: "Europe/Athens",
  HK: "Asia/Hong_Kong",
  HR: "Europe/Zagreb",
  HU: "Europe/Budapest",
  ID: "Asia/Jakarta",
  IE: "Europe/Dublin",
  IL: "Asia/Jerusalem",
  IN: "Asia/Kolkata",
  IS: "Atlantic/Reykjavik",
  IT: "Europe/Rome",
  JP: "Asia/Tokyo",
  KE: "Africa/Nairobi",
  KR: "Asia/Seoul",
  LT: "Europe/Vilnius",
  LU: "Europe/Luxembourg",
  LV: "Europe/Riga",
  MX: "America/Mexico_City",
  MY: "Asia/Kuala_Lumpur",
  NG: "Africa/Lagos",
  NL: "Europe/Amsterdam",
  NO: "Europe/Oslo",
  NZ: "Pacific/Auckland",
  PE: "America/Lima",
  PH: "Asia/Manila",
  PL: "Europe/Warsaw",
  PR: "America/Puerto_Rico",
  PT: "Europe/Lisbon",
  RO: "Europe/Bucharest",
  SA: "Asia/Riyadh",
  SE: "Europe/Stockholm",
  SG: "Asia/Singapore",
  SI: "Europe/Ljubljana",
  SK: "Europe/Bratislava",
  TH: "Asia/Bangkok",
  TR: "Europe/Istanbul",
  TW: "Asia/Taipei",
  US: "America/New_York",
  VN: "Asia/Ho_Chi_Minh",
  ZA: "Africa/Johannesburg",
};

const byZone = (zones: Readonly<Record<string, readonly string[]>>): Record<string, string> =>
  Object.fromEntries(Object.entries(zones).flatMap(([zone, keys]) => keys.map((key) => [key, zone])));

/** Provinces whose zone is not their country's (Shopify province codes). */
const PROVINCES: DestinationZones = byZone({
  "America/Chicago": [
    "US-AL",
    "US-AR",
    "US-IA",
    "US-IL",
    "US-KS",
    "US-LA",
    "US-MN",
    "US-MO",
    "US-MS",
    "US-ND",
    "US-NE",
    "US-OK",
    "US-SD",
    "US-TN",
    "US-TX",
    "US-WI",
  ],
  "America/Denver": ["US-CO", "US-ID", "US-MT", "US-NM", "US-UT", "US-WY"],
  "America/Phoenix": ["US-AZ"],
  "America/Los_Angeles": ["US-CA", "US-NV", "US-OR", "US-WA"],
  "America/Anchorage": ["US-AK"],
  "Pacific/Honolulu": ["US-HI"],
  "America/Indiana/Indianapolis": ["US-IN"],
  "America/Detroit": ["US-MI"],
  "America/Vancouver": ["CA-BC"],
  "America/Edmonton": ["CA-AB", "CA-NT"],
  "America/Regina": ["CA-SK"],
  "America/Winnipeg": ["CA-MB"],
  "America/Halifax": ["CA-NB", "CA-NS", "CA-PE"],
  "America/St_Johns": ["CA-NL"],
  "America/Whitehorse": ["CA-YT"],
  "America/Iqaluit": ["CA-NU"],
  "Australia/Brisbane": ["AU-QLD"],
  "Australia/Adelaide": ["AU-SA"],
  "Australia/Perth": ["AU-WA"],
  "Australia/Darwin": ["AU-NT"],
  "Australia/Hobart": ["AU-TAS"],
  "Australia/Melbourne": ["AU-VIC"],
  "America/Tijuana": ["MX-BC"],
  "America/Hermosillo": ["MX-SON"],
  "America/Mazatlan": ["MX-BCS", "MX-SIN", "MX-NAY"],
  "America/Chihuahua": ["MX-CHH"],
  "America/Cancun": ["MX-ROO"],
  "America/Manaus": ["BR-AM"],
  "America/Cuiaba": ["BR-MT"],
  "America/Campo_Grande": ["BR-MS"],
  "America/Porto_Velho": ["BR-RO"],
  "America/Boa_Vista": ["BR-RR"],
  "America/Rio_Branco": ["BR-AC"],
});

/** Every destination zone Dropline knows. */
export const DESTINATION_ZONES: DestinationZones = { ...COUNTRIES, ...PROVINCES };

/** The entries of the table for these countries (what `$app.calendar` publishes for the shop's destinations). */
export function zonesForCountries(countries: Iterable<string>, table: DestinationZones = DESTINATION_ZONES): DestinationZones {
  const wanted = new Set([...countries].map((c) => c.trim().toUpperCase()));
  return Object.fromEntries(
    Object.entries(table)
      .filter(([key]) => wanted.has(key.slice(0, 2)))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
}
