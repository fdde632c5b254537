/**
 * JSON stock feeds: an array of item objects, or an object with an `items` array. Keys are
 * matched to the column mapping like CSV headers. `line` is the 1-based item number.
 */
import { FeedCollector, fatalResult, locateColumns, missingColumnsMessage, normalizeHeader, type MappedRecord } from "./collector";
import { headProblem, stripBom, type PeekedFeed } from "./source";
import { MAX_JSON_FEED_CHARS, type ColumnMapping, type FeedOptions, type FeedParseResult } from "./types";

const RAW_LIMIT = 500;

type Item = Record<string, unknown>;

const isItem = (value: unknown): value is Item => typeof value === "object" && value !== null && !Array.isArray(value);

function itemsOf(document: unknown): unknown[] | undefined {
  if (Array.isArray(document)) return document;
  if (isItem(document)) {
    const key = Object.keys(document).find((name) => normalizeHeader(name) === "items");
    const items = key === undefined ? undefined : document[key];
    if (Array.isArray(items)) return items;
  }
  return undefined;
}

function rawOf(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > RAW_LIMIT ? `${text.slice(0, RAW_LIMIT)}…` : text;
}

function jsonRecord(item: unknown, line: number, mapping: ColumnMapping): MappedRecord<unknown> {
  const record = { line, source: item, problem: undefined };
  if (!isItem(item)) {
    const none = { sku: undefined, quantity: undefined, cost: undefined, restockDate: undefined };
    return { ...record, ...none, problem: "the item is not an object" };
  }
  const byKey = new Map(Object.keys(item).map((key) => [normalizeHeader(key), item[key]] as const));
  const value = (name: string | undefined) => (name === undefined ? undefined : byKey.get(normalizeHeader(name)));
  return {
    ...record,
    sku: value(mapping.sku),
    quantity: value(mapping.quantity),
    cost: value(mapping.cost),
    restockDate: value(mapping.restockDate),
  };
}

/** The keys that appear in any item, as a "header" for the mapping check. */
function keysOf(items: readonly unknown[]): string[] {
  const keys = new Set<string>();
  for (const item of items) if (isItem(item)) for (const key of Object.keys(item)) keys.add(key);
  return [...keys];
}

class TooLarge extends Error {}

/** The whole document, or TooLarge as soon as it passes `maxChars` (the rest is not read). */
async function collect(chunks: AsyncIterable<string>, maxChars: number): Promise<string> {
  const parts: string[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.length;
    if (total > maxChars) throw new TooLarge();
    parts.push(chunk);
  }
  return parts.join("");
}

/** Parses a JSON feed whose start has already been peeked (see `peekHead`). */
export async function readJsonFeed(feed: PeekedFeed, options: FeedOptions): Promise<FeedParseResult> {
  const problem = headProblem(feed.head);
  if (problem) return fatalResult(problem, { format: "json" });
  const decimalStyle = options.decimalStyle ?? "point";
  const settled = { format: "json", decimalStyle } as const;
  let document: unknown;
  try {
    document = JSON.parse(stripBom(await collect(feed.chunks, options.maxJsonChars ?? MAX_JSON_FEED_CHARS)));
  } catch (error) {
    if (error instanceof TooLarge) {
      const limit = Math.round((options.maxJsonChars ?? MAX_JSON_FEED_CHARS) / 1024 / 1024);
      return fatalResult(
        `The JSON feed is larger than ${limit} MB, the limit for JSON; send it as CSV (read as it streams, no such limit) or in parts.`,
        settled,
      );
    }
    const detail = error instanceof Error ? error.message : String(error);
    return fatalResult(`The feed is not valid JSON: ${detail}`, settled);
  }
  const items = itemsOf(document);
  if (items === undefined) {
    return fatalResult('The JSON feed must be an array of items or an object with an "items" array.', settled);
  }
  if (items.length === 0) return fatalResult("The feed has no stock items.", settled);
  const keys = keysOf(items);
  const located = locateColumns(keys, options.mapping);
  if (located.missing.length > 0) return fatalResult(missingColumnsMessage(located.missing, keys), settled);
  const collector = new FeedCollector<unknown>({
    rawOf,
    mapping: options.mapping,
    decimalStyle,
    duplicates: options.duplicates ?? "last-wins",
    currencyDecimals: options.currencyDecimals ?? 2,
  });
  items.forEach((item, i) => collector.add(jsonRecord(item, i + 1, options.mapping)));
  const warnings = located.missingOptional.map((name) => `The mapped key "${name}" is in no item; its values are left empty.`);
  return collector.result({ ...settled, warnings });
}
