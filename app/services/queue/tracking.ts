/** The tracking job kinds and how each is enqueued (dedupe keys make every enqueue idempotent). */
import { spreadSlot } from "~/domain/timers/spread";
import type { NewJob } from "./job-queue";

export const TRACKING_SYNC_JOB = "tracking_sync";
export const CARRIER_EVENT_JOB = "carrier_event";
export const EXCEPTION_SWEEP_JOB = "exception_sweep";
export const EXCEPTION_SWEEP_EVERY_MS = 15 * 60_000;

/** Retries a shipment's fulfillmentCreate that failed for a reason worth retrying. */
export function trackingSyncJob(shop: string, shipmentId: string, runAt?: Date): NewJob {
  return {
    shop,
    kind: TRACKING_SYNC_JOB,
    dedupeKey: `tracking_sync:${shop}:${shipmentId}`,
    payload: { shipmentId },
    groupKey: shipmentGroup(shop, shipmentId),
    ...(runAt ? { runAt } : {}),
  };
}

/** The group that serialises all work on one shipment: its fulfillment and every parcel's events. */
export const shipmentGroup = (shop: string, shipmentId: string) => `shipment:${shop}:${shipmentId}`;

/**
 * Applies one stored carrier event. Grouped per shipment, not per parcel: the shipment's stage
 * combines its parcels', so two parcels' events folded at once would each save a stage computed
 * without the other's (and both could post the same stage to Shopify).
 */
export function carrierEventJob(shop: string, carrierEventId: string, shipmentId: string, now: Date): NewJob {
  return {
    shop,
    kind: CARRIER_EVENT_JOB,
    dedupeKey: `carrier_event:${shop}:${carrierEventId}`,
    payload: { carrierEventId },
    groupKey: shipmentGroup(shop, shipmentId),
    maxAttempts: 8,
    runAt: now,
  };
}

/** The exception sweep for one shop and one time slot. */
export function exceptionSweepJob(shop: string, now: Date, reason = "timer"): NewJob {
  const slot = spreadSlot(shop, now.getTime(), EXCEPTION_SWEEP_EVERY_MS).index;
  return {
    shop,
    kind: EXCEPTION_SWEEP_JOB,
    dedupeKey: `exception_sweep:${shop}:${reason}:${slot}`,
    payload: { slot },
    groupKey: `exceptions:${shop}`,
    maxAttempts: 3,
    runAt: now,
  };
}

export const RECONCILE_FULFILLMENT_JOB = "reconcile_fulfillment";

/** What a fulfillments/* webhook said, as much as reconciliation needs (ids as GIDs). */
export interface FulfillmentHint {
  readonly fulfillmentId: string;
  readonly orderId: string;
  /** The webhook's lowercase status: success, cancelled, error, failure (pending, open: deprecated). */
  readonly status: string;
  /** Normalised tracking numbers. */
  readonly trackingNumbers: readonly string[];
  /** The latest fulfillment event's status (in_transit, delivered, …), if any. */
  readonly shipmentStatus: string | null;
  /** When Shopify last changed the fulfillment (ISO instant with offset). */
  readonly updatedAt: string;
}

/** Brings our shipment in line with a Shopify fulfillment, after the grace period; one job per webhook event. */
export function reconcileFulfillmentJob(shop: string, hint: FulfillmentHint, eventId: string, runAt: Date): NewJob {
  return {
    shop,
    kind: RECONCILE_FULFILLMENT_JOB,
    dedupeKey: `reconcile_fulfillment:${shop}:${hint.fulfillmentId}:${eventId}`,
    // One order's fulfillments one at a time: they decide together whether its purchase orders shipped.
    groupKey: `fulfillments:${shop}:${hint.orderId}`,
    payload: hint,
    runAt,
    maxAttempts: 5,
  };
}
