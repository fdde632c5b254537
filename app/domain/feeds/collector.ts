/**
 * Shared by the CSV and JSON readers: finds the mapped columns, turns each record into a
 * stock row or a rejection, and handles duplicate SKUs. Holds only accepted rows (one per
 * SKU), never the raw lines.
 */
import { parseMinorUnits, parseQuantity, parseRestockDate } from "./values";
import type { ColumnMapping, DecimalStyle, DuplicatePolicy, DuplicateSku, FeedParseResult, FeedRow, RejectedRow } from "./types";

type Field = keyof ColumnMapping;
const REQUIRED: readonly Field[] = ["sku", "quantity"];
const OPTIONAL: readonly Field[] = ["cost", "restockDate"];

/** Header or key as compared with the mapping: case-, space- and BOM-insensitive. */
export function normalizeHeader(name: string): string {
  return name
    .replace(/^\uFEFF/u, "")
    .trim()
    .replace(/\s+/gu, " ")
    .toLowerCase();
}

/** Where each mapped column sits in a header row (absent = not found). */
export type ColumnIndex = Partial<Record<Field, number>>;

/** Locates the mapped columns in a header; `missing` lists required columns that are not there. */
export function locateColumns(header: readonly string[], mapping: ColumnMapping): { index: ColumnIndex; missing: string[]; missingOptional: string[] } {
  const positions = new Map<string, number>();
  header.forEach((name, i) => {
    const key = normalizeHeader(name);
    if (!positions.has(key)) positions.set(key, i);
  });
  const index: ColumnIndex = {};
  const missing: string[] = [];
  const missingOptional: string[] = [];
  for (const field of [...REQUIRED, ...OPTIONAL]) {
    const wanted = mapping[field];
    if (wanted === undefined) continue;
    const at = positions.get(normalizeHeader(wanted));
    if (at !== undefined) index[field] = at;
    else (REQUIRED.includes(field) ? missing : missingOptional).push(wanted);
  }
  return { index, missing, missingOptional };
}

/** Message for a feed whose header lacks required columns. */
export function missingColumnsMessage(missing: readonly string[], found: readonly string[]): string {
  const names = missing.map((name) => `"${name}"`).join(" and ");
  const shown = found
    .slice(0, 20)
    .map((name) => `"${name.trim()}"`)
    .join(", ");
  return (
    `The feed is missing the column${missing.length > 1 ? "s" : ""} ${names}. ` + `Columns found: ${shown || "none"}. Check the supplier's column mapping.`
  );
}

export interface CollectorOptions<S> {
  readonly mapping: ColumnMapping;
  readonly decimalStyle: DecimalStyle;
  readonly duplicates: DuplicatePolicy;
  readonly currencyDecimals: number;
  /** Shows a record's source (CSV fields, a JSON item) as text; called only for rejected rows. */
  readonly rawOf: (source: S) => string;
}

/**
 * A record as the reader sees it: the mapped values and where they came from. The CSV reader
 * reuses one instance for every record (no allocation per row); the collector copies what it keeps.
 */
export interface MappedRecord<S> {
  line: number;
  sku: unknown;
  quantity: unknown;
  cost: unknown;
  restockDate: unknown;
  source: S;
  /** Set when the record's shape is wrong (e.g. too few fields); the record is rejected. */
  problem: string | undefined;
}

const isBlank = (value: unknown): boolean => value === undefined || value === null || (typeof value === "string" && value.trim() === "");

/** Restock dates repeat across a feed; remember the last few hundred readings. */
const DATE_MEMO_LIMIT = 512;

/** Accumulates rows, rejections and duplicates for one feed run. */
export class FeedCollector<S> {
  private readonly rows = new Map<string, FeedRow>();
  private readonly rejected: RejectedRow[] = [];
  private readonly duplicateLines = new Map<string, number[]>();
  /** Raw text of accepted rows, kept only under the reject policy so both duplicates can be shown. */
  private readonly rawBySku = new Map<string, string>();
  private readonly rejectedSkus = new Set<string>();
  private readonly dateMemo = new Map<unknown, ReturnType<typeof parseRestockDate>>();
  private read = 0;
  private superseded = 0;

  constructor(private readonly options: CollectorOptions<S>) {}

