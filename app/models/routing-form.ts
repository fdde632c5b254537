/**
 * The routing policy form: one zod schema, used by the browser (before posting) and by the action
 * (before saving or previewing), so both show the same field errors. Values arrive as strings
 * (booleans for checkboxes); the parsed result is a RoutingPolicy the engine accepts.
 *
 * Weights are typed as relative importance, 0–100 each; they are stored as that value / 100 and
 * the engine normalises them, so the screen shows each one's normalised share as a percentage.
 */
import { fail, formFailure, ok, type FormFailure, type Result } from "~/domain/result";
import { z } from "zod";
import { fromMinorUnits, toMinorUnits } from "~/domain/money";
import {
  checkScopedFields,
  scopedFormFields,
  scopedFormValues,
  ScopedFieldsSchema,
  scopedPolicyParts,
  scopedToFormValues,
  type ScopedFormValues,
} from "./routing-scope-form";
import { WEIGHT_KEYS, WEIGHT_LABELS, WeightValuesSchema, weightsToValues, wholeNumber, type WeightKey, type WeightValues } from "./routing-form-weights";
import { PresetNameSchema, RoutingPolicySchema, WEIGHT_PRESETS, type PresetName, type RoutingPolicy, type Weights } from "~/domain/routing/policy";

const HOUR_MS = 3_600_000;

export const PRESETS = PresetNameSchema.options;
export const WEIGHT_MODES = [...PRESETS, "custom"] as const;
export type WeightMode = (typeof WEIGHT_MODES)[number];

export const WEIGHT_MODE_LABELS: Record<WeightMode, string> = {
  speed_first: "Speed first",
  margin_first: "Margin first",
  balanced: "Balanced",
  custom: "Custom weights",
};

/** Field name → first error message; "" holds form-level errors. Paths are dotted: channelOverrides.0.channel. */
export type FormErrors = Record<string, string>;

export interface ChannelOverrideValues {
  channel: string;
  mode: string;
  weights: WeightValues;
}

/** What the form fields hold, as typed (the scoped parts: `routing-scope-form.ts`). */
export interface RoutingFormValues extends ScopedFormValues {
  mode: string;
  weights: WeightValues;
  channelOverrides: ChannelOverrideValues[];
  maxStockAgeHours: string;
  stalenessHalfLifeHours: string;
  minBuffer: string;
  standardDays: string;
  expeditedDays: string;
  splitAllowed: boolean;
  splitMinBasketValue: string;
  splitAllowForExpedited: boolean;
  splitAllowToAvoidCancel: boolean;
  splitMaxParcels: string;
  minScore: string;
}

export { WEIGHT_KEYS, WEIGHT_LABELS, WeightValuesSchema, weightsToValues, type WeightKey, type WeightValues };

// ------------------------------------------------------------------ field rules

/** A number of hours ("24", "1.5"), stored as milliseconds. */
const hours = (label: string, max: number) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .regex(/^\d+(\.\d{1,2})?$/, { error: `${label} must be a number of hours such as 24 or 1.5` })
    .transform(Number)
    .refine((h) => h > 0 && h <= max, { error: `${label} must be more than 0 and at most ${max} hours` })
    .transform((h) => Math.round(h * HOUR_MS));

/** A non-negative amount typed as a decimal string ("50.00"), stored in minor units. */
const money = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .superRefine((value, ctx) => {
      if (value.startsWith("-")) ctx.addIssue({ code: "custom", message: `${label} can't be negative` });
      else if (!/^\d+(\.\d{1,2})?$/.test(value)) ctx.addIssue({ code: "custom", message: `${label} must be an amount such as 50.00` });
    })
    .transform((value) => toMinorUnits(value));

const checkbox = z.boolean({ error: "Choose yes or no" });

const minScore = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (value === "") return;
    const n = /^\d*\.?\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!(n >= 0 && n <= 1)) ctx.addIssue({ code: "custom", message: "Minimum score must be between 0 and 1 (e.g. 0.40), or empty for no minimum" });
  })
  .transform((value) => (value === "" ? undefined : Number(value)));

type WeightChoice = { preset: PresetName; weights?: undefined } | { preset?: undefined; weights: Weights };

type Issues = { addIssue(issue: { code: "custom"; path: (string | number)[]; message: string }): void };

/**
 * A preset or custom weights. Custom weight fields are checked only when "custom" is chosen: with a
 * preset they are not shown, so an error there could not be fixed. Issues go under `prefix`.
 */
function checkWeightChoice(mode: unknown, weights: unknown, ctx: Issues, prefix: (string | number)[]): WeightChoice | null {
  if (typeof mode !== "string" || !(WEIGHT_MODES as readonly string[]).includes(mode)) {
    ctx.addIssue({ code: "custom", path: [...prefix, "mode"], message: "Choose a preset or custom weights" });
    return null;
  }
  if (mode !== "custom") return { preset: mode as PresetName };
  const parsed = WeightValuesSchema.safeParse(weights);
  if (parsed.success) return { weights: parsed.data };
  for (const issue of parsed.error.issues) {
    ctx.addIssue({ code: "custom", path: [...prefix, "weights", ...issue.path.map(String)], message: issue.message });
  }
  return null;
}

