/**
 * The stock-feed settings form: one zod schema used by the route on the client and the server.
 * Produces the domain's FeedSettings plus how the feed arrives and how often.
 */
import { fail, formFailure, type FormFailure, type Result } from "~/domain/result";
import { z } from "zod";
import { FeedSettingsSchema, type FeedSettings } from "~/domain/feeds";

export const FEED_KINDS = ["upload", "url", "push"] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const auto = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .enum(["auto", ...values] as unknown as readonly [string, ...string[]])
    .default("auto")
    .transform((v) => (v === "auto" ? undefined : (v as T[number])));

export const FeedFormSchema = z
  .object({
    kind: z.enum(FEED_KINDS, { error: "Choose how the feed arrives" }),
    url: optionalText,
    cadenceMinutes: z.coerce
      .number({ error: "Cadence must be a number of minutes" })
      .int({ error: "Cadence must be whole minutes" })
      .min(5, { error: "Cadence must be at least 5 minutes" })
      .max(10_080, { error: "Cadence cannot exceed a week (10080 minutes)" }),
    skuColumn: z.string().trim().min(1, { error: "Name the column that holds the supplier's SKU" }),
    quantityColumn: z.string().trim().min(1, { error: "Name the column that holds the quantity" }),
    costColumn: optionalText,
    restockDateColumn: optionalText,
    delimiter: auto([",", ";", "\t", "|"] as const),
    decimalStyle: auto(["point", "comma"] as const),
    duplicates: z.enum(["last-wins", "reject"]).default("last-wins"),
  })
  .superRefine((form, ctx) => {
    if (form.kind !== "url") return;
    if (!form.url) ctx.addIssue({ code: "custom", path: ["url"], message: "Enter the feed URL Dropline should pull" });
    else if (!/^https?:\/\//iu.test(form.url)) ctx.addIssue({ code: "custom", path: ["url"], message: "Feed URLs start with http:// or https://" });
  });

export interface FeedFormValue {
  readonly kind: FeedKind;
  readonly url: string | null;
  readonly cadenceMinutes: number;
  readonly settings: FeedSettings;
}

export type FeedFormResult = Result<FeedFormValue, FormFailure>;

/** Validates the submitted form fields (strings from FormData). */
export function parseFeedForm(values: Record<string, unknown>): FeedFormResult {
  const parsed = FeedFormSchema.safeParse(values);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "")] ??= issue.message;
    return fail(formFailure(errors));
  }
  const f = parsed.data;
  const settings = FeedSettingsSchema.parse({
    mapping: {
      sku: f.skuColumn,
      quantity: f.quantityColumn,
      ...(f.costColumn ? { cost: f.costColumn } : {}),
      ...(f.restockDateColumn ? { restockDate: f.restockDateColumn } : {}),
    },
    ...(f.delimiter ? { delimiter: f.delimiter } : {}),
    ...(f.decimalStyle ? { decimalStyle: f.decimalStyle } : {}),
    duplicates: f.duplicates,
  });
  return { ok: true, value: { kind: f.kind, url: f.kind === "url" ? (f.url ?? null) : null, cadenceMinutes: f.cadenceMinutes, settings } };
}

/** Form field values for saved settings (to prefill the form). */
export function feedFormDefaults(feed: { kind: string; url: string | null; cadenceMinutes: number; settings: FeedSettings }): Record<string, string> {
  const s = feed.settings;
  return {
    kind: feed.kind,
    url: feed.url ?? "",
    cadenceMinutes: String(feed.cadenceMinutes),
    skuColumn: s.mapping.sku,
    quantityColumn: s.mapping.quantity,
    costColumn: s.mapping.cost ?? "",
    restockDateColumn: s.mapping.restockDate ?? "",
    delimiter: s.delimiter ?? "auto",
    decimalStyle: s.decimalStyle ?? "auto",
    duplicates: s.duplicates ?? "last-wins",
  };
}
