import { describe, expect, it } from "vitest";
import { DEFAULT_RETENTION } from "~/domain/retention";
import { parseEnv } from "~/env.server";
import { retentionPolicyOf } from "./policy.server";

const REQUIRED = { SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: "s", SHOPIFY_APP_URL: "https://app.example.com" };

describe("retention policy from the environment", () => {
  it("defaults to DEFAULT_RETENTION", () => {
    expect(retentionPolicyOf(parseEnv(REQUIRED))).toEqual(DEFAULT_RETENTION);
  });

  it("reads each variable", () => {
    const policy = retentionPolicyOf(parseEnv({ ...REQUIRED, DROPLINE_RETENTION_FINISHED_JOB_DAYS: "7", DROPLINE_RETENTION_AUDIT_DAYS: "30" }));
    expect(policy).toMatchObject({ finishedJobDays: 7, auditDays: 30 });
  });

  it("names the variable whose window would break deduplication", () => {
    expect(() => retentionPolicyOf(parseEnv({ ...REQUIRED, DROPLINE_RETENTION_WEBHOOK_EVENT_DAYS: "1" }))).toThrow(
      /DROPLINE_RETENTION_WEBHOOK_EVENT_DAYS: webhook event rows must be kept at least 3 days/,
    );
  });
});
