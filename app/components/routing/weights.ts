/** What a choice of weights means for the score: normalised shares as whole percentages. */
import { normaliseWeights, PresetNameSchema, WEIGHT_PRESETS, type Weights } from "~/domain/routing/policy";
import { WEIGHT_KEYS, WeightValuesSchema, type WeightKey, type WeightValues } from "~/models/routing-form";

/** The weights a choice implies, for display while editing; null when custom weights are not valid yet. */
export function impliedWeights(mode: string, weights: WeightValues): Weights | null {
  if (mode === "custom") {
    const parsed = WeightValuesSchema.safeParse(weights);
    return parsed.success ? parsed.data : null;
  }
  const preset = PresetNameSchema.safeParse(mode);
  return preset.success ? WEIGHT_PRESETS[preset.data] : null;
}

/** Whole percentages that add up to exactly 100 (largest remainder), for showing normalised weights. */
export function weightShares(weights: Weights): Record<WeightKey, number> {
  const n = normaliseWeights(weights);
  const exact = WEIGHT_KEYS.map((k) => ({ k, pct: n[k] * 100 }));
  const shares = Object.fromEntries(exact.map(({ k, pct }) => [k, Math.floor(pct)])) as Record<WeightKey, number>;
  let left = 100 - WEIGHT_KEYS.reduce((sum, k) => sum + shares[k], 0);
  for (const { k } of [...exact].sort((a, b) => (b.pct % 1) - (a.pct % 1) || WEIGHT_KEYS.indexOf(a.k) - WEIGHT_KEYS.indexOf(b.k))) {
    if (left <= 0) break;
    shares[k] += 1;
    left -= 1;
  }
  return shares;
}
