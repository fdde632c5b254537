/**
 * Offers CSV: parsing, the per-row report and the all-or-nothing decision. No I/O here: suppliers
 * and SKUs are resolved through functions passed in, so the rules are tested without a database.
 * Columns: supplier, sku, supplier_sku, unit_cost, stock_on_hand (header names ignore case).
 */
import { parse } from "csv-parse/sync";
import { csvDocument, restoreCell } from "~/domain/csv-safe";
import { fromMinorUnits, toMinorUnits } from "~/domain/money";

export const OFFER_CSV_COLUMNS = ["supplier", "sku", "supplier_sku", "unit_cost", "stock_on_hand"] as const;
type Column = (typeof OFFER_CSV_COLUMNS)[number];

/** Rows per file; larger catalogues go in several files (one transaction each). */
export const MAX_CSV_ROWS = 5000;

export interface OfferRowReport {
  /** Line in the file (the header is line 1). */
  readonly line: number;
  readonly supplier: string;
  readonly sku: string;
  readonly supplierSku: string;
  readonly unitCost: string;
  readonly stockOnHand: string;
  /** The optional `title` column: the supplier's name for the item (helps mapping suggestions). */
  readonly title?: string;
  readonly problems: string[];
}

/** A row that passed every check, resolved to ids and storage units. */
export interface ValidOfferRow {
  readonly line: number;
  readonly supplierId: string;
  readonly variantId: string;
  readonly sku: string;
  readonly supplierSku: string;
  readonly unitCostMinor: number;
  readonly stockOnHand: number;
}

/** A row that is fine but for its SKU, which no variant carries: kept for mapping suggestions. */
export interface UnmatchedCsvRow {
  readonly supplierId: string;
  readonly supplierSku: string;
  readonly sku: string;
  readonly title: string | null;
  readonly unitCostMinor: number;
  readonly stockOnHand: number;
}

export interface CheckedOffersCsv {
  /** Set when the file as a whole cannot be read (no row is looked at then). */
  readonly fileError: string | null;
  readonly rows: OfferRowReport[];
  readonly valid: ValidOfferRow[];
  readonly unmatched: UnmatchedCsvRow[];
}

export interface OfferResolvers {
  /** Supplier ids by lower-cased name, for the names given. */
  suppliersByName(names: readonly string[]): Promise<Map<string, string>>;
  /** Variant GIDs carrying each SKU (exact SKU, ignoring case); [] = unknown, >1 = ambiguous. */
  variantsBySku(skus: readonly string[]): Promise<Map<string, readonly { id: string; sku: string }[]>>;
}

export type ImportMode = "all_or_nothing" | "apply_valid";

const fileFailure = (fileError: string): CheckedOffersCsv => ({ fileError, rows: [], valid: [], unmatched: [] });

function readRecords(text: string): { header: string[]; records: { record: Record<string, string>; line: number }[] } {
  let header: string[] = [];
  const parsed = parse(text, {
    bom: true,
    columns: (names: string[]) => (header = names.map((n) => n.trim().toLowerCase())),
    skip_empty_lines: true,
    trim: true,
    relax_column_count: true,
    info: true,
  }) as { record: Record<string, string>; info: { lines: number } }[];
  return { header, records: parsed.map((p) => ({ record: p.record, line: p.info.lines })) };
}

function checkNumbers(row: OfferRowReport): { unitCostMinor: number; stock: number } | null {
  const problems = row.problems;
  if (row.unitCost.startsWith("-")) problems.push(`unit_cost "${row.unitCost}" is negative`);
  else if (!/^\d+(\.\d{1,2})?$/.test(row.unitCost)) problems.push(`unit_cost "${row.unitCost}" is not an amount such as 12.50`);
  if (row.stockOnHand.startsWith("-")) problems.push(`stock_on_hand "${row.stockOnHand}" is negative`);
  else if (/^\d+\.\d*$/.test(row.stockOnHand)) problems.push(`stock_on_hand "${row.stockOnHand}" must be a whole number`);
  else if (!/^\d+$/.test(row.stockOnHand)) problems.push(`stock_on_hand "${row.stockOnHand}" is not a number`);
  if (problems.length > 0) return null;
  const stock = Number(row.stockOnHand);
  if (!Number.isSafeInteger(stock)) {
    problems.push(`stock_on_hand "${row.stockOnHand}" is too large`);
    return null;
  }
  return { unitCostMinor: toMinorUnits(row.unitCost), stock };
}

function markDuplicates(rows: readonly OfferRowReport[]): void {
  const byKey = new Map<string, OfferRowReport[]>();
  for (const row of rows) {
    if (!row.supplier || !row.sku) continue;
    const key = `${row.supplier.toLowerCase()}\u0000${row.sku.toLowerCase()}`;
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    const lines = group.map((r) => r.line).join(", ");
    // Every copy is flagged: which one the merchant meant is theirs to say.
    for (const row of group) row.problems.push(`Duplicate row: ${row.supplier} / ${row.sku} appears on lines ${lines}`);
  }
}

