import { describe, expect, it } from "vitest";
import { routeOrder } from "./engine";
import { explainDecision } from "./stored-decision";
import { WEIGHT_PRESETS, type ScopedOverride, type SplitPolicy } from "./policy";
import { applyPolicyScopes, policyWords, resolveLineSplit, resolveLineWeights, strictestSplit, type PolicyLevel } from "./scope";
import { LAMP, makeInput, makeLine, makeOffer, makeOrder, makePolicy, makeSupplier, MUG, NOW } from "./test-fixtures";

const MUG_PRODUCT = "gid://shopify/Product/11";
const LAMP_PRODUCT = "gid://shopify/Product/12";
const FRAGILE = "gid://shopify/Collection/21";
const EU = { name: "EU", countries: ["FR", "DE", "BE"] };

const NEVER_SPLIT: SplitPolicy = { allowed: false, minBasketValue: 0, allowForExpedited: false, allowToAvoidCancel: false, maxParcels: 1 };
const ALWAYS_SPLIT: SplitPolicy = { allowed: true, minBasketValue: 0, allowForExpedited: true, allowToAvoidCancel: true, maxParcels: 3 };

// One override per level, each with its own preset or custom weights so the winner is recognisable.
const OVERRIDES: Record<Exclude<PolicyLevel, "channel" | "shop">, ScopedOverride> = {
  region: { id: "region", scope: { region: EU }, weights: { speed: 0, cost: 0, stockConfidence: 1, reliability: 0 } },
  collection: { id: "collection", scope: { collectionId: FRAGILE, label: "Fragile" }, weights: { speed: 0, cost: 0, stockConfidence: 0, reliability: 1 } },
  collection_region: { id: "collection_region", scope: { collectionId: FRAGILE, label: "Fragile", region: EU }, preset: "margin_first" },
  product: { id: "product", scope: { productId: MUG_PRODUCT, label: "Ceramic mug" }, preset: "speed_first" },
  product_region: {
    id: "product_region",
    scope: { productId: MUG_PRODUCT, label: "Ceramic mug", region: EU },
    weights: { speed: 1, cost: 1, stockConfidence: 0, reliability: 0 },
  },
};

const mugLine = { productId: MUG_PRODUCT, collectionIds: [FRAGILE] };

describe("which policy applies to a line (most specific wins)", () => {
  // Every override is present (listed least specific first, so list order cannot be what decides);
  // each row removes the ones named and ships to the country given.
  it.each<[string, Partial<Record<keyof typeof OVERRIDES, false>>, string, boolean, string, string | null]>([
    ["product + region beats product", {}, "FR", true, 'product "Ceramic mug" in EU', 'product "Ceramic mug"'],
    ["product beats collection + region", { product_region: false }, "FR", true, 'product "Ceramic mug"', 'collection "Fragile" in EU'],
    ["a product rule in a region does not apply outside it", {}, "US", true, 'product "Ceramic mug"', 'collection "Fragile"'],
    ["collection + region beats collection", { product_region: false, product: false }, "DE", true, 'collection "Fragile" in EU', 'collection "Fragile"'],
    ["collection beats region", { product_region: false, product: false, collection_region: false }, "DE", true, 'collection "Fragile"', "region EU"],
    ["region beats channel", { product_region: false, product: false, collection_region: false, collection: false }, "BE", true, "region EU", "channel amazon"],
    [
      "channel beats the shop default",
      { product_region: false, product: false, collection_region: false, collection: false },
      "US",
      true,
      "channel amazon",
      "shop default",
    ],
    [
      "the shop default when nothing matches",
      { product_region: false, product: false, collection_region: false, collection: false },
      "US",
      false,
      "shop default",
      null,
    ],
  ])("%s", (_, removed, country, withChannel, winner, overridden) => {
    const kept = (["region", "collection", "collection_region", "product", "product_region"] as const)
      .filter((k) => removed[k] !== false)
      .map((k) => OVERRIDES[k]);
    const policy = makePolicy({ scopedOverrides: kept, channelOverrides: withChannel ? { amazon: { preset: "margin_first" } } : {} });
    const resolved = resolveLineWeights(policy, mugLine, country, "amazon");
    expect(resolved.note.source.label).toBe(winner);
    expect(resolved.note.overrides?.label ?? null).toBe(overridden);
  });

  it("takes the product's preset weights when it names a preset", () => {
    const policy = makePolicy({ scopedOverrides: [OVERRIDES.product] });
    expect(resolveLineWeights(policy, mugLine, "US", "web").value).toEqual(WEIGHT_PRESETS.speed_first);
  });

  it("among equally specific matches, the first listed wins", () => {
    const second: ScopedOverride = { id: "other", scope: { collectionId: "gid://shopify/Collection/22", label: "Kitchen" }, preset: "margin_first" };
    const policy = makePolicy({ scopedOverrides: [second, OVERRIDES.collection] });
    const line = { productId: MUG_PRODUCT, collectionIds: [FRAGILE, "gid://shopify/Collection/22"] };
    expect(resolveLineWeights(policy, line, "US", "web").note.source.label).toBe('collection "Kitchen"');
  });

  it("resolves weights and split rules separately: a split-only override leaves the weights to the next scope", () => {
    const policy = makePolicy({
      preset: "balanced",
      scopedOverrides: [{ id: "p", scope: { productId: MUG_PRODUCT, label: "Ceramic mug" }, split: NEVER_SPLIT }, OVERRIDES.region],
    });
    expect(resolveLineWeights(policy, mugLine, "FR", "web").note.source.label).toBe("region EU");
    expect(resolveLineSplit(policy, mugLine, "FR")).toEqual({
      value: NEVER_SPLIT,
      note: { source: { level: "product", overrideId: "p", label: 'product "Ceramic mug"' }, overrides: { level: "shop", label: "shop default" } },
    });
  });

  it("a product override does not match another product, nor a line whose product is unknown", () => {
    const policy = makePolicy({ scopedOverrides: [OVERRIDES.product] });
    expect(resolveLineWeights(policy, { productId: LAMP_PRODUCT }, "US", "web").note.source.level).toBe("shop");
    expect(resolveLineWeights(policy, {}, "US", "web").note.source.level).toBe("shop");
  });
});

