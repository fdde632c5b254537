/**
 * The scorecard settings form: text fields as typed → validated ScorecardSettings (the domain's
 * schema: non-negative weights adding up to 100, window, late tolerance, minimum counts), or the
 * errors by field name.
 */
import { fail, formFailure, ok, type FormFailure, type Result } from "~/domain/result";
import { ScorecardSettingsSchema, type ScorecardSettings } from "~/domain/scorecard";

/** Field names: `weights.shipmentTime` … `minSkuLines`. */
export const SCORECARD_FIELDS = [
  "weights.shipmentTime",
  "weights.shareShipped",
  "weights.shareCancelled",
  "windowDays",
  "lateToleranceDays",
  "minLines",
  "minSkuLines",
] as const;

const number = (raw: unknown): number => {
  const text = typeof raw === "string" ? raw.trim() : "";
  return text === "" || !/^-?\d*\.?\d+$/.test(text) ? Number.NaN : Number(text);
};

/** Parses the posted form; weight errors that concern their sum are reported on the form as a whole. */
export function parseScorecardForm(values: Readonly<Record<string, unknown>>): Result<ScorecardSettings, FormFailure> {
  const parsed = ScorecardSettingsSchema.safeParse({
    weights: {
      shipmentTime: number(values["weights.shipmentTime"]),
      shareShipped: number(values["weights.shareShipped"]),
      shareCancelled: number(values["weights.shareCancelled"]),
    },
    windowDays: number(values.windowDays),
    lateToleranceDays: number(values.lateToleranceDays),
    minLines: number(values.minLines),
    minSkuLines: number(values.minSkuLines),
  });
  if (parsed.success) return ok(parsed.data);
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join(".") === "weights" ? "" : issue.path.join(".");
    errors[key] ??= issue.code === "invalid_type" ? "Enter a number" : issue.message;
  }
  return fail(formFailure(errors));
}
