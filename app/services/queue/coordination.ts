/** The coordination job kinds and their builders (dedupe keys make every trigger idempotent). */
import { spreadSlot } from "~/domain/timers/spread";
import type { Action, Timer } from "~/domain/escalation";
import type { SubmitHandoff } from "./handoff";
import type { NewJob } from "./job-queue";

export const SUBMIT_REQUESTS_JOB = "submit_fulfillment_requests";
export const SYNC_ASSIGNED_JOB = "sync_assigned_fulfillment_orders";
export const DELIVER_PO_JOB = "deliver_purchase_order";
export const LADDER_TIMER_JOB = "escalation_timer";
export const LADDER_ACTION_JOB = "escalation_action";

export const SYNC_EVERY_MS = 10 * 60_000;

/**
 * Submits fulfillment requests for an order's fulfillment orders sitting at suppliers' locations.
 * `handoff`: what routing read and moved, so the job need not read the order again.
 */
export function submitRequestsJob(
  shop: string,
  orderId: string,
  trigger: string,
  extra: { approvePoId?: string; handoff?: SubmitHandoff | null } = {},
): NewJob {
  return {
    shop,
    kind: SUBMIT_REQUESTS_JOB,
    dedupeKey: `submit:${shop}:${orderId}:${trigger}`,
    // Same group as routing: never submit while the order is being moved.
    groupKey: `order:${shop}:${orderId}`,
    payload: { orderId, approvePoId: extra.approvePoId ?? null, ...(extra.handoff ? { handoff: extra.handoff } : {}) },
  };
}

export type SyncKind = "FULFILLMENT_REQUEST" | "CANCELLATION_REQUEST" | "SWEEP";

/**
 * Reads the assigned fulfillment orders (callback, webhook or periodic sweep) and reconciles our
 * POs. `fromCallback`: Shopify's fulfillment-service callback asked for it (it may echo our own request).
 */
export function syncAssignedJob(shop: string, kind: SyncKind, key: string, options: { fromCallback?: boolean } = {}): NewJob {
  return {
    shop,
    kind: SYNC_ASSIGNED_JOB,
    dedupeKey: `sync_assigned:${shop}:${kind}:${key}`,
    payload: { kind, fromCallback: options.fromCallback ?? false },
    maxAttempts: 5,
  };
}

/** The sweep for one time slot: callbacks are throttled and can be missed. */
export function syncSweepJob(shop: string, now: Date): NewJob {
  return syncAssignedJob(shop, "SWEEP", String(spreadSlot(shop, now.getTime(), SYNC_EVERY_MS).index));
}

export type DeliveryKind = "purchase_order" | "reminder" | "tracking_reminder" | "cancellation_request";

export function deliverJob(shop: string, poId: string, kind: DeliveryKind, key: string): NewJob {
  return { shop, kind: DELIVER_PO_JOB, dedupeKey: `deliver:${shop}:${poId}:${kind}:${key}`, payload: { poId, kind }, maxAttempts: 6 };
}

/** A ladder timer as a durable job due when the timer is; one job per timer. */
export function ladderTimerJob(shop: string, poId: string, timer: Timer): NewJob {
  return {
    shop,
    kind: LADDER_TIMER_JOB,
    dedupeKey: `escalation-timer:${shop}:${poId}:${timer.kind}:${timer.attempt}:${timer.dueAtMs}`,
    groupKey: `po:${shop}:${poId}`,
    runAt: new Date(timer.dueAtMs),
    payload: { poId, kind: timer.kind, dueAtMs: timer.dueAtMs, attempt: timer.attempt },
  };
}

/** A ladder action, deduplicated by the ladder's own idempotency key. */
export function ladderActionJob(shop: string, action: Action): NewJob {
  return { shop, kind: LADDER_ACTION_JOB, dedupeKey: `${shop}:${action.idempotencyKey}`, groupKey: `po:${shop}:${action.poId}`, payload: action };
}
