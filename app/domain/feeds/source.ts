/**
 * Turning feed input into text chunks, and looking at its start before parsing: empty feeds,
 * HTML error/login pages served instead of a feed, the format and the CSV delimiter.
 */
import type { CsvDelimiter, FeedFormat, FeedInput } from "./types";

const BOM = "\uFEFF";
/** How much of the start we hold to find the header line (a header longer than this is not a header). */
const HEAD_LIMIT = 256 * 1024;

function isAsyncIterable(input: unknown): input is AsyncIterable<string | Uint8Array> {
  return typeof input === "object" && input !== null && Symbol.asyncIterator in input;
}

/** Feed input as text chunks; bytes are decoded incrementally (a character split across chunks survives). */
export async function* textChunks(input: FeedInput, encoding = "utf-8"): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding);
  const decode = (chunk: string | Uint8Array): string => (typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
  if (typeof input === "string" || input instanceof Uint8Array) {
    yield decode(input);
  } else if (isAsyncIterable(input)) {
    for await (const chunk of input) yield decode(chunk);
  } else {
    for (const chunk of input) yield decode(chunk);
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/** The start of a feed and an iterable that replays it followed by the rest. */
export interface PeekedFeed {
  readonly head: string;
  readonly chunks: AsyncIterable<string>;
}

/** Reads until the first non-blank line is complete (or the feed ends), without losing anything. */
export async function peekHead(chunks: AsyncIterable<string>): Promise<PeekedFeed> {
  const iterator = chunks[Symbol.asyncIterator]();
  let head = "";
  while (!hasCompleteFirstLine(head) && head.length < HEAD_LIMIT) {
    const next = await iterator.next();
    if (next.done) break;
    head += next.value;
  }
  async function* replay(): AsyncGenerator<string> {
    if (head) yield head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head, chunks: replay() };
}

function hasCompleteFirstLine(text: string): boolean {
  return /\S[^\n]*\n/u.test(text);
}

/** The text without a leading byte-order mark. */
export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** The first non-blank line (the header of a CSV feed). */
export function firstLine(head: string): string {
  const lines = stripBom(head).split(/\r?\n|\r/u);
  return lines.find((line) => line.trim() !== "") ?? "";
}

/** A whole-feed problem visible from its start (empty, HTML, XML), as a message for the merchant. */
export function headProblem(head: string): string | undefined {
  const start = stripBom(head).trimStart();
  if (start === "") return "The feed is empty: the supplier sent no data.";
  if (!start.startsWith("<")) return undefined;
  const sample = start.slice(0, 4096).toLowerCase();
  if (sample.includes("<html") || sample.includes("<!doctype")) {
    return (
      "The feed address returned a web page (HTML) instead of a stock file — usually a login, " +
      "error or maintenance page. Check the feed URL and the supplier's credentials."
    );
  }
  return "The feed looks like XML; Dropline reads CSV or JSON stock feeds.";
}

/** "json" when the content starts with `[` or `{`, else "csv". */
export function sniffFormat(head: string): FeedFormat {
  const start = stripBom(head).trimStart();
  return start.startsWith("[") || start.startsWith("{") ? "json" : "csv";
}

// On a tie the less common character wins: a header with one `;` and one `,` is `;`-separated.
const DELIMITERS: readonly CsvDelimiter[] = ["\t", ";", "|", ","];

/** The delimiter used most often (outside quotes) in the header line; "," when there is none. */
export function sniffDelimiter(headerLine: string): CsvDelimiter {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best: CsvDelimiter = ",";
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const count = counts.get(delimiter) ?? 0;
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}