describe("the strictest split rule", () => {
  it("allows a split only when every rule does, with the highest minimum and the fewest parcels", () => {
    expect(strictestSplit([ALWAYS_SPLIT, { ...ALWAYS_SPLIT, minBasketValue: 5_000, maxParcels: 2 }])).toEqual({
      ...ALWAYS_SPLIT,
      minBasketValue: 5_000,
      maxParcels: 2,
    });
    expect(strictestSplit([ALWAYS_SPLIT, NEVER_SPLIT]).allowed).toBe(false);
  });
});

describe("the order's policy", () => {
  const suppliers = [makeSupplier("fast"), makeSupplier("cheap")];

  it("uses the most specific line's weights for the whole order and names it in the explanation", () => {
    const order = makeOrder({
      lines: [
        makeLine("l1", MUG, { title: "Mug", productId: MUG_PRODUCT }),
        makeLine("l2", LAMP, { title: "Lamp", productId: LAMP_PRODUCT, unitPrice: 90_000 }),
      ],
    });
    const policy = makePolicy({ preset: "margin_first", scopedOverrides: [OVERRIDES.product] });
    const decision = routeOrder(makeInput({ order, suppliers, policy }));
    expect(decision.context.weights).toEqual(WEIGHT_PRESETS.speed_first);
    expect(policyWords(decision.context.policy!)).toContain('Weights: product "Ceramic mug" (overrides shop default)');
  });

  it("never splits an order holding a product whose rule forbids splitting, though the shop allows it", () => {
    // Each supplier has only one of the two items: the shop's rule would split.
    const order = makeOrder({
      lines: [makeLine("l1", MUG, { title: "Mug", productId: MUG_PRODUCT }), makeLine("l2", LAMP, { title: "Lamp", productId: LAMP_PRODUCT })],
    });
    const offers = [makeOffer("fast", MUG), makeOffer("cheap", LAMP)];
    const shopSplits = makePolicy({ split: ALWAYS_SPLIT });
    expect(routeOrder(makeInput({ order, suppliers, offers, policy: shopSplits })).outcome).toBe("split");
    const fragile = makePolicy({
      split: ALWAYS_SPLIT,
      scopedOverrides: [{ id: "mug", scope: { productId: MUG_PRODUCT, label: "Ceramic mug" }, split: NEVER_SPLIT }],
    });
    const decision = routeOrder(makeInput({ order, suppliers, offers, policy: fragile }));
    expect(decision.outcome).toBe("held");
    expect(decision.holds.map((h) => h.reasonCode)).toEqual(["split_not_allowed", "split_not_allowed"]);
    expect(policyWords(decision.context.policy!)).toContain(
      'Split rules: the strictest of product "Ceramic mug", shop default (the order\'s products have different rules)',
    );
  });

  it("stores nothing extra when only the shop's defaults apply", () => {
    expect(routeOrder(makeInput({ suppliers })).context.policy).toBeUndefined();
  });
});

