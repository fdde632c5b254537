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

/**
 * Carrier holidays of single destination countries, one country a line: "FR: 2026-07-14, 2026-08-15".
 * They count only for parcels to that country, on top of the dates for every destination.
 */
export const CountryCarrierHolidaysForm = z.object({
  carrierHolidaysByCountry: z
    .string()
    .max(50_000, "That is more dates than a calendar needs")
    .optional()
    .default("")
    .transform((text, ctx) => {
      const byCountry: Record<string, string[]> = {};
      for (const [index, raw] of text.split(/\r?\n/).entries()) {
        const line = raw.trim();
        if (line === "") continue;
        const m = /^([A-Za-z]{2})\s*:\s*(.*)$/.exec(line);
        if (!m) {
          ctx.addIssue({ code: "custom", message: `Line ${index + 1}: start with a country code, e.g. "FR: 2026-07-14"` });
          return z.NEVER;
        }
        const dates = m[2]!.split(/[\s,;]+/).filter((d) => d.length > 0);
        const bad = dates.filter((d) => !isIsoDate(d));
        if (bad.length > 0) {
          ctx.addIssue({ code: "custom", message: `Line ${index + 1}: not a date (use YYYY-MM-DD): ${bad.slice(0, 3).join(", ")}` });
          return z.NEVER;
        }
        const country = m[1]!.toUpperCase();
        byCountry[country] = [...new Set([...(byCountry[country] ?? []), ...dates])].sort();
        if (byCountry[country]!.length > 366) {
          ctx.addIssue({ code: "custom", message: `${country}: list at most 366 dates` });
          return z.NEVER;
        }
      }
      return byCountry;
    }),
});

/** Parses the per-country field; the error is a sentence for the field. */
export function parseCountryCarrierHolidaysForm(values: unknown): Result<Record<string, string[]>> {
  const parsed = CountryCarrierHolidaysForm.safeParse(values);
  if (parsed.success) return ok(parsed.data.carrierHolidaysByCountry);
  return fail(failure(parsed.error.issues[0]?.message ?? "Check the dates"));
}

/** The per-country dates as the field shows them. */
export function formatCountryCarrierHolidays(byCountry: Readonly<Record<string, readonly string[]>>): string {
  return Object.entries(byCountry)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([country, dates]) => `${country}: ${dates.join(", ")}`)
    .join("\n");
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
