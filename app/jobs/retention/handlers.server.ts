/** Retention: the daily pass deletes and erases what its windows say, per shop, in small batches. */
import { retentionCutoffs, type RetentionPolicy } from "~/domain/retention";
import { purgeShop } from "~/models/retention.server";
import type { JobServices } from "~/services/deps";
import { LEGACY_PAYLOAD_RETENTION_JOB, RETENTION_JOB, retentionJob } from "~/services/queue/retention";
import type { JobHandler } from "../worker.server";

export function retentionJobHandlers(services: JobServices, policy: RetentionPolicy): JobHandler[] {
  const perform: JobHandler["perform"] = async (job) => {
    const report = await purgeShop(services.db, job.shop, retentionCutoffs(services.now(), policy));
    const removed = Object.entries(report).filter(([, n]) => n > 0);
    if (removed.length > 0) console.info(`[retention] ${job.shop}: ${removed.map(([k, n]) => `${k}=${n}`).join(" ")}`);
  };
  return [
    { kind: RETENTION_JOB, perform },
    { kind: LEGACY_PAYLOAD_RETENTION_JOB, perform },
  ];
}

export async function scheduleRetentionTimers(services: JobServices, shop: string): Promise<void> {
  await services.queue.enqueue(retentionJob(shop, services.now()));
}