describe("a channel's SLA", () => {
  // Tuesday 14:00 UTC; next-day handling (ships Wednesday) + 2–3 days transit: the fast supplier delivers by Monday (4 business days), the slow one by Thursday week.
  const fast = makeSupplier("fast");
  const slow = makeSupplier("slow", { coverage: [{ countryCode: "US", transit: { min: 4, max: 6 } }] });

  it("becomes the order's promise: a supplier that cannot deliver within it loses, and the explanation says why", () => {
    const policy = makePolicy({ channelSla: { amazon: 4 } });
    const order = makeOrder({ channel: "amazon" });
    const decision = routeOrder(makeInput({ order, suppliers: [slow, fast], policy }));
    expect(decision.context.promisedBusinessDays).toBe(4);
    expect(decision.context.policy?.sla).toEqual({ channel: "amazon", businessDays: 4 });
    expect(decision.assignments.map((a) => a.supplierId)).toEqual(["fast"]);
    const slowVerdict = explainDecision(decision)[0]!.candidates.find((c) => c.supplierId === "slow")!;
    expect(slowVerdict.eligible).toBe(false);
    expect(slowVerdict.constraints.find((c) => c.name === "meetsPromise")?.reason).toMatch(
      /missing the amazon channel's SLA of 4 business days \(by 2026-11-30\)/,
    );
  });

  it("does not touch orders from other channels, nor an order that carries its own promise", () => {
    const policy = makePolicy({ channelSla: { amazon: 3 } });
    expect(routeOrder(makeInput({ order: makeOrder({ channel: "web" }), suppliers: [slow, fast], policy })).context.promisedBusinessDays).toBe(7);
    const own = routeOrder(makeInput({ order: makeOrder({ channel: "amazon", promisedBusinessDays: 10 }), suppliers: [slow, fast], policy }));
    expect(own.context.promisedBusinessDays).toBe(10);
    expect(own.context.policy).toBeUndefined();
  });
});

describe("channel priority", () => {
  const a = makeSupplier("a");
  const b = makeSupplier("b");
  const policy = makePolicy({ channelPriority: { channels: ["web", "pos"], reserveUnits: 3 } });
  // 2 + 2 buffered units of the mug across the two suppliers: 4 in all, 3 kept for web and pos.
  const offers = [makeOffer("a", MUG, { bufferedAvailable: 2 }), makeOffer("b", MUG, { bufferedAvailable: 2 })];

  it("lets a priority channel take the last units", () => {
    const decision = routeOrder(
      makeInput({ order: makeOrder({ channel: "pos", lines: [makeLine("l1", MUG, { quantity: 2, title: "Mug" })] }), suppliers: [a, b], offers, policy }),
    );
    expect(decision.outcome).toBe("routed");
    expect(decision.context.policy).toBeUndefined();
  });

  it("lets another channel take what is above the reserve", () => {
    const decision = routeOrder(makeInput({ order: makeOrder({ channel: "amazon" }), suppliers: [a, b], offers, policy }));
    expect(decision.outcome).toBe("routed");
    expect(decision.context.policy?.reserve).toEqual({ units: 3, channels: ["web", "pos"], variants: [{ variantId: MUG, total: 4, usable: 1 }] });
  });

  it("holds another channel's order that would eat into the reserve, and says so plainly", () => {
    const order = makeOrder({ channel: "amazon", lines: [makeLine("l1", MUG, { quantity: 2, title: "Mug" })] });
    const decision = routeOrder(makeInput({ order, suppliers: [a, b], offers, policy }));
    expect(decision.outcome).toBe("held");
    expect(decision.holds[0]!.message).toMatch(
      /^2 × Mug is held for stock kept for other channels: 4 units are in stock, but the last 3 are kept for the priority channels \(web, pos\) and this order came from amazon\. Wait for stock, assign it by hand, or change the channel priority\.$/,
    );
  });

  it("counts only active suppliers' stock towards the SKU's units", () => {
    const paused = makeSupplier("b", { status: "paused" });
    const { note } = applyPolicyScopes(makeInput({ order: makeOrder({ channel: "amazon", nowMs: NOW }), suppliers: [a, paused], offers, policy }));
    expect(note?.reserve?.variants).toEqual([{ variantId: MUG, total: 2, usable: 0 }]);
  });
});
