/**
 * A helpdesk's "where is my order" contacts as CSV, parsed without I/O. Columns (header names are
 * matched loosely: case, spaces and dashes do not matter): order (name "#1001" or number "1001"),
 * contacted_at (ISO 8601 with a zone, or a date = midnight UTC), channel (email, chat, phone,
 * social, other), ticket_id (optional). Every problem names its line of the file.
 */
import { parse } from "csv-parse/sync";

export const MAX_WISMO_ROWS = 5000;
export const WISMO_CHANNELS = ["email", "chat", "phone", "social", "other"] as const;
export type WismoChannel = (typeof WISMO_CHANNELS)[number];

export interface WismoCsvRow {
  /** The line of the file (the header is line 1). */
  readonly line: number;
  /** The order's name as Shopify shows it ("#1001"). */
  readonly orderName: string;
  readonly contactedAtMs: number;
  readonly channel: WismoChannel;
  readonly ticketId: string | null;
}

export interface WismoCsvProblem {
  readonly line: number;
  readonly problem: string;
}

const ALIASES: Record<string, readonly string[]> = {
  order: ["order", "order_name", "order_number", "order_no", "order_id"],
  contactedAt: ["contacted_at", "contacted", "created_at", "date"],
  channel: ["channel", "via", "source"],
  ticketId: ["ticket_id", "ticket", "id"],
};

const column = (row: Record<string, string>, field: keyof typeof ALIASES): string => {
  for (const name of ALIASES[field]!) if (row[name] !== undefined && row[name] !== "") return row[name]!;
  return "";
};

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** An instant from an ISO 8601 cell; a time without a zone is refused (it would be read in the server's zone). */
function instantOf(cell: string): number | null {
  if (DATE_ONLY.test(cell)) return Date.parse(`${cell}T00:00:00Z`);
  if (!WITH_ZONE.test(cell)) return null;
  const ms = Date.parse(cell.replace(" ", "T"));
  return Number.isNaN(ms) ? null : ms;
}

function rowOf(row: Record<string, string>, line: number, nowMs: number): WismoCsvRow | WismoCsvProblem {
  const order = column(row, "order");
  if (!order) return { line, problem: "The order is missing (column order)." };
  const orderName = /^\d+$/.test(order) ? `#${order}` : order;
  const contacted = column(row, "contactedAt");
  const contactedAtMs = instantOf(contacted);
  if (contactedAtMs === null) return { line, problem: `"${contacted}" is not a date and time with a zone, e.g. 2026-11-30T14:05:00Z.` };
  if (contactedAtMs > nowMs) return { line, problem: `${contacted} is in the future.` };
  const channel = column(row, "channel").toLowerCase() || "other";
  if (!(WISMO_CHANNELS as readonly string[]).includes(channel)) return { line, problem: `Unknown channel "${channel}": use ${WISMO_CHANNELS.join(", ")}.` };
  return { line, orderName, contactedAtMs, channel: channel as WismoChannel, ticketId: column(row, "ticketId") || null };
}

/** The file's contacts and its problems; repeated ticket ids within the file are kept once. */
export function parseWismoCsv(text: string, nowMs: number): { rows: WismoCsvRow[]; problems: WismoCsvProblem[]; repeated: number } | { error: string } {
  let records: Record<string, string>[];
  try {
    records = parse(text, {
      columns: (header: string[]) =>
        header.map((c) =>
          c
            .trim()
            .toLowerCase()
            .replace(/[\s-]+/g, "_"),
        ),
      skip_empty_lines: true,
      trim: true,
      bom: true,
    }) as Record<string, string>[];
  } catch (error) {
    return { error: `Not a readable CSV file: ${(error as Error).message}` };
  }
  if (records.length === 0) return { error: "The file has no contacts." };
  if (records.length > MAX_WISMO_ROWS) return { error: `At most ${MAX_WISMO_ROWS} rows per file.` };
  const rows: WismoCsvRow[] = [];
  const problems: WismoCsvProblem[] = [];
  const tickets = new Set<string>();
  let repeated = 0;
  records.forEach((record, i) => {
    const parsed = rowOf(record, i + 2, nowMs);
    if ("problem" in parsed) return void problems.push(parsed);
    if (parsed.ticketId !== null) {
      if (tickets.has(parsed.ticketId)) return void repeated++;
      tickets.add(parsed.ticketId);
    }
    rows.push(parsed);
  });
  return { rows, problems, repeated };
}
