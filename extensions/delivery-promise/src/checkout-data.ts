/**
 * From what checkout hands the extension (cart lines, app metafields, address, delivery
 * groups, languages) to the plain input of `buildPromiseView`. Pure: no `shopify` global.
 */
import type { AppMetafieldEntry, CartLine, DeliveryGroup, ShippingAddress } from "@shopify/ui-extensions/checkout";
import { decodePromiseData, decodeShopCalendar, type Destination, type DestinationZones } from "../../../app/domain/promise";
import type { PromiseGroup, PromiseLine } from "./promise-view";

/** The `$app` metafield keys declared in shopify.extension.toml. */
export const PROMISE_KEY = "promise";
export const CALENDAR_KEY = "calendar";

const APP_NAMESPACE = "$app";

function appMetafield(entries: readonly AppMetafieldEntry[], key: string, type: AppMetafieldEntry["target"]["type"], id?: string): string | undefined {
  const entry = entries.find(
    (e) => e.metafield.namespace === APP_NAMESPACE && e.metafield.key === key && e.target.type === type && (id === undefined || e.target.id === id),
  );
  return entry?.metafield.value;
}

/**
 * The lines that need delivering, each with its decoded promise data: the variant's
 * metafield, else the product's. Garbage decodes to null, never to a guess.
 */
export function promiseLines(lines: readonly CartLine[], metafields: readonly AppMetafieldEntry[]): PromiseLine[] {
  return lines
    .filter((line) => line.merchandise.requiresShipping !== false)
    .map((line) => {
      const raw =
        appMetafield(metafields, PROMISE_KEY, "variant", line.merchandise.id) ?? appMetafield(metafields, PROMISE_KEY, "product", line.merchandise.product?.id);
      return { id: line.id, quantity: line.quantity, data: raw === undefined ? null : decodePromiseData(raw) };
    });
}

/**
 * Carrier non-delivery dates from the shop's `$app.calendar` metafield:
 * `{"v":1,"chol":["YYYY-MM-DD",…]}` (`encodeShopCalendar`, written by the app's promise publisher).
 * Anything else yields no dates (weekends still count).
 */
export function shopCarrierHolidays(metafields: readonly AppMetafieldEntry[]): string[] {
  const raw = appMetafield(metafields, CALENDAR_KEY, "shop");
  // Malformed: treated like no calendar, the promise only loses holiday accuracy.
  return raw === undefined ? [] : [...(decodeShopCalendar(raw)?.chol ?? [])];
}

/**
 * The calendar's per-destination rules: carrier holidays of single countries (`cch`) and the zone
 * each destination's delivery date is counted in (`dz`). Absent keys when the calendar has none.
 */
export function shopDestinationRules(metafields: readonly AppMetafieldEntry[]): {
  carrierHolidaysByCountry?: Readonly<Record<string, readonly string[]>>;
  destinationZones?: DestinationZones;
} {
  const raw = appMetafield(metafields, CALENDAR_KEY, "shop");
  const calendar = raw === undefined ? null : decodeShopCalendar(raw);
  return { ...(calendar?.cch ? { carrierHolidaysByCountry: calendar.cch } : {}), ...(calendar?.dz ? { destinationZones: calendar.dz } : {}) };
}

/** True when the shop's calendar says it emails customers about late deliveries (`dn: 1`). */
export function shopSendsLateNotices(metafields: readonly AppMetafieldEntry[]): boolean {
  const raw = appMetafield(metafields, CALENDAR_KEY, "shop");
  return raw !== undefined && decodeShopCalendar(raw)?.dn === 1;
}

/**
 * Where the cart goes: the shipping address when the app may read it, else the checkout's
 * country (no province). Null while the shopper has not given a country.
 */
export function destinationOf(address: ShippingAddress | undefined, countryCode: string | undefined): Destination | null {
  const country = address?.countryCode ?? countryCode;
  if (!country) return null;
  return { countryCode: country, provinceCode: address?.provinceCode ?? null };
}

/** Delivery groups that need delivering, as line-id lists. */
export function promiseGroups(groups: readonly DeliveryGroup[] | undefined): PromiseGroup[] {
  return (groups ?? [])
    .filter((g) => g.isDeliveryRequired)
    .map((g, index) => ({ id: g.id ?? `group-${index}`, lineIds: g.targetedCartLines.map((l) => l.id) }));
}

/**
 * Locale for dates: the shopper's own language when the extension speaks it (fr-CA stays
 * fr-CA), else the extension's language, so a sentence never mixes two languages.
 */
export function dateLocale(buyer: string | undefined, extension: string | undefined): string {
  const base = (tag: string | undefined): string => (tag ?? "").split("-")[0]!.toLowerCase();
  if (buyer && base(buyer) === base(extension)) return buyer;
  return extension || buyer || "en";
}
