/**
 * Vocabulary of supplier stock feeds: how a supplier's columns map to ours, the options a
 * merchant sets per feed, and what one parse run returns.
 */
import type { Clock } from "../clock";
import { z } from "zod";

/** Which of the supplier's columns (or JSON keys) hold each value; matched case- and space-insensitively. */
export const ColumnMappingSchema = z
  .object({
    sku: z.string().trim().min(1, { error: "Name the column that holds the SKU" }),
    quantity: z.string().trim().min(1, { error: "Name the column that holds the quantity" }),
    cost: z.string().trim().min(1).optional(),
    restockDate: z.string().trim().min(1).optional(),
  })
  .strict();

/** A supplier's column mapping. */
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

/**
 * How numbers are written: "point" = 1,234.50 (comma groups thousands), "comma" = 1.234,50.
 * Spaces and apostrophes ("1 234", "1'234") always group thousands.
 */
export type DecimalStyle = "point" | "comma";

/** What to do when a SKU appears on more than one row: keep the last row, or reject all of them. */
export type DuplicatePolicy = "last-wins" | "reject";

export type FeedFormat = "csv" | "json";
export type CsvDelimiter = "," | ";" | "\t" | "|";

/** Per-feed settings a merchant saves with the supplier. */
export const FeedSettingsSchema = z
  .object({
    mapping: ColumnMappingSchema,
    format: z.enum(["csv", "json", "auto"]).optional(),
    delimiter: z.enum([",", ";", "\t", "|"]).optional(),
    decimalStyle: z.enum(["point", "comma"]).optional(),
    duplicates: z.enum(["last-wins", "reject"]).optional(),
    currencyDecimals: z.number().int().min(0).max(4).optional(),
    encoding: z.enum(["utf-8", "windows-1252"]).optional(),
  })
  .strict();

/** Per-feed settings as saved. */
export type FeedSettings = z.infer<typeof FeedSettingsSchema>;

/** Options for one parse run: the saved settings plus an optional clock to time the run. */
export interface FeedOptions extends FeedSettings {
  /** When given, `stats.durationMs` is filled in. */
  readonly clock?: Clock;
  /**
   * Largest JSON feed read, in characters (JSON is parsed whole, unlike CSV which streams);
   * default MAX_JSON_FEED_CHARS. A larger one is refused before JSON.parse builds its tree.
   */
  readonly maxJsonChars?: number;
}

/** 20 M characters: a JSON document that size already parses into several hundred MB of objects. */
export const MAX_JSON_FEED_CHARS = 20 * 1024 * 1024;

/** A feed's content: the whole text or bytes, or chunks as they arrive. */
export type FeedInput = string | Uint8Array | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/** One accepted stock line. `line` is the file line (CSV) or the 1-based item number (JSON). */
export interface FeedRow {
  readonly line: number;
  readonly sku: string;
  readonly quantity: number;
  /** Unit cost in minor units of the supplier's currency. */
  readonly costMinor?: number;
  /** Expected restock date, "YYYY-MM-DD". */
  readonly restockDate?: string;
}

/** A line that was not used, with the reason in words a merchant can act on. */
export interface RejectedRow {
  readonly line: number;
  /** The row's fields re-joined with the feed's delimiter (CSV) or the item as JSON. */
  readonly raw: string;
  readonly reason: string;
}

/** A SKU found on several rows. */
export interface DuplicateSku {
  readonly sku: string;
  readonly lines: readonly number[];
}

export interface FeedStats {
  /** Data rows read (header and blank lines not counted). */
  readonly read: number;
  readonly accepted: number;
  readonly rejected: number;
  /** Rows superseded by a later row for the same SKU (last-wins). */
  readonly superseded: number;
  readonly durationMs?: number;
}

/** The outcome of parsing one feed run. `fatal` set ⇔ `ok` false: the whole feed is unusable. */
export interface FeedParseResult {
  readonly ok: boolean;
  readonly rows: readonly FeedRow[];
  readonly rejected: readonly RejectedRow[];
  readonly duplicates: readonly DuplicateSku[];
  /** Problems that did not stop the run, e.g. a mapped optional column that is missing. */
  readonly warnings: readonly string[];
  readonly stats: FeedStats;
  readonly fatal?: string;
  /** What the parser settled on (sniffed or configured). */
  readonly format?: FeedFormat;
  readonly delimiter?: CsvDelimiter;
  readonly decimalStyle?: DecimalStyle;
}
