/** Entry point for one feed run: picks the reader (CSV or JSON) and times the run if given a clock. */
import { readCsvFeed } from "./csv";
import { readJsonFeed } from "./json";
import { peekHead, sniffFormat, textChunks } from "./source";
import type { FeedInput, FeedOptions, FeedParseResult } from "./types";

/** Parses a supplier stock feed (CSV or JSON; "auto" by default) into stock rows and rejections. */
export async function parseFeed(input: FeedInput, options: FeedOptions): Promise<FeedParseResult> {
  const started = options.clock?.();
  const feed = await peekHead(textChunks(input, options.encoding));
  const format = !options.format || options.format === "auto" ? sniffFormat(feed.head) : options.format;
  const result = format === "json" ? await readJsonFeed(feed, options) : await readCsvFeed(feed, options);
  if (started === undefined || !options.clock) return result;
  return { ...result, stats: { ...result.stats, durationMs: options.clock().getTime() - started.getTime() } };
}

/** Parses a CSV feed (delimiter sniffed from the header unless set). */
export function parseCsvFeed(input: FeedInput, options: FeedOptions): Promise<FeedParseResult> {
  return parseFeed(input, { ...options, format: "csv" });
}

/** Parses a JSON feed (an array of items or `{ items: [...] }`). */
export function parseJsonFeed(input: FeedInput, options: FeedOptions): Promise<FeedParseResult> {
  return parseFeed(input, { ...options, format: "json" });
}
