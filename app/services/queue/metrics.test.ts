import { describe, expect, it } from "vitest";
import { spreadOffsetMs, spreadSlot } from "~/domain/timers/spread";
import { metricsNightlyJob, metricsRefreshJob } from "./metrics";

const SHOP = "s.myshopify.com";
const QUARTER = 15 * 60_000;

describe("metrics jobs", () => {
  it("enqueues one refresh per shop and 15-minute slot, the shop's slots starting at its own offset", () => {
    const start = spreadSlot(SHOP, Date.parse("2026-12-01T10:01:00Z"), QUARTER).startMs;
    const a = metricsRefreshJob(SHOP, new Date(start));
    const b = metricsRefreshJob(SHOP, new Date(start + QUARTER - 1));
    const c = metricsRefreshJob(SHOP, new Date(start + QUARTER));
    expect(a.dedupeKey).toBe(b.dedupeKey);
    expect(c.dedupeKey).not.toBe(a.dedupeKey);
    expect(a.groupKey).toBe("metrics:s.myshopify.com");
  });

  it("books the nightly pass once per date, at the shop's own minute of the 03:00 UTC hour, sharing the refresh's group", () => {
    const job = metricsNightlyJob(SHOP, new Date("2026-12-01T10:01:00Z"));
    expect(job).toMatchObject({
      dedupeKey: "metrics_nightly:s.myshopify.com:2026-12-01",
      runAt: new Date(Date.parse("2026-12-01T03:00:00Z") + spreadOffsetMs(SHOP, 60 * 60_000)),
      groupKey: "metrics:s.myshopify.com",
    });
    expect(job.runAt!.getTime()).toBeLessThan(Date.parse("2026-12-01T04:00:00Z"));
    expect(metricsNightlyJob(SHOP, new Date("2026-12-01T23:59:00Z")).dedupeKey).toBe(job.dedupeKey);
  });
});
