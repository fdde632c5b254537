import { describe, expect, it } from "vitest";
import { DEFAULT_ROUTING_POLICY, parseRoutingPolicy, resolveWeights, WEIGHT_PRESETS } from "~/domain/routing/policy";
import { newChannelOverride, parseRoutingForm, policyToFormValues, routingFormFields, routingFormValues, type RoutingFormValues } from "./routing-form";

const valid = (): RoutingFormValues => ({
  mode: "balanced",
  weights: { speed: "30", cost: "30", stockConfidence: "20", reliability: "20" },
  channelOverrides: [],
  maxStockAgeHours: "24",
  stalenessHalfLifeHours: "6",
  minBuffer: "2",
  standardDays: "7",
  expeditedDays: "3",
  splitAllowed: true,
  splitMinBasketValue: "150.00",
  splitAllowForExpedited: false,
  splitAllowToAvoidCancel: true,
  splitMaxParcels: "2",
  minScore: "",
  scopedOverrides: [],
  channelSla: [],
  priorityChannels: "",
  reserveUnits: "0",
});

function errorsFor(change: (v: RoutingFormValues) => void): Record<string, string> {
  const values = valid();
  change(values);
  const result = parseRoutingForm(values);
  if (result.ok) throw new Error("expected the form to be refused");
  return result.failure.fieldErrors;
}

function policyFor(change: (v: RoutingFormValues) => void = () => undefined) {
  const values = valid();
  change(values);
  const result = parseRoutingForm(values);
  if (!result.ok) throw new Error(JSON.stringify(result.failure.fieldErrors));
  return result.value;
}

describe("the routing policy form schema", () => {
  it("turns valid values into an engine policy: hours to ms, money to minor units, no minimum score", () => {
    const policy = policyFor();
    expect(policy).toEqual(
      parseRoutingPolicy({
        preset: "balanced",
        channelOverrides: {},
        stock: { maxAgeMs: 24 * 3_600_000, stalenessHalfLifeMs: 6 * 3_600_000, minBuffer: 2 },
        serviceLevels: { standard: { maxBusinessDays: 7 }, expedited: { maxBusinessDays: 3 } },
        split: { allowed: true, minBasketValue: 15_000, allowForExpedited: false, allowToAvoidCancel: true, maxParcels: 2 },
        stopLoss: { holdWhenNoCandidate: true },
      }),
    );
    expect(policy.weights).toBeUndefined();
    expect(policy.stopLoss.minScore).toBeUndefined();
  });

  it.each(["speed_first", "margin_first", "balanced"] as const)("maps the %s preset to its weights and ignores the custom fields", (preset) => {
    const policy = policyFor((v) => ((v.mode = preset), (v.weights.speed = "not a number")));
    expect(policy.preset).toBe(preset);
    expect(policy.weights).toBeUndefined();
    expect(resolveWeights(policy, "web")).toEqual(WEIGHT_PRESETS[preset]);
  });

  it("stores custom weights as relative importance, which the engine normalises", () => {
    const policy = policyFor((v) => ((v.mode = "custom"), (v.weights = { speed: "50", cost: "50", stockConfidence: "0", reliability: "0" })));
    expect(policy.weights).toEqual({ speed: 0.5, cost: 0.5, stockConfidence: 0, reliability: 0 });
    expect(resolveWeights(policy, "web")).toEqual({ speed: 0.5, cost: 0.5, stockConfidence: 0, reliability: 0 });
  });

  it("refuses custom weights that are all zero, on the weights group", () => {
    expect(errorsFor((v) => ((v.mode = "custom"), (v.weights = { speed: "0", cost: "0", stockConfidence: "0", reliability: "0" })))).toEqual({
      weights: "At least one weight must be above zero",
    });
  });

  it("refuses a custom weight outside 0–100 or not a whole number, on that weight", () => {
    expect(errorsFor((v) => ((v.mode = "custom"), (v.weights.cost = "101")))).toEqual({ "weights.cost": "Landed cost (margin) must be between 0 and 100" });
    expect(errorsFor((v) => ((v.mode = "custom"), (v.weights.speed = "2.5")))["weights.speed"]).toMatch(/whole number/);
  });

  it("refuses an unknown weight mode", () => {
    expect(errorsFor((v) => (v.mode = "cheapest"))).toEqual({ mode: "Choose a preset or custom weights" });
  });

  it("maps channel override rows to per-channel presets or weights", () => {
    const policy = policyFor((v) => {
      v.channelOverrides = [
        { ...newChannelOverride("speed_first"), channel: " amazon " },
        { channel: "pos", mode: "custom", weights: { speed: "10", cost: "70", stockConfidence: "10", reliability: "10" } },
      ];
    });
    expect(policy.channelOverrides).toEqual({
      amazon: { preset: "speed_first" },
      pos: { weights: { speed: 0.1, cost: 0.7, stockConfidence: 0.1, reliability: 0.1 } },
    });
    expect(resolveWeights(policy, "amazon")).toEqual(WEIGHT_PRESETS.speed_first);
    expect(resolveWeights(policy, "web")).toEqual(WEIGHT_PRESETS.balanced);
  });

  it("puts channel row errors on that row's fields", () => {
    const errors = errorsFor((v) => {
      v.channelOverrides = [
        { ...newChannelOverride(), channel: "" },
        { channel: "pos", mode: "custom", weights: { speed: "0", cost: "0", stockConfidence: "0", reliability: "0" } },
        { ...newChannelOverride(), channel: "has space" },
      ];
    });
    expect(errors).toEqual({
      "channelOverrides.0.channel": "Channel is required",
      "channelOverrides.1.weights": "At least one weight must be above zero",
      "channelOverrides.2.channel": "Use the channel handle as Shopify reports it, e.g. web, pos or amazon",
    });
  });

  it("refuses the same channel twice, on the second row", () => {
    const errors = errorsFor(
      (v) =>
        (v.channelOverrides = [
          { ...newChannelOverride(), channel: "pos" },
          { ...newChannelOverride("margin_first"), channel: "pos" },
        ]),
    );
    expect(errors).toEqual({ "channelOverrides.1.channel": "This channel already has an override" });
  });

  it("refuses stock ages that are not positive hours within 30 days", () => {
    expect(errorsFor((v) => (v.maxStockAgeHours = "0")).maxStockAgeHours).toBe("Max stock age must be more than 0 and at most 720 hours");
    expect(errorsFor((v) => (v.maxStockAgeHours = "1000")).maxStockAgeHours).toBe("Max stock age must be more than 0 and at most 720 hours");
    expect(errorsFor((v) => (v.stalenessHalfLifeHours = "six")).stalenessHalfLifeHours).toBe("Staleness half-life must be a number of hours such as 24 or 1.5");
    expect(policyFor((v) => (v.stalenessHalfLifeHours = "1.5")).stock.stalenessHalfLifeMs).toBe(5_400_000);
  });

  it("refuses a negative or fractional buffer", () => {
    expect(errorsFor((v) => (v.minBuffer = "-1")).minBuffer).toBe("Minimum buffer must be a whole number (0 or more)");
    expect(errorsFor((v) => (v.minBuffer = "1.5")).minBuffer).toMatch(/whole number/);
  });

  it("refuses promises beyond 60 business days and an expedited promise slower than standard", () => {
    expect(errorsFor((v) => (v.standardDays = "61")).standardDays).toBe("Standard promise must be between 0 and 60");
    expect(errorsFor((v) => ((v.standardDays = "3"), (v.expeditedDays = "5")))).toEqual({
      expeditedDays: "Expedited must promise no more business days than standard",
    });
  });

  it("refuses negative and malformed basket minimums, and parcel limits outside 1–10", () => {
    expect(errorsFor((v) => (v.splitMinBasketValue = "-5")).splitMinBasketValue).toBe("Minimum basket value can't be negative");
    expect(errorsFor((v) => (v.splitMinBasketValue = "12.345")).splitMinBasketValue).toBe("Minimum basket value must be an amount such as 50.00");
    expect(errorsFor((v) => (v.splitMaxParcels = "0")).splitMaxParcels).toBe("Max parcels must be between 1 and 10");
    expect(errorsFor((v) => (v.splitMaxParcels = "11")).splitMaxParcels).toBe("Max parcels must be between 1 and 10");
  });

  it("takes a minimum score between 0 and 1, or none", () => {
    expect(policyFor((v) => (v.minScore = "0.4")).stopLoss).toEqual({ holdWhenNoCandidate: true, minScore: 0.4 });
    expect(errorsFor((v) => (v.minScore = "1.2")).minScore).toBe("Minimum score must be between 0 and 1 (e.g. 0.40), or empty for no minimum");
    expect(errorsFor((v) => (v.minScore = "-0.1")).minScore).toMatch(/between 0 and 1/);
  });

  it("reports every wrong field at once", () => {
    const errors = errorsFor((v) => ((v.mode = "custom"), (v.weights.speed = "x"), (v.minBuffer = ""), (v.splitMaxParcels = "99")));
    expect(Object.keys(errors).sort()).toEqual(["minBuffer", "splitMaxParcels", "weights.speed"]);
  });

  it("keeps the settings the form does not edit (time zone, reliability prior) from the stored policy", () => {
    const result = parseRoutingForm(valid(), { timeZone: "America/Los_Angeles", reliability: { priorStrength: 5 } });
    expect(result.ok && result.value).toMatchObject({ timeZone: "America/Los_Angeles", reliability: { priorStrength: 5 } });
  });
});

