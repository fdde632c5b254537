/**
 * The routing policy form's scoped parts: overrides per product, collection and destination
 * region, channel SLAs and the channel-priority reserve. Field rules shared by the browser and the
 * action (through `RoutingFormSchema` in `routing-form.ts`); values arrive as strings.
 *
 * An override's split choice is "inherit" (the next scope's rule), "never" (the order stays in one
 * parcel) or "allow" (split at or above a basket value, up to a number of parcels).
 */
import { z } from "zod";
import { isShopifyCountryCode } from "~/domain/country-codes";
import { fromMinorUnits, toMinorUnits } from "~/domain/money";
import { PresetNameSchema, WEIGHT_PRESETS, type PresetName, type RoutingPolicy, type ScopedOverride, type SplitPolicy } from "~/domain/routing/policy";
import { WEIGHT_KEYS, WeightValuesSchema, weightsToValues, type WeightValues } from "./routing-form-weights";

export const SCOPE_TARGETS = ["product", "collection", "region"] as const;
export const SPLIT_MODES = ["inherit", "never", "allow"] as const;

export const SPLIT_MODE_LABELS: Record<(typeof SPLIT_MODES)[number], string> = {
  inherit: "As the next rule down",
  never: "Never split (one parcel)",
  allow: "Allow splitting",
};

export interface ScopedOverrideValues {
  id: string;
  /** "product", "collection" or "region" (a region alone). */
  target: string;
  /** The product's or collection's GID, chosen from a search. */
  targetId: string;
  /** Its title when chosen (explanations name it). */
  targetLabel: string;
  /** Optional for a product or collection; required for a region alone. */
  regionName: string;
  /** Two-letter country codes separated by commas or spaces. */
  regionCountries: string;
  weightsMode: string;
  weights: WeightValues;
  splitMode: string;
  splitMinBasketValue: string;
  splitMaxParcels: string;
}

export interface ChannelSlaValues {
  channel: string;
  days: string;
}

export interface ScopedFormValues {
  scopedOverrides: ScopedOverrideValues[];
  channelSla: ChannelSlaValues[];
  /** Channel handles, highest priority first, separated by commas. */
  priorityChannels: string;
  reserveUnits: string;
}

type Issues = { addIssue(issue: { code: "custom"; path: (string | number)[]; message: string }): void };

const channelPattern = /^[A-Za-z0-9_.:-]+$/;
const CHANNEL_HINT = "Use the channel handle as Shopify reports it, e.g. web, pos or amazon";

const countriesOf = (raw: string): string[] =>
  raw
    .toUpperCase()
    .split(/[\s,;]+/)
    .filter((c) => c !== "");

const wholeIn = (raw: string, min: number, max: number): number | null => {
  const t = raw.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return n >= min && n <= max ? n : null;
};

function overrideRow(row: ScopedOverrideValues, ctx: Issues): ScopedOverride | null {
  let ok = true;
  const issue = (field: string, message: string) => {
    ok = false;
    ctx.addIssue({ code: "custom", path: [field], message });
  };
  const target = (SCOPE_TARGETS as readonly string[]).includes(row.target) ? row.target : null;
  if (!target) issue("target", "Choose a product, a collection or a region");
  const prefix = target === "product" ? "gid://shopify/Product/" : "gid://shopify/Collection/";
  if ((target === "product" || target === "collection") && !row.targetId.startsWith(prefix)) {
    issue("targetId", `Search for the ${target} and choose it from the results`);
  }
  const countries = countriesOf(row.regionCountries);
  const regionName = row.regionName.trim();
  const hasRegion = countries.length > 0 || regionName !== "";
  if (target === "region" && !hasRegion) issue("regionCountries", "List the region's countries, e.g. FR, DE, BE");
  if (hasRegion) {
    const bad = countries.find((c) => !/^[A-Z]{2}$/.test(c) || !isShopifyCountryCode(c));
    if (countries.length === 0) issue("regionCountries", "List the region's countries, e.g. FR, DE, BE");
    else if (bad) issue("regionCountries", `"${bad}" is not a country code Shopify knows`);
    else if (new Set(countries).size !== countries.length) issue("regionCountries", "A country is listed twice");
    if (regionName === "") issue("regionName", "Name the region, e.g. EU");
    else if (regionName.length > 60) issue("regionName", "Region name must be at most 60 characters");
  }
  let choice: { preset?: PresetName; weights?: ScopedOverride["weights"] } = {};
  if (row.weightsMode === "custom") {
    const parsed = WeightValuesSchema.safeParse(row.weights);
    if (parsed.success) choice = { weights: parsed.data };
    else {
      ok = false;
      for (const i of parsed.error.issues) ctx.addIssue({ code: "custom", path: ["weights", ...i.path.map(String)], message: i.message });
    }
  } else if ((PresetNameSchema.options as readonly string[]).includes(row.weightsMode)) choice = { preset: row.weightsMode as PresetName };
  else if (row.weightsMode !== "inherit") issue("weightsMode", "Choose a priority or keep the next rule's");
  let split: SplitPolicy | undefined;
  if (row.splitMode === "never") split = { allowed: false, minBasketValue: 0, allowForExpedited: false, allowToAvoidCancel: false, maxParcels: 1 };
  else if (row.splitMode === "allow") {
    const parcels = wholeIn(row.splitMaxParcels, 2, 10);
    const money = /^\d+(\.\d{1,2})?$/.test(row.splitMinBasketValue.trim()) ? toMinorUnits(row.splitMinBasketValue.trim()) : null;
    if (parcels === null) issue("splitMaxParcels", "Max parcels must be a whole number between 2 and 10");
    if (money === null) issue("splitMinBasketValue", "Minimum basket value must be an amount such as 50.00");
    if (parcels !== null && money !== null)
      split = { allowed: true, minBasketValue: money, allowForExpedited: false, allowToAvoidCancel: false, maxParcels: parcels };
  } else if (row.splitMode !== "inherit") issue("splitMode", "Choose a split rule");
  if (ok && !choice.preset && !choice.weights && !split) {
    issue("weightsMode", "Set a priority or a split rule: an override that keeps both changes nothing");
  }
  if (!ok || !target) return null;
  return {
    id: row.id.trim() || "override",
    scope: {
      ...(target === "product" ? { productId: row.targetId } : {}),
      ...(target === "collection" ? { collectionId: row.targetId } : {}),
      ...(target !== "region" && row.targetLabel.trim() ? { label: row.targetLabel.trim().slice(0, 255) } : {}),
      ...(hasRegion ? { region: { name: regionName, countries } } : {}),
    },
    ...choice,
    ...(split ? { split } : {}),
  };
}

