/**
 * Where an order's delivery stands now: from what the supplier and the carrier have done so far
 * and what they usually take (the handling and lane-transit distributions the promise engine
 * learns), the window the parcel will now most likely arrive in. Dated as the promise engine
 * dates a window (the supplier's local calendar dates, carrier business days for transit), with
 * the same coverage, so a forecast and the promise it is compared with mean the same thing.
 */
import {
  addBusinessDays,
  businessDaysBetween,
  DEFAULT_WINDOW_COVERAGE,
  deliveryDistribution,
  histogramCount,
  localDateTime,
  maxDate,
  MONDAY_TO_FRIDAY,
  shipStartDate,
  toEpochDay,
  uniformHistogram,
  windowFromDistribution,
  type DayHistogram,
  type PromiseLeg,
  type PromiseWindow,
} from "../promise";
import type { TrackingStage } from "../tracking/stages";

/** The parcel as tracking knows it; absent before the supplier records a shipment. */
export interface ParcelFacts {
  readonly stage: TrackingStage;
  /** The carrier's first scan (null: label printed, not yet handed over). */
  readonly handedOverAtMs: number | null;
  readonly lastScanAtMs: number | null;
  /** The carrier's own estimate ("YYYY-MM-DD" or an instant), when it gave one. */
  readonly carrierEstimate: string | null;
}

/** Everything a forecast reads about one order's part from one supplier. */
export interface DeliveryFacts {
  /** The promised window (from the routing decision), dated like every promise window. */
  readonly promised: PromiseWindow;
  readonly orderedAtMs: number;
  /** The supplier's leg to this destination, with its learned distributions when there are any. */
  readonly leg: PromiseLeg;
  /** The ship date the supplier committed to when it accepted (supplier-local date). */
  readonly committedShipDate: string | null;
  readonly parcel: ParcelFacts | null;
}

/** A forecast and what it rests on. */
export interface Forecast {
  readonly window: PromiseWindow;
  /** "handling": not with the carrier yet; "transit": the carrier has it. */
  readonly phase: "handling" | "transit";
  /** True when the parcel is stuck (carrier delay or no movement): it cannot arrive today. */
  readonly stuck: boolean;
}

/** Whole days: how many epoch days an instant lies after another (floor). */
const DAY_MS = 86_400_000;

/** The part of a histogram at or after `atLeast` days; null when no observation is that slow. */
export function histogramFrom(histogram: DayHistogram, atLeast: number): DayHistogram | null {
  if (atLeast <= histogram.from) return histogram;
  const weights = histogram.weights.slice(atLeast - histogram.from);
  const conditioned = { from: atLeast, weights };
  return weights.length > 0 && histogramCount(conditioned) > 0 ? conditioned : null;
}

/**
 * Slower than anything seen: the honest estimate starts at `atLeast` and spreads as widely as the
 * observations did (at least two days), rather than pretending to know the day.
 */
function beyondHistory(histogram: DayHistogram, atLeast: number): DayHistogram {
  return uniformHistogram({ min: atLeast, max: atLeast + Math.max(2, histogram.weights.length - 1) });
}

const conditioned = (histogram: DayHistogram, atLeast: number): DayHistogram => histogramFrom(histogram, atLeast) ?? beyondHistory(histogram, atLeast);

/** A carrier estimate as a calendar date (instants are read in the supplier's zone, as the promise dates them). */
function estimateDate(estimate: string | null, timeZone: string): string | null {
  if (!estimate) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(estimate)) return estimate;
  const ms = Date.parse(estimate);
  return Number.isFinite(ms) ? localDateTime(ms, timeZone).date : null;
}

function transitForecast(facts: DeliveryFacts, parcel: ParcelFacts & { handedOverAtMs: number }, nowMs: number, stuck: boolean): PromiseWindow {
  const { leg } = facts;
  const tz = leg.calendar.timeZone;
  const today = localDateTime(nowMs, tz).date;
  const carrier = { workdays: MONDAY_TO_FRIDAY, holidays: leg.carrierHolidays ?? [] };
  const estimate = estimateDate(parcel.carrierEstimate, tz);
  if (estimate && estimate > today) return { earliest: estimate, latest: estimate };
  const handoff = localDateTime(parcel.handedOverAtMs, tz).date;
  const elapsed = today > handoff ? businessDaysBetween(handoff, today, carrier) : 0;
  // Not delivered yet: today at the soonest, tomorrow's round when the parcel is stuck.
  const transit = conditioned(leg.transitDays ?? uniformHistogram(leg.transit), elapsed + (stuck ? 1 : 0));
  const first = addBusinessDays(handoff, transit.from, carrier);
  const days: number[] = [];
  let day = first;
  transit.weights.forEach((_, i) => {
    if (i > 0) day = addBusinessDays(day, 1, carrier);
    days.push(toEpochDay(day));
  });
  const total = histogramCount(transit);
  return windowFromDistribution(
    { days, probabilities: transit.weights.map((w) => w / total), businessDays: transit.weights.map((_, i) => i) },
    DEFAULT_WINDOW_COVERAGE,
  );
}

function handlingForecast(facts: DeliveryFacts, nowMs: number): PromiseWindow {
  const { leg } = facts;
  const start = shipStartDate(leg.calendar, facts.orderedAtMs);
  // The soonest the supplier can still hand it over: today before its cut-off, else its next business day.
  const soonest = maxDate(start, shipStartDate(leg.calendar, nowMs));
  const handling = leg.handlingDays ?? uniformHistogram(leg.handling);
  const minDays = businessDaysBetween(start, soonest, leg.calendar);
  const committed = facts.committedShipDate ? maxDate(facts.committedShipDate, soonest) : null;
  const ship: DayHistogram = committed ? { from: businessDaysBetween(start, committed, leg.calendar), weights: [1] } : conditioned(handling, minDays);
  return windowFromDistribution(
    deliveryDistribution(
      { calendar: leg.calendar, handling: ship, transit: leg.transitDays ?? uniformHistogram(leg.transit), carrierHolidays: leg.carrierHolidays },
      facts.orderedAtMs,
    ),
    DEFAULT_WINDOW_COVERAGE,
  );
}

/** True when a parcel in the carrier's hands has had no scan for `noMovementDays` days. */
export function hasStalled(parcel: ParcelFacts | null, nowMs: number, noMovementDays: number): boolean {
  if (!parcel || parcel.handedOverAtMs === null || parcel.stage === "delivered") return false;
  const last = parcel.lastScanAtMs ?? parcel.handedOverAtMs;
  return nowMs - last >= noMovementDays * DAY_MS;
}

/** The window the order's part will now most likely arrive in; null once delivered. */
export function forecastDelivery(facts: DeliveryFacts, nowMs: number, noMovementDays: number): Forecast | null {
  const parcel = facts.parcel;
  if (parcel?.stage === "delivered") return null;
  if (parcel && parcel.handedOverAtMs !== null) {
    const stuck = parcel.stage === "delayed" || hasStalled(parcel, nowMs, noMovementDays);
    return { window: transitForecast(facts, { ...parcel, handedOverAtMs: parcel.handedOverAtMs }, nowMs, stuck), phase: "transit", stuck };
  }
  return { window: handlingForecast(facts, nowMs), phase: "handling", stuck: false };
}
