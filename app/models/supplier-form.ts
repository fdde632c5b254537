/**
 * The supplier form: one zod schema, used by the browser (before submitting) and by the action
 * (before touching Shopify or the database), so both show the same field errors.
 * Values arrive as strings (form fields); the parsed result is the supplier in storage units.
 */
import { fail, formFailure, type FormFailure, type Result } from "~/domain/result";
import { z } from "zod";
import { fromMinorUnits, toMinorUnits } from "~/domain/money";
import { isIsoDate } from "~/domain/promise/dates";
import { isValidTimeZone } from "~/domain/promise/time-zone";
import { isShopifyCountryCode } from "~/domain/country-codes";
import { SERVICE_TIERS, tierHandlingMismatch, type ServiceTier } from "~/domain/service-tier";

export { SERVICE_TIERS };

/** ISO weekdays (1 = Monday … 7 = Sunday) with their labels, in calendar order. */
export const WEEKDAYS = [
  { value: "1", label: "Monday" },
  { value: "2", label: "Tuesday" },
  { value: "3", label: "Wednesday" },
  { value: "4", label: "Thursday" },
  { value: "5", label: "Friday" },
  { value: "6", label: "Saturday" },
  { value: "7", label: "Sunday" },
] as const;

export const SERVICE_TIER_LABELS: Record<ServiceTier, string> = {
  same_day: "Same day",
  next_day: "Next day",
  "48_hour": "48 hours",
  special_order: "Special order",
};

/** Field name → first error message; "" holds form-level errors. Paths are dotted: coverage.0.transitMax. */
export type FormErrors = Record<string, string>;

export interface CoverageRowValues {
  countryCode: string;
  provinceCode: string;
  transitMin: string;
  transitMax: string;
  shippingCost: string;
}

/** What the form fields hold (all strings, as typed). */
export interface SupplierFormValues {
  name: string;
  contactEmail: string;
  timeZone: string;
  cutoff: string;
  holidays: string;
  /** ISO weekdays ticked, as strings ("1" … "7"). */
  workingDays: string[];
  serviceTier: string;
  handlingMinDays: string;
  handlingMaxDays: string;
  dropshipFee: string;
  feedCadenceMinutes: string;
  coverage: CoverageRowValues[];
}

const text = (label: string, max = 200) =>
  z
    .string()
    .trim()
    .min(1, { error: `${label} is required` })
    .max(max, { error: `${label} must be at most ${max} characters` });

/** A whole number typed into a field ("3"), within bounds. */
const wholeNumber = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, { error: `${label} must be a whole number (${min} or more)` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: `${label} must be between ${min} and ${max}` });

/** A non-negative amount typed as a decimal string ("4.50"), stored in minor units. */
const money = (label: string) =>
  z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      if (value.startsWith("-")) ctx.addIssue({ code: "custom", message: `${label} can't be negative` });
      else if (!/^\d+(\.\d{1,2})?$/.test(value)) ctx.addIssue({ code: "custom", message: `${label} must be an amount such as 4.50` });
    })
    .transform((value) => toMinorUnits(value));

const countryCode = z
  .string()
  .trim()
  .regex(/^[A-Z]{2}$/, { error: "Use the two-letter country code in capitals, e.g. US" })
  .refine(isShopifyCountryCode, { error: "Not a country code Shopify knows" });

const provinceCode = z
  .string()
  .trim()
  .regex(/^([A-Z0-9]{1,3})?$/, { error: "Use the province code in capitals, e.g. CA, or leave it empty" })
  .transform((v) => (v === "" ? undefined : v));

const CoverageRowSchema = z
  .object({
    countryCode,
    provinceCode,
    transitMin: wholeNumber("Transit min", 0, 60),
    transitMax: wholeNumber("Transit max", 0, 60),
    shippingCost: money("Shipping cost"),
  })
  .superRefine((row, ctx) => {
    if (typeof row.transitMin === "number" && typeof row.transitMax === "number" && row.transitMin > row.transitMax) {
      ctx.addIssue({ code: "custom", path: ["transitMax"], message: "Transit max must be at least transit min" });
    }
  })
  .transform(({ shippingCost, provinceCode: province, ...row }) => ({
    ...row,
    ...(province ? { provinceCode: province } : {}),
    shippingCostMinor: shippingCost,
  }));

