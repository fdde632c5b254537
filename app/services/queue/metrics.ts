/** The metrics job kinds and how each is enqueued (dedupe keys make every enqueue idempotent). */
import { spreadOffsetMs, spreadSlot } from "~/domain/timers/spread";
import type { NewJob } from "./job-queue";

export const METRICS_REFRESH_JOB = "metrics_refresh";
export const METRICS_NIGHTLY_JOB = "metrics_nightly";
export const METRICS_REFRESH_EVERY_MS = 15 * 60_000;
/** The nightly pass runs at this UTC hour (it finalises the shop's previous calendar day)… */
const NIGHTLY_UTC_HOUR = 3;
/** …each shop at its own minute of that hour, so a deployment's shops do not all start at 03:00. */
const NIGHTLY_SPREAD_MS = 60 * 60_000;

/** The incremental refresh for one shop and one 15-minute slot. */
export function metricsRefreshJob(shop: string, now: Date): NewJob {
  const slot = spreadSlot(shop, now.getTime(), METRICS_REFRESH_EVERY_MS).index;
  return {
    shop,
    kind: METRICS_REFRESH_JOB,
    dedupeKey: `metrics_refresh:${shop}:${slot}`,
    payload: { slot },
    // Refreshes and nightly passes of a shop never interleave (both replace day rows).
    groupKey: `metrics:${shop}`,
    maxAttempts: 3,
    runAt: now,
  };
}

/** The nightly full pass of one shop for one UTC date, due within the hour after NIGHTLY_UTC_HOUR. */
export function metricsNightlyJob(shop: string, now: Date): NewJob {
  const date = now.toISOString().slice(0, 10);
  return {
    shop,
    kind: METRICS_NIGHTLY_JOB,
    dedupeKey: `metrics_nightly:${shop}:${date}`,
    payload: { date },
    groupKey: `metrics:${shop}`,
    maxAttempts: 3,
    runAt: new Date(Date.parse(`${date}T${String(NIGHTLY_UTC_HOUR).padStart(2, "0")}:00:00Z`) + spreadOffsetMs(shop, NIGHTLY_SPREAD_MS)),
  };
}
