/**
 * "A shopper in ‹region› ordering ‹variant› at ‹instant› sees …, because …". The window is chosen
 * exactly as the storefront chooses it (the first published supplier that serves the region, the
 * shop's and the value's carrier holidays together, `promiseWindow`), so the preview cannot say
 * something checkout would not; the steps walk the same calendar rules one by one.
 */
import { addDays, isoWeekday, toEpochDay } from "../promise/dates";
import { isBusinessDay, MONDAY_TO_FRIDAY, shipStartDate } from "../promise/calendar";
import { formatWindow } from "../promise/format";
import { legFromPromiseData, suppliersInOrder, type PromiseData } from "../promise/metafield";
import type { Destination } from "../promise/coverage";
import { localDateTime } from "../promise/time-zone";
import type { DayRange, PromiseLeg, PromiseWindow } from "../promise/types";
import { deliveryDate, promiseWindow, shipByWindow } from "../promise/window";
import { handoffDayShift } from "../promise/distribution";
import { destinationTimeZone, type DestinationZones } from "../promise/destination-zone";

/** The checkout's English "ships in" sentence (extensions/delivery-promise/locales/en.default.json). */
export function shipsInText(days: DayRange): string {
  if (days.min === 0 || days.min === days.max) return `Ships within ${days.max} business day${days.max === 1 ? "" : "s"}`;
  return `Ships in ${days.min}–${days.max} business days`;
}

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
  /** The published calendar's per-country carrier holidays (`cch`). */
  readonly carrierHolidaysByCountry?: Readonly<Record<string, readonly string[]>>;
  /** The published calendar's destination zones (`dz`): the delivery date is counted in the shopper's zone. */
  readonly destinationZones?: DestinationZones;
  /** Why a supplier's date is not trustworthy right now, by supplier id (sentences), for a "ships in" answer. */
  readonly shipsInReasons?: ReadonlyMap<string, readonly string[]>;
}

/** One reason in the explanation, in order: order time, handling start, handling, transit, window. */
export interface PreviewStep {
  readonly kind: "supplier" | "cutoff" | "handling" | "transit" | "learned" | "zone" | "ships_in";
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
    }
  | {
      /** The supplier's delivery date is not trustworthy right now: the shopper reads when it ships. */
      readonly kind: "ships_in";
      readonly headline: string;
      readonly shopperText: string;
      readonly days: DayRange;
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

/** Days the hand-off date moves in the shopper's zone, with the sentence that says so (none when it is the supplier's zone). */
function zoneStep(leg: PromiseLeg, handoff: PromiseWindow, supplier: string): { step: PreviewStep | null; shift: number } {
  const zone = leg.destinationTimeZone;
  if (!zone || zone === leg.calendar.timeZone) return { step: null, shift: 0 };
  const shift = handoffDayShift(leg.calendar, zone, toEpochDay(handoff.earliest));
  // Said only when it moves a date: the same date in both zones needs no explanation.
  if (shift === 0) return { step: null, shift };
  const moved = shift < 0 ? "still the day before there" : "already the next day there";
  return {
    shift,
    step: {
      kind: "zone",
      text: `Delivery dates are counted in ${zone}, the shopper's time zone: ${supplier}'s ${leg.calendar.cutoff} cut-off in ${leg.calendar.timeZone} is ${moved}.`,
    },
  };
}

function transitStep(leg: PromiseLeg, shipped: PromiseWindow, regionName: string, shift: number): { step: PreviewStep; bounds: PromiseWindow } {
  const holidays = leg.carrierHolidays ?? [];
  const handoff = shift === 0 ? shipped : { earliest: addDays(shipped.earliest, shift), latest: addDays(shipped.latest, shift) };
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
  const own = input.carrierHolidaysByCountry?.[input.destination.countryCode.trim().toUpperCase()] ?? [];
  const carrierHolidays = union(union(input.carrierHolidays, own), input.data.chol);
  const zone = destinationTimeZone(input.destination, input.destinationZones);
  const steps: PreviewStep[] = [];
  for (const supplier of suppliersInOrder(input.data, input.destination.countryCode)) {
    const name = input.supplierNames.get(supplier.id ?? "") ?? "A removed supplier";
    const leg = legFromPromiseData(supplier, input.destination, carrierHolidays, zone);
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
    const { step: zoned, shift } = zoneStep(leg, handoff, name);
    const { step: transit, bounds } = transitStep(leg, handoff, input.regionName, shift);
    steps.push(cutoff, handling, ...(zoned ? [zoned] : []), transit);
    if (leg.handlingDays || leg.transitDays) {
      const learned = [leg.handlingDays ? "handling" : null, leg.transitDays ? "transit" : null].filter(Boolean).join(" and ");
      steps.push({
        kind: "learned",
        text: `The ${learned} of delivered parcels is learned: instead of the full ${day(bounds.earliest)} – ${day(bounds.latest)} range, the shopper is promised the shortest run of dates that held the promised share of past deliveries.`,
      });
    }
    if (supplier.si) {
      const days = { min: supplier.si[0], max: supplier.si[1] };
      const shopperText = shipsInText(days);
      const reasons = input.shipsInReasons?.get(supplier.id ?? "") ?? [];
      const why = reasons.length > 0 ? `: ${list([...reasons])}` : "";
      steps.push({
        kind: "ships_in",
        text: `${name}'s delivery date is not trustworthy right now${why}. Checkout and the product page say when it ships instead of the ${formatWindow(window, "en-US")} window, which stays routing's check.`,
      });
      return { kind: "ships_in", headline: `${lead} sees “${shopperText}”.`, shopperText, days, supplierId: supplier.id ?? null, steps };
    }
    const shopperText = `Arrives ${formatWindow(window, "en-US")}`;
    return { kind: "window", headline: `${lead} sees “${shopperText}”.`, shopperText, window, supplierId: supplier.id ?? null, steps };
  }
  return { kind: "not_served", headline: `${lead} sees no date: no published supplier delivers there.`, steps };
}
