/**
 * The customers/data_request export (issue 16, finding 5): everything Dropline holds about one
 * customer, as JSON (the record) and as CSV (one row per field, for a spreadsheet).
 */
import { csvDocument, type CsvValue } from "../csv-safe";

export const EXPORT_FORMAT = "dropline-customer-export/1";

export type ExportValue = string | number | boolean | null | readonly ExportValue[] | { readonly [key: string]: ExportValue };
export type ExportRecord = { readonly [key: string]: ExportValue };

/** The sections of the export, each a list of records (plain JSON values). */
export interface CustomerExport {
  readonly format: typeof EXPORT_FORMAT;
  readonly shop: string;
  readonly generatedAt: string;
  readonly customer: { readonly id: string; readonly email: string | null; readonly phone: string | null };
  /** Who received the customer's data from Dropline (suppliers, by name), for the answer to the customer. */
  readonly recipients: readonly string[];
  readonly sections: { readonly [section: string]: readonly ExportRecord[] };
}

/** Flattens a value into [path, text] pairs: "shipTo.city" → "Seattle", "lines.0.sku" → "MUG". */
function flatten(value: ExportValue, path: string, out: [string, CsvValue][]): void {
  if (value === null || typeof value !== "object") {
    out.push([path, value === null ? "" : typeof value === "boolean" ? String(value) : value]);
    return;
  }
  const entries: [string, ExportValue][] = Array.isArray(value)
    ? (value as readonly ExportValue[]).map((v, i) => [String(i), v])
    : Object.entries(value as { readonly [key: string]: ExportValue });
  if (entries.length === 0) out.push([path, ""]);
  for (const [key, v] of entries) flatten(v, path ? `${path}.${key}` : key, out);
}

/** The export as CSV: section, record number, field, value (formula-safe cells). */
export function customerExportCsv(data: CustomerExport): string {
  const rows: CsvValue[][] = [["section", "record", "field", "value"]];
  rows.push(["customer", 1, "id", data.customer.id], ["customer", 1, "email", data.customer.email], ["customer", 1, "phone", data.customer.phone]);
  data.recipients.forEach((name, i) => rows.push(["recipients", i + 1, "supplier", name]));
  for (const [section, records] of Object.entries(data.sections)) {
    records.forEach((record, i) => {
      const pairs: [string, CsvValue][] = [];
      flatten(record, "", pairs);
      for (const [field, value] of pairs) rows.push([section, i + 1, field, value]);
    });
  }
  return csvDocument(rows);
}
