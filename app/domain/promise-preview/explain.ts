/**
 * "A shopper in ‹region› ordering ‹variant› at ‹instant› sees …, because …". The window is chosen
 * exactly as the storefront chooses it (the first published supplier that serves the region, the
 * shop's and the value's carrier holidays together, `promiseWindow`), so the preview cannot say
 * something checkout would not; the steps walk the same calendar rules one by one.
 */
import { addDays, isoWeekday } from "../promise/dates";
import { isBusinessDay, MONDAY_TO_FRIDAY, shipStartDate } from "../promise/calendar";
import { formatWindow } from "../promise/format";
import { legFromPromiseData, type PromiseData } from "../promise/metafield";
import type { Destination } from "../promise/coverage";
import { localDateTime } from "../promise/time-zone";
import type { PromiseLeg, PromiseWindow } from "../promise/types";
import { deliveryDate, promiseWindow, shipByWindow } from "../promise/window";

export interface PreviewInput {
  /** The variant's published value (decoded); null when nothing is published for it. */
  readonly data: PromiseData | null;
  readonly destination: Destination;
  /** How the merchant names the region, e.g. "California, United States". */
  readonly regionName: string;
  readonly variantName: string;
  readonly orderedAtMs: number;
  /** The shop's carrier holidays (`$app.calendar`). */
  readonly carrierHolidays: readonly string[];
  /** Supplier names by id, for the sentences. */
  readonly supplierNames: ReadonlyMap<string, string>;
}

/** One reason in the explanation, in order: order time, handling start, handling, transit, window. */
export interface PreviewStep {
  readonly kind: "supplier" | "cutoff" | "handling" | "transit" | "learned";
  readonly text: string;
}

