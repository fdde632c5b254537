import { describe, expect, it } from "vitest";
import { parseCsvFeed, parseFeed, parseJsonFeed } from "./parse";
import type { FeedOptions } from "./types";

const mapping = { sku: "Item No", quantity: "Qty", cost: "Price", restockDate: "ETA" };
const options: FeedOptions = { mapping };
const csv = (...lines: string[]) => lines.join("\n") + "\n";

describe("parseFeed — CSV", () => {
  it("reads a clean comma-separated feed into stock rows", async () => {
    const result = await parseFeed(csv("Item No,Qty,Price,ETA", "A-1,5,12.50,2026-05-01", "A-2,0,3,"), options);
    expect(result).toMatchObject({ ok: true, format: "csv", delimiter: ",", decimalStyle: "point" });
    expect(result.rows).toEqual([
      { line: 2, sku: "A-1", quantity: 5, costMinor: 1250, restockDate: "2026-05-01" },
      { line: 3, sku: "A-2", quantity: 0, costMinor: 300 },
    ]);
    expect(result.stats).toEqual({ read: 2, accepted: 2, rejected: 0, superseded: 0 });
  });

  it("strips a UTF-8 byte-order mark, whether the feed arrives as bytes or text", async () => {
    const text = "\uFEFFItem No,Qty\nA-1,5\n";
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("Item No,Qty\nA-1,5\n")]);
    for (const input of [text, bytes]) {
      const result = await parseFeed(input, options);
      expect(result.ok).toBe(true);
      expect(result.rows).toEqual([{ line: 2, sku: "A-1", quantity: 5 }]);
    }
  });

  it("sniffs a semicolon feed and reads its comma decimals and dot thousands", async () => {
    const result = await parseFeed(csv("Item No;Qty;Price", "A-1;1.234;12,50", "A-2;7;1.299,00"), options);
    expect(result).toMatchObject({ delimiter: ";", decimalStyle: "comma" });
    expect(result.rows.map((r) => [r.sku, r.quantity, r.costMinor])).toEqual([
      ["A-1", 1234, 1250],
      ["A-2", 7, 129900],
    ]);
  });

  it("sniffs a tab-separated feed with space-grouped thousands", async () => {
    const result = await parseFeed(csv("Item No\tQty", "A-1\t1 234", "A-2\t12"), options);
    expect(result.delimiter).toBe("\t");
    expect(result.rows.map((r) => r.quantity)).toEqual([1234, 12]);
  });

  it("uses the per-feed decimal style over the default", async () => {
    const feed = csv("Item No;Qty", "A-1;1,234");
    expect((await parseFeed(feed, options)).rejected[0]?.reason).toBe('quantity "1,234" is not a whole number for SKU A-1');
    expect((await parseFeed(feed, { ...options, decimalStyle: "point" })).rows[0]?.quantity).toBe(1234);
  });

  it("keeps delimiters that sit inside quoted fields", async () => {
    const result = await parseFeed(csv("Item No,Qty,Price", '"A,1",5,"1,299.00"', '"B ""big""",2,3'), options);
    expect(result.rows).toEqual([
      { line: 2, sku: "A,1", quantity: 5, costMinor: 129900 },
      { line: 3, sku: 'B "big"', quantity: 2, costMinor: 300 },
    ]);
  });

  it("matches headers regardless of case and stray spaces", async () => {
    const result = await parseFeed(csv("  ITEM   no ; qty ", "A-1;3"), options);
    expect(result.rows).toEqual([{ line: 2, sku: "A-1", quantity: 3 }]);
  });

  it("skips blank lines and lines of bare delimiters, keeping true line numbers", async () => {
    const result = await parseFeed("\r\nItem No;Qty\r\n\r\nA-1;3\r\n;;\r\n   \nA-2;4\n\n", options);
    expect(result.rows).toEqual([
      { line: 4, sku: "A-1", quantity: 3 },
      { line: 7, sku: "A-2", quantity: 4 },
    ]);
    expect(result.stats.read).toBe(2);
  });

  it("reports the starting line of a row whose quoted field spans lines", async () => {
    const result = await parseFeed(csv("Item No,Qty,Note", 'A-1,3,"two', 'lines"', "A-2,-1,x"), {
      mapping: { sku: "Item No", quantity: "Qty" },
    });
    expect(result.rows).toEqual([{ line: 2, sku: "A-1", quantity: 3 }]);
    expect(result.rejected).toEqual([{ line: 4, raw: "A-2,-1,x", reason: "quantity -1 is negative for SKU A-2" }]);
  });

  it("rejects rows with negative, non-numeric or missing quantities, each with its reason", async () => {
    const result = await parseFeed(csv("Item No,Qty,Price", "A-1,-3,1", "A-2,n/a,1", "A-3,,1", ",5,1", "A-5,2"), options);
    expect(result.ok).toBe(true);
    expect(result.rows).toEqual([{ line: 6, sku: "A-5", quantity: 2 }]);
    expect(result.rejected).toEqual([
      { line: 2, raw: "A-1,-3,1", reason: "quantity -3 is negative for SKU A-1" },
      { line: 3, raw: "A-2,n/a,1", reason: 'quantity "n/a" is not a number for SKU A-2' },
      { line: 4, raw: "A-3,,1", reason: "quantity is empty for SKU A-3" },
      { line: 5, raw: ",5,1", reason: 'SKU is empty (column "Item No")' },
    ]);
    expect(result.stats).toMatchObject({ read: 5, accepted: 1, rejected: 4 });
  });

  it("rejects a row too short to hold the SKU and quantity", async () => {
    const result = await parseFeed(csv("Price,Item No,Qty", "1,A-1"), options);
    expect(result.rejected).toEqual([{ line: 2, raw: "1,A-1", reason: "the row has 2 fields but the header has 3" }]);
  });

  it("rejects a row with an unreadable cost or restock date instead of guessing", async () => {
    const result = await parseFeed(csv("Item No,Qty,Price,ETA", "A-1,3,free,", "A-2,3,1,05/01/2026"), options);
    expect(result.rows).toEqual([]);
    expect(result.rejected.map((r) => r.reason)).toEqual([
      'cost "free" is not a price for SKU A-1',
      'restock date "05/01/2026" is not a date Dropline can read safely (use YYYY-MM-DD) for SKU A-2',
    ]);
  });

  it("keeps the last row of a duplicated SKU by default and reports every line", async () => {
    const result = await parseFeed(csv("Item No,Qty", "A-1,5", "B-1,1", "A-1,7"), options);
    expect(result.rows).toEqual([
      { line: 3, sku: "B-1", quantity: 1 },
      { line: 4, sku: "A-1", quantity: 7 },
    ]);
    expect(result.duplicates).toEqual([{ sku: "A-1", lines: [2, 4] }]);
    expect(result.stats).toMatchObject({ read: 3, accepted: 2, rejected: 0, superseded: 1 });
  });

  it("rejects every row of a duplicated SKU under the reject policy", async () => {
    const result = await parseFeed(csv("Item No,Qty", "A-1,5", "B-1,1", "A-1,7"), { ...options, duplicates: "reject" });
    expect(result.rows).toEqual([{ line: 3, sku: "B-1", quantity: 1 }]);
    expect(result.rejected).toEqual([
      { line: 2, raw: "A-1,5", reason: "SKU A-1 appears more than once (lines 2, 4); all its rows are rejected" },
      { line: 4, raw: "A-1,7", reason: "SKU A-1 appears more than once (lines 2, 4); all its rows are rejected" },
    ]);
    expect(result.duplicates).toEqual([{ sku: "A-1", lines: [2, 4] }]);
  });

  it("rejects the whole feed when a required column is missing, naming what it found", async () => {
    const result = await parseFeed(csv("SKU,Stock", "A-1,5"), options);
    expect(result.ok).toBe(false);
    expect(result.fatal).toBe('The feed is missing the columns "Item No" and "Qty". Columns found: "SKU", "Stock". ' + "Check the supplier's column mapping.");
    expect(result.rows).toEqual([]);
  });

  it("warns but carries on when a mapped optional column is missing", async () => {
    const result = await parseFeed(csv("Item No,Qty", "A-1,5"), options);
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      'The mapped column "Price" is not in the feed; its values are left empty.',
      'The mapped column "ETA" is not in the feed; its values are left empty.',
    ]);
  });

  it("rejects the whole feed when the supplier serves an HTML page", async () => {
    const page = "<!doctype html>\n<html><head><title>Sign in</title></head><body>Session expired</body></html>";
    const result = await parseFeed(page, options);
    expect(result.ok).toBe(false);
    expect(result.fatal).toMatch(/web page \(HTML\) instead of a stock file/);
  });

  it("rejects an empty feed and a header with no rows", async () => {
    expect((await parseFeed("", options)).fatal).toBe("The feed is empty: the supplier sent no data.");
    expect((await parseFeed("\uFEFF\r\n \r\n", options)).fatal).toBe("The feed is empty: the supplier sent no data.");
    expect((await parseFeed("Item No,Qty\r\n\r\n", options)).fatal).toBe("The feed has a header but no stock rows.");
  });

  it("rejects the whole feed when a quote is never closed, since the rows after it are lost", async () => {
    const result = await parseFeed(csv("Item No,Qty", "A-1,5", '"A-2,6', "A-3,7"), options);
    expect(result.ok).toBe(false);
    expect(result.fatal).toBe("A quote opened on line 3 is never closed, so the rows from there on cannot be read. " + "Ask the supplier to fix the export.");
  });

  it("keeps a stray quote inside an unquoted field", async () => {
    const result = await parseFeed(csv("Item No,Qty", 'A"2,6', "A-3,7"), options);
    expect(result.rows).toEqual([
      { line: 2, sku: 'A"2', quantity: 6 },
      { line: 3, sku: "A-3", quantity: 7 },
    ]);
  });

  it("parses a feed that arrives in awkward chunks exactly like the whole text", async () => {
    const text = csv("Item No;Qty;Price", "A-1;1.234;12,50", '"B;1";7;3', "C-1;-1;1");
    async function* drip() {
      for (let i = 0; i < text.length; i += 3) yield new TextEncoder().encode(text.slice(i, i + 3));
    }
    expect(await parseFeed(drip(), options)).toEqual(await parseFeed(text, options));
  });

  it("times the run when given a clock", async () => {
    let now = 1_000;
    const clock = () => new Date((now += 25));
    const result = await parseCsvFeed(csv("Item No,Qty", "A-1,5"), { ...options, clock });
    expect(result.stats.durationMs).toBe(25);
  });
});

