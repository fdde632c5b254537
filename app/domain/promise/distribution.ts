/**
 * Promise windows from learned distributions instead of ranges. Adding the extremes of handling
 * and transit (min+min … max+max) promises a window far wider than the sum really spreads, since
 * a slow supplier day and a slow carrier day rarely coincide. Here the two histograms are
 * convolved over the real calendars (supplier business days, then carrier business days) into a
 * distribution of delivery dates, and the window is the shortest run of dates that holds the
 * wanted share of it.
 */
import { addBusinessEpochDays, businessEpochDaysBetween, dayRule, MONDAY_TO_FRIDAY, shipStart } from "./business-days";
import { fromEpochDay, toEpochDay } from "./dates";
import { instantAt, localDateTime, parseClockTime } from "./time-zone";
import type { DayHistogram, DayRange, PromiseWindow, SupplierCalendar } from "./types";

/**
 * Share of the learned distribution a window holds: the accuracy target (97 % delivered inside
 * the window), taken at face value rather than tuned to a benchmark.
 */
export const DEFAULT_WINDOW_COVERAGE = 0.97;

/** A histogram of whole-day samples; null when none is usable (negative or fractional are data errors). */
export function histogramOf(samples: readonly number[]): DayHistogram | null {
  const usable = samples.filter((s) => Number.isInteger(s) && s >= 0);
  if (usable.length === 0) return null;
  const from = Math.min(...usable);
  const weights = Array<number>(Math.max(...usable) - from + 1).fill(0);
  for (const s of usable) weights[s - from] = (weights[s - from] ?? 0) + 1;
  return { from, weights };
}

/** Number of observations in a histogram. */
export function histogramCount(histogram: DayHistogram): number {
  return histogram.weights.reduce((n, w) => n + w, 0);
}

/** Every day of a range equally likely: how a configured range enters a learned window. */
export function uniformHistogram(range: DayRange): DayHistogram {
  return { from: range.min, weights: Array<number>(range.max - range.min + 1).fill(1) };
}

/** True for whole, non-negative offsets and weights with at least one observation. */
export function isDayHistogram(h: DayHistogram): boolean {
  return Number.isInteger(h.from) && h.from >= 0 && h.weights.length > 0 && h.weights.every((w) => Number.isInteger(w) && w >= 0) && histogramCount(h) > 0;
}

/** What a learned window is computed from: one supplier leg with distributions. */
export interface DistributionLeg {
  readonly calendar: SupplierCalendar;
  readonly handling: DayHistogram;
  readonly transit: DayHistogram;
  readonly carrierHolidays?: readonly string[];
  /** The shopper's zone: delivery dates are counted there (see `PromiseLeg.destinationTimeZone`). */
  readonly destinationTimeZone?: string;
}

/**
 * Days to add to a supplier-local hand-off date to get the date the carrier starts from in the
 * shopper's zone: the parcel leaves at the supplier's cut-off, e.g. 15:30 in Shanghai is 23:30 the
 * day before in Los Angeles (−1), 16:00 in New York is 22:00 the same day in Paris (0).
 */
export function handoffDayShift(calendar: SupplierCalendar, destinationTimeZone: string | undefined, supplierDay: number): number {
  if (!destinationTimeZone || destinationTimeZone === calendar.timeZone) return 0;
  const instant = instantAt(fromEpochDay(supplierDay), parseClockTime(calendar.cutoff), calendar.timeZone);
  return toEpochDay(localDateTime(instant, destinationTimeZone).date) - supplierDay;
}

/** Probability of delivery per day (epoch days ascending). */
export interface DeliveryDistribution {
  readonly days: readonly number[];
  readonly probabilities: readonly number[];
  /** Carrier business days from the first day to each day: what a window's width is counted in. */
  readonly businessDays: readonly number[];
}

/** Delivery-date distribution of an order placed at `nowMs`, assuming handling and transit independent. */
export function deliveryDistribution(leg: DistributionLeg, nowMs: number): DeliveryDistribution {
  if (!isDayHistogram(leg.handling) || !isDayHistogram(leg.transit)) {
    throw new RangeError("Handling and transit histograms need whole non-negative days and at least one observation");
  }
  const start = shipStart(leg.calendar, nowMs);
  const carrier = dayRule({ workdays: MONDAY_TO_FRIDAY, holidays: leg.carrierHolidays });
  const handlingTotal = histogramCount(leg.handling);
  const transitTotal = histogramCount(leg.transit);
  const mass = new Map<number, number>();
  let handoff = addBusinessEpochDays(start.day, leg.handling.from, start.rule);
  // One shift per distribution: the zones' offsets differ by at most an hour across its few weeks.
  const shift = handoffDayShift(leg.calendar, leg.destinationTimeZone, handoff);
  leg.handling.weights.forEach((hw, i) => {
    if (i > 0) handoff = addBusinessEpochDays(handoff, 1, start.rule);
    if (hw === 0) return;
    let delivery = addBusinessEpochDays(handoff + shift, leg.transit.from, carrier);
    leg.transit.weights.forEach((tw, j) => {
      if (j > 0) delivery = addBusinessEpochDays(delivery, 1, carrier);
      if (tw > 0) mass.set(delivery, (mass.get(delivery) ?? 0) + (hw / handlingTotal) * (tw / transitTotal));
    });
  });
  const days = [...mass.keys()].sort((a, b) => a - b);
  const first = days[0] ?? 0;
  return {
    days,
    probabilities: days.map((d) => mass.get(d) ?? 0),
    businessDays: days.map((d) => businessEpochDaysBetween(first, d, carrier)),
  };
}

/**
 * The shortest run of dates holding at least `coverage` of the distribution (ties: the one that
 * holds more, then the later one, since a late parcel costs more trust than an early one).
 */
export function windowFromDistribution(distribution: DeliveryDistribution, coverage = DEFAULT_WINDOW_COVERAGE): PromiseWindow {
  const { days, probabilities: p } = distribution;
  const first = days[0];
  if (first === undefined) throw new RangeError("A window needs a distribution with at least one day");
  const need = Math.min(1, coverage) - 1e-9;
  let best = { from: 0, to: days.length - 1, width: Infinity, mass: 0 };
  let mass = 0;
  let from = 0;
  for (let to = 0; to < days.length; to += 1) {
    mass += p[to] ?? 0;
    while (from < to && mass - (p[from] ?? 0) >= need) mass -= p[from++] ?? 0;
    if (mass < need) continue;
    const width = (distribution.businessDays[to] ?? 0) - (distribution.businessDays[from] ?? 0);
    if (width < best.width || (width === best.width && mass >= best.mass)) best = { from, to, width, mass };
  }
  return { earliest: fromEpochDay(days[best.from] ?? first), latest: fromEpochDay(days[best.to] ?? first) };
}

/** The learned delivery window of one supplier leg for an order placed at `nowMs`. */
export function learnedWindow(leg: DistributionLeg, nowMs: number, coverage = DEFAULT_WINDOW_COVERAGE): PromiseWindow {
  return windowFromDistribution(deliveryDistribution(leg, nowMs), coverage);
}
