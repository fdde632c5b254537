/**
 * What a merchant can change about escalation and exceptions, validated the same way in the form
 * (client) and on save (server): the ladder's timings per service tier — acknowledgement and
 * stockout, in the supplier's business hours — and the exception thresholds.
 */
import { z } from "zod";
import { DEFAULT_EXCEPTION_CONFIG, type ExceptionConfig } from "../exceptions";
import { DEFAULT_ESCALATION_CONFIG, validateEscalationConfig } from "./config";
import { SERVICE_TIERS, type EscalationConfig, type LadderTimings, type ServiceTier } from "./types";

const hours = (what: string) =>
  z.coerce
    .number({ error: `${what} must be a number of business hours` })
    .positive({ error: `${what} must be more than 0 business hours` })
    .max(2000, { error: `${what} cannot exceed 2000 business hours` });

const Timings = z.object({
  remindAfterHours: hours("Reminder"),
  staffTaskAfterHours: hours("Staff task"),
  rerouteAfterHours: hours("Re-route"),
});

const tierTable = z.object(Object.fromEntries(SERVICE_TIERS.map((t) => [t, Timings])) as Record<ServiceTier, typeof Timings>);

const wholeNumber = (what: string, min: number, max: number, unit: string) =>
  z.coerce
    .number({ error: `${what} must be a number` })
    .int({ error: `${what} must be a whole number of ${unit}` })
    .min(min, { error: `${what} must be at least ${min} ${unit}` })
    .max(max, { error: `${what} cannot exceed ${max} ${unit}` });

export const ExceptionThresholdsSchema = z.object({
  labelWithoutPickupBusinessDays: wholeNumber("No pickup scan after", 1, 30, "business days"),
  noMovementDays: wholeNumber("No movement after", 1, 60, "days"),
  noTrackingGraceHours: wholeNumber("Grace after the committed ship date", 0, 168, "hours"),
  pastPromiseGraceDays: wholeNumber("Grace after the promised date", 0, 30, "days"),
  splitConfusionDays: wholeNumber("A split order's other part without tracking after", 1, 30, "days"),
});

export type ExceptionThresholds = Required<ExceptionConfig>;

/** The ladder's timings alone, as stored (shape only; the order of rungs is checked below). */
export const EscalationTimingsSchema = z.object({ acknowledgement: tierTable, stockout: tierTable });

/** Every editable setting; each rung must come after the previous one. */
export const OperationsSettingsSchema = z
  .object({ acknowledgement: tierTable, stockout: tierTable, exceptions: ExceptionThresholdsSchema })
  .superRefine((v, ctx) => {
    for (const phase of ["acknowledgement", "stockout"] as const) {
      for (const tier of SERVICE_TIERS) {
        const t: LadderTimings = v[phase][tier];
        if (!(t.remindAfterHours < t.staffTaskAfterHours && t.staffTaskAfterHours < t.rerouteAfterHours)) {
          ctx.addIssue({
            code: "custom",
            path: [phase, tier, "rerouteAfterHours"],
            message: `${phase === "acknowledgement" ? "Acknowledgement" : "Stockout"} (${tierLabel(tier)}): the reminder must come before the staff task, and the staff task before the re-route`,
          });
        }
      }
    }
  });

export type OperationsSettings = z.infer<typeof OperationsSettingsSchema>;

export const DEFAULT_OPERATIONS_SETTINGS: OperationsSettings = {
  acknowledgement: DEFAULT_ESCALATION_CONFIG.acknowledgement,
  stockout: DEFAULT_ESCALATION_CONFIG.stockout,
  exceptions: DEFAULT_EXCEPTION_CONFIG as ExceptionThresholds,
};

/** "Same day", "48 hour"… for labels and messages. */
export function tierLabel(tier: ServiceTier): string {
  const words = tier.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Flat form fields (`acknowledgement.same_day.remindAfterHours`, `exceptions.noMovementDays`) → the nested shape. */
export function settingsFromForm(values: Readonly<Record<string, unknown>>): unknown {
  const out: Record<string, Record<string, unknown>> = { acknowledgement: {}, stockout: {}, exceptions: {} };
  for (const [name, value] of Object.entries(values)) {
    const [group, a, b] = name.split(".");
    if (!group || !(group in out) || !a) continue;
    const target = out[group]!;
    if (b) target[a] = { ...(target[a] as object | undefined), [b]: value };
    else target[a] = value;
  }
  return out;
}

/** Field name → first message, for the form. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".");
    errors[key] ??= issue.message;
  }
  return errors;
}

/** The ladder's config with the shop's timings. */
export function escalationConfigWith(base: EscalationConfig, timings: Pick<OperationsSettings, "acknowledgement" | "stockout"> | null): EscalationConfig {
  if (!timings) return base;
  const config = { ...base, acknowledgement: timings.acknowledgement, stockout: timings.stockout };
  // Stored settings were validated when saved; a row that no longer validates falls back, never breaks the ladder.
  return validateEscalationConfig(config).length === 0 ? config : base;
}
