/**
 * Weights as the routing forms type them: four fields of relative importance, 0–100 each, stored
 * as that value / 100 (the engine normalises). Shared by the policy's, a channel's and a scoped
 * override's weight fields.
 */
import { z } from "zod";
import { normaliseWeights, type Weights } from "~/domain/routing/policy";

export const WEIGHT_KEYS = ["speed", "cost", "stockConfidence", "reliability"] as const;
export type WeightKey = (typeof WEIGHT_KEYS)[number];

export const WEIGHT_LABELS: Record<WeightKey, string> = {
  speed: "Delivery speed",
  cost: "Landed cost (margin)",
  stockConfidence: "Stock confidence",
  reliability: "Supplier reliability",
};

export type WeightValues = Record<WeightKey, string>;

/** A whole number typed into a field ("3"), within bounds. */
export const wholeNumber = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .regex(/^\d+$/, { error: `${label} must be a whole number (${min} or more)` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: `${label} must be between ${min} and ${max}` });

/** Custom weights as typed (0–100 each) → relative weights the engine normalises. */
export const WeightValuesSchema = z
  .object(Object.fromEntries(WEIGHT_KEYS.map((k) => [k, wholeNumber(WEIGHT_LABELS[k], 0, 100)])) as Record<WeightKey, ReturnType<typeof wholeNumber>>)
  .refine((w) => WEIGHT_KEYS.reduce((sum, k) => sum + w[k], 0) > 0, { error: "At least one weight must be above zero" })
  .transform((w): Weights => ({ speed: w.speed / 100, cost: w.cost / 100, stockConfidence: w.stockConfidence / 100, reliability: w.reliability / 100 }));

/** Weights as the 0–100 field values (normalised, so any stored scale shows as shares). */
export function weightsToValues(weights: Weights): WeightValues {
  const n = normaliseWeights(weights);
  return Object.fromEntries(WEIGHT_KEYS.map((k) => [k, String(Math.round(n[k] * 100))])) as WeightValues;
}