const channelHandle = z
  .string({ error: "Channel is required" })
  .trim()
  .min(1, { error: "Channel is required" })
  .max(100, { error: "Channel must be at most 100 characters" })
  .regex(/^[A-Za-z0-9_.:-]+$/, { error: "Use the channel handle as Shopify reports it, e.g. web, pos or amazon" });

const ChannelOverrideSchema = z
  .object({ channel: channelHandle, mode: z.unknown(), weights: z.unknown() })
  .superRefine((row, ctx) => void checkWeightChoice(row.mode, row.weights, ctx, []))
  .transform((row, ctx) => {
    const choice = checkWeightChoice(row.mode, row.weights, ctx, []);
    return choice ? { channel: row.channel, choice } : z.NEVER;
  });

export const RoutingFormSchema = z
  .object({
    mode: z.unknown(),
    weights: z.unknown(),
    channelOverrides: z.array(ChannelOverrideSchema, { error: "Channel overrides are malformed" }),
    maxStockAgeHours: hours("Max stock age", 720),
    stalenessHalfLifeHours: hours("Staleness half-life", 720),
    minBuffer: wholeNumber("Minimum buffer", 0, 10_000),
    standardDays: wholeNumber("Standard promise", 0, 60),
    expeditedDays: wholeNumber("Expedited promise", 0, 60),
    splitAllowed: checkbox,
    splitMinBasketValue: money("Minimum basket value"),
    splitAllowForExpedited: checkbox,
    splitAllowToAvoidCancel: checkbox,
    splitMaxParcels: wholeNumber("Max parcels", 1, 10),
    minScore,
    ...ScopedFieldsSchema,
  })
  .superRefine((v, ctx) => {
    checkWeightChoice(v.mode, v.weights, ctx, []);
    checkScopedFields(v, ctx);
    if (typeof v.standardDays === "number" && typeof v.expeditedDays === "number" && v.expeditedDays > v.standardDays) {
      ctx.addIssue({ code: "custom", path: ["expeditedDays"], message: "Expedited must promise no more business days than standard" });
    }
    const seen = new Set<string>();
    (Array.isArray(v.channelOverrides) ? v.channelOverrides : []).forEach((row: unknown, i) => {
      const channel = typeof row === "object" && row !== null ? (row as { channel?: unknown }).channel : undefined;
      if (typeof channel !== "string") return;
      if (seen.has(channel.trim())) ctx.addIssue({ code: "custom", path: ["channelOverrides", i, "channel"], message: "This channel already has an override" });
      seen.add(channel.trim());
    });
  })
  .transform((v, ctx) => {
    // Already checked in superRefine (a transform only runs when nothing failed); this narrows the type.
    const top = checkWeightChoice(v.mode, v.weights, ctx, []);
    if (!top) return z.NEVER;
    return {
      // With custom weights the preset is unused; "balanced" keeps the stored policy complete.
      preset: top.preset ?? "balanced",
      ...(top.weights ? { weights: top.weights } : {}),
      channelOverrides: Object.fromEntries(v.channelOverrides.map((row) => [row.channel, row.choice])),
      stock: { maxAgeMs: v.maxStockAgeHours, stalenessHalfLifeMs: v.stalenessHalfLifeHours, minBuffer: v.minBuffer },
      serviceLevels: { standard: { maxBusinessDays: v.standardDays }, expedited: { maxBusinessDays: v.expeditedDays } },
      split: {
        allowed: v.splitAllowed,
        minBasketValue: v.splitMinBasketValue,
        allowForExpedited: v.splitAllowForExpedited,
        allowToAvoidCancel: v.splitAllowToAvoidCancel,
        maxParcels: v.splitMaxParcels,
      },
      stopLoss: { holdWhenNoCandidate: true as const, ...(v.minScore === undefined ? {} : { minScore: v.minScore }) },
      ...scopedPolicyParts(v),
    };
  });

/** What the form edits; the rest of the policy (time zone, reliability prior) is kept as stored. */
export type RoutingFormOutput = z.output<typeof RoutingFormSchema>;
type KeptSettings = Pick<RoutingPolicy, "timeZone" | "reliability">;

export type RoutingFormResult = Result<RoutingPolicy, FormFailure>;

function collectErrors(issues: readonly z.core.$ZodIssue[]): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) errors[issue.path.join(".")] ??= issue.message;
  return errors;
}

/**
 * Validates form values into a complete policy; errors are keyed by dotted field path (first
 * message per field). `kept` supplies the settings the form does not edit.
 */
export function parseRoutingForm(values: unknown, kept?: KeptSettings): RoutingFormResult {
  const parsed = RoutingFormSchema.safeParse(values);
  if (!parsed.success) return fail(formFailure(collectErrors(parsed.error.issues)));
  const policy = RoutingPolicySchema.safeParse({ ...parsed.data, ...(kept ? { timeZone: kept.timeZone, reliability: kept.reliability } : {}) });
  // The form's rules are at least as strict as the engine's, so this is a guard, not a path users hit.
  if (!policy.success) return fail(formFailure({ "": policy.error.issues.map((i) => i.message).join("; ") }));
  return ok(policy.data);
}

