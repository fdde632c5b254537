/** Wording shared by constraint reasons and hold messages. */
import { moneyFormats } from "../kernel";
import type { Destination } from "./types";

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? "" : "s"}`;

/** A duration the way a person says it: "45 minutes", "5 hours", "3 days" (rounded down). */
export function formatDuration(ms: number): string {
  const abs = Math.max(0, ms);
  if (abs >= 2 * DAY_MS) return plural(Math.floor(abs / DAY_MS), "day");
  if (abs >= 2 * HOUR_MS) return plural(Math.floor(abs / HOUR_MS), "hour");
  return plural(Math.floor(abs / MINUTE_MS), "minute");
}

/** "CA-QC" for a province, "FR" for a country. */
export function formatRegion(destination: Destination): string {
  const country = destination.countryCode.toUpperCase();
  return destination.provinceCode ? `${country}-${destination.provinceCode.toUpperCase()}` : country;
}

/** A currency's formatter and its number of minor-unit digits. */
export interface MoneyFormat {
  readonly format: Intl.NumberFormat;
  readonly digits: number;
}

function moneyFormat(currencyCode: string): MoneyFormat {
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat("en-US", { style: "currency", currency: currencyCode });
  } catch {
    format = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });
  }
  return { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 };
}

/** Minor units as money, e.g. 12345 USD → "$123.45", 500 JPY → "¥500". */
export function formatMoney(minor: number, currencyCode = "USD"): string {
  // Building a formatter is slow: one per currency, kept for the life of the process.
  const { format, digits } = moneyFormats.get(currencyCode, moneyFormat);
  return format.format(minor / 10 ** digits);
}

/** A list for a sentence, cut after `max` items: "a, b, c and 4 more". */
export function formatList(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join(", ");
  return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}