const OverrideRowSchema = z
  .custom<ScopedOverrideValues>((v) => typeof v === "object" && v !== null, { error: "Overrides are malformed" })
  .transform((row, ctx) => {
    const parsed = overrideRow(row, ctx);
    return parsed ?? z.NEVER;
  });

const SlaRowSchema = z
  .custom<ChannelSlaValues>((v) => typeof v === "object" && v !== null, { error: "SLAs are malformed" })
  .transform((row, ctx) => {
    const channel = row.channel.trim();
    const days = wholeIn(row.days, 1, 60);
    if (channel === "" || !channelPattern.test(channel))
      ctx.addIssue({ code: "custom", path: ["channel"], message: channel === "" ? "Channel is required" : CHANNEL_HINT });
    if (days === null) ctx.addIssue({ code: "custom", path: ["days"], message: "SLA must be a whole number of business days between 1 and 60" });
    return channel !== "" && channelPattern.test(channel) && days !== null ? { channel, days } : z.NEVER;
  });

/** The scoped fields of the routing form, as a schema `RoutingFormSchema` merges. */
export const ScopedFieldsSchema = {
  scopedOverrides: z.array(OverrideRowSchema, { error: "Overrides are malformed" }).max(200, { error: "At most 200 overrides" }),
  channelSla: z.array(SlaRowSchema, { error: "SLAs are malformed" }),
  priorityChannels: z
    .string()
    .transform((raw) => raw.split(/[\s,;]+/).filter((c) => c !== ""))
    .superRefine((channels, ctx) => {
      const bad = channels.find((c) => !channelPattern.test(c) || c.length > 100);
      if (bad) ctx.addIssue({ code: "custom", message: `"${bad}": ${CHANNEL_HINT}` });
      else if (new Set(channels).size !== channels.length) ctx.addIssue({ code: "custom", message: "A channel is listed twice" });
      else if (channels.length > 20) ctx.addIssue({ code: "custom", message: "At most 20 priority channels" });
    }),
  reserveUnits: z
    .string()
    .trim()
    // Empty means none, like 0.
    .regex(/^\d*$/, { error: "Reserved units must be a whole number (0 for none)" })
    .transform(Number)
    .refine((n) => n <= 10_000, { error: "Reserved units must be at most 10000" }),
};

type ScopedOutput = { [K in keyof typeof ScopedFieldsSchema]: z.output<(typeof ScopedFieldsSchema)[K]> };

/** Cross-field rules on the parsed fields: one SLA per channel, one id per override, a reserve needs channels to keep it for. */
export function checkScopedFields(v: ScopedOutput, ctx: Issues): void {
  const seen = new Set<string>();
  v.channelSla.forEach((row, i) => {
    if (seen.has(row.channel)) ctx.addIssue({ code: "custom", path: ["channelSla", i, "channel"], message: "This channel already has an SLA" });
    seen.add(row.channel);
  });
  const ids = new Set<string>();
  v.scopedOverrides.forEach((row, i) => {
    if (ids.has(row.id)) ctx.addIssue({ code: "custom", path: ["scopedOverrides", i, "target"], message: "This override is listed twice" });
    ids.add(row.id);
  });
  if (v.reserveUnits > 0 && v.priorityChannels.length === 0) {
    ctx.addIssue({ code: "custom", path: ["priorityChannels"], message: "Name the channels the reserved units are kept for" });
  }
}

