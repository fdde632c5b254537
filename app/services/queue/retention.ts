/** The daily retention pass per shop (raw webhook payloads kept only N days). */
import type { NewJob } from "./job-queue";

export const PAYLOAD_RETENTION_JOB = "payload_retention";

/** Once per shop per UTC date. */
export function payloadRetentionJob(shop: string, now: Date): NewJob {
  const date = now.toISOString().slice(0, 10);
  return { shop, kind: PAYLOAD_RETENTION_JOB, dedupeKey: `payload_retention:${shop}:${date}`, payload: { date }, maxAttempts: 3, runAt: now };
}