// ------------------------------------------------------------------ form data <-> values

const SCALAR_FIELDS = [
  "mode",
  "maxStockAgeHours",
  "stalenessHalfLifeHours",
  "minBuffer",
  "standardDays",
  "expeditedDays",
  "splitMinBasketValue",
  "splitMaxParcels",
  "minScore",
] as const;
const CHECKBOX_FIELDS = ["splitAllowed", "splitAllowForExpedited", "splitAllowToAvoidCancel"] as const;

/** Reads the posted fields; override rows are named `channelOverrides.<i>.<field>`; a checkbox is on when sent as "true" or "on". */
export function routingFormValues(form: FormData): RoutingFormValues {
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  const weights = (prefix: string): WeightValues => Object.fromEntries(WEIGHT_KEYS.map((k) => [k, field(`${prefix}weights.${k}`)])) as WeightValues;
  const indexes = new Set<number>();
  for (const key of form.keys()) {
    const m = /^channelOverrides\.(\d+)\./.exec(key);
    if (m) indexes.add(Number(m[1]));
  }
  const channelOverrides = [...indexes]
    .sort((a, b) => a - b)
    .map((i) => ({ channel: field(`channelOverrides.${i}.channel`), mode: field(`channelOverrides.${i}.mode`), weights: weights(`channelOverrides.${i}.`) }));
  const scalars = Object.fromEntries(SCALAR_FIELDS.map((f) => [f, field(f)])) as Record<(typeof SCALAR_FIELDS)[number], string>;
  const checks = Object.fromEntries(CHECKBOX_FIELDS.map((f) => [f, field(f) === "true" || field(f) === "on"])) as Record<
    (typeof CHECKBOX_FIELDS)[number],
    boolean
  >;
  return { ...scalars, ...checks, weights: weights(""), channelOverrides, ...scopedFormValues(form) };
}

/** The form's fields as posted (the inverse of routingFormValues); unchecked boxes are left out, as a browser does. */
export function routingFormFields(values: RoutingFormValues): Record<string, string> {
  const fields: Record<string, string> = scopedFormFields(values);
  for (const f of SCALAR_FIELDS) fields[f] = values[f];
  for (const f of CHECKBOX_FIELDS) if (values[f]) fields[f] = "true";
  for (const k of WEIGHT_KEYS) fields[`weights.${k}`] = values.weights[k];
  values.channelOverrides.forEach((row, i) => {
    fields[`channelOverrides.${i}.channel`] = row.channel;
    fields[`channelOverrides.${i}.mode`] = row.mode;
    for (const k of WEIGHT_KEYS) fields[`channelOverrides.${i}.weights.${k}`] = row.weights[k];
  });
  return fields;
}

// ------------------------------------------------------------------ policy -> values, display helpers

const hoursText = (ms: number): string => String(Math.round((ms / HOUR_MS) * 100) / 100);

function choiceToValues(choice: { preset?: PresetName; weights?: Weights }, fallback: PresetName): { mode: WeightMode; weights: WeightValues } {
  if (choice.weights) return { mode: "custom", weights: weightsToValues(choice.weights) };
  const preset = choice.preset ?? fallback;
  return { mode: preset, weights: weightsToValues(WEIGHT_PRESETS[preset]) };
}

/** The form's values for a stored policy (the inverse of the schema). */
export function policyToFormValues(policy: RoutingPolicy): RoutingFormValues {
  const top = choiceToValues(policy, policy.preset);
  return {
    ...top,
    channelOverrides: Object.entries(policy.channelOverrides).map(([channel, choice]) => ({ channel, ...choiceToValues(choice, policy.preset) })),
    maxStockAgeHours: hoursText(policy.stock.maxAgeMs),
    stalenessHalfLifeHours: hoursText(policy.stock.stalenessHalfLifeMs),
    minBuffer: String(policy.stock.minBuffer),
    standardDays: String(policy.serviceLevels.standard.maxBusinessDays),
    expeditedDays: String(policy.serviceLevels.expedited.maxBusinessDays),
    splitAllowed: policy.split.allowed,
    splitMinBasketValue: fromMinorUnits(policy.split.minBasketValue),
    splitAllowForExpedited: policy.split.allowForExpedited,
    splitAllowToAvoidCancel: policy.split.allowToAvoidCancel,
    splitMaxParcels: String(policy.split.maxParcels),
    minScore: policy.stopLoss.minScore === undefined ? "" : String(policy.stopLoss.minScore),
    ...scopedToFormValues(policy),
  };
}

/** A new override row: the chosen preset's weights prefilled, so switching to custom starts from them. */
export function newChannelOverride(mode: WeightMode = "speed_first"): ChannelOverrideValues {
  return { channel: "", mode, weights: weightsToValues(WEIGHT_PRESETS[mode === "custom" ? "balanced" : mode]) };
}
