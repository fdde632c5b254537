import { describe, expect, it } from "vitest";
import { availableAt, observe, spend, type SharedBucket } from "./bucket";

const bucket: SharedBucket = { maximumAvailable: 100, currentlyAvailable: 20, restoreRate: 100, observedAtMs: 1_000 };

describe("shared Admin API bucket", () => {
  it("restores points at the restore rate, up to the maximum", () => {
    expect(availableAt(bucket, 1_500)).toBe(70);
    expect(availableAt(bucket, 10_000)).toBe(100);
  });

  it("takes the points when they are there and remembers they are gone", () => {
    const decision = spend(bucket, 50, 1_500);
    expect(decision).toEqual({ kind: "take", next: { ...bucket, currentlyAvailable: 20, observedAtMs: 1_500 } });
    // A second caller right after must wait for what the first one took.
    if (decision.kind !== "take") throw new Error("expected take");
    expect(spend(decision.next, 50, 1_500)).toEqual({ kind: "wait", waitMs: 300 });
  });

  it("waits for a full bucket when one call costs more than the bucket holds", () => {
    expect(spend({ ...bucket, currentlyAvailable: 0 }, 500, 1_000)).toEqual({ kind: "wait", waitMs: 1_000 });
  });

  it("keeps Shopify's newer report and ignores an older one", () => {
    const reported = { maximumAvailable: 100, currentlyAvailable: 90, restoreRate: 100 };
    expect(observe(bucket, reported, 2_000)).toEqual({ ...reported, observedAtMs: 2_000 });
    expect(observe(bucket, reported, 500)).toBeNull();
    expect(observe(null, reported, 500)).toEqual({ ...reported, observedAtMs: 500 });
  });
});