describe("parseFeed — JSON", () => {
  it("reads an array of items with numbers or strings", async () => {
    const feed = JSON.stringify([
      { "Item No": "A-1", Qty: 5, Price: 12.5, ETA: "2026-05-01" },
      { "item no": "A-2", QTY: "1,234", price: "3.99" },
    ]);
    const result = await parseFeed(feed, options);
    expect(result).toMatchObject({ ok: true, format: "json" });
    expect(result.rows).toEqual([
      { line: 1, sku: "A-1", quantity: 5, costMinor: 1250, restockDate: "2026-05-01" },
      { line: 2, sku: "A-2", quantity: 1234, costMinor: 399 },
    ]);
  });

  it("reads an { items: [...] } document and rejects bad items with reasons", async () => {
    const feed = JSON.stringify({ items: [{ "Item No": "A-1", Qty: -2 }, "oops", { "Item No": "A-3", Qty: 1.5 }] });
    const result = await parseJsonFeed(feed, options);
    expect(result.rows).toEqual([]);
    expect(result.rejected).toEqual([
      { line: 1, raw: '{"Item No":"A-1","Qty":-2}', reason: "quantity -2 is negative for SKU A-1" },
      { line: 2, raw: '"oops"', reason: "the item is not an object" },
      { line: 3, raw: '{"Item No":"A-3","Qty":1.5}', reason: 'quantity "1.5" is not a whole number for SKU A-3' },
    ]);
  });

  it("rejects the whole feed for broken JSON, a wrong shape or missing keys", async () => {
    expect((await parseFeed('[{"Item No": "A-1",', options)).fatal).toMatch(/^The feed is not valid JSON/);
    expect((await parseFeed('{"products": []}', options)).fatal).toBe('The JSON feed must be an array of items or an object with an "items" array.');
    expect((await parseFeed("[]", options)).fatal).toBe("The feed has no stock items.");
    expect((await parseFeed('[{"sku": "A-1", "Qty": 1}]', options)).fatal).toMatch(/missing the column "Item No"/);
  });

  it("refuses a JSON feed over the JSON cap without parsing it (issue 16, finding 3)", async () => {
    const feed = JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ "Item No": `A-${i}`, Qty: 1 })));
    const capped = await parseFeed(feed, { ...options, maxJsonChars: 1_000 });
    expect(capped.fatal).toMatch(/^The JSON feed is larger than .* the limit for JSON; send it as CSV/);
    expect(capped.rows).toEqual([]);
    expect((await parseFeed(feed, options)).rows).toHaveLength(200);
  });

  it("reports duplicate SKUs like the CSV reader", async () => {
    const feed = JSON.stringify([
      { "Item No": "A", Qty: 1 },
      { "Item No": "A", Qty: 2 },
    ]);
    const result = await parseFeed(feed, options);
    expect(result.rows).toEqual([{ line: 2, sku: "A", quantity: 2 }]);
    expect(result.duplicates).toEqual([{ sku: "A", lines: [1, 2] }]);
  });
});
