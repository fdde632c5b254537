/**
 * CSV intake, parsed without I/O: tracking uploads (many orders at once) and carrier event
 * imports. Rows that belong together (same order, supplier and tracking numbers) become one
 * shipment; every row keeps its line number so the report speaks about the file.
 */
import { parse } from "csv-parse/sync";
import { parseTrackingEvent, type TrackingEvent } from "./event";

export const MAX_CSV_ROWS = 2000;

/** One shipment assembled from one or more rows. */
export interface CsvShipment {
  readonly rows: number[];
  readonly order: string;
  readonly supplier: string;
  readonly trackingNumbers: string[];
  readonly carrier: string | null;
  readonly url: string | null;
  /** Empty = everything the supplier still has to ship on the order. */
  readonly lines: { sku: string; quantity: number }[];
}

export interface CsvRowProblem {
  readonly row: number;
  readonly problem: string;
}

type Row = Record<string, string>;

function readRows(text: string): { rows: Row[] } | { error: string } {
  try {
    const rows = parse(text, {
      columns: (h: string[]) =>
        h.map((c) =>
          c
            .trim()
            .toLowerCase()
            .replace(/[\s-]+/g, "_"),
        ),
      skip_empty_lines: true,
      trim: true,
      bom: true,
    }) as Row[];
    if (rows.length > MAX_CSV_ROWS) return { error: `At most ${MAX_CSV_ROWS} rows per file.` };
    return { rows };
  } catch (error) {
    return { error: `Not a readable CSV file: ${(error as Error).message}` };
  }
}

const splitNumbers = (cell: string): string[] => cell.split(/[\s;|,]+/).filter(Boolean);

/** Columns: order, supplier, tracking_number(s), carrier, url, sku, quantity. */
export function parseTrackingCsv(text: string): { shipments: CsvShipment[]; problems: CsvRowProblem[] } | { error: string } {
  const read = readRows(text);
  if ("error" in read) return read;
  const groups = new Map<string, CsvShipment>();
  const problems: CsvRowProblem[] = [];
  read.rows.forEach((r, i) => {
    const row = i + 2; // the header is line 1
    const numbers = splitNumbers(r.tracking_numbers ?? r.tracking_number ?? "");
    const quantity = r.quantity ? Number(r.quantity) : 1;
    if (!r.order) return problems.push({ row, problem: "The order column is empty." });
    if (!r.supplier) return problems.push({ row, problem: "The supplier column is empty." });
    if (numbers.length === 0) return problems.push({ row, problem: "No tracking number." });
    if (r.sku && (!Number.isInteger(quantity) || quantity < 1)) return problems.push({ row, problem: `Quantity "${r.quantity}" is not a whole number ≥ 1.` });
    const key = JSON.stringify([r.order, r.supplier, [...numbers].sort()]);
    const group = groups.get(key) ?? {
      rows: [],
      order: r.order,
      supplier: r.supplier,
      trackingNumbers: numbers,
      carrier: r.carrier || null,
      url: r.url || null,
      lines: [],
    };
    group.rows.push(row);
    if (r.sku) group.lines.push({ sku: r.sku, quantity });
    groups.set(key, group);
  });
  return { shipments: [...groups.values()], problems };
}

/** Columns: tracking_number, carrier, status, description, happened_at, estimated_delivery_at, event_id. */
export function parseCarrierEventsCsv(text: string): { events: { row: number; event: TrackingEvent }[]; problems: CsvRowProblem[] } | { error: string } {
  const read = readRows(text);
  if ("error" in read) return read;
  const events: { row: number; event: TrackingEvent }[] = [];
  const problems: CsvRowProblem[] = [];
  read.rows.forEach((r, i) => {
    const parsed = parseTrackingEvent({
      trackingNumber: r.tracking_number,
      status: r.status,
      happenedAt: r.happened_at,
      ...(r.carrier ? { carrier: r.carrier } : {}),
      ...(r.description ? { description: r.description } : {}),
      ...(r.estimated_delivery_at ? { estimatedDeliveryAt: r.estimated_delivery_at } : {}),
      ...(r.event_id ? { eventId: r.event_id } : {}),
    });
    if (parsed.ok) events.push({ row: i + 2, event: parsed.value });
    else problems.push({ row: i + 2, problem: parsed.failure.message });
  });
  return { events, problems };
}
