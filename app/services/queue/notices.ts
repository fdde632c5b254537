/** The customer-notice job kinds and how each is enqueued (dedupe keys make every enqueue idempotent). */
import { spreadSlot } from "~/domain/timers/spread";
import type { NewJob } from "./job-queue";

export const DELAY_CHECK_JOB = "delay_check";
/** The merchant's "Shipment delayed" Flow trigger (extensions/flow-shipment-delayed). */
export const DELAY_FLOW_TRIGGER = "dropline-shipment-delayed";
export const DELAY_SWEEP_JOB = "delay_sweep";
/** How often every open order of a shop is checked for a predicted delay. */
export const DELAY_SWEEP_EVERY_MS = 60 * 60_000;

/** A carrier's delay on one shipment, for the merchant's "Shipment delayed" Flow trigger. */
export interface ShipmentDelayedHint {
  readonly trackingNumber: string;
  readonly carrier: string | null;
  readonly orderName: string | null;
}

/** The escalation ladder's "promise at risk": the Flow trigger to fire (with the new window) for a purchase order. */
export interface PromiseAtRiskHint {
  readonly handle: string;
  readonly purchaseOrderId: string;
}

/** What prompted a check, beyond the customer email: a Flow trigger to fire with the order's new window. */
export interface DelayCheckFlow {
  readonly shipmentDelayed?: ShipmentDelayedHint;
  readonly promiseAtRisk?: PromiseAtRiskHint;
}

/**
 * Checks one order for a delay and tells the customer. `cause` names what prompted it (a carrier
 * event, the ladder, the hourly sweep) so each cause checks once; one order's checks never overlap.
 */
export function delayCheckJob(shop: string, orderId: string, cause: string, now: Date, flow: DelayCheckFlow = {}): NewJob {
  return {
    shop,
    kind: DELAY_CHECK_JOB,
    dedupeKey: `delay_check:${shop}:${orderId}:${cause}`,
    payload: { orderId, cause, ...flow },
    groupKey: `notice:${shop}:${orderId}`,
    maxAttempts: 6,
    runAt: now,
  };
}

/** The hourly predictive sweep of one shop's open orders. */
export function delaySweepJob(shop: string, now: Date): NewJob {
  const slot = spreadSlot(shop, now.getTime(), DELAY_SWEEP_EVERY_MS).index;
  return {
    shop,
    kind: DELAY_SWEEP_JOB,
    dedupeKey: `delay_sweep:${shop}:${slot}`,
    payload: { slot },
    groupKey: `delay_sweep:${shop}`,
    maxAttempts: 3,
    runAt: now,
  };
}
