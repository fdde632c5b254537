/**
 * The shell around the pure escalation ladder: loads a purchase order's ladder, steps it, and
 * turns what comes out into durable jobs — timers as jobs due at the timer, actions as jobs keyed
 * by the ladder's idempotency key. Jobs are enqueued before the new state is saved, so a crash in
 * between re-runs the same step, whose jobs are already there (deduplicated), never loses one.
 */
import type { Clock } from "~/domain/clock";
import { z } from "zod";
import {
  escalationConfigWith,
  initialLadder,
  isTerminal,
  SERVICE_TIERS,
  step,
  type EscalationConfig,
  type LadderEvent,
  type LadderState,
  type ServiceTier,
  type StepResult,
} from "~/domain/escalation";
import { loadEscalationTimings } from "~/models/operations-settings.server";
import { getPurchaseOrder, saveLadder, supplierCoordination, type PurchaseOrderRecord } from "~/models/purchase-orders.server";
import { getSupplier } from "~/models/suppliers.server";
import type { JobQueue } from "~/services/queue/job-queue";
import type { JobWork } from "~/services/queue/job-queue";
import { ladderActionJob, ladderTimerJob } from "~/services/queue/coordination";
import type { CoordinationServices } from "./services.server";

/** What driving a ladder needs (webhook topic handlers have only these). */
export interface LadderDeps {
  readonly db: CoordinationServices["db"];
  readonly queue: Pick<JobQueue, "enqueue">;
  readonly now: Clock;
  readonly escalation: CoordinationServices["escalation"];
}

function tierOf(value: string): ServiceTier {
  return (SERVICE_TIERS as readonly string[]).includes(value) ? (value as ServiceTier) : "48_hour";
}

/** The shop's ladder config: the timings it saved on the settings page, over the app's defaults. */
export async function escalationFor(s: LadderDeps, shop: string): Promise<EscalationConfig> {
  return escalationConfigWith(s.escalation, await loadEscalationTimings(s.db, shop));
}

/** The ladder for a purchase order that has just gone out, measured in the supplier's business hours. */
export async function startLadder(s: LadderDeps, po: PurchaseOrderRecord): Promise<StepResult> {
  const supplier = await getSupplier(s.db, po.shop, po.supplierId);
  const hours = await supplierCoordination(s.db, po.shop, po.supplierId);
  const calendar = {
    timeZone: supplier?.timeZone ?? "UTC",
    cutoff: supplier?.cutoff ?? "17:00",
    holidays: supplier?.holidays ?? [],
    // The ladder's clock runs on the supplier's own working days (Monday–Saturday counts Saturday).
    workdays: supplier?.workingDays ?? [1, 2, 3, 4, 5],
    openTime: hours.openTime,
    closeTime: hours.closeTime,
  };
  return initialLadder({ id: po.id, serviceTier: tierOf(po.serviceTier), supplierHours: calendar }, s.now().getTime(), await escalationFor(s, po.shop));
}

/** Enqueues what a step asks for: its timers and its actions (both idempotent by key). */
export async function scheduleStep(s: LadderDeps, shop: string, result: StepResult): Promise<void> {
  for (const timer of result.timers) await s.queue.enqueue(ladderTimerJob(shop, result.state.poId, timer));
  for (const action of result.actions) await s.queue.enqueue(ladderActionJob(shop, action));
}

/**
 * Feeds one event to a purchase order's ladder and carries out the result. Retries when another
 * actor saved the ladder meanwhile (a timer and a supplier's answer at the same moment).
 */
export async function feedLadder(s: LadderDeps, shop: string, poId: string, event: LadderEvent): Promise<StepResult | null> {
  const config = await escalationFor(s, shop);
  for (let attempt = 0; attempt < 5; attempt++) {
    const po = await getPurchaseOrder(s.db, shop, poId);
    if (!po?.ladder) return null;
    const result = step(po.ladder, event, s.now().getTime(), config);
    if (result.ignored && result.timers.length === 0) return result;
    await scheduleStep(s, shop, result);
    if (await saveLadder(s.db, shop, poId, po.ladder, result.state)) return result;
  }
  throw new Error(`The escalation ladder of purchase order ${poId} kept changing under us; will retry.`);
}

/** Puts back the job for the ladder's pending timer (after a hold, or when a sweep finds it missing). */
export async function rescheduleTimer(s: LadderDeps, shop: string, ladder: LadderState): Promise<void> {
  if (!ladder.nextTimer || isTerminal(ladder.status)) return;
  await s.queue.enqueue(ladderTimerJob(shop, ladder.poId, ladder.nextTimer));
}

/**
 * Puts the ladder's pending timer back even if its job already ran while the purchase order was
 * held (the timer job skips a held purchase order): a job of its own, due now if the timer fell
 * due meanwhile. `key` names the release, so a retried release books it once.
 */
export async function rearmTimer(s: LadderDeps, shop: string, ladder: LadderState, key: string): Promise<void> {
  if (!ladder.nextTimer || isTerminal(ladder.status)) return;
  const job = ladderTimerJob(shop, ladder.poId, ladder.nextTimer);
  const runAt = new Date(Math.max(ladder.nextTimer.dueAtMs, s.now().getTime()));
  await s.queue.enqueue({ ...job, dedupeKey: `${job.dedupeKey}:rearm:${key}`, runAt });
}

/**
 * After a hold in Shopify is released. A ladder still waiting for the supplier's first answer
 * starts again from now: the supplier could not act on a held order, so the time held does not
 * count against it (reminders already sent keep their idempotency keys and are not sent twice).
 * A ladder further on (a stockout) gets its pending timer back.
 */
export async function resumeLadderAfterHold(s: LadderDeps, po: PurchaseOrderRecord, key: string): Promise<void> {
  const ladder = po.ladder;
  if (!ladder || isTerminal(ladder.status) || !ladder.nextTimer) return;
  if (ladder.phase !== "acknowledgement") return rearmTimer(s, po.shop, ladder, key);
  const fresh = await startLadder(s, po);
  // Timers first, then the state (as feedLadder does): a crash in between leaves only stale timers.
  await scheduleStep(s, po.shop, fresh);
  await saveLadder(s.db, po.shop, po.id, ladder, fresh.state);
}

const TimerPayload = z.object({ poId: z.string(), kind: z.enum(["remind", "staff_task", "reroute"]), dueAtMs: z.number(), attempt: z.number().int() });

/** A ladder timer came due. A held purchase order waits: the timer is set again when released (rearmTimer). */
export function ladderTimerWork(s: CoordinationServices): JobWork {
  return {
    async perform(job) {
      const timer = TimerPayload.parse(job.payload);
      const po = await getPurchaseOrder(s.db, job.shop, timer.poId);
      // Held by staff or in Shopify, or no longer waiting on the supplier (answered, re-routed, cancelled): nothing to escalate.
      if (!po || po.held || po.shopifyHold !== null || (po.status !== "sent" && po.status !== "accepted")) return;
      await feedLadder(s, job.shop, po.id, { type: "timer_fired", kind: timer.kind, dueAtMs: timer.dueAtMs, attempt: timer.attempt });
    },
  };
}
