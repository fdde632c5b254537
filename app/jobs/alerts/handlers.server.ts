/** The alert and weekly-digest job handlers and timers, registered in app/jobs/runtime.server.ts. */
import { alertEvaluateWork } from "~/services/alerts/evaluate.server";
import { weeklyDigestWork } from "~/services/alerts/digest.server";
import { alertNotifyWork } from "~/services/alerts/notify.server";
import type { CoordinationServices } from "~/services/coordination/services.server";
import type { JobServices } from "~/services/deps";
import { ALERT_EVALUATE_JOB, ALERT_NOTIFY_JOB, alertEvaluateJob, WEEKLY_DIGEST_JOB, weeklyDigestJob } from "~/services/queue/alerts";
import { isTerminalShopifyError } from "../terminal.server";
import type { JobHandler } from "../worker.server";

export function alertJobHandlers(services: CoordinationServices): JobHandler[] {
  return [
    { kind: ALERT_EVALUATE_JOB, ...alertEvaluateWork(services) },
    { kind: ALERT_NOTIFY_JOB, isTerminal: isTerminalShopifyError, ...alertNotifyWork(services) },
    { kind: WEEKLY_DIGEST_JOB, isTerminal: isTerminalShopifyError, ...weeklyDigestWork(services) },
  ];
}

/** The hourly alert evaluation and the week's digest for a shop (both deduplicated per slot). */
export async function scheduleAlertTimers(services: JobServices, shop: string): Promise<void> {
  const now = services.now();
  await services.queue.enqueue(alertEvaluateJob(shop, now));
  await services.queue.enqueue(weeklyDigestJob(shop, now));
}
