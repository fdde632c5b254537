/** The daily retention pass per shop (what each window keeps: app/domain/retention.ts). */
import { spreadDay } from "~/domain/timers/spread";
import type { NewJob } from "./job-queue";

export const RETENTION_JOB = "retention";
/** The kind the pass had when it only erased webhook payloads; a job queued under it still runs. */
export const LEGACY_PAYLOAD_RETENTION_JOB = "payload_retention";

/** Once per shop per UTC date, starting at the shop's own time of day (shops' passes are spread over the day). */
export function retentionJob(shop: string, now: Date): NewJob {
  const date = spreadDay(shop, now.getTime());
  return { shop, kind: RETENTION_JOB, dedupeKey: `retention:${shop}:${date}`, payload: { date }, maxAttempts: 3, runAt: now };
}
