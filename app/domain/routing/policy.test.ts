import { describe, expect, it } from "vitest";
import { NEUTRAL_PERFORMANCE, reliabilityScore, smoothPerformance } from "./performance";
import { DEFAULT_ROUTING_POLICY, RoutingPolicySchema, WEIGHT_PRESETS, normaliseWeights, parseRoutingPolicy, resolveWeights } from "./policy";

describe("routing policy schema", () => {
  it("fills every default from an empty policy", () => {
    expect(DEFAULT_ROUTING_POLICY).toEqual({
      preset: "balanced",
      channelOverrides: {},
      scopedOverrides: [],
      channelSla: {},
      channelPriority: { channels: [], reserveUnits: 0 },
      stock: { maxAgeMs: 86_400_000, stalenessHalfLifeMs: 21_600_000, minBuffer: 0 },
      split: { allowed: false, minBasketValue: 0, allowForExpedited: false, allowToAvoidCancel: false, maxParcels: 2 },
      serviceLevels: { standard: { maxBusinessDays: 7 }, expedited: { maxBusinessDays: 3 } },
      timeZone: "UTC",
      reliability: { priorStrength: 20 },
      stopLoss: { holdWhenNoCandidate: true },
    });
  });

  it.each([
    ["a negative weight", { weights: { speed: -1, cost: 1, stockConfidence: 1, reliability: 1 } }],
    ["all-zero weights", { weights: { speed: 0, cost: 0, stockConfidence: 0, reliability: 0 } }],
    ["an unknown preset", { preset: "fastest" }],
    ["an unknown time zone", { timeZone: "Mars/Olympus" }],
    ["zero parcels", { split: { maxParcels: 0 } }],
    ["a fractional minimum basket", { split: { minBasketValue: 10.5 } }],
    ["turning off the hold", { stopLoss: { holdWhenNoCandidate: false } }],
    ["a minimum score above 1", { stopLoss: { holdWhenNoCandidate: true, minScore: 1.5 } }],
  ])("rejects %s", (_, input) => {
    expect(RoutingPolicySchema.safeParse(input).success).toBe(false);
  });

  it("keeps a merchant's partial split settings and defaults the rest", () => {
    const policy = parseRoutingPolicy({ split: { allowed: true, minBasketValue: 15_000 } });
    expect(policy.split).toEqual({
      allowed: true,
      minBasketValue: 15_000,
      allowForExpedited: false,
      allowToAvoidCancel: false,
      maxParcels: 2,
    });
  });
});

describe("weights", () => {
  it("normalises weights to sum to one", () => {
    expect(normaliseWeights({ speed: 2, cost: 1, stockConfidence: 1, reliability: 0 })).toEqual({
      speed: 0.5,
      cost: 0.25,
      stockConfidence: 0.25,
      reliability: 0,
    });
  });

  it("resolves channel weights, then channel preset, then policy weights, then the preset", () => {
    const policy = parseRoutingPolicy({
      preset: "margin_first",
      weights: { speed: 1, cost: 1, stockConfidence: 1, reliability: 1 },
      channelOverrides: {
        amazon: { preset: "speed_first" },
        ebay: { preset: "speed_first", weights: { speed: 0, cost: 1, stockConfidence: 0, reliability: 0 } },
      },
    });
    expect(resolveWeights(policy, "ebay")).toEqual({ speed: 0, cost: 1, stockConfidence: 0, reliability: 0 });
    expect(resolveWeights(policy, "amazon")).toEqual(normaliseWeights(WEIGHT_PRESETS.speed_first));
    expect(resolveWeights(policy, "online_store").speed).toBe(0.25);
    expect(resolveWeights(parseRoutingPolicy({ preset: "margin_first" }), "pos")).toEqual(normaliseWeights(WEIGHT_PRESETS.margin_first));
  });

  it("ignores inherited object keys as channel names", () => {
    expect(resolveWeights(DEFAULT_ROUTING_POLICY, "constructor")).toEqual(normaliseWeights(WEIGHT_PRESETS.balanced));
  });
});

describe("supplier reliability", () => {
  const oneBadOrder = { ...NEUTRAL_PERFORMANCE, acceptanceRate: 0, cancellationRate: 1, onTimeShipRate: 0, sampleSize: 1 };

  it("keeps a new supplier with one bad order close to neutral", () => {
    const neutral = reliabilityScore(NEUTRAL_PERFORMANCE, 20).value;
    expect(reliabilityScore(oneBadOrder, 20).value).toBeGreaterThan(neutral - 0.05);
  });

  it("lets an established bad record count", () => {
    const neutral = reliabilityScore(NEUTRAL_PERFORMANCE, 20).value;
    expect(reliabilityScore({ ...oneBadOrder, sampleSize: 500 }, 20).value).toBeLessThan(neutral - 0.3);
  });

  it("blends measured rates with the neutral prior by sample size", () => {
    const smoothed = smoothPerformance({ ...NEUTRAL_PERFORMANCE, cancellationRate: 0.13, sampleSize: 20 }, 20);
    expect(smoothed.cancellationRate).toBeCloseTo((0.13 * 20 + 0.03 * 20) / 40, 10);
    expect(smoothPerformance(oneBadOrder, 0).cancellationRate).toBe(1);
  });
});
