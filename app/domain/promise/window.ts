/** From an order instant to the dates a parcel ships and arrives. */
import { addBusinessEpochDays, dayRule, MONDAY_TO_FRIDAY, shipStart } from "./business-days";
import { addBusinessDays } from "./calendar";
import { fromEpochDay, maxDate } from "./dates";
import { handoffDayShift, learnedWindow, uniformHistogram } from "./distribution";
import type { DayRange, PromiseLeg, PromiseWindow } from "./types";

/** Throws unless the range is whole, non-negative days with min ≤ max. */
export function assertDayRange(range: DayRange, what: string): void {
  const ok = Number.isInteger(range.min) && Number.isInteger(range.max) && range.min >= 0 && range.min <= range.max;
  if (!ok) {
    throw new RangeError(`${what} must be whole business days with 0 ≤ min ≤ max, got ${range.min}–${range.max}`);
  }
}

// Hand-off days as day counts, so the delivery walk goes on from them without re-parsing.
function shipByDays(leg: PromiseLeg, nowMs: number): { earliest: number; latest: number } {
  assertDayRange(leg.handling, "Handling");
  const start = shipStart(leg.calendar, nowMs);
  return {
    earliest: addBusinessEpochDays(start.day, leg.handling.min, start.rule),
    latest: addBusinessEpochDays(start.day, leg.handling.max, start.rule),
  };
}

/** Supplier-local dates the parcel is handed to the carrier: earliest and latest. */
export function shipByWindow(leg: PromiseLeg, nowMs: number): PromiseWindow {
  const ship = shipByDays(leg, nowMs);
  return { earliest: fromEpochDay(ship.earliest), latest: fromEpochDay(ship.latest) };
}

/**
 * Delivery date for a hand-off date: transit counts carrier business days (Mon–Fri minus
 * carrier holidays) from the day after hand-off; transit 0 delivers on the hand-off day.
 */
export function deliveryDate(handoff: string, transitDays: number, carrierHolidays: readonly string[] = []): string {
  return addBusinessDays(handoff, transitDays, { workdays: MONDAY_TO_FRIDAY, holidays: carrierHolidays });
}

/**
 * The delivery window of one supplier's part of an order placed at `nowMs`: from the learned
 * distributions when the leg has any, else earliest = min + min and latest = max + max.
 */
export function promiseWindow(leg: PromiseLeg, nowMs: number): PromiseWindow {
  assertDayRange(leg.transit, "Transit");
  if (leg.handlingDays || leg.transitDays) {
    assertDayRange(leg.handling, "Handling");
    return learnedWindow(
      {
        calendar: leg.calendar,
        handling: leg.handlingDays ?? uniformHistogram(leg.handling),
        transit: leg.transitDays ?? uniformHistogram(leg.transit),
        carrierHolidays: leg.carrierHolidays,
        destinationTimeZone: leg.destinationTimeZone,
      },
      nowMs,
      leg.coverage,
    );
  }
  const ship = shipByDays(leg, nowMs);
  const carrier = dayRule({ workdays: MONDAY_TO_FRIDAY, holidays: leg.carrierHolidays });
  // Hand-off dates in the shopper's zone when the leg has one (as the learned path counts them).
  const shift = handoffDayShift(leg.calendar, leg.destinationTimeZone, ship.earliest);
  return {
    earliest: fromEpochDay(addBusinessEpochDays(ship.earliest + shift, leg.transit.min, carrier)),
    latest: fromEpochDay(addBusinessEpochDays(ship.latest + shift, leg.transit.max, carrier)),
  };
}

/** The window of a whole cart: the slowest part decides both ends. */
export function cartPromise(legs: readonly PromiseLeg[], nowMs: number): PromiseWindow {
  const windows = legs.map((leg) => promiseWindow(leg, nowMs));
  const [first, ...rest] = windows;
  if (!first) throw new RangeError("A cart promise needs at least one supplier leg");
  return rest.reduce((acc, w) => ({ earliest: maxDate(acc.earliest, w.earliest), latest: maxDate(acc.latest, w.latest) }), first);
}

/** The legs that ship together as one delivery group (e.g. one checkout delivery group). */
export interface DeliveryGroupLegs {
  readonly id: string;
  readonly legs: readonly PromiseLeg[];
}

/** A delivery group's promise window. */
export interface DeliveryGroupPromise {
  readonly id: string;
  readonly window: PromiseWindow;
}

/** One window per delivery group, in the order given. */
export function groupPromises(groups: readonly DeliveryGroupLegs[], nowMs: number): DeliveryGroupPromise[] {
  return groups.map((group) => ({ id: group.id, window: cartPromise(group.legs, nowMs) }));
}