describe("routing form values", () => {
  it("survive a round trip through posted fields, override rows and checkboxes included", () => {
    const values = valid();
    values.channelOverrides = [{ ...newChannelOverride("margin_first"), channel: "amazon" }];
    values.splitAllowForExpedited = false;
    const form = new FormData();
    for (const [k, v] of Object.entries(routingFormFields(values))) form.append(k, v);
    expect(form.has("splitAllowForExpedited")).toBe(false);
    expect(routingFormValues(form)).toEqual(values);
  });

  it("come back from a stored policy and parse to the same policy", () => {
    const stored = parseRoutingPolicy({
      weights: { speed: 2, cost: 1, stockConfidence: 1, reliability: 0 },
      channelOverrides: { pos: { preset: "speed_first" } },
      stock: { maxAgeMs: 5_400_000, stalenessHalfLifeMs: 3_600_000, minBuffer: 3 },
      split: { allowed: true, minBasketValue: 9_999, maxParcels: 3 },
      stopLoss: { minScore: 0.35 },
    });
    const values = policyToFormValues(stored);
    expect(values).toMatchObject({
      mode: "custom",
      weights: { speed: "50", cost: "25", stockConfidence: "25", reliability: "0" },
      maxStockAgeHours: "1.5",
      splitMinBasketValue: "99.99",
      minScore: "0.35",
    });
    const reparsed = parseRoutingForm(values);
    expect(reparsed.ok && resolveWeights(reparsed.value, "web")).toEqual(resolveWeights(stored, "web"));
    expect(reparsed.ok && { ...reparsed.value, weights: undefined }).toEqual({ ...stored, weights: undefined });
  });

  it("start from the default policy as the balanced preset", () => {
    expect(policyToFormValues(DEFAULT_ROUTING_POLICY)).toMatchObject({
      mode: "balanced",
      channelOverrides: [],
      standardDays: "7",
      expeditedDays: "3",
      splitAllowed: false,
    });
  });
});
