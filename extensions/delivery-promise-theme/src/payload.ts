/**
 * What the app block's Liquid hands the script: the product's `$app.promise` values (distinct
 * ones, each variant pointing at its value), the shop's `$app.calendar`, the shopper's country and
 * language, and the storefront strings already translated by Liquid's `t` filter. Untrusted shape:
 * anything malformed reads as "no data", never as a guess.
 */
import { decodePromiseData, decodeShopCalendar, type DestinationZones, type PromiseData } from "../../../app/domain/promise";
import { dateLocale } from "../../delivery-promise/src/checkout-data";
import type { Translate } from "../../delivery-promise/src/promise-view";

/** A string, or its plural forms by `Intl.PluralRules` category ("one", "other", …). */
export type Phrase = string | Readonly<Record<string, string>>;

export interface BlockPayload {
  /** Distinct `$app.promise` values of the product's variants (parsed JSON, or null). */
  readonly values: readonly unknown[];
  /** Variant id (numeric, as Liquid prints it) → index in `values`. */
  readonly variants: Readonly<Record<string, number>>;
  /** The product's own `$app.promise`, for variants without one. */
  readonly product: unknown;
  /** The shop's `$app.calendar`. */
  readonly calendar: unknown;
  /** The variant the page opened with. */
  readonly selected: string;
  readonly country: string;
  /** The shopper's language (`request.locale.iso_code`). */
  readonly locale: string;
  /** The language the strings are in (the extension's translation Liquid chose). */
  readonly language: string;
  readonly strings: Readonly<Record<string, Phrase>>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");

/** Parses the block's JSON; null when it is not an object with the fields the script needs. */
export function parsePayload(raw: string | null | undefined): BlockPayload | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw ?? "");
  } catch {
    return null;
  }
  if (!isRecord(parsed) || !isRecord(parsed.strings)) return null;
  return {
    values: Array.isArray(parsed.values) ? parsed.values : [],
    variants: isRecord(parsed.variants) ? (parsed.variants as Record<string, number>) : {},
    product: parsed.product ?? null,
    calendar: parsed.calendar ?? null,
    selected: text(parsed.selected),
    country: text(parsed.country),
    locale: text(parsed.locale) || "en",
    language: text(parsed.language) || "en",
    strings: parsed.strings as Record<string, Phrase>,
  };
}

/** The promise data of a variant: its own value, else the product's; null when none is valid. */
export function variantData(payload: BlockPayload, variantId: string): PromiseData | null {
  const index = payload.variants[variantId];
  const own = typeof index === "number" ? payload.values[index] : undefined;
  const value = own ?? payload.product;
  return value == null ? null : decodePromiseData(value);
}

export function carrierHolidays(payload: BlockPayload): string[] {
  return [...(decodeShopCalendar(payload.calendar)?.chol ?? [])];
}

/** The calendar's per-country carrier holidays and destination zones (absent when the calendar has none). */
export function destinationCalendar(payload: BlockPayload): {
  carrierHolidaysByCountry?: Readonly<Record<string, readonly string[]>>;
  destinationZones?: DestinationZones;
} {
  const calendar = decodeShopCalendar(payload.calendar);
  return { ...(calendar?.cch ? { carrierHolidaysByCountry: calendar.cch } : {}), ...(calendar?.dz ? { destinationZones: calendar.dz } : {}) };
}

export function sendsLateNotices(payload: BlockPayload): boolean {
  return decodeShopCalendar(payload.calendar)?.dn === 1;
}

/** Dates in the shopper's language when the strings are in it too, else in the strings' language. */
export function payloadLocale(payload: BlockPayload): string {
  return dateLocale(payload.locale, payload.language);
}

/**
 * `translate` over the Liquid-translated strings: `{name}` placeholders, plural forms chosen by
 * the count. A missing key reads as the key, as Shopify's `t` shows a missing translation.
 */
export function translator(strings: Readonly<Record<string, Phrase>>, locale: string): Translate {
  const plural = new Intl.PluralRules(locale);
  return (key, replacements = {}) => {
    const phrase = strings[key];
    const count = replacements.count;
    const template = typeof phrase === "string" ? phrase : phrase ? (phrase[plural.select(Number(count ?? 0))] ?? phrase.other ?? key) : key;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in replacements ? String(replacements[name]) : whole));
  };
}
