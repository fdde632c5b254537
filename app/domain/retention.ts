/**
 * How long each kind of record is kept (issue 19 item 4, issue 16 finding 5). Pure: the windows,
 * the rules that keep them from breaking idempotency, and the cut-off instants for a given now.
 *
 * What makes a purge safe is that every key a duplicate is recognised by outlives every way the
 * duplicate can arrive:
 * - a webhook event's row (shop + event id) outlives Shopify's retries, so its payload may go
 *   earlier but the row must stay at least `SHOPIFY_RETRY_DAYS`;
 * - a finished job's row may go, but its dedupe key is kept (as a retired key) for `jobKeyDays`,
 *   far longer than any sweep, timer or ladder step could ask for the same work again;
 * - idempotency records themselves (applied effects, mutation intents, case actions, notices)
 *   are never purged here.
 */
import { z } from "zod";

const DAY_MS = 86_400_000;

/**
 * Shopify retries a failed webhook delivery for at most 48 hours (its older documentation: 19
 * attempts over 48 hours; the current one: 8 attempts over 4 hours). Rows that recognise a
 * re-delivery must outlive that, with a day to spare.
 */
export const SHOPIFY_RETRY_DAYS = 3;

export interface RetentionPolicy {
  /** Raw webhook payloads (customer data) are erased after this many days; the rows stay. */
  readonly webhookPayloadDays: number;
  /** Webhook event rows (the dedupe key shop + event id) are deleted after this many days. */
  readonly webhookEventDays: number;
  /** Succeeded and cancelled jobs are deleted after this many days (their dedupe key is retired, not forgotten). */
  readonly finishedJobDays: number;
  /** Dead-lettered jobs stay visible in the inbox this long, then go the same way. */
  readonly deadJobDays: number;
  /** A retired job's dedupe key still refuses the same job this long after the job was created. */
  readonly jobKeyDays: number;
  /** Portal and supplier-API audit rows, and the request ids of tokens that can no longer be used. */
  readonly auditDays: number;
  /** Carrier events already applied or recorded (the shipment keeps its state and stage dates). */
  readonly carrierEventDays: number;
  /** Stock-feed runs (the latest run of each feed and any run awaiting review are always kept). */
  readonly feedRunDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  webhookPayloadDays: 30,
  webhookEventDays: 90,
  finishedJobDays: 14,
  deadJobDays: 90,
  jobKeyDays: 365,
  auditDays: 365,
  carrierEventDays: 180,
  feedRunDays: 30,
};

const days = z.number().int().min(1).max(3650);

/** The windows and the rules between them, each with a message naming what is wrong. */
export const RetentionPolicySchema = z
  .object({
    webhookPayloadDays: days,
    webhookEventDays: days.min(SHOPIFY_RETRY_DAYS, `webhook event rows must be kept at least ${SHOPIFY_RETRY_DAYS} days (Shopify's retries)`),
    finishedJobDays: days,
    deadJobDays: days,
    jobKeyDays: days,
    auditDays: days,
    carrierEventDays: days,
    feedRunDays: days,
  })
  .refine((p) => p.webhookEventDays >= p.webhookPayloadDays, {
    message: "webhook event rows must be kept at least as long as their payloads",
    path: ["webhookEventDays"],
  })
  .refine((p) => p.jobKeyDays >= Math.max(p.finishedJobDays, p.deadJobDays, p.webhookEventDays), {
    message: "retired job keys must be kept longer than finished jobs, dead jobs and webhook events",
    path: ["jobKeyDays"],
  });

/** Cut-off instants: a record older than its cut-off goes. */
export interface RetentionCutoffs {
  readonly webhookPayload: Date;
  readonly webhookEvent: Date;
  readonly finishedJob: Date;
  readonly deadJob: Date;
  readonly jobKey: Date;
  readonly audit: Date;
  readonly carrierEvent: Date;
  readonly feedRun: Date;
}

export function retentionCutoffs(now: Date, policy: RetentionPolicy): RetentionCutoffs {
  const before = (d: number) => new Date(now.getTime() - d * DAY_MS);
  return {
    webhookPayload: before(policy.webhookPayloadDays),
    webhookEvent: before(policy.webhookEventDays),
    finishedJob: before(policy.finishedJobDays),
    deadJob: before(policy.deadJobDays),
    jobKey: before(policy.jobKeyDays),
    audit: before(policy.auditDays),
    carrierEvent: before(policy.carrierEventDays),
    feedRun: before(policy.feedRunDays),
  };
}

/** What one retention pass removed, per kind of record. */
export interface RetentionReport {
  readonly payloadsErased: number;
  readonly webhookEvents: number;
  readonly jobs: number;
  readonly retiredKeys: number;
  readonly audits: number;
  readonly portalRequests: number;
  readonly carrierEvents: number;
  readonly feedRuns: number;
  /** Of those runs, superseded quarantined feeds whose parsed rows were still held. */
  readonly pendingFeedsDropped: number;
}
