import { describe, expect, it } from "vitest";
import { assessFeedRun, diffFeedRun } from "./assess";
import { parseFeed } from "./parse";

/** SKU-0 … SKU-(n-1), each with `quantity(i)` units. */
const stock = (n: number, quantity: (i: number) => number): Map<string, number> =>
  new Map(Array.from({ length: n }, (_, i) => [`SKU-${i}`, quantity(i)] as const));
const rowsOf = (map: Map<string, number>) => [...map].map(([sku, quantity], i) => ({ line: i + 2, sku, quantity }));

describe("assessFeedRun", () => {
  const previous = stock(20, () => 10);

  it("applies an ordinary run and returns the diff", () => {
    const next = new Map(previous);
    next.set("SKU-0", 4);
    next.set("SKU-1", 0);
    next.delete("SKU-2");
    next.set("NEW-1", 3);
    const result = assessFeedRun(previous, rowsOf(next));
    expect(result.verdict).toBe("apply");
    expect(result.reasons).toEqual([]);
    expect(result.diff).toEqual({
      changed: [
        { sku: "SKU-0", from: 10, to: 4 },
        { sku: "SKU-1", from: 10, to: 0 },
      ],
      added: [{ sku: "NEW-1", to: 3 }],
      unchanged: 17,
      missing: ["SKU-2"],
    });
  });

  it("quarantines a feed that suddenly reports zero for most SKUs that had stock", async () => {
    // A real export glitch: the quantity column comes through as 0 for 16 of 20 SKUs.
    const lines = ["sku,qty", ...[...previous.keys()].map((sku, i) => `${sku},${i < 16 ? 0 : 10}`)];
    const parsed = await parseFeed(lines.join("\n"), { mapping: { sku: "sku", quantity: "qty" } });
    const result = assessFeedRun(previous, parsed);
    expect(result.verdict).toBe("quarantine");
    expect(result.reasons).toEqual([
      "16 of 20 SKUs that had stock (80%) now report 0, at or above the 50% limit. " + "A sudden sell-out this wide usually means a broken export.",
    ]);
    expect(result.diff.changed).toHaveLength(16);
  });

  it("applies the same drop when it stays under the limit", () => {
    const next = stock(20, (i) => (i < 9 ? 0 : 10));
    expect(assessFeedRun(previous, rowsOf(next)).verdict).toBe("apply");
  });

  it("does not count SKUs that were already at zero as newly zeroed", () => {
    const before = stock(20, (i) => (i < 15 ? 0 : 10));
    const next = stock(20, (i) => (i < 16 ? 0 : 10));
    // Only 1 of the 5 SKUs that had stock went to 0.
    expect(assessFeedRun(before, rowsOf(next)).verdict).toBe("apply");
  });

  it("quarantines a run that loses most SKUs", () => {
    const next = stock(5, () => 10);
    const result = assessFeedRun(previous, rowsOf(next));
    expect(result.verdict).toBe("quarantine");
    expect(result.reasons).toEqual(["15 of 20 SKUs from the last good run (75%) are missing, at or above the 50% limit."]);
    expect(result.diff.missing).toHaveLength(15);
  });

  it("quarantines a run with too many rejected rows", () => {
    const result = assessFeedRun(previous, { rows: rowsOf(previous), stats: { read: 25, rejected: 6 } });
    expect(result.verdict).toBe("quarantine");
    expect(result.reasons).toEqual(["6 of 25 rows (24%) were rejected, above the 20% limit. See the rejected rows for the reasons."]);
    expect(assessFeedRun(previous, { rows: rowsOf(previous), stats: { read: 25, rejected: 5 } }).verdict).toBe("apply");
  });

  it("quarantines a feed that could not be parsed at all", async () => {
    const parsed = await parseFeed("<html><body>Maintenance</body></html>", { mapping: { sku: "a", quantity: "b" } });
    const result = assessFeedRun(previous, parsed);
    expect(result.verdict).toBe("quarantine");
    expect(result.reasons[0]).toMatch(/^The feed could not be used: The feed address returned a web page/);
  });

  it("leaves tiny catalogs to the merchant instead of tripping share rules", () => {
    const before = stock(3, () => 5);
    expect(assessFeedRun(before, rowsOf(stock(3, () => 0))).verdict).toBe("apply");
    expect(assessFeedRun(before, rowsOf(stock(3, () => 0)), { minSkus: 3 }).verdict).toBe("quarantine");
  });

  it("applies a first run, when there is nothing to compare with", () => {
    expect(assessFeedRun(new Map(), rowsOf(stock(10, () => 0))).verdict).toBe("apply");
  });
});

describe("diffFeedRun", () => {
  it("counts a SKU once even if rows repeat it", () => {
    const diff = diffFeedRun(new Map([["A", 1]]), [
      { sku: "A", quantity: 1 },
      { sku: "A", quantity: 1 },
    ]);
    expect(diff).toEqual({ changed: [], added: [], unchanged: 1, missing: [] });
  });
});
