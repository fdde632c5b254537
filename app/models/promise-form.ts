/** The carrier-holidays form of the promise page (client and server share this schema). */
import { fail, failure, ok, type Result } from "~/domain/result";
import { z } from "zod";
import { isIsoDate } from "~/domain/promise";

/** Dates separated by commas, spaces or new lines, e.g. "2026-12-25, 2027-01-01". */
export const CarrierHolidaysForm = z.object({
  carrierHolidays: z
    .string()
    .max(20_000, "That is more dates than a calendar needs")
    .transform((text) => text.split(/[\s,;]+/).filter((d) => d.length > 0))
    .superRefine((dates, ctx) => {
      const bad = dates.filter((d) => !isIsoDate(d));
      if (bad.length > 0) ctx.addIssue({ code: "custom", message: `Not a date (use YYYY-MM-DD): ${bad.slice(0, 3).join(", ")}` });
      if (dates.length > 366) ctx.addIssue({ code: "custom", message: "List at most 366 dates" });
    })
    .transform((dates) => [...new Set(dates)].sort()),
});

export type CarrierHolidaysResult = Result<string[]>;

/** Parses the submitted form; the error is a sentence for the field. */
export function parseCarrierHolidaysForm(values: unknown): CarrierHolidaysResult {
  const parsed = CarrierHolidaysForm.safeParse(values);
  if (parsed.success) return ok(parsed.data.carrierHolidays);
  return fail(failure(parsed.error.issues[0]?.message ?? "Check the dates"));
}

/** The confidences a merchant can choose, in percent (share of deliveries inside the window). */
export const CONFIDENCE_OPTIONS = [90, 95, 97, 99] as const;
export type ConfidencePercent = (typeof CONFIDENCE_OPTIONS)[number];

export const ConfidenceForm = z.object({
  confidence: z.coerce
    .number()
    .int()
    .refine((n): n is ConfidencePercent => (CONFIDENCE_OPTIONS as readonly number[]).includes(n), "Choose 90, 95, 97 or 99 %"),
});

/** Parses the confidence form; the error is a sentence for the field. */
export function parseConfidenceForm(values: unknown): Result<ConfidencePercent> {
  const parsed = ConfidenceForm.safeParse(values);
  if (parsed.success) return ok(parsed.data.confidence as ConfidencePercent);
  return fail(failure("Choose 90, 95, 97 or 99 %"));
}
