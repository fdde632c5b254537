/**
 * The alert and weekly-digest job kinds and how each is enqueued (dedupe keys make every enqueue
 * idempotent): the evaluation per shop per hour, one notice per alert, one digest per shop per ISO week.
 */
import { spreadSlot } from "~/domain/timers/spread";
import { addDays, isoWeekday } from "~/domain/promise";
import { isoWeekOf, shiftWeek } from "~/domain/review";
import type { NewJob } from "./job-queue";

export const ALERT_EVALUATE_JOB = "alert_evaluate";
export const ALERT_NOTIFY_JOB = "alert_notify";
export const WEEKLY_DIGEST_JOB = "weekly_digest";

/**
 * The metrics are daily (through yesterday, in the shop's zone); evaluating every hour picks up a
 * rollup whenever it lands, and re-evaluating the same days gives the same decision.
 */
export const ALERT_EVALUATE_EVERY_MS = 60 * 60_000;

/** The evaluation of one shop's alerts for the current hour. */
export function alertEvaluateJob(shop: string, now: Date, reason = "timer"): NewJob {
  const slot = spreadSlot(shop, now.getTime(), ALERT_EVALUATE_EVERY_MS).index;
  return {
    shop,
    kind: ALERT_EVALUATE_JOB,
    dedupeKey: `alert_evaluate:${shop}:${reason}:${slot}`,
    payload: { slot },
    groupKey: `alerts:${shop}`,
    maxAttempts: 3,
    runAt: now,
  };
}

/** The email and Flow trigger of one alert (each exactly once, see performOnce). */
export function alertNotifyJob(shop: string, alertId: string, now: Date): NewJob {
  return { shop, kind: ALERT_NOTIFY_JOB, dedupeKey: `alert_notify:${shop}:${alertId}`, payload: { alertId }, maxAttempts: 8, runAt: now };
}

/** Monday 12:00 UTC: every time zone's Monday has begun, so the week before has ended everywhere. */
const DIGEST_HOUR_UTC = 12;

/** The week a digest sent at `now` summarises (the last complete ISO week) and when it is due. */
export function digestWeekAt(now: Date): { week: string; dueAt: Date } {
  const today = now.toISOString().slice(0, 10);
  const monday = addDays(today, 1 - isoWeekday(today));
  const dueAt = new Date(`${monday}T${String(DIGEST_HOUR_UTC).padStart(2, "0")}:00:00Z`);
  return { week: shiftWeek(isoWeekOf(today), -1), dueAt };
}

/** The weekly digest of one shop for the last complete ISO week, due Monday 12:00 UTC. */
export function weeklyDigestJob(shop: string, now: Date): NewJob {
  const { week, dueAt } = digestWeekAt(now);
  return { shop, kind: WEEKLY_DIGEST_JOB, dedupeKey: `weekly_digest:${shop}:${week}`, payload: { week }, maxAttempts: 8, runAt: dueAt };
}
