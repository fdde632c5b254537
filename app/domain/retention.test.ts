import { describe, expect, it } from "vitest";
import { DEFAULT_RETENTION, RetentionPolicySchema, retentionCutoffs, SHOPIFY_RETRY_DAYS } from "./retention";

describe("retention policy", () => {
  it("accepts the defaults", () => {
    expect(RetentionPolicySchema.safeParse(DEFAULT_RETENTION).success).toBe(true);
  });

  it.each([
    [{ webhookEventDays: SHOPIFY_RETRY_DAYS - 1, webhookPayloadDays: 1 }, "webhookEventDays", "Shopify's retries"],
    [{ webhookEventDays: 20, webhookPayloadDays: 30 }, "webhookEventDays", "at least as long as their payloads"],
    [{ jobKeyDays: 30 }, "jobKeyDays", "longer than finished jobs, dead jobs and webhook events"],
    [{ finishedJobDays: 0 }, "finishedJobDays", ""],
  ])("refuses %o", (change, path, message) => {
    const parsed = RetentionPolicySchema.safeParse({ ...DEFAULT_RETENTION, ...change });
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues.find((i) => i.path[0] === path);
    expect(issue?.message).toContain(message);
  });

  it("computes each cut-off from now", () => {
    const now = new Date("2026-06-01T00:00:00Z");
    const c = retentionCutoffs(now, DEFAULT_RETENTION);
    expect(c.webhookPayload.toISOString()).toBe("2026-05-02T00:00:00.000Z");
    expect(c.finishedJob.toISOString()).toBe("2026-05-18T00:00:00.000Z");
    expect(c.jobKey.toISOString()).toBe("2025-06-01T00:00:00.000Z");
  });
});
