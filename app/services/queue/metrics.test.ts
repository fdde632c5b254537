import { describe, expect, it } from "vitest";
import { metricsNightlyJob, metricsRefreshJob } from "./metrics";

describe("metrics jobs", () => {
  it("enqueues one refresh per shop and 15-minute slot", () => {
    const a = metricsRefreshJob("s.myshopify.com", new Date("2026-12-01T10:01:00Z"));
    const b = metricsRefreshJob("s.myshopify.com", new Date("2026-12-01T10:14:59Z"));
    const c = metricsRefreshJob("s.myshopify.com", new Date("2026-12-01T10:15:00Z"));
    expect(a.dedupeKey).toBe(b.dedupeKey);
    expect(c.dedupeKey).not.toBe(a.dedupeKey);
    expect(a.groupKey).toBe("metrics:s.myshopify.com");
  });

  it("books the nightly pass once per date at 03:00 UTC, sharing the refresh's group", () => {
    const job = metricsNightlyJob("s.myshopify.com", new Date("2026-12-01T10:01:00Z"));
    expect(job).toMatchObject({
      dedupeKey: "metrics_nightly:s.myshopify.com:2026-12-01",
      runAt: new Date("2026-12-01T03:00:00Z"),
      groupKey: "metrics:s.myshopify.com",
    });
  });
});
