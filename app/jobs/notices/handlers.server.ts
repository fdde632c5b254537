/** The customer-notice job handlers and timer, registered in app/jobs/runtime.server.ts. */
import { delayCheckWork, delaySweepWork } from "~/services/notices/jobs.server";
import type { NoticeServices } from "~/services/notices/send.server";
import { DELAY_CHECK_JOB, DELAY_SWEEP_JOB, delaySweepJob } from "~/services/queue/notices";
import type { JobServices } from "~/services/deps";
import { isTerminalShopifyError } from "../terminal.server";
import type { JobHandler } from "../worker.server";

export function noticeJobHandlers(services: NoticeServices): JobHandler[] {
  return [
    { kind: DELAY_CHECK_JOB, isTerminal: isTerminalShopifyError, ...delayCheckWork(services) },
    { kind: DELAY_SWEEP_JOB, ...delaySweepWork(services) },
  ];
}

/** The hourly predictive sweep of a shop. */
export async function scheduleNoticeTimers(services: JobServices, shop: string): Promise<void> {
  await services.queue.enqueue(delaySweepJob(shop, services.now()));
}