export type PromisePreview =
  | { readonly kind: "no_data"; readonly headline: string; readonly steps: readonly PreviewStep[] }
  | { readonly kind: "not_served"; readonly headline: string; readonly steps: readonly PreviewStep[] }
  | {
      readonly kind: "window";
      readonly headline: string;
      /** What the shopper reads (the checkout's English sentence). */
      readonly shopperText: string;
      readonly window: PromiseWindow;
      readonly supplierId: string | null;
      readonly steps: readonly PreviewStep[];
    };

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
const weekday = (date: string): string => WEEKDAYS[isoWeekday(date) - 1]!;
const day = (date: string): string => formatWindow({ earliest: date, latest: date }, "en-US");
const longDay = (date: string): string => `${weekday(date)}, ${day(date).replace(/^\w+, /, "")}`;
const clock = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
const days = (min: number, max: number, unit: string): string => (min === max ? `${min} ${unit}${min === 1 ? "" : "s"}` : `${min}–${max} ${unit}s`);
const list = (items: readonly string[]): string => (items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

function union(a: readonly string[], b: readonly string[] = []): string[] {
  return [...new Set([...a, ...b])].sort();
}

/** Why each date in [from, to) was not worked: "Saturday and Sunday (not working days)", "Dec 25 (holiday)". */
function skippedDays(from: string, to: string, workdays: readonly number[], holidays: readonly string[], what: string): string[] {
  const off: string[] = [];
  const closed: string[] = [];
  for (let date = from; date < to; date = addDays(date, 1)) {
    if (!workdays.includes(isoWeekday(date))) off.push(weekday(date));
    else if (holidays.includes(date)) closed.push(day(date));
  }
  return [
    ...(off.length > 0 ? [`${list([...new Set(off)])} ${off.length === 1 ? "is not a" : "are not"} ${what} day${off.length === 1 ? "" : "s"}`] : []),
    ...(closed.length > 0
      ? [
          `${list(closed)} ${closed.length === 1 ? "is a" : "are"} ${what === "carrier delivery" ? "carrier" : "supplier"} holiday${closed.length === 1 ? "" : "s"}`,
        ]
      : []),
  ];
}

function cutoffStep(leg: PromiseLeg, orderedAtMs: number, supplier: string): { step: PreviewStep; start: string } {
  const { timeZone, cutoff } = leg.calendar;
  const workdays = leg.calendar.workdays ?? MONDAY_TO_FRIDAY;
  const local = localDateTime(orderedAtMs, timeZone);
  const start = shipStartDate(leg.calendar, orderedAtMs);
  const at = `${longDay(local.date)} at ${clock(local.minutes)} in ${timeZone} (${supplier}'s time)`;
  const working = isBusinessDay(local.date, { workdays, holidays: leg.calendar.holidays });
  const afterCutoff = local.minutes >= Number(cutoff.slice(0, 2)) * 60 + Number(cutoff.slice(3));
  if (start === local.date)
    return { step: { kind: "cutoff", text: `Ordered ${at}, before the ${cutoff} cut-off on a working day, so handling starts the same day.` }, start };
  const why = working
    ? `after the ${cutoff} cut-off`
    : afterCutoff
      ? `after the ${cutoff} cut-off on a day the supplier does not work`
      : `on a day the supplier does not work`;
  const skipped = skippedDays(addDays(local.date, working ? 1 : 0), start, workdays, leg.calendar.holidays, "working");
  const because = skipped.length > 0 ? ` (${skipped.join("; ")})` : "";
  return { step: { kind: "cutoff", text: `Ordered ${at}, ${why}, so handling starts ${longDay(start)}${because}.` }, start };
}

function handlingStep(leg: PromiseLeg, orderedAtMs: number, start: string): { step: PreviewStep; handoff: PromiseWindow } {
  const handoff = shipByWindow(leg, orderedAtMs);
  const workdays = leg.calendar.workdays ?? MONDAY_TO_FRIDAY;
  const skipped = skippedDays(addDays(start, 1), handoff.latest, workdays, leg.calendar.holidays, "working");
  const range = handoff.earliest === handoff.latest ? `on ${day(handoff.earliest)}` : `between ${day(handoff.earliest)} and ${day(handoff.latest)}`;
  const because = skipped.length > 0 ? ` (${skipped.join("; ")})` : "";
  const text = `Handling takes ${days(leg.handling.min, leg.handling.max, "working day")} after it starts: handed to the carrier ${range}${because}.`;
  return { step: { kind: "handling", text }, handoff };
}

function transitStep(leg: PromiseLeg, handoff: PromiseWindow, regionName: string): { step: PreviewStep; bounds: PromiseWindow } {
  const holidays = leg.carrierHolidays ?? [];
  const bounds = { earliest: deliveryDate(handoff.earliest, leg.transit.min, holidays), latest: deliveryDate(handoff.latest, leg.transit.max, holidays) };
  const skipped = skippedDays(addDays(handoff.earliest, 1), addDays(bounds.latest, 1), MONDAY_TO_FRIDAY, holidays, "carrier delivery");
  const because = skipped.length > 0 ? ` (${skipped.join("; ")})` : "";
  const range = bounds.earliest === bounds.latest ? `on ${day(bounds.earliest)}` : `between ${day(bounds.earliest)} and ${day(bounds.latest)}`;
  const text = `Transit to ${regionName} takes ${days(leg.transit.min, leg.transit.max, "carrier business day")} (Monday to Friday): delivered ${range}${because}.`;
  return { step: { kind: "transit", text }, bounds };
}

/** The preview: the window the storefront would show, with the reasons in order. */
export function explainPromise(input: PreviewInput): PromisePreview {
  const lead = `A shopper in ${input.regionName} ordering ${input.variantName}`;
  if (!input.data) {
    return { kind: "no_data", headline: `${lead} sees no date: nothing is published for this variant yet.`, steps: [] };
  }
  const carrierHolidays = union(input.carrierHolidays, input.data.chol);
  const steps: PreviewStep[] = [];
  for (const supplier of input.data.suppliers) {
    const name = input.supplierNames.get(supplier.id ?? "") ?? "A removed supplier";
    const leg = legFromPromiseData(supplier, input.destination, carrierHolidays);
    if (!leg) {
      steps.push({ kind: "supplier", text: `${name} does not deliver to ${input.regionName}.` });
      continue;
    }
    let window: PromiseWindow;
    try {
      window = promiseWindow(leg, input.orderedAtMs);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      steps.push({ kind: "supplier", text: `${name}'s calendar gives no date (${error.message}).` });
      return { kind: "no_data", headline: `${lead} sees no date.`, steps };
    }
    steps.push({ kind: "supplier", text: `${name} ships it: the first supplier in the published order that delivers to ${input.regionName}.` });
    const { step: cutoff, start } = cutoffStep(leg, input.orderedAtMs, name);
    const { step: handling, handoff } = handlingStep(leg, input.orderedAtMs, start);
    const { step: transit, bounds } = transitStep(leg, handoff, input.regionName);
    steps.push(cutoff, handling, transit);
    if (leg.handlingDays || leg.transitDays) {
      const learned = [leg.handlingDays ? "handling" : null, leg.transitDays ? "transit" : null].filter(Boolean).join(" and ");
      steps.push({
        kind: "learned",
        text: `The ${learned} of delivered parcels is learned: instead of the full ${day(bounds.earliest)} – ${day(bounds.latest)} range, the shopper is promised the shortest run of dates that held the promised share of past deliveries.`,
      });
    }
    const shopperText = `Arrives ${formatWindow(window, "en-US")}`;
    return { kind: "window", headline: `${lead} sees “${shopperText}”.`, shopperText, window, supplierId: supplier.id ?? null, steps };
  }
  return { kind: "not_served", headline: `${lead} sees no date: no published supplier delivers there.`, steps };
}
