/** The stock jobs' kinds and how each is enqueued (kept apart so handlers can enqueue each other). */
import { spreadSlot } from "~/domain/timers/spread";
import type { NewJob } from "./job-queue";

export const STOCK_SYNC_JOB = "stock_sync";
export const FEED_PULL_JOB = "stock_feed_pull";
export const STOCK_SWEEP_JOB = "stock_sweep";
/** How often due feeds are pulled and buffered stock re-published (staleness changes it over time). */
export const STOCK_SWEEP_EVERY_MS = 15 * 60_000;

/** Publishes one supplier's buffered stock; syncs of one supplier never overlap. */
export function stockSyncJob(shop: string, supplierId: string, trigger: string): NewJob {
  return {
    shop,
    kind: STOCK_SYNC_JOB,
    dedupeKey: `stock_sync:${shop}:${supplierId}:${trigger}`,
    groupKey: `stock:${shop}:${supplierId}`,
    payload: { supplierId },
    maxAttempts: 5,
  };
}

/** Pulls one URL feed in one time slot. */
export function feedPullJob(shop: string, feedId: string, slot: number): NewJob {
  return { shop, kind: FEED_PULL_JOB, dedupeKey: `stock_feed_pull:${feedId}:${slot}`, groupKey: `feed:${feedId}`, payload: { feedId }, maxAttempts: 3 };
}

/** The periodic stock sweep of one shop (deduplicated per slot). */
export function stockSweepJob(shop: string, now: Date): NewJob {
  const slot = spreadSlot(shop, now.getTime(), STOCK_SWEEP_EVERY_MS).index;
  return { shop, kind: STOCK_SWEEP_JOB, dedupeKey: `stock_sweep:${shop}:${slot}`, payload: { slot }, maxAttempts: 3 };
}
