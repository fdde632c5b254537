/** Retention: raw webhook payloads are kept `retentionDays`, then erased (the rows stay). */
import { forgetOldPayloads } from "~/models/inbox.server";
import type { JobServices } from "~/services/deps";
import { PAYLOAD_RETENTION_JOB, payloadRetentionJob } from "~/services/queue/retention";
import type { JobHandler } from "../worker.server";

const DAY_MS = 86_400_000;

export function payloadRetentionJobHandler(services: JobServices, retentionDays: number): JobHandler {
  return {
    kind: PAYLOAD_RETENTION_JOB,
    async perform(job) {
      await forgetOldPayloads(services.db, job.shop, new Date(services.now().getTime() - retentionDays * DAY_MS));
    },
  };
}

export async function scheduleRetentionTimers(services: JobServices, shop: string): Promise<void> {
  await services.queue.enqueue(payloadRetentionJob(shop, services.now()));
}
