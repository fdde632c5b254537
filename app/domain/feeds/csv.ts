/**
 * CSV stock feeds, read as a stream with csv-parse: records are handled one at a time as they
 * are parsed (`on_record`), so a 50 MB feed is never held as lines or rows of raw text.
 */
import { parse, type CastingContext, type Options } from "csv-parse/stream";
import {
  FeedCollector,
  fatalResult,
  locateColumns,
  missingColumnsMessage,
  type ColumnIndex,
  type MappedRecord,
} from "./collector";
import { firstLine, headProblem, sniffDelimiter, type PeekedFeed } from "./source";
import type { CsvDelimiter, DecimalStyle, FeedOptions, FeedParseResult } from "./types";

/** Default decimal style for a delimiter: `;`-separated feeds come from comma-decimal locales. */
export function defaultDecimalStyle(delimiter: CsvDelimiter): DecimalStyle {
  return delimiter === ";" ? "comma" : "point";
}

const quoteField = (field: string, delimiter: string): string =>
  field.includes(delimiter) || field.includes('"') || /[\r\n]/u.test(field)
    ? `"${field.replace(/"/gu, '""')}"`
    : field;

/** Maps one record's fields onto the reusable `record` (see `MappedRecord`). */
function mapFields(
  record: MappedRecord<readonly string[]>,
  fields: readonly string[],
  line: number,
  columns: ColumnIndex,
  width: number,
): void {
  // Short rows are fine as long as SKU and quantity are there; missing optional cells are blank.
  const needed = Math.max(columns.sku ?? 0, columns.quantity ?? 0);
  record.line = line;
  record.source = fields;
  record.sku = columns.sku === undefined ? undefined : fields[columns.sku];
  record.quantity = columns.quantity === undefined ? undefined : fields[columns.quantity];
  record.cost = columns.cost === undefined ? undefined : fields[columns.cost];
  record.restockDate = columns.restockDate === undefined ? undefined : fields[columns.restockDate];
  record.problem =
    fields.length <= needed
      ? `the row has ${fields.length} field${fields.length === 1 ? "" : "s"} but the header has ${width}`
      : undefined;
}

const isBlankRecord = (fields: readonly string[]): boolean => {
  for (const field of fields) if (field.trim() !== "") return false;
  return true;
};

/** csv-parse reports the line a record ends on; a quoted field with line breaks started earlier. */
function startLine(fields: readonly string[], endLine: number): number {
  let breaks = 0;
  for (const field of fields) {
    for (let at = field.indexOf("\n"); at !== -1; at = field.indexOf("\n", at + 1)) breaks += 1;
  }
  return endLine - breaks;
}

const encoder = new TextEncoder();

/** Feeds text chunks through the parser with backpressure; stops early once `stop()` says so. */
async function pump(chunks: AsyncIterable<string>, stream: TransformStream, stop: () => boolean): Promise<void> {
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  // Records are consumed in on_record, so the readable side carries nothing; it must still be read to close.
  const drained = (async () => {
    while (!(await reader.read()).done);
  })();
  drained.catch(() => undefined); // its error is the writer's error, reported below
  for await (const chunk of chunks) {
    if (stop()) break;
    await writer.write(encoder.encode(chunk));
  }
  await writer.close();
  await drained;
}

const errorLine = (error: unknown): number =>
  typeof error === "object" && error !== null && "lines" in error && typeof error.lines === "number"
    ? error.lines
    : 0;

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

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
  const record: MappedRecord<readonly string[]> = {
    line: 0,
    sku: undefined,
    quantity: undefined,
    cost: undefined,
    restockDate: undefined,
    source: [],
    problem: undefined,
  };
  const warnings: string[] = [];
  let columns: ColumnIndex | undefined;
  let width = 0;
  let fatal: string | undefined;

  const onRecord = (fields: string[], context: CastingContext): null => {
    // Lines of bare delimiters (";;;") are blank lines too.
    if (fatal !== undefined || isBlankRecord(fields)) return null;
    if (columns === undefined) {
      const located = locateColumns(fields, options.mapping);
      if (located.missing.length > 0) fatal = missingColumnsMessage(located.missing, fields);
      for (const name of located.missingOptional) {
        warnings.push(`The mapped column "${name}" is not in the feed; its values are left empty.`);
      }
      columns = located.index;
      width = fields.length;
      return null;
    }
    mapFields(record, fields, startLine(fields, context.lines), columns, width);
    collector.add(record);
    return null;
  };

  // `on_skip` is supported by csv-parse 5 but missing from its type definitions.
  const parserOptions: Options & { on_skip: (error: unknown, raw?: string) => void } = {
    delimiter,
    // Exports stitched together from several systems mix line endings; accept all three.
    record_delimiter: ["\r\n", "\n", "\r"],
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: onRecord,
    on_skip: (error: unknown, raw?: string) =>
      collector.malformed(errorLine(error), raw ?? "", `the row could not be read: ${errorMessage(error)}`),
  };
  try {
    await pump(feed.chunks, parse(parserOptions), () => fatal !== undefined);
  } catch (error) {
    return fatalResult(`The CSV could not be read at line ${errorLine(error)}: ${errorMessage(error)}`, settled);
  }
  if (fatal !== undefined) return fatalResult(fatal, settled);
  if (columns === undefined) return fatalResult("The feed is empty: it has no header and no rows.", settled);
  if (collector.rowsRead === 0) return fatalResult("The feed has a header but no stock rows.", settled);
  return collector.result({ ...settled, warnings });
}