const holidays = z
  .string()
  .transform((raw) => raw.split(/[\s,;]+/).filter((d) => d !== ""))
  .superRefine((dates, ctx) => {
    const bad = dates.find((d) => !isIsoDate(d));
    if (bad) ctx.addIssue({ code: "custom", message: `"${bad}" is not a date; write holidays as YYYY-MM-DD` });
  })
  .transform((dates) => [...new Set(dates)].sort());

const workingDays = z
  .array(z.string(), { error: "Choose the days the supplier ships" })
  // Only code leaves it out (a posted form always sends the ticked boxes, maybe none): Monday–Friday.
  .default(["1", "2", "3", "4", "5"])
  .superRefine((days, ctx) => {
    const bad = days.find((d) => !/^[1-7]$/.test(d));
    if (bad !== undefined) ctx.addIssue({ code: "custom", message: `"${bad}" is not a weekday` });
    else if (days.length === 0) ctx.addIssue({ code: "custom", message: "Choose at least one day the supplier ships" });
  })
  .transform((days) => [...new Set(days.map(Number))].sort((a, b) => a - b));

const regionKey = (row: { countryCode: string; provinceCode?: string }) => `${row.countryCode}/${row.provinceCode ?? ""}`;

export const SupplierFormSchema = z
  .object({
    name: text("Name", 100),
    contactEmail: z
      .string()
      .trim()
      .pipe(z.email({ error: "Enter the supplier's email address, e.g. orders@supplier.com" })),
    timeZone: z.string().trim().refine(isValidTimeZone, { error: "Choose a time zone such as Europe/Paris" }),
    cutoff: z
      .string()
      .trim()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "Cut-off must be a 24-hour time such as 14:00" }),
    holidays,
    workingDays,
    serviceTier: z.enum(SERVICE_TIERS, { error: "Choose a service tier" }),
    handlingMinDays: wholeNumber("Handling min", 0, 60),
    handlingMaxDays: wholeNumber("Handling max", 0, 60),
    dropshipFee: money("Dropship fee"),
    feedCadenceMinutes: wholeNumber("Stock update interval", 5, 43_200),
    coverage: z.array(CoverageRowSchema).min(1, { error: "Add at least one region the supplier ships to" }),
  })
  .superRefine((v, ctx) => {
    if (typeof v.handlingMinDays === "number" && typeof v.handlingMaxDays === "number" && v.handlingMinDays > v.handlingMaxDays) {
      ctx.addIssue({ code: "custom", path: ["handlingMaxDays"], message: "Handling max must be at least handling min" });
    }
    const seen = new Set<string>();
    (Array.isArray(v.coverage) ? v.coverage : []).forEach((row, i) => {
      if (typeof row !== "object" || row === null || typeof row.countryCode !== "string") return;
      const key = regionKey(row);
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["coverage", i, "countryCode"], message: "This region is already listed" });
      seen.add(key);
    });
  })
  .transform(({ dropshipFee, ...v }) => ({ ...v, dropshipFeeMinor: dropshipFee }));

/** A supplier as the form produces it: storage units, ready to save. */
export type SupplierInput = z.output<typeof SupplierFormSchema>;
export type CoverageRow = SupplierInput["coverage"][number];

export type SupplierFormResult = Result<SupplierInput, FormFailure>;

/** Validates form values; errors are keyed by dotted field path (first message per field). */
export function parseSupplierForm(values: unknown): SupplierFormResult {
  const parsed = SupplierFormSchema.safeParse(values);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: FormErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join(".");
    errors[key] ??= issue.message;
  }
  return fail(formFailure(errors));
}

const COVERAGE_FIELDS = ["countryCode", "provinceCode", "transitMin", "transitMax", "shippingCost"] as const;

/** Marks a form that showed the working-day boxes, so none ticked means none (not "never asked"). */
export const WORKING_DAYS_SHOWN = "workingDaysShown";

