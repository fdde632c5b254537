/** The routing job kinds and their builders (dedupe keys make every trigger idempotent). */
import { spreadSlot } from "~/domain/timers/spread";
import type { RoutingRead } from "./handoff";
import type { NewJob } from "./job-queue";

export const ROUTE_ORDER_JOB = "route_order";

/**
 * The job that routes an order; one per trigger, never two at once for the same order. `read`:
 * the order as the trigger just read it from Shopify, so the job need not read it again.
 */
export function routeOrderJob(shop: string, orderId: string, trigger: string, extra: { exclude?: string[]; reason?: string; read?: RoutingRead } = {}): NewJob {
  return {
    shop,
    kind: ROUTE_ORDER_JOB,
    dedupeKey: `route:${shop}:${orderId}:${trigger}`,
    groupKey: `order:${shop}:${orderId}`,
    payload: { orderId, exclude: extra.exclude ?? [], reason: extra.reason ?? trigger, ...(extra.read ? { read: extra.read } : {}) },
  };
}

export const RECONCILE_ROUTING_JOB = "reconcile_routing";
export const RECONCILE_EVERY_MS = 10 * 60_000;

/** The sweep for one shop and one time slot (so a restart never doubles it). */
export function reconcileRoutingJob(shop: string, now: Date): NewJob {
  const slot = spreadSlot(shop, now.getTime(), RECONCILE_EVERY_MS).index;
  return { shop, kind: RECONCILE_ROUTING_JOB, dedupeKey: `reconcile_routing:${shop}:${slot}`, payload: { slot }, maxAttempts: 3 };
}