/** The policy's scoped parts from the parsed fields. */
export function scopedPolicyParts(v: ScopedOutput): Pick<RoutingPolicy, "scopedOverrides" | "channelSla" | "channelPriority"> {
  return {
    scopedOverrides: v.scopedOverrides,
    channelSla: Object.fromEntries(v.channelSla.map((row) => [row.channel, row.days])),
    channelPriority: { channels: v.priorityChannels, reserveUnits: v.reserveUnits },
  };
}

// ------------------------------------------------------------------ values <-> form data and policy

const OVERRIDE_TEXT = [
  "id",
  "target",
  "targetId",
  "targetLabel",
  "regionName",
  "regionCountries",
  "weightsMode",
  "splitMode",
  "splitMinBasketValue",
  "splitMaxParcels",
] as const;

function rowsOf(form: FormData, prefix: string): number[] {
  const indexes = new Set<number>();
  const pattern = new RegExp(`^${prefix}\\.(\\d+)\\.`);
  for (const key of form.keys()) {
    const m = pattern.exec(key);
    if (m) indexes.add(Number(m[1]));
  }
  return [...indexes].sort((a, b) => a - b);
}

/** Reads the posted scoped fields: rows named `scopedOverrides.<i>.<field>` and `channelSla.<i>.<field>`. */
export function scopedFormValues(form: FormData): ScopedFormValues {
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  return {
    scopedOverrides: rowsOf(form, "scopedOverrides").map((i) => {
      const p = `scopedOverrides.${i}.`;
      const text = Object.fromEntries(OVERRIDE_TEXT.map((f) => [f, field(`${p}${f}`)])) as Record<(typeof OVERRIDE_TEXT)[number], string>;
      return { ...text, weights: Object.fromEntries(WEIGHT_KEYS.map((k) => [k, field(`${p}weights.${k}`)])) as WeightValues };
    }),
    channelSla: rowsOf(form, "channelSla").map((i) => ({ channel: field(`channelSla.${i}.channel`), days: field(`channelSla.${i}.days`) })),
    priorityChannels: field("priorityChannels"),
    reserveUnits: field("reserveUnits"),
  };
}

/** The scoped fields as posted (the inverse of `scopedFormValues`). */
export function scopedFormFields(values: ScopedFormValues): Record<string, string> {
  const fields: Record<string, string> = { priorityChannels: values.priorityChannels, reserveUnits: values.reserveUnits };
  values.scopedOverrides.forEach((row, i) => {
    for (const f of OVERRIDE_TEXT) fields[`scopedOverrides.${i}.${f}`] = row[f];
    for (const k of WEIGHT_KEYS) fields[`scopedOverrides.${i}.weights.${k}`] = row.weights[k];
  });
  values.channelSla.forEach((row, i) => {
    fields[`channelSla.${i}.channel`] = row.channel;
    fields[`channelSla.${i}.days`] = row.days;
  });
  return fields;
}

/** A new override row for the editor. */
export function newScopedOverride(id: string, target: (typeof SCOPE_TARGETS)[number] = "product"): ScopedOverrideValues {
  return {
    id,
    target,
    targetId: "",
    targetLabel: "",
    regionName: "",
    regionCountries: "",
    weightsMode: "inherit",
    weights: weightsToValues(WEIGHT_PRESETS.balanced),
    splitMode: "inherit",
    splitMinBasketValue: "0.00",
    splitMaxParcels: "2",
  };
}

/** The scoped fields for a stored policy. */
export function scopedToFormValues(policy: RoutingPolicy): ScopedFormValues {
  return {
    scopedOverrides: policy.scopedOverrides.map((o) => {
      const target = o.scope.productId ? "product" : o.scope.collectionId ? "collection" : "region";
      return {
        ...newScopedOverride(o.id, target),
        targetId: o.scope.productId ?? o.scope.collectionId ?? "",
        targetLabel: o.scope.label ?? "",
        regionName: o.scope.region?.name ?? "",
        regionCountries: o.scope.region?.countries.join(", ") ?? "",
        weightsMode: o.weights ? "custom" : (o.preset ?? "inherit"),
        weights: weightsToValues(o.weights ?? (o.preset ? WEIGHT_PRESETS[o.preset] : WEIGHT_PRESETS.balanced)),
        splitMode: o.split ? (o.split.allowed ? "allow" : "never") : "inherit",
        splitMinBasketValue: fromMinorUnits(o.split?.minBasketValue ?? 0),
        splitMaxParcels: String(o.split?.allowed ? o.split.maxParcels : 2),
      };
    }),
    channelSla: Object.entries(policy.channelSla).map(([channel, days]) => ({ channel, days: String(days) })),
    priorityChannels: policy.channelPriority.channels.join(", "),
    reserveUnits: String(policy.channelPriority.reserveUnits),
  };
}
