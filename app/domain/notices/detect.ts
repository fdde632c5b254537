/**
 * Is the customer's delivery late against what they were promised, and why? A delay is news
 * only when the forecast's latest date is past the promised latest date: a carrier "delayed"
 * scan that still lands inside the window tells the customer nothing new.
 */
import { compareDates, localDateTime } from "../promise";
import { forecastDelivery, hasStalled, type DeliveryFacts } from "./forecast";
import type { DelayVerdict } from "./types";

/** Thresholds a detection reads (the shop's tracking settings). */
export interface DelayConfig {
  /** Days without a carrier scan before a parcel counts as not moving. */
  readonly noMovementDays: number;
}

/** The delay to tell the customer about, or null when the promise still holds (or the parcel is delivered). */
export function detectDelay(facts: DeliveryFacts, nowMs: number, config: DelayConfig): DelayVerdict | null {
  const forecast = forecastDelivery(facts, nowMs, config.noMovementDays);
  if (!forecast || compareDates(forecast.window.latest, facts.promised.latest) <= 0) return null;
  const window = forecast.window;
  const parcel = facts.parcel;
  if (parcel?.stage === "delayed") return { kind: "carrier_delayed", window, reason: { code: "carrier_delayed" } };
  if (parcel && hasStalled(parcel, nowMs, config.noMovementDays)) {
    const last = parcel.lastScanAtMs ?? parcel.handedOverAtMs ?? nowMs;
    return { kind: "no_movement", window, reason: { code: "no_movement", lastScanDate: localDateTime(last, facts.leg.calendar.timeZone).date } };
  }
  const today = localDateTime(nowMs, facts.leg.calendar.timeZone).date;
  if (forecast.phase === "handling" && facts.committedShipDate && compareDates(facts.committedShipDate, today) >= 0) {
    return { kind: "late_ship_date", window, reason: { code: "late_ship_date", shipDate: facts.committedShipDate } };
  }
  return { kind: "predicted", window, reason: { code: forecast.phase === "handling" ? "slow_handling" : "slow_transit" } };
}