/** Reads the file and checks each row on its own (values, duplicates); no lookups yet. */
export function parseOffersCsv(text: string): { fileError: string | null; rows: OfferRowReport[] } {
  let read: ReturnType<typeof readRecords>;
  try {
    read = readRecords(text);
  } catch (error) {
    return { fileError: `The file is not valid CSV: ${(error as Error).message}`, rows: [] };
  }
  const missing = OFFER_CSV_COLUMNS.filter((c) => !read.header.includes(c));
  if (read.header.length === 0) return { fileError: "The file is empty.", rows: [] };
  if (missing.length > 0) {
    return { fileError: `Missing column(s): ${missing.join(", ")}. The header must be: ${OFFER_CSV_COLUMNS.join(", ")}.`, rows: [] };
  }
  if (read.records.length > MAX_CSV_ROWS)
    return { fileError: `The file has ${read.records.length} rows; split it into files of at most ${MAX_CSV_ROWS}.`, rows: [] };
  const rows = read.records.map(({ record, line }) => {
    // An edited export comes back with its neutralised cells ('=…): read them as they were.
    const cell = (c: Column) => restoreCell(record[c] ?? "");
    const row: OfferRowReport = {
      line,
      supplier: cell("supplier"),
      sku: cell("sku"),
      supplierSku: cell("supplier_sku"),
      unitCost: cell("unit_cost"),
      stockOnHand: cell("stock_on_hand"),
      ...(record["title"] !== undefined ? { title: restoreCell(record["title"]) } : {}),
      problems: [],
    };
    for (const c of OFFER_CSV_COLUMNS) if (cell(c) === "") row.problems.push(`${c} is empty`);
    return row;
  });
  markDuplicates(rows);
  return { fileError: null, rows };
}

/** The full per-row report: values, duplicates, unknown suppliers and unknown or ambiguous SKUs. */
export async function checkOffersCsv(text: string, resolve: OfferResolvers): Promise<CheckedOffersCsv> {
  const parsed = parseOffersCsv(text);
  if (parsed.fileError) return fileFailure(parsed.fileError);
  const rows = parsed.rows;
  const suppliers = await resolve.suppliersByName([...new Set(rows.map((r) => r.supplier).filter(Boolean))]);
  const variants = await resolve.variantsBySku([...new Set(rows.map((r) => r.sku).filter(Boolean))]);
  const valid: ValidOfferRow[] = [];
  const unmatched: UnmatchedCsvRow[] = [];
  for (const row of rows) {
    const numbers = row.unitCost && row.stockOnHand ? checkNumbers(row) : null;
    const supplierId = row.supplier ? suppliers.get(row.supplier.toLowerCase()) : undefined;
    if (row.supplier && !supplierId) row.problems.push(`Unknown supplier "${row.supplier}"`);
    const matches = row.sku ? (variants.get(row.sku) ?? []) : [];
    if (row.sku && matches.length === 0) row.problems.push(`Unknown SKU "${row.sku}": no product variant in Shopify has it`);
    if (matches.length > 1) row.problems.push(`SKU "${row.sku}" is on ${matches.length} variants in Shopify; make it unique first`);
    const variant = matches[0];
    if (row.problems.length === 1 && row.sku && matches.length === 0 && numbers && supplierId && row.supplierSku) {
      unmatched.push({
        supplierId,
        supplierSku: row.supplierSku,
        sku: row.sku,
        title: row.title || null,
        unitCostMinor: numbers.unitCostMinor,
        stockOnHand: numbers.stock,
      });
    }
    if (row.problems.length === 0 && numbers && supplierId && variant) {
      // Shopify's spelling of the SKU, so offers match order lines whatever case the file used.
      valid.push({
        line: row.line,
        supplierId,
        variantId: variant.id,
        sku: variant.sku,
        supplierSku: row.supplierSku,
        unitCostMinor: numbers.unitCostMinor,
        stockOnHand: numbers.stock,
      });
    }
  }
  return { fileError: null, rows, valid, unmatched };
}

/** What to write: a file with any bad row changes nothing unless the merchant chose to apply the valid rows. */
export function rowsToApply(checked: CheckedOffersCsv, mode: ImportMode): ValidOfferRow[] {
  if (checked.fileError) return [];
  const clean = checked.valid.length === checked.rows.length;
  return clean || mode === "apply_valid" ? checked.valid : [];
}

export interface OfferExportRow {
  readonly supplier: string;
  readonly sku: string;
  readonly supplierSku: string;
  readonly unitCostMinor: number;
  readonly stockOnHand: number;
}

/** The same columns the import reads, so an export can be edited and imported back. */
export function offersToCsv(rows: readonly OfferExportRow[]): string {
  return csvDocument([OFFER_CSV_COLUMNS, ...rows.map((r) => [r.supplier, r.sku, r.supplierSku, fromMinorUnits(r.unitCostMinor), r.stockOnHand])]);
}
