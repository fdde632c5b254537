/** The address-check job kinds and their builders (dedupe keys make every trigger idempotent). */
import { spreadSlot } from "~/domain/timers/spread";
import type { NewJob } from "./job-queue";

export const ADDRESS_RECHECK_JOB = "address_recheck";
export const ADDRESS_SWEEP_JOB = "address_recheck_sweep";

/** How often orders held for their address are checked again (an edit whose webhook was missed, changed label rules). */
export const ADDRESS_SWEEP_EVERY_MS = 30 * 60_000;

/** Checks a held order's shipping address again; one per trigger, never while the order is being routed. */
export function addressRecheckJob(shop: string, orderId: string, trigger: string): NewJob {
  return {
    shop,
    kind: ADDRESS_RECHECK_JOB,
    dedupeKey: `address_recheck:${shop}:${orderId}:${trigger}`,
    // Same group as routing and submission: the release and the re-route never race them.
    groupKey: `order:${shop}:${orderId}`,
    payload: { orderId },
    maxAttempts: 5,
  };
}

/** The periodic re-check of a shop's held orders, one per time slot. */
export function addressSweepJob(shop: string, now: Date): NewJob {
  const slot = spreadSlot(shop, now.getTime(), ADDRESS_SWEEP_EVERY_MS).index;
  return { shop, kind: ADDRESS_SWEEP_JOB, dedupeKey: `address_recheck_sweep:${shop}:${slot}`, payload: { slot }, maxAttempts: 3 };
}
