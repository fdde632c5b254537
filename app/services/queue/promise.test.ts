import { describe, expect, it } from "vitest";
import { spreadSlot } from "~/domain/timers/spread";
import { PROMISE_DEBOUNCE_MS, PROMISE_REPUBLISH_EVERY_MS, promisePublishJob, promiseRepublishNowJob, promiseTimerJob } from "./promise";

const SHOP = "shop.myshopify.com";
const at = (iso: string) => new Date(iso);

describe("promise publish jobs", () => {
  it("folds a burst of changes in one slot into one job that runs after all of them", () => {
    const a = promisePublishJob(SHOP, "supplier updated", at("2026-11-24T12:00:01Z"));
    const b = promisePublishJob(SHOP, "offer saved", at("2026-11-24T12:00:29.999Z"));
    expect(b.dedupeKey).toBe(a.dedupeKey);
    expect(a.runAt!.getTime()).toBe(at("2026-11-24T12:00:30Z").getTime());
    expect(a.groupKey).toBe(`promise:${SHOP}`);
  });

  it("always runs strictly after the change, even one on a slot boundary", () => {
    const change = at("2026-11-24T12:00:30Z");
    const job = promisePublishJob(SHOP, "x", change);
    expect(job.runAt!.getTime()).toBe(change.getTime() + PROMISE_DEBOUNCE_MS);
    expect(job.dedupeKey).not.toBe(promisePublishJob(SHOP, "x", at("2026-11-24T12:00:29Z")).dedupeKey);
  });

  it("keeps shops apart, and the timer and the manual republish apart from changes", () => {
    const now = at("2026-11-24T12:00:01Z");
    const keys = [
      promisePublishJob(SHOP, "x", now),
      promisePublishJob("other.myshopify.com", "x", now),
      promiseTimerJob(SHOP, now),
      promiseRepublishNowJob(SHOP, now),
    ].map((j) => j.dedupeKey);
    expect(new Set(keys).size).toBe(4);
    // One periodic republish per shop and hour-long slot, the shop's slots starting at its own offset.
    const slotStart = new Date(spreadSlot(SHOP, now.getTime(), PROMISE_REPUBLISH_EVERY_MS).startMs);
    const slotEnd = new Date(slotStart.getTime() + PROMISE_REPUBLISH_EVERY_MS);
    expect(promiseTimerJob(SHOP, slotStart).dedupeKey).toBe(promiseTimerJob(SHOP, new Date(slotEnd.getTime() - 1)).dedupeKey);
    expect(promiseTimerJob(SHOP, slotEnd).dedupeKey).not.toBe(promiseTimerJob(SHOP, slotStart).dedupeKey);
    expect(promiseRepublishNowJob(SHOP, now)).toMatchObject({ runAt: now, payload: { force: true }, groupKey: `promise:${SHOP}` });
  });
});
