/**
 * CSV stock feeds, read as a stream with csv-parse: each record is handled as it is parsed
 * and then dropped, so a 50 MB feed is never held as lines or raw rows.
 */
import { parse, type Parser } from "csv-parse";
import { FeedCollector, fatalResult, locateColumns, missingColumnsMessage, type ColumnIndex, type MappedRecord } from "./collector";
import { firstLine, headProblem, sniffDelimiter, type PeekedFeed } from "./source";
import type { CsvDelimiter, DecimalStyle, FeedOptions, FeedParseResult } from "./types";

/** Default decimal style for a delimiter: `;`-separated feeds come from comma-decimal locales. */
export function defaultDecimalStyle(delimiter: CsvDelimiter): DecimalStyle {
  return delimiter === ";" ? "comma" : "point";
}

const quoteField = (field: string, delimiter: string): string =>
  field.includes(delimiter) || field.includes('"') || /[\r\n]/u.test(field) ? `"${field.replace(/"/gu, '""')}"` : field;

const isBlankRecord = (fields: readonly string[]): boolean => {
  for (const field of fields) if (field.trim() !== "") return false;
  return true;
};

/** Line breaks inside quoted fields: the record spans that many extra lines. */
function breaksIn(fields: readonly string[]): number {
  let breaks = 0;
  for (const field of fields) {
    for (let at = field.indexOf("\n"); at !== -1; at = field.indexOf("\n", at + 1)) breaks += 1;
  }
  return breaks;
}

/**
 * Turns parsed records into collector input: the first non-blank record is the header, the
 * rest are stock rows. Counts lines itself (blank lines arrive as records) so each row keeps
 * the line it starts on. One `MappedRecord` is reused for every row.
 */
class CsvRecords {
  readonly warnings: string[] = [];
  fatal: string | undefined;
  columns: ColumnIndex | undefined;
  /** The line the next record starts on. */
  nextLine = 1;
  private width = 0;
  private readonly record: MappedRecord<readonly string[]> = {
    line: 0,
    sku: undefined,
    quantity: undefined,
    cost: undefined,
    restockDate: undefined,
    source: [],
    problem: undefined,
  };

  constructor(
    private readonly collector: FeedCollector<readonly string[]>,
    private readonly options: FeedOptions,
  ) {}

  /** Handles one parsed record. */
  take(fields: readonly string[]): void {
    const line = this.nextLine;
    this.nextLine += 1 + breaksIn(fields);
    // Blank lines and lines of bare delimiters (";;;") carry nothing.
    if (this.fatal !== undefined || isBlankRecord(fields)) return;
    if (this.columns === undefined) return this.header(fields);
    this.collector.add(this.map(fields, line, this.columns));
  }

  private header(fields: readonly string[]): void {
    const located = locateColumns(fields, this.options.mapping);
    if (located.missing.length > 0) this.fatal = missingColumnsMessage(located.missing, fields);
    for (const name of located.missingOptional) {
      this.warnings.push(`The mapped column "${name}" is not in the feed; its values are left empty.`);
    }
    this.columns = located.index;
    this.width = fields.length;
  }

  private map(fields: readonly string[], line: number, columns: ColumnIndex): MappedRecord<readonly string[]> {
    const at = (i: number | undefined) => (i === undefined ? undefined : fields[i]);
    // Short rows are fine as long as SKU and quantity are there; missing optional cells are blank.
    const needed = Math.max(columns.sku ?? 0, columns.quantity ?? 0);
    const record = this.record;
    record.line = line;
    record.source = fields;
    record.sku = at(columns.sku);
    record.quantity = at(columns.quantity);
    record.cost = at(columns.cost);
    record.restockDate = at(columns.restockDate);
    record.problem =
      fields.length <= needed ? `the row has ${fields.length} field${fields.length === 1 ? "" : "s"} but the header has ${this.width}` : undefined;
    return record;
  }
}

const encoder = new TextEncoder();

/** Writes text chunks into the parser, waiting for each to be parsed; stops early once `stop()` says so. */
async function pump(chunks: AsyncIterable<string>, parser: Parser, stop: () => boolean): Promise<void> {
  const finished = new Promise<void>((resolve, reject) => {
    parser.once("error", reject);
    parser.once("end", resolve);
    parser.once("close", resolve);
  });
  finished.catch(() => undefined); // the same error surfaces from write() below
  for await (const chunk of chunks) {
    if (stop()) break;
    await new Promise<void>((resolve, reject) => {
      parser.write(encoder.encode(chunk), (error) => (error ? reject(error) : resolve()));
    });
  }
  if (stop()) parser.destroy();
  else parser.end();
  await finished;
}

/** A parse error as a message a merchant can pass on to the supplier; `line` is where the broken record starts. */
function parseErrorMessage(error: unknown, line: number): string {
  const detail = error instanceof Error ? error.message : String(error);
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  if (code === "CSV_QUOTE_NOT_CLOSED") {
    return `A quote opened on line ${line} is never closed, so the rows from there on cannot be read. ` + "Ask the supplier to fix the export.";
  }
  return `The CSV could not be read near line ${line}: ${detail}`;
}

/** Parses a CSV feed whose start has already been peeked (see `peekHead`). */
export async function readCsvFeed(feed: PeekedFeed, options: FeedOptions): Promise<FeedParseResult> {
  const problem = headProblem(feed.head);
  if (problem) return fatalResult(problem, { format: "csv" });
  const delimiter = options.delimiter ?? sniffDelimiter(firstLine(feed.head));
  const decimalStyle = options.decimalStyle ?? defaultDecimalStyle(delimiter);
  const settled = { format: "csv", delimiter, decimalStyle } as const;
  const collector = new FeedCollector<readonly string[]>({
    mapping: options.mapping,
    decimalStyle,
    duplicates: options.duplicates ?? "last-wins",
    currencyDecimals: options.currencyDecimals ?? 2,
    rawOf: (fields) => fields.map((field) => quoteField(field, delimiter)).join(delimiter),
  });
  const records = new CsvRecords(collector, options);
  const parser = parse({
    delimiter,
    // Exports stitched together from several systems mix line endings; accept all three.
    record_delimiter: ["\r\n", "\n", "\r"],
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    // Blank lines come through as records so that line numbers can be counted.
    skip_empty_lines: false,
  });
  parser.on("data", (fields: string[]) => records.take(fields));
  try {
    await pump(feed.chunks, parser, () => records.fatal !== undefined);
  } catch (error) {
    return fatalResult(parseErrorMessage(error, records.nextLine), settled);
  }
  if (records.fatal !== undefined) return fatalResult(records.fatal, settled);
  if (records.columns === undefined) return fatalResult("The feed is empty: it has no header and no rows.", settled);
  if (collector.rowsRead === 0) return fatalResult("The feed has a header but no stock rows.", settled);
  return collector.result({ ...settled, warnings: records.warnings });
}
