/**
 * The routing policy is data: a preset or explicit weights, per-channel overrides, stock,
 * split, promise and stop-loss rules. Validated with zod when saved and when loaded.
 */
import { z } from "zod";
import { isShopifyCountryCode } from "../country-codes";
import { isValidTimeZone } from "../promise";

const HOUR_MS = 3_600_000;

const weight = z.number().finite().nonnegative();

export const WeightsSchema = z
  .object({ speed: weight, cost: weight, stockConfidence: weight, reliability: weight })
  .refine((w) => w.speed + w.cost + w.stockConfidence + w.reliability > 0, {
    message: "At least one routing weight must be above zero",
  });

export type Weights = z.infer<typeof WeightsSchema>;

export const PresetNameSchema = z.enum(["speed_first", "margin_first", "balanced"]);
export type PresetName = z.infer<typeof PresetNameSchema>;

/** Weight presets a merchant picks from; explicit weights override them. */
export const WEIGHT_PRESETS: Readonly<Record<PresetName, Weights>> = {
  speed_first: { speed: 0.55, cost: 0.15, stockConfidence: 0.15, reliability: 0.15 },
  margin_first: { speed: 0.15, cost: 0.55, stockConfidence: 0.15, reliability: 0.15 },
  balanced: { speed: 0.3, cost: 0.3, stockConfidence: 0.2, reliability: 0.2 },
};

export const WeightChoiceSchema = z.object({
  preset: PresetNameSchema.optional(),
  weights: WeightsSchema.optional(),
});

const minor = z.number().int().nonnegative();
const businessDays = z.number().int().min(0).max(60);

export const SplitPolicySchema = z.object({
  allowed: z.boolean().default(false),
  /** Baskets at or above this value (minor units) may be split. */
  minBasketValue: minor.default(0),
  allowForExpedited: z.boolean().default(false),
  /** Split when no single supplier can take every line (the alternative is cancelling). */
  allowToAvoidCancel: z.boolean().default(false),
  maxParcels: z.number().int().min(1).max(10).default(2),
});

/** A destination region: a name the merchant reads ("EU") and the countries it covers. */
export const PolicyRegionSchema = z.object({
  name: z.string().trim().min(1).max(60),
  countries: z
    .array(z.string().refine(isShopifyCountryCode, { message: "Not a country code Shopify knows" }))
    .min(1)
    .max(250)
    .refine((codes) => new Set(codes).size === codes.length, { message: "A country is listed twice" }),
});

/**
 * What a scoped override applies to: a product or a collection (not both), a destination region,
 * or a product or collection in a region. `label` is the product's or collection's title when the
 * override was saved (explanations name it; ids are never shown to a merchant).
 */
export const PolicyScopeSchema = z
  .object({
    productId: z.string().startsWith("gid://shopify/Product/").optional(),
    collectionId: z.string().startsWith("gid://shopify/Collection/").optional(),
    label: z.string().trim().max(255).optional(),
    region: PolicyRegionSchema.optional(),
  })
  .refine((s) => !(s.productId && s.collectionId), { message: "An override applies to a product or a collection, not both" })
  .refine((s) => s.productId || s.collectionId || s.region, { message: "An override needs a product, a collection or a region" });

/** Weights and/or split rules for one scope; what it leaves out comes from the next scope down. */
export const ScopedOverrideSchema = z
  .object({
    id: z.string().min(1).max(64),
    scope: PolicyScopeSchema,
    preset: PresetNameSchema.optional(),
    weights: WeightsSchema.optional(),
    split: SplitPolicySchema.optional(),
  })
  .refine((o) => o.preset || o.weights || o.split, { message: "An override must set weights or split rules" });

export type PolicyRegion = z.infer<typeof PolicyRegionSchema>;
export type PolicyScope = z.infer<typeof PolicyScopeSchema>;
export type ScopedOverride = z.infer<typeof ScopedOverrideSchema>;
export type SplitPolicy = z.infer<typeof SplitPolicySchema>;

/** A channel handle as Shopify reports an order's source ("web", "pos", "amazon"). */
const channelHandle = z.string().min(1).max(100);

