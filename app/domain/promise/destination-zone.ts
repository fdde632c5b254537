/**
 * Which IANA zone a delivery date is counted in (#18 items 3 and 8): the shopper's, found from the
 * destination alone (country, and the province where a country spans several zones), never from a
 * network call. The rule is data: a map from `"CC"` or `"CC-PROVINCE"` to a zone. The app publishes
 * the part its suppliers' destinations need in the shop's `$app.calendar` (`dz`, see
 * `destination-zones.ts` for the full table), so checkout, the Thank-you page, the product page,
 * the admin preview and routing all date a delivery with the same lookup.
 */
import type { Destination } from "./coverage";

/** `"US"` → "America/New_York", `"US-CA"` → "America/Los_Angeles": a province entry wins over its country's. */
export type DestinationZones = Readonly<Record<string, string>>;

/** The zone the destination's delivery dates are counted in; undefined when the rule does not know it (supplier's dates). */
export function destinationTimeZone(destination: Destination, zones: DestinationZones | undefined): string | undefined {
  if (!zones) return undefined;
  const country = destination.countryCode.trim().toUpperCase();
  const province = destination.provinceCode?.trim().toUpperCase();
  return (province ? zones[`${country}-${province}`] : undefined) ?? zones[country];
}

const ZONE_KEY = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;

/** A zone map from untrusted JSON: malformed entries are dropped (that destination falls back to the supplier's dates). */
export function readDestinationZones(value: unknown, isZone: (zone: string) => boolean): DestinationZones | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, zone] of Object.entries(value as Record<string, unknown>)) {
    if (ZONE_KEY.test(key) && typeof zone === "string" && isZone(zone)) out[key] = zone;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