// A form without the boxes (a script, an older page) keeps the default days rather than none.
function workingDaysOf(form: FormData): string[] {
  const ticked = form.getAll("workingDays").filter((d): d is string => typeof d === "string");
  return ticked.length > 0 || form.has(WORKING_DAYS_SHOWN) ? ticked : ["1", "2", "3", "4", "5"];
}

/** Reads the form's fields; coverage rows are named `coverage.<i>.<field>`. */
export function supplierFormValues(form: FormData): SupplierFormValues {
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const indexes = new Set<number>();
  for (const key of form.keys()) {
    const m = /^coverage\.(\d+)\./.exec(key);
    if (m) indexes.add(Number(m[1]));
  }
  const coverage = [...indexes]
    .sort((a, b) => a - b)
    .map((i) => Object.fromEntries(COVERAGE_FIELDS.map((f) => [f, field(`coverage.${i}.${f}`)])) as unknown as CoverageRowValues);
  return {
    name: field("name"),
    contactEmail: field("contactEmail"),
    timeZone: field("timeZone"),
    cutoff: field("cutoff"),
    holidays: field("holidays"),
    workingDays: workingDaysOf(form),
    serviceTier: field("serviceTier"),
    handlingMinDays: field("handlingMinDays"),
    handlingMaxDays: field("handlingMaxDays"),
    dropshipFee: field("dropshipFee"),
    feedCadenceMinutes: field("feedCadenceMinutes"),
    coverage,
  };
}

export const EMPTY_COVERAGE_ROW: CoverageRowValues = { countryCode: "", provinceCode: "", transitMin: "", transitMax: "", shippingCost: "" };

/** Starting values for a new supplier. */
export function newSupplierFormValues(timeZone = "America/New_York"): SupplierFormValues {
  return {
    name: "",
    contactEmail: "",
    timeZone,
    cutoff: "14:00",
    holidays: "",
    workingDays: ["1", "2", "3", "4", "5"],
    serviceTier: "next_day",
    handlingMinDays: "1",
    handlingMaxDays: "2",
    dropshipFee: "0.00",
    feedCadenceMinutes: "1440",
    coverage: [{ ...EMPTY_COVERAGE_ROW }],
  };
}

/** The form's values for a stored supplier (the inverse of the schema). */
export function supplierToFormValues(s: SupplierInput): SupplierFormValues {
  return {
    name: s.name,
    contactEmail: s.contactEmail,
    timeZone: s.timeZone,
    cutoff: s.cutoff,
    holidays: s.holidays.join("\n"),
    workingDays: s.workingDays.map(String),
    serviceTier: s.serviceTier,
    handlingMinDays: String(s.handlingMinDays),
    handlingMaxDays: String(s.handlingMaxDays),
    dropshipFee: fromMinorUnits(s.dropshipFeeMinor),
    feedCadenceMinutes: String(s.feedCadenceMinutes),
    coverage: s.coverage.map((row) => ({
      countryCode: row.countryCode,
      provinceCode: row.provinceCode ?? "",
      transitMin: String(row.transitMin),
      transitMax: String(row.transitMax),
      shippingCost: fromMinorUnits(row.shippingCostMinor),
    })),
  };
}

/**
 * A warning (not an error: saving is allowed) when the typed tier and handling days disagree,
 * e.g. "Same day" with 5 handling days. Null while either field is not a valid value yet.
 */
export function tierHandlingWarning(values: Pick<SupplierFormValues, "serviceTier" | "handlingMinDays" | "handlingMaxDays">): string | null {
  const tier = (SERVICE_TIERS as readonly string[]).includes(values.serviceTier) ? (values.serviceTier as ServiceTier) : null;
  const min = /^\d+$/.test(values.handlingMinDays.trim()) ? Number(values.handlingMinDays) : null;
  const max = /^\d+$/.test(values.handlingMaxDays.trim()) ? Number(values.handlingMaxDays) : null;
  if (tier === null || min === null || max === null || min > max) return null;
  return tierHandlingMismatch(tier, { min, max });
}
