import { describe, expect, it } from "vitest";
import { headProblem, peekHead, sniffDelimiter, sniffFormat, textChunks } from "./source";

async function all(chunks: AsyncIterable<string>): Promise<string> {
  let text = "";
  for await (const chunk of chunks) text += chunk;
  return text;
}

describe("sniffDelimiter", () => {
  it("picks the delimiter the header uses", () => {
    expect(sniffDelimiter("Item No;Qty;Price")).toBe(";");
    expect(sniffDelimiter("Item No,Qty,Price")).toBe(",");
    expect(sniffDelimiter("Item No\tQty\tPrice")).toBe("\t");
    expect(sniffDelimiter("Item No|Qty|Price")).toBe("|");
  });

  it("ignores delimiters inside quoted header names", () => {
    expect(sniffDelimiter('"Item No, internal";"Qty, units";Price')).toBe(";");
  });

  it("falls back to a comma for a single-column header", () => {
    expect(sniffDelimiter("sku")).toBe(",");
  });
});

describe("headProblem", () => {
  it("spots an HTML page served instead of a feed", () => {
    expect(headProblem("\uFEFF\n  <!DOCTYPE html>\n<html><head><title>Login</title>")).toMatch(/returned a web page \(HTML\) instead of a stock file/);
    expect(headProblem("<HTML><BODY>503 Service Unavailable</BODY></HTML>")).toMatch(/web page \(HTML\)/);
  });

  it("calls an empty or whitespace-only feed empty", () => {
    expect(headProblem("")).toMatch(/The feed is empty/);
    expect(headProblem("\uFEFF \r\n\r\n")).toMatch(/The feed is empty/);
  });

  it("lets a normal CSV or JSON start through", () => {
    expect(headProblem("sku,qty\n")).toBeUndefined();
    expect(headProblem('[{"sku":"A"}]')).toBeUndefined();
  });
});

describe("sniffFormat", () => {
  it("reads JSON by its first character and everything else as CSV", () => {
    expect(sniffFormat('\uFEFF  {"items":[]}')).toBe("json");
    expect(sniffFormat("[]")).toBe("json");
    expect(sniffFormat("sku;qty")).toBe("csv");
  });
});

describe("textChunks and peekHead", () => {
  it("decodes a character split across two byte chunks", async () => {
    const bytes = new TextEncoder().encode("sku\nÉté-1\n");
    const split = bytes.indexOf(0xc3) + 1; // inside the two-byte "É"
    const text = await all(textChunks([bytes.slice(0, split), bytes.slice(split)]));
    expect(text).toBe("sku\nÉté-1\n");
  });

  it("decodes a Windows-1252 feed when told to", async () => {
    const bytes = Uint8Array.from([0x73, 0x6b, 0x75, 0x0a, 0xc9, 0x74, 0xe9]); // "sku\nÉté"
    expect(await all(textChunks(bytes, "windows-1252"))).toBe("sku\nÉté");
  });

  it("peeks until the header line is complete and replays everything", async () => {
    async function* source() {
      yield "\n\nItem";
      yield " No;Qty";
      yield "\nA;1\n";
      yield "B;2\n";
    }
    const peeked = await peekHead(source());
    expect(peeked.head).toBe("\n\nItem No;Qty\nA;1\n");
    expect(await all(peeked.chunks)).toBe("\n\nItem No;Qty\nA;1\nB;2\n");
  });
});
