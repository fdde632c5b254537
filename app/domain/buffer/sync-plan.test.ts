import { describe, expect, it } from "vitest";
import { afterConcurrentSale, batches, needsPublish, needsRead, type PublishCandidate } from "./sync-plan";

const LOC = "gid://shopify/Location/1";
const published = (target: number, publishedQty = target): PublishCandidate["previous"] => ({
  target,
  published: publishedQty,
  inventoryItemId: "gid://shopify/InventoryItem/1",
  locationId: LOC,
});
const candidate = (target: number, previous: PublishCandidate["previous"]): PublishCandidate => ({ key: "k", variantId: "v", target, previous });

describe("needsPublish", () => {
  it("publishes an offer never published, and reads its level first", () => {
    expect(needsPublish(candidate(5, null), LOC)).toBe(true);
    expect(needsRead(candidate(5, null), LOC)).toBe(true);
  });

  it("skips an unchanged target even when Shopify shows less, so sales since the last publish stay sold", () => {
    expect(needsPublish(candidate(5, published(5, 3)), LOC)).toBe(false);
  });

  it("publishes a moved target without re-reading, trusting the last published value as the compare", () => {
    expect(needsPublish(candidate(6, published(5)), LOC)).toBe(true);
    expect(needsRead(candidate(6, published(5)), LOC)).toBe(false);
  });

  it("re-reads when the supplier's location changed", () => {
    const moved = { ...published(5)!, locationId: "gid://shopify/Location/2" };
    expect(needsPublish(candidate(5, moved), LOC)).toBe(true);
    expect(needsRead(candidate(5, moved), LOC)).toBe(true);
  });
});

describe("afterConcurrentSale", () => {
  it("keeps units sold since the compare value off the new target", () => {
    expect(afterConcurrentSale(20, 10, 8)).toBe(18);
  });

  it("never goes below zero", () => {
    expect(afterConcurrentSale(1, 10, 2)).toBe(0);
  });

  it("does not add units that appeared in Shopify (the feed is the truth for stock)", () => {
    expect(afterConcurrentSale(20, 10, 14)).toBe(20);
  });
});

describe("batches", () => {
  it("splits at the limit", () => {
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});
