/** The retention windows the environment sets, checked together (app/domain/retention.ts). */
import { RetentionPolicySchema, type RetentionPolicy } from "~/domain/retention";
import type { Env } from "~/env.server";

/** Which variable sets each retention window. */
export const RETENTION_VARIABLES = {
  webhookPayloadDays: "DROPLINE_WEBHOOK_PAYLOAD_RETENTION_DAYS",
  webhookEventDays: "DROPLINE_RETENTION_WEBHOOK_EVENT_DAYS",
  finishedJobDays: "DROPLINE_RETENTION_FINISHED_JOB_DAYS",
  deadJobDays: "DROPLINE_RETENTION_DEAD_JOB_DAYS",
  jobKeyDays: "DROPLINE_RETENTION_JOB_KEY_DAYS",
  auditDays: "DROPLINE_RETENTION_AUDIT_DAYS",
  carrierEventDays: "DROPLINE_RETENTION_CARRIER_EVENT_DAYS",
  feedRunDays: "DROPLINE_RETENTION_FEED_RUN_DAYS",
} as const satisfies Record<keyof RetentionPolicy, keyof Env>;

/** The policy; throws an error naming each variable whose window breaks a rule. */
export function retentionPolicyOf(e: Env): RetentionPolicy {
  const policy = Object.fromEntries(Object.entries(RETENTION_VARIABLES).map(([k, v]) => [k, e[v]]));
  const parsed = RetentionPolicySchema.safeParse(policy);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${RETENTION_VARIABLES[i.path[0] as keyof RetentionPolicy]}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}. See .env.example.`);
  }
  return parsed.data;
}
