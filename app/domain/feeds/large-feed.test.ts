import { describe, expect, it } from "vitest";
import { parseFeed } from "./parse";

const TARGET_BYTES = 50 * 1024 * 1024;
const CHUNK_CHARS = 64 * 1024;

interface Expected {
  bytes: number;
  rows: number;
  bad: number;
  duplicates: number;
}

/**
 * A ~50 MB semicolon feed produced lazily, 64 KB at a time: the whole text never exists in
 * memory, so the parser has to work on the stream. Every 997th row has an unreadable quantity,
 * every 5000th repeats an earlier SKU.
 */
async function* generatedFeed(expected: Expected): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let buffer = "\uFEFFItem No;Qty;Price;ETA;Description\r\n";
  for (let i = 1; expected.bytes < TARGET_BYTES; i++) {
    const id = String(i).padStart(8, "0");
    const duplicate = i % 5000 === 0;
    const bad = !duplicate && i % 997 === 0;
    // A duplicate repeats the previous SKU (or the one before, when the previous row is a bad one).
    const repeated = (i - 1) % 997 === 0 ? i - 2 : i - 1;
    const sku = duplicate ? `SKU-${String(repeated).padStart(8, "0")}` : `SKU-${id}`;
    const quantity = bad ? "n/a" : `${i % 3}.${String(i % 1000).padStart(3, "0")}`.replace(/^0\.0*/, "");
    buffer += `${sku};${quantity || "0"};"${i % 90},${i % 100}";2026-05-01;"Widget ${id}; blue, large"\r\n`;
    expected.rows += 1;
    if (bad) expected.bad += 1;
    if (duplicate) expected.duplicates += 1;
    if (buffer.length >= CHUNK_CHARS) {
      const bytes = encoder.encode(buffer);
      expected.bytes += bytes.length;
      buffer = "";
      yield bytes;
    }
  }
  yield encoder.encode(buffer);
}

describe("parseFeed — a 50 MB feed as a stream", () => {
  it("streams every row with the right counts in reasonable time", async () => {
    const expected: Expected = { bytes: 0, rows: 0, bad: 0, duplicates: 0 };
    const result = await parseFeed(generatedFeed(expected), {
      mapping: { sku: "item no", quantity: "qty", cost: "price", restockDate: "eta" },
    });

    expect(expected.bytes).toBeGreaterThanOrEqual(TARGET_BYTES);
    expect(result.ok).toBe(true);
    expect(result.delimiter).toBe(";");
    expect(result.stats).toEqual({
      read: expected.rows,
      accepted: expected.rows - expected.bad - expected.duplicates,
      rejected: expected.bad,
      superseded: expected.duplicates,
    });
    expect(result.duplicates).toHaveLength(expected.duplicates);
    expect(result.rows[0]).toEqual({ line: 2, sku: "SKU-00000001", quantity: 1001, costMinor: 110, restockDate: "2026-05-01" });
    expect(result.rejected[0]?.reason).toBe('quantity "n/a" is not a number for SKU SKU-00000997');
  }, 40_000);
});
