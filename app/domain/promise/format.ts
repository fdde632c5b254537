/** The promise window as shoppers read it, localised with Intl only. */
import { windowFormatters } from "../kernel";
import { toEpochDay } from "./dates";
import type { PromiseWindow } from "./types";

/** Options for `formatWindow`. */
export interface FormatWindowOptions {
  /**
   * The shopper's zone, if known. Window dates are calendar dates, so the rendered days
   * deliberately do not depend on it: a promise must read the same wherever it is shown.
   */
  readonly timeZone?: string;
}

// Dates are anchored at noon UTC and printed in UTC so no host zone can move them a day.
const windowFormatter = (locale: string): Intl.DateTimeFormat =>
  new Intl.DateTimeFormat(locale, { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" });

const formatterFor = (locale: string): Intl.DateTimeFormat => windowFormatters.get(locale, windowFormatter);

const noonUtc = (date: string): Date => new Date(toEpochDay(date) * 86_400_000 + 43_200_000);

/** "Tue, Dec 2 – Fri, Dec 5" (en-US) or "mar. 2 – ven. 5 déc." (fr); one date when both ends agree. */
export function formatWindow(window: PromiseWindow, locale: string, _options: FormatWindowOptions = {}): string {
  const formatter = formatterFor(locale);
  const earliest = noonUtc(window.earliest);
  const latest = noonUtc(window.latest);
  if (window.earliest === window.latest) return formatter.format(earliest);
  if (typeof formatter.formatRange === "function") return formatter.formatRange(earliest, latest);
  return `${formatter.format(earliest)} – ${formatter.format(latest)}`;
}
