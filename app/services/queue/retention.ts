/** The daily retention pass per shop (what each window keeps: app/domain/retention.ts). */
import type { NewJob } from "./job-queue";

export const RETENTION_JOB = "retention";
/** The kind the pass had when it only erased webhook payloads; a job queued under it still runs. */
export const LEGACY_PAYLOAD_RETENTION_JOB = "payload_retention";

/** Once per shop per UTC date. */
export function retentionJob(shop: string, now: Date): NewJob {
  const date = now.toISOString().slice(0, 10);
  return { shop, kind: RETENTION_JOB, dedupeKey: `retention:${shop}:${date}`, payload: { date }, maxAttempts: 3, runAt: now };
}
