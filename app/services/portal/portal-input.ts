/**
 * What a supplier may send from the portal form or the supplier API, one zod schema per action,
 * shared by both. Messages are written for the supplier: they say what to fix.
 */
import { z } from "zod";
import { REJECTION_REASONS } from "~/shopify/fulfillment-requests";

const RequestId = z
  .string({ error: "Each request needs a requestId (any unique string, e.g. a UUID) so a replay can be refused." })
  .trim()
  .min(8, "The requestId must be at least 8 characters (use a UUID).")
  .max(100, "The requestId must be at most 100 characters.");

/** "2026-02-30" parses in JavaScript (as 2 March); a real calendar day survives the round trip. */
function realDay(date: string): boolean {
  const at = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === date;
}

const ShipDate = z
  .string({ error: "Enter the date you commit to ship by (YYYY-MM-DD)." })
  .trim()
  .refine((v) => /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(v) && realDay(v.slice(0, 10)), {
    message: "The ship date must be a date like 2026-12-01 (or a full ISO 8601 time with a zone).",
  });

export const AcceptInput = z.object({
  requestId: RequestId,
  shipDate: ShipDate,
  message: z.string().trim().max(500).optional(),
});

const LineRejection = z.object({
  lineId: z.string().trim().min(1),
  reason: z.string().trim().min(3, "Say why this line cannot be shipped (at least 3 characters).").max(300),
});

export const RejectInput = z.object({
  requestId: RequestId,
  reason: z.enum(REJECTION_REASONS, { error: `Choose a rejection reason: ${REJECTION_REASONS.join(", ")}.` }),
  message: z.string({ error: "Say why you cannot ship this order." }).trim().min(3, "Say why you cannot ship this order (at least 3 characters).").max(500),
  lines: z.array(LineRejection).max(50).default([]),
});

export const CancellationInput = z.object({
  requestId: RequestId,
  decision: z.enum(["accept", "reject"], { error: "Decide: accept or reject the cancellation." }),
  message: z.string().trim().max(500).optional(),
});

export const StockoutInput = z.object({
  requestId: RequestId,
  message: z.string().trim().min(3, "Say which items are out of stock (at least 3 characters).").max(500),
});

export type AcceptInput = z.infer<typeof AcceptInput>;
export type RejectInput = z.infer<typeof RejectInput>;
export type CancellationInput = z.infer<typeof CancellationInput>;
export type StockoutInput = z.infer<typeof StockoutInput>;

/** The first problem of a failed parse, in words. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? issue.message : "The request is not valid.";
}

/** The instant a committed ship date stands for; Shopify takes an instant, so a bare date is midnight UTC. */
export function shipInstant(value: string): Date {
  return new Date(/T/.test(value) ? value : `${value}T00:00:00Z`);
}

/** Null when the commitment can be kept; else why not. A date is compared by day, so today is fine. */
export function shipDateProblem(value: string, now: Date): string | null {
  const at = shipInstant(value);
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const floor = /T/.test(value) ? now : today;
  if (at.getTime() < floor.getTime()) return `The ship date ${value} is in the past; commit to today or a later date.`;
  if (at.getTime() > now.getTime() + 366 * 86_400_000) return `The ship date ${value} is more than a year away; check the year.`;
  return null;
}

/** Form fields (portal) to the shape the schemas read: `lines.N.lineId` / `lines.N.reason`. */
export function formToInput(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const lines = new Map<number, Record<string, string>>();
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string") continue;
    const m = /^lines\.(\d+)\.(lineId|reason)$/.exec(key);
    if (m) {
      const row = lines.get(Number(m[1])) ?? {};
      row[m[2] as string] = value;
      lines.set(Number(m[1]), row);
    } else out[key] = value;
  }
  // A line left without a reason in the form was not rejected; only filled rows count.
  out.lines = [...lines.values()].filter((row) => row.reason && row.reason.trim() !== "");
  return out;
}
