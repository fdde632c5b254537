/**
 * The shell around the pure escalation ladder: loads a purchase order's ladder, steps it, and
 * turns what comes out into durable jobs — timers as jobs due at the timer, actions as jobs keyed
 * by the ladder's idempotency key. Jobs are enqueued before the new state is saved, so a crash in
 * between re-runs the same step, whose jobs are already there (deduplicated), never loses one.
 */
import { z } from "zod";
import { initialLadder, isTerminal, SERVICE_TIERS, step, type LadderEvent, type LadderState, type ServiceTier, type StepResult } from "~/domain/escalation";
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
  readonly now: () => Date;
  readonly escalation: CoordinationServices["escalation"];
}

function tierOf(value: string): ServiceTier {
  return (SERVICE_TIERS as readonly string[]).includes(value) ? (value as ServiceTier) : "48_hour";
}

/** The ladder for a purchase order that has just gone out, measured in the supplier's business hours. */
export async function startLadder(s: LadderDeps, po: PurchaseOrderRecord): Promise<StepResult> {
  const supplier = await getSupplier(s.db, po.shop, po.supplierId);
  const hours = await supplierCoordination(s.db, po.shop, po.supplierId);
  const calendar = {
    timeZone: supplier?.timeZone ?? "UTC",
    cutoff: supplier?.cutoff ?? "17:00",
    holidays: supplier?.holidays ?? [],
    openTime: hours.openTime,
    closeTime: hours.closeTime,
  };
  return initialLadder({ id: po.id, serviceTier: tierOf(po.serviceTier), supplierHours: calendar }, s.now().getTime(), s.escalation);
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
  for (let attempt = 0; attempt < 5; attempt++) {
    const po = await getPurchaseOrder(s.db, shop, poId);
    if (!po?.ladder) return null;
    const result = step(po.ladder, event, s.now().getTime(), s.escalation);
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

const TimerPayload = z.object({ poId: z.string(), kind: z.enum(["remind", "staff_task", "reroute"]), dueAtMs: z.number(), attempt: z.number().int() });

/** A ladder timer came due. A held purchase order waits: the timer is set again when released. */
export function ladderTimerWork(s: CoordinationServices): JobWork {
  return {
    async perform(job) {
      const timer = TimerPayload.parse(job.payload);
      const po = await getPurchaseOrder(s.db, job.shop, timer.poId);
      // Held by staff, or no longer waiting on the supplier (answered, re-routed, cancelled): nothing to escalate.
      if (!po || po.held || (po.status !== "sent" && po.status !== "accepted")) return;
      await feedLadder(s, job.shop, po.id, { type: "timer_fired", kind: timer.kind, dueAtMs: timer.dueAtMs, attempt: timer.attempt });
    },
  };
}