export const RoutingPolicySchema = z.object({
  preset: PresetNameSchema.default("balanced"),
  weights: WeightsSchema.optional(),
  /** Keyed by channel handle ("online_store", "amazon", …). */
  channelOverrides: z.record(z.string().min(1), WeightChoiceSchema).default({}),
  /**
   * Weights and split rules per product, collection and destination region; the most specific
   * matching override wins (`scope.ts` states the precedence). In the merchant's order: among
   * equally specific matches, the first listed wins.
   */
  scopedOverrides: z.array(ScopedOverrideSchema).max(200).default([]),
  /**
   * A channel's SLA in business days (e.g. a marketplace's): an order from that channel is promised
   * this many business days, whatever its shipping method, unless the order carries its own promise.
   */
  channelSla: z.record(channelHandle, z.number().int().min(1).max(60)).default({}),
  /**
   * Shopify publishes one quantity to every sales channel; this keeps the last `reserveUnits`
   * units of each SKU (its buffered stock across suppliers) for the channels listed, ranked first.
   * Orders from any other channel cannot take them (they are held with the reason).
   */
  channelPriority: z
    .object({
      channels: z.array(channelHandle).max(20).default([]),
      reserveUnits: z.number().int().min(0).max(10_000).default(0),
    })
    .default({ channels: [], reserveUnits: 0 }),
  stock: z
    .object({
      /** Hard limit: stock older than this is not trusted at all. */
      maxAgeMs: z
        .number()
        .int()
        .positive()
        .default(24 * HOUR_MS),
      /** Soft decay: confidence halves for every half-life past the feed's cadence. */
      stalenessHalfLifeMs: z
        .number()
        .int()
        .positive()
        .default(6 * HOUR_MS),
      /** Units held back from stockOnHand when no buffered quantity is known. */
      minBuffer: z.number().int().nonnegative().default(0),
    })
    .default({ maxAgeMs: 24 * HOUR_MS, stalenessHalfLifeMs: 6 * HOUR_MS, minBuffer: 0 }),
  split: SplitPolicySchema.default({
    allowed: false,
    minBasketValue: 0,
    allowForExpedited: false,
    allowToAvoidCancel: false,
    maxParcels: 2,
  }),
  serviceLevels: z
    .object({
      standard: z.object({ maxBusinessDays: businessDays }),
      expedited: z.object({ maxBusinessDays: businessDays }),
    })
    .default({ standard: { maxBusinessDays: 7 }, expedited: { maxBusinessDays: 3 } }),
  /** Zone of "today" when counting the promised business days (the shop's zone). */
  timeZone: z.string().refine(isValidTimeZone, { message: "Unknown IANA time zone" }).default("UTC"),
  reliability: z
    .object({
      /** Orders' worth of neutral prior blended into measured rates. */
      priorStrength: z.number().nonnegative().default(20),
    })
    .default({ priorStrength: 20 }),
  stopLoss: z
    .object({
      /** The engine never cancels: a line nobody can take is held for a person to decide. */
      holdWhenNoCandidate: z.literal(true).default(true),
      /** Eligible candidates scoring below this are treated as not good enough. */
      minScore: z.number().min(0).max(1).optional(),
    })
    .default({ holdWhenNoCandidate: true }),
});

export type RoutingPolicy = z.infer<typeof RoutingPolicySchema>;
export type RoutingPolicyInput = z.input<typeof RoutingPolicySchema>;

/** Parses a stored or submitted policy, filling defaults; throws a ZodError when invalid. */
export function parseRoutingPolicy(input: unknown): RoutingPolicy {
  return RoutingPolicySchema.parse(input);
}

/** The policy a new shop starts with. */
export const DEFAULT_ROUTING_POLICY: RoutingPolicy = parseRoutingPolicy({});

/** Scales weights to sum to 1 (rounded to 6 places so explanations stay readable). */
export function normaliseWeights(weights: Weights): Weights {
  const sum = weights.speed + weights.cost + weights.stockConfidence + weights.reliability;
  if (!(sum > 0)) throw new RangeError("At least one routing weight must be above zero");
  const n = (x: number): number => Math.round((x / sum) * 1e6) / 1e6;
  return {
    speed: n(weights.speed),
    cost: n(weights.cost),
    stockConfidence: n(weights.stockConfidence),
    reliability: n(weights.reliability),
  };
}

/** The normalised weights for a channel: channel weights > channel preset > policy weights > preset. */
export function resolveWeights(policy: RoutingPolicy, channel: string): Weights {
  const override = Object.hasOwn(policy.channelOverrides, channel) ? policy.channelOverrides[channel] : undefined;
  const chosen = override?.weights ?? (override?.preset ? WEIGHT_PRESETS[override.preset] : undefined) ?? policy.weights ?? WEIGHT_PRESETS[policy.preset];
  return normaliseWeights(chosen);
}

/** Promised business days for a service level; an order-level promise wins. */
export function promisedBusinessDays(policy: RoutingPolicy, serviceLevel: "standard" | "expedited", orderOverride?: number): number {
  return orderOverride ?? policy.serviceLevels[serviceLevel].maxBusinessDays;
}
