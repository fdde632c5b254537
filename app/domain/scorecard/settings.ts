/**
 * A shop's scorecard settings: the weight of each measure in the grade (percent, summing to 100),
 * the rolling window, how late a shipment may be before it earns nothing, and the minimum counts
 * below which a grade or a SKU's share is not shown (too few lines to mean anything).
 */
import { z } from "zod";

/** The measures a grade is made of, in the order the scorecard shows them. */
export const MEASURE_NAMES = ["shipmentTime", "shareShipped", "shareCancelled"] as const;
export type MeasureName = (typeof MEASURE_NAMES)[number];

export const MEASURE_LABELS: Readonly<Record<MeasureName, string>> = {
  shipmentTime: "Shipment time",
  shareShipped: "Share shipped",
  shareCancelled: "Share cancelled",
};

const percent = (what: string) =>
  z
    .number({ error: `${what} weight must be a number` })
    .min(0, { error: `${what} weight cannot be negative` })
    .max(100, { error: `${what} weight cannot exceed 100` });

/** The weight of each measure, in percent; they must add up to 100. */
export const ScorecardWeightsSchema = z
  .object({
    shipmentTime: percent("Shipment time"),
    shareShipped: percent("Share shipped"),
    shareCancelled: percent("Share cancelled"),
  })
  .strict()
  .refine((w) => Math.abs(w.shipmentTime + w.shareShipped + w.shareCancelled - 100) < 0.001, {
    error: "The weights must add up to 100 %",
  });

export type ScorecardWeights = z.infer<typeof ScorecardWeightsSchema>;

/** Every scorecard setting, validated when saved. */
export const ScorecardSettingsSchema = z
  .object({
    weights: ScorecardWeightsSchema,
    /** Days of history a scorecard (and routing's measured reliability) reads. */
    windowDays: z.number().int({ error: "The window must be a whole number of days" }).min(7, { error: "The window must be at least 7 days" }).max(365, {
      error: "The window cannot exceed 365 days",
    }),
    /** A shipment this many days late (or later) earns nothing for shipment time; on time earns full marks. */
    lateToleranceDays: z.number().min(0.5, { error: "Late tolerance must be at least half a day" }).max(30, { error: "Late tolerance cannot exceed 30 days" }),
    /** Fewer counted order lines than this: no grade ("not enough history"). */
    minLines: z.number().int().min(1, { error: "Minimum lines must be at least 1" }).max(10_000),
    /** A SKU needs this many lines to be listed among the worst SKUs. */
    minSkuLines: z.number().int().min(1, { error: "Minimum lines per SKU must be at least 1" }).max(10_000),
  })
  .strict();

export type ScorecardSettings = z.infer<typeof ScorecardSettingsSchema>;

/** The industry's usual split: shipment time 70 %, share shipped 20 %, share cancelled 10 %. */
export const DEFAULT_SCORECARD_WEIGHTS: ScorecardWeights = { shipmentTime: 70, shareShipped: 20, shareCancelled: 10 };

export const DEFAULT_SCORECARD_SETTINGS: ScorecardSettings = {
  weights: DEFAULT_SCORECARD_WEIGHTS,
  windowDays: 90,
  lateToleranceDays: 3,
  minLines: 5,
  minSkuLines: 3,
};

/** Stored settings (any subset) over the defaults; a stored value that no longer validates falls back to the default. */
export function resolveScorecardSettings(stored: unknown): ScorecardSettings {
  const merged = { ...DEFAULT_SCORECARD_SETTINGS, ...(typeof stored === "object" && stored !== null ? stored : {}) };
  const parsed = ScorecardSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_SCORECARD_SETTINGS;
}
