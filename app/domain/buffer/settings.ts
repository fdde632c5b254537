/**
 * Buffer settings a merchant sets per shop, per supplier and per product/variant.
 * Each level may set any subset; the most specific level that sets a field wins.
 */
import { z } from "zod";

const units = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .int({ error: `${what} must be a whole number of units` })
    .min(0, { error: `${what} cannot be negative` });

/** One full set of buffer settings (validated when a merchant saves them). */
export const BufferSettingsSchema = z
  .object({
    /** Units always held back, however much stock the supplier reports. */
    floorUnits: units("Minimum buffer").max(1_000_000),
    /** Share of supplier stock held back, 0–100. The larger of floor and percentage is the base. */
    percentOfStock: z
      .number({ error: "Buffer percentage must be a number" })
      .min(0, { error: "Buffer percentage cannot be negative" })
      .max(100, { error: "Buffer percentage cannot exceed 100" }),
    /** How far back sales count toward demand velocity. */
    velocityWindowDays: z
      .number()
      .int({ error: "Sales window must be a whole number of days" })
      .min(1, { error: "Sales window must be at least 1 day" })
      .max(365, { error: "Sales window cannot exceed 365 days" }),
    /** Days of expected sales held back (0 turns the velocity raise off). */
    velocityCoverDays: z
      .number()
      .min(0, { error: "Days of sales to hold back cannot be negative" })
      .max(60, { error: "Days of sales to hold back cannot exceed 60" }),
    /** Extra share of stock held back per feed cadence the last good update is overdue, 0–100. */
    stalenessPercentPerCadence: z
      .number()
      .min(0, { error: "Stale-feed percentage cannot be negative" })
      .max(100, { error: "Stale-feed percentage cannot exceed 100" }),
    /** Publish 0 once the last good update is this many cadences old. */
    stopAfterCadences: z.number().min(1, { error: "Stop-publishing age must be at least one feed cadence" }).max(1000),
    /** Multiplier on the supplier's oversell rate: rate × weight of stock is held back. */
    oversellWeight: z.number().min(0, { error: "Oversell weight cannot be negative" }).max(100, { error: "Oversell weight cannot exceed 100" }),
    /** Fewer orders than this count as this many, so one incident on two orders is not 50 %. */
    oversellMinOrders: z.number().int({ error: "Minimum orders must be a whole number" }).min(1, { error: "Minimum orders must be at least 1" }).max(100_000),
  })
  .strict();

/** A full set of buffer settings. */
export type BufferSettings = z.infer<typeof BufferSettingsSchema>;

/** What one level (shop, supplier, product) sets; absent fields inherit. */
export const BufferSettingsOverrideSchema = BufferSettingsSchema.partial();

/** A partial set of buffer settings for one level. */
export type BufferSettingsOverride = z.infer<typeof BufferSettingsOverrideSchema>;

/** The level a resolved setting came from. */
export type BufferSettingsLevel = "default" | "shop" | "supplier" | "product";

/** Dropline's defaults, used for any field no level sets. */
export const DEFAULT_BUFFER_SETTINGS: BufferSettings = Object.freeze({
  floorUnits: 2,
  percentOfStock: 10,
  velocityWindowDays: 14,
  velocityCoverDays: 1,
  stalenessPercentPerCadence: 25,
  stopAfterCadences: 4,
  oversellWeight: 2,
  oversellMinOrders: 20,
});

const FIELDS = Object.keys(DEFAULT_BUFFER_SETTINGS) as (keyof BufferSettings)[];

type Levels = readonly [BufferSettingsLevel, BufferSettingsOverride | null | undefined][];

function levelsOf(
  shop: BufferSettingsOverride | null | undefined,
  supplier: BufferSettingsOverride | null | undefined,
  product: BufferSettingsOverride | null | undefined,
): Levels {
  // Most specific first: the first level that sets a field wins.
  return [
    ["product", product],
    ["supplier", supplier],
    ["shop", shop],
  ];
}

/** Which level each resolved field came from (for the "why" in the admin). */
export function bufferSettingSources(
  shop: BufferSettingsOverride | null | undefined,
  supplier?: BufferSettingsOverride | null,
  product?: BufferSettingsOverride | null,
): Record<keyof BufferSettings, BufferSettingsLevel> {
  const levels = levelsOf(shop, supplier, product);
  const sources = {} as Record<keyof BufferSettings, BufferSettingsLevel>;
  for (const field of FIELDS) {
    const hit = levels.find(([, values]) => values?.[field] !== undefined);
    sources[field] = hit ? hit[0] : "default";
  }
  return sources;
}

/** Merge shop, supplier and product/variant settings; the most specific level that sets a field wins. */
export function resolveBufferSettings(
  shop: BufferSettingsOverride | null | undefined,
  supplier?: BufferSettingsOverride | null,
  product?: BufferSettingsOverride | null,
): BufferSettings {
  const levels = levelsOf(shop, supplier, product);
  const resolved = { ...DEFAULT_BUFFER_SETTINGS };
  for (const field of FIELDS) {
    for (const [, values] of levels) {
      const value = values?.[field];
      if (value !== undefined) {
        resolved[field] = value;
        break;
      }
    }
  }
  return BufferSettingsSchema.parse(resolved);
}
