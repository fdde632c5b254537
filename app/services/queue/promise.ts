/**
 * The promise-publishing job: its kind, how it is enqueued and deduplicated. Kept apart from the
 * publisher so every use case that changes what checkout shows can enqueue it.
 */
import { spreadSlot } from "~/domain/timers/spread";
import type { Prisma, PrismaClient } from "@prisma/client";
import type { NewJob } from "./job-queue";

export const PROMISE_PUBLISH_JOB = "promise_publish";
/** Changes within one slot are published together, once, at the end of the slot. */
export const PROMISE_DEBOUNCE_MS = 30_000;
/** The periodic republish (stock from feeds, holidays passing, measured handling moving). */
export const PROMISE_REPUBLISH_EVERY_MS = 60 * 60_000;

export interface PromisePublishPayload {
  readonly reason: string;
  /** Send every value again, even those Shopify already holds (the merchant's "Republish now"). */
  readonly force?: boolean;
}

const groupKey = (shop: string): string => `promise:${shop}`;

/**
 * A publish after a change. Every change in the same slot maps to one job that runs at the slot's
 * end, strictly after the change, so the burst of a CSV import or a form save is published once.
 */
export function promisePublishJob(shop: string, reason: string, now: Date): NewJob {
  const slot = Math.floor(now.getTime() / PROMISE_DEBOUNCE_MS) + 1;
  const payload: PromisePublishPayload = { reason };
  return {
    shop,
    kind: PROMISE_PUBLISH_JOB,
    dedupeKey: `promise_publish:${shop}:${slot}`,
    groupKey: groupKey(shop),
    payload,
    runAt: new Date(slot * PROMISE_DEBOUNCE_MS),
    maxAttempts: 5,
  };
}

/** The periodic publish of one shop (deduplicated per slot). */
export function promiseTimerJob(shop: string, now: Date): NewJob {
  const slot = spreadSlot(shop, now.getTime(), PROMISE_REPUBLISH_EVERY_MS).index;
  const payload: PromisePublishPayload = { reason: "timer" };
  return { shop, kind: PROMISE_PUBLISH_JOB, dedupeKey: `promise_publish:${shop}:timer:${slot}`, groupKey: groupKey(shop), payload, maxAttempts: 3 };
}

/** The merchant's "Republish now": runs at once and re-sends everything. */
export function promiseRepublishNowJob(shop: string, now: Date): NewJob {
  const payload: PromisePublishPayload = { reason: "manual", force: true };
  return {
    shop,
    kind: PROMISE_PUBLISH_JOB,
    dedupeKey: `promise_publish:${shop}:manual:${now.getTime()}`,
    groupKey: groupKey(shop),
    payload,
    runAt: now,
    maxAttempts: 3,
  };
}

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * Asks for the shop's promise data to be republished after a change to suppliers, offers, stock or
 * the routing policy. An upsert on the dedupe key (not insert-and-catch) so it also works inside a
 * caller's transaction. A failure is logged, not thrown: the change itself is saved, and the
 * periodic republish catches up.
 */
export async function enqueuePromisePublish(db: Db, shop: string, reason: string, now: Date = new Date()): Promise<void> {
  const job = promisePublishJob(shop, reason, now);
  try {
    await db.job.upsert({
      where: { dedupeKey: job.dedupeKey },
      create: {
        shop,
        kind: job.kind,
        dedupeKey: job.dedupeKey,
        payload: JSON.stringify(job.payload),
        runAt: job.runAt ?? now,
        maxAttempts: job.maxAttempts ?? 5,
        groupKey: job.groupKey ?? null,
      },
      update: {},
    });
  } catch (error) {
    console.error(`[promise] could not enqueue a republish for ${shop} (${reason}); the periodic republish will catch up`, error);
  }
}