  /** Takes one data record: accepts it, rejects it, or resolves a duplicate. */
  add(record: MappedRecord<S>): void {
    this.read += 1;
    const row = record.problem ?? this.toRow(record);
    if (typeof row === "string") {
      this.rejected.push({ line: record.line, raw: this.options.rawOf(record.source), reason: row });
      return;
    }
    this.accept(row, record.source);
  }

  private toRow(record: MappedRecord<S>): FeedRow | string {
    const { decimalStyle, currencyDecimals } = this.options;
    if (isBlank(record.sku)) return `SKU is empty (column "${this.options.mapping.sku}")`;
    const sku = String(record.sku).trim();
    const quantity = parseQuantity(record.quantity, decimalStyle);
    if (!quantity.ok) return `${quantity.failure.message} for SKU ${sku}`;
    const row: { -readonly [K in keyof FeedRow]: FeedRow[K] } = { line: record.line, sku, quantity: quantity.value };
    if (!isBlank(record.cost)) {
      const cost = parseMinorUnits(record.cost, decimalStyle, currencyDecimals);
      if (!cost.ok) return `${cost.failure.message} for SKU ${sku}`;
      row.costMinor = cost.value;
    }
    if (!isBlank(record.restockDate)) {
      const date = this.restockDate(record.restockDate);
      if (!date.ok) return `${date.failure.message} for SKU ${sku}`;
      row.restockDate = date.value;
    }
    return row;
  }

  private restockDate(raw: unknown): ReturnType<typeof parseRestockDate> {
    const known = this.dateMemo.get(raw);
    if (known) return known;
    const parsed = parseRestockDate(raw);
    if (this.dateMemo.size < DATE_MEMO_LIMIT) this.dateMemo.set(raw, parsed);
    return parsed;
  }

  private accept(row: FeedRow, source: S): void {
    const earlier = this.rows.get(row.sku);
    const rejectAll = this.options.duplicates === "reject";
    if (earlier === undefined && !this.rejectedSkus.has(row.sku)) {
      this.rows.set(row.sku, row);
      if (rejectAll) this.rawBySku.set(row.sku, this.options.rawOf(source));
      return;
    }
    const lines = this.duplicateLines.get(row.sku) ?? (earlier ? [earlier.line] : []);
    lines.push(row.line);
    this.duplicateLines.set(row.sku, lines);
    if (!rejectAll) {
      this.superseded += 1;
      this.rows.delete(row.sku); // re-insert so the row sits where its winning line is
      this.rows.set(row.sku, row);
      return;
    }
    const reason = `SKU ${row.sku} appears more than once (lines ${lines.join(", ")}); all its rows are rejected`;
    if (earlier) {
      this.rows.delete(row.sku);
      this.rejected.push({ line: earlier.line, raw: this.rawBySku.get(row.sku) ?? "", reason });
      this.rawBySku.delete(row.sku);
      this.rejectedSkus.add(row.sku);
    }
    this.rejected.push({ line: row.line, raw: this.options.rawOf(source), reason });
  }

  /** Rows read so far (for "header but no rows"). */
  get rowsRead(): number {
    return this.read;
  }

  /** The run's outcome; rows in file order of their winning line. */
  result(extra: Pick<FeedParseResult, "format" | "delimiter" | "decimalStyle" | "warnings">): FeedParseResult {
    // Map order is already line order: each winning row was (re)inserted when its line was read.
    const rows = [...this.rows.values()];
    const rejected = [...this.rejected].sort((a, b) => a.line - b.line);
    const duplicates: DuplicateSku[] = [...this.duplicateLines].map(([sku, lines]) => ({ sku, lines }));
    return {
      ok: true,
      rows,
      rejected,
      duplicates,
      ...extra,
      stats: { read: this.read, accepted: rows.length, rejected: rejected.length, superseded: this.superseded },
    };
  }
}

/** A result for a feed that cannot be used at all. */
export function fatalResult(fatal: string, extra: Partial<Pick<FeedParseResult, "format" | "delimiter" | "decimalStyle" | "warnings">> = {}): FeedParseResult {
  return {
    ok: false,
    rows: [],
    rejected: [],
    duplicates: [],
    warnings: [],
    ...extra,
    fatal,
    stats: { read: 0, accepted: 0, rejected: 0, superseded: 0 },
  };
}
