import { describe, expect, it } from "vitest";
import { syntheticInputs } from "../../../sim/routing/synthetic";
import { routeOrder } from "./engine";
import { expandExplanation } from "./expand";
import { constraintWords } from "./explain";
import { HOUR, LAMP, MUG, NOW, makeInput, makeLine, makeOffer, makeOrder, makePolicy, makeSupplier } from "./test-fixtures";
import type { RoutingDecision } from "./types";

const chosen = (d: RoutingDecision): string[] => d.assignments.map((a) => a.supplierId);
const candidate = (d: RoutingDecision, supplierId: string, line = 0) => expandExplanation(d)[line]!.candidates.find((c) => c.supplierId === supplierId)!;
/** A candidate's constraint with the sentence and short detail the merchant reads. */
const constraint = (d: RoutingDecision, supplierId: string, name: string) => {
  const c = candidate(d, supplierId);
  const result = c.constraints.find((r) => r.name === name)!;
  return { ...result, ...constraintWords(result, c.supplierName) };
};

describe("routeOrder — operating-model examples", () => {
  it("routes to the nearer supplier when speed matters", () => {
    const near = makeSupplier("near", { coverage: [{ countryCode: "US", transit: { min: 1, max: 2 } }] });
    const far = makeSupplier("far", { coverage: [{ countryCode: "US", transit: { min: 4, max: 5 } }] });
    const d = routeOrder(makeInput({ suppliers: [far, near], policy: makePolicy({ preset: "speed_first" }) }));
    expect(d.outcome).toBe("routed");
    expect(chosen(d)).toEqual(["near"]);
    expect(candidate(d, "near").score!.parts.speed).toBeGreaterThan(candidate(d, "far").score!.parts.speed);
    expect(d.fallbacks).toEqual([{ lineId: "line-1", supplierIds: ["far"] }]);
  });

  it("routes to the cheaper supplier on a price-led channel when both meet the promise", () => {
    const near = makeSupplier("near", { coverage: [{ countryCode: "US", transit: { min: 1, max: 2 } }] });
    const far = makeSupplier("far", { coverage: [{ countryCode: "US", transit: { min: 3, max: 4 } }] });
    const offers = [makeOffer("near", MUG, { unitCost: 3_000 }), makeOffer("far", MUG, { unitCost: 2_400 })];
    const policy = makePolicy({
      channelOverrides: { online_store: { preset: "margin_first" }, amazon: { preset: "speed_first" } },
    });
    const onlineStore = routeOrder(makeInput({ suppliers: [near, far], offers, policy }));
    const amazon = routeOrder(makeInput({ order: makeOrder({ channel: "amazon" }), suppliers: [near, far], offers, policy }));
    expect(chosen(onlineStore)).toEqual(["far"]);
    expect(chosen(amazon)).toEqual(["near"]);
    expect(candidate(onlineStore, "far").constraints.every((c) => c.passed)).toBe(true);
    expect(onlineStore.context.weights.cost).toBeGreaterThan(amazon.context.weights.cost);
  });

  it("routes away from a stale stock feed to a fresh one", () => {
    const suppliers = [makeSupplier("alpha"), makeSupplier("bravo")];
    const offers = [makeOffer("alpha", MUG, { stockUpdatedAtMs: NOW - 20 * HOUR }), makeOffer("bravo", MUG, { stockUpdatedAtMs: NOW - 5 * 60_000 })];
    const d = routeOrder(makeInput({ suppliers, offers }));
    expect(chosen(d)).toEqual(["bravo"]);
    expect(constraint(d, "alpha", "stockFresh").passed).toBe(true);
    expect(candidate(d, "alpha").score!.freshness).toBeLessThan(0.5);
  });

  it("excludes stock older than the policy trusts, saying how old it is", () => {
    const offers = [makeOffer("alpha", MUG, { stockUpdatedAtMs: NOW - 3 * 24 * HOUR })];
    const d = routeOrder(makeInput({ suppliers: [makeSupplier("alpha")], offers }));
    expect(d.outcome).toBe("held");
    expect(constraint(d, "alpha", "stockFresh").reason).toBe("Stock last updated 3 days ago; policy trusts stock for 24 hours");
  });

  it("lets a bad cancellation history lose a close call", () => {
    const flaky = makeSupplier("alpha", {
      performance: { ...makeSupplier("x").performance, cancellationRate: 0.3, sampleSize: 300 },
    });
    const steady = makeSupplier("bravo");
    const offers = [makeOffer("alpha", MUG, { unitCost: 2_380 }), makeOffer("bravo", MUG, { unitCost: 2_400 })];
    const d = routeOrder(makeInput({ suppliers: [flaky, steady], offers }));
    expect(chosen(d)).toEqual(["bravo"]);
    expect(candidate(d, "alpha").score!.parts.cost).toBeGreaterThan(candidate(d, "bravo").score!.parts.cost);
  });

  it("splits only for a high-value basket", () => {
    const suppliers = [makeSupplier("alpha"), makeSupplier("bravo")];
    const offers = [makeOffer("alpha", MUG), makeOffer("bravo", LAMP)];
    const policy = makePolicy({ split: { allowed: true, minBasketValue: 20_000 } });
    const lines = (price: number) => [makeLine("l1", MUG, { unitPrice: price }), makeLine("l2", LAMP, { unitPrice: price })];
    const high = routeOrder(makeInput({ order: makeOrder({ lines: lines(15_000) }), suppliers, offers, policy }));
    const low = routeOrder(makeInput({ order: makeOrder({ lines: lines(4_000) }), suppliers, offers, policy }));
    expect(high.outcome).toBe("split");
    expect(high.assignments.map((a) => [a.supplierId, a.lines.map((l) => l.lineId)])).toEqual([
      ["alpha", ["l1"]],
      ["bravo", ["l2"]],
    ]);
    expect(low.outcome).toBe("held");
    expect(low.holds.map((h) => h.reasonCode)).toEqual(["split_not_allowed", "split_not_allowed"]);
    expect(low.holds[0]!.message).toContain("below the split minimum $200.00");
  });

  it("holds with an actionable reason when nothing fits", () => {
    const acme = makeSupplier("acme", { coverage: [{ countryCode: "CA", transit: { min: 2, max: 4 } }] });
    const beta = makeSupplier("beta");
    const offers = [makeOffer("acme", MUG, { stockOnHand: 0 }), makeOffer("beta", MUG)];
    const order = makeOrder({
      destination: { countryCode: "CA", provinceCode: "QC" },
      lines: [makeLine("line-1", MUG, { quantity: 2, title: "Mug" })],
    });
    const d = routeOrder(makeInput({ order, suppliers: [acme, beta], offers }));
    expect(d.outcome).toBe("held");
    expect(d.assignments).toEqual([]);
    expect(d.holds).toEqual([
      {
        lineId: "line-1",
        quantity: 2,
        reasonCode: "no_eligible_supplier",
        message:
          "No supplier can ship 2 × Mug to CA-QC: Acme (out of stock: 0 of 2 needed), " +
          "Beta (does not ship to CA-QC; no delivery estimate for CA-QC). " +
          "To route it: add a supplier covering CA-QC, restock or lower the buffer, " +
          "relax the standard promise or add a faster supplier.",
      },
    ]);
  });

  it("never chooses a paused supplier, however good", () => {
    const paused = makeSupplier("alpha", { status: "paused", coverage: [{ countryCode: "US", transit: { min: 1, max: 1 } }] });
    const d = routeOrder(makeInput({ suppliers: [paused, makeSupplier("bravo")] }));
    expect(chosen(d)).toEqual(["bravo"]);
    expect(constraint(d, "alpha", "supplierActive")).toMatchObject({ passed: false, detail: "paused" });
    const onlyPaused = routeOrder(makeInput({ suppliers: [paused] }));
    expect(onlyPaused.outcome).toBe("held");
    expect(onlyPaused.holds[0]!.message).toContain("Alpha (paused)");
  });

  it("fails the promise constraint for a supplier past its cut-off on an expedited order", () => {
    const sameDay = makeSupplier("alpha", {
      calendar: { timeZone: "America/New_York", cutoff: "12:00", holidays: [] },
      serviceTier: { tier: "same_day", handling: { min: 0, max: 0 } },
      coverage: [{ countryCode: "US", transit: { min: 1, max: 1 } }],
    });
    const policy = makePolicy({ serviceLevels: { standard: { maxBusinessDays: 5 }, expedited: { maxBusinessDays: 1 } } });
    const at = (utcHour: number) =>
      routeOrder(
        makeInput({
          order: makeOrder({ serviceLevel: "expedited", nowMs: Date.UTC(2026, 10, 24, utcHour, 0) }),
          suppliers: [sameDay],
          policy,
        }),
      );
    const beforeCutoff = at(15); // 10:00 in New York
    const afterCutoff = at(18); // 13:00 in New York
    expect(beforeCutoff.outcome).toBe("routed");
    expect(afterCutoff.outcome).toBe("held");
    expect(constraint(afterCutoff, "alpha", "meetsPromise")).toMatchObject({
      passed: false,
      reason: "Alpha would deliver by 2026-11-26 at the latest, missing the expedited promise of 1 business days (by 2026-11-25)",
    });
  });
});

describe("routeOrder — re-routing and stop-loss", () => {
  it("never routes to an excluded supplier and keeps the rest as fallbacks", () => {
    const suppliers = [makeSupplier("alpha"), makeSupplier("bravo"), makeSupplier("charlie")];
    const d = routeOrder(makeInput({ suppliers }), { exclude: ["alpha"] });
    expect(chosen(d)).toEqual(["bravo"]);
    expect(d.fallbacks[0]!.supplierIds).toEqual(["charlie"]);
    expect(constraint(d, "alpha", "notExcluded").passed).toBe(false);
    expect(d.context.excluded).toEqual(["alpha"]);
  });

  it("holds every candidate below the minimum score", () => {
    const policy = makePolicy({ stopLoss: { holdWhenNoCandidate: true, minScore: 0.99 } });
    const d = routeOrder(makeInput({ suppliers: [makeSupplier("alpha")], policy }));
    expect(d.holds[0]!.reasonCode).toBe("below_min_score");
    expect(d.holds[0]!.message).toMatch(/scores below the policy minimum 0\.99: Alpha 0\.\d\d/);
  });

  it("holds a line no supplier offers", () => {
    const d = routeOrder(makeInput({ suppliers: [makeSupplier("alpha")], offers: [] }));
    expect(d.holds[0]).toMatchObject({ reasonCode: "no_offer" });
    expect(d.holds[0]!.message).toContain(MUG);
  });

  it("holds what does not fit within the parcel limit and ships the rest", () => {
    const suppliers = [makeSupplier("alpha"), makeSupplier("bravo")];
    const offers = [makeOffer("alpha", MUG), makeOffer("bravo", LAMP)];
    const policy = makePolicy({ split: { allowed: true, maxParcels: 1 } });
    const lines = [makeLine("l1", MUG, { quantity: 3 }), makeLine("l2", LAMP)];
    const d = routeOrder(makeInput({ order: makeOrder({ lines }), suppliers, offers, policy }));
    expect(d.outcome).toBe("partially_held");
    expect(chosen(d)).toEqual(["alpha"]);
    expect(d.holds).toMatchObject([{ lineId: "l2", reasonCode: "max_parcels_exceeded" }]);
  });

  it("splits an expedited order or to avoid a cancellation when the policy says so", () => {
    const suppliers = [makeSupplier("alpha"), makeSupplier("bravo")];
    const offers = [makeOffer("alpha", MUG), makeOffer("bravo", LAMP)];
    const order = makeOrder({ lines: [makeLine("l1", MUG), makeLine("l2", LAMP)], serviceLevel: "expedited" });
    const base = { allowed: true, minBasketValue: 1_000_000 };
    const serviceLevels = { standard: { maxBusinessDays: 7 }, expedited: { maxBusinessDays: 4 } };
    const route = (split: object) => routeOrder(makeInput({ order, suppliers, offers, policy: makePolicy({ serviceLevels, split: { ...base, ...split } }) }));
    expect(route({}).outcome).toBe("held");
    expect(route({ allowForExpedited: true }).outcome).toBe("split");
    expect(route({ allowToAvoidCancel: true }).outcome).toBe("split");
    expect(route({ allowToAvoidCancel: true }).context.splitReason).toContain("rather than cancel");
  });

  it("prefers one parcel over better per-line scores when a single supplier can take everything", () => {
    const fastForMugs = makeSupplier("alpha", { coverage: [{ countryCode: "US", transit: { min: 1, max: 1 } }] });
    const slowAll = makeSupplier("bravo", { coverage: [{ countryCode: "US", transit: { min: 3, max: 4 } }] });
    const offers = [makeOffer("alpha", MUG), makeOffer("bravo", MUG), makeOffer("bravo", LAMP)];
    const policy = makePolicy({ split: { allowed: true } });
    const order = makeOrder({ lines: [makeLine("l1", MUG), makeLine("l2", LAMP)] });
    const d = routeOrder(makeInput({ order, suppliers: [fastForMugs, slowAll], offers, policy }));
    expect(d.outcome).toBe("routed");
    expect(chosen(d)).toEqual(["bravo"]);
    expect(d.fallbacks[0]!.supplierIds).toEqual(["alpha"]);
  });
});

describe("routeOrder — stock and output", () => {
  it("uses the buffered quantity when known, else stock on hand minus the policy buffer", () => {
    const offers = [makeOffer("alpha", MUG, { stockOnHand: 10, bufferedAvailable: 1 }), makeOffer("bravo", MUG, { stockOnHand: 3 })];
    const order = makeOrder({ lines: [makeLine("line-1", MUG, { quantity: 2 })] });
    const suppliers = [makeSupplier("alpha"), makeSupplier("bravo")];
    const lenient = routeOrder(makeInput({ order, suppliers, offers }));
    expect(chosen(lenient)).toEqual(["bravo"]);
    expect(constraint(lenient, "alpha", "stockAvailable").detail).toBe("short of stock: 1 of 2 needed");
    const strict = routeOrder(makeInput({ order, suppliers, offers, policy: makePolicy({ stock: { minBuffer: 2 } }) }));
    expect(strict.outcome).toBe("held");
  });

  it("counts every line of the same variant against one supplier's stock", () => {
    const lines = [makeLine("l1", MUG, { quantity: 2 }), makeLine("l2", MUG, { quantity: 2 })];
    const d = routeOrder(makeInput({ order: makeOrder({ lines }), suppliers: [makeSupplier("alpha")], offers: [makeOffer("alpha", MUG, { stockOnHand: 3 })] }));
    expect(d.outcome).toBe("held");
    expect(constraint(d, "alpha", "stockAvailable").detail).toBe("short of stock: 3 of 4 needed");
  });

  it("reports landed cost and the promise window on each assignment", () => {
    const order = makeOrder({ lines: [makeLine("line-1", MUG, { quantity: 2 })] });
    const d = routeOrder(makeInput({ order, suppliers: [makeSupplier("alpha")] }));
    expect(d.assignments[0]).toEqual({
      supplierId: "alpha",
      lines: [{ lineId: "line-1", quantity: 2 }],
      landedCost: 2 * 2_400 + 200 + 500,
      promise: { earliest: "2026-11-27", latest: "2026-11-30", latestBusinessDays: 4 },
    });
  });

  it("gives decisions that neither depend on nor change with what is routed after them (the engine reuses working arrays)", () => {
    const [small] = syntheticInputs(3, 5, 11);
    const [large] = syntheticInputs(20, 200, 12);
    const first = routeOrder(small!);
    const kept = JSON.parse(JSON.stringify(first)) as unknown;
    const big = routeOrder(large!);
    expect(first).toEqual(kept);
    expect(routeOrder(small!)).toEqual(first);
    expect(routeOrder(large!)).toEqual(big);
    expect(JSON.parse(JSON.stringify(expandExplanation(first)))).toEqual(expandExplanation(routeOrder(small!)));
  });

  it("returns plain JSON that survives a round trip", () => {
    const d = routeOrder(makeInput({ suppliers: [makeSupplier("alpha"), makeSupplier("bravo", { status: "paused" })] }));
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it("explains an offer whose supplier has no record instead of dropping it", () => {
    const d = routeOrder(makeInput({ suppliers: [], offers: [makeOffer("ghost", MUG)] }));
    expect(d.holds[0]!.message).toBe(
      "No supplier can ship 1 × Mug to US-CA: ghost (no supplier record). " + "To route it: set up the missing supplier or remove its offers.",
    );
    expect(constraint(d, "ghost", "supplierKnown").reason).toContain("No supplier record for ghost");
  });

  it("rejects malformed input with a message", () => {
    const lines = [makeLine("l1", MUG), makeLine("l1", LAMP)];
    expect(() => routeOrder(makeInput({ order: makeOrder({ lines }), suppliers: [] }))).toThrow(/line l1 twice/);
    expect(() => routeOrder(makeInput({ order: makeOrder({ lines: [] }), suppliers: [] }))).toThrow(/no lines/);
    const zero = [makeLine("l1", MUG, { quantity: 0 })];
    expect(() => routeOrder(makeInput({ order: makeOrder({ lines: zero }), suppliers: [] }))).toThrow(/whole number ≥ 1/);
  });

  it("rejects a supplier listed twice, whether or not an offer names it", () => {
    const alpha = makeSupplier("alpha");
    expect(() => routeOrder(makeInput({ suppliers: [alpha, makeSupplier("bravo"), alpha] }))).toThrow(/Supplier alpha appears twice/);
    const idle = makeSupplier("idle");
    expect(() => routeOrder(makeInput({ suppliers: [idle, alpha, idle] }))).toThrow(/Supplier idle appears twice/);
  });

  it("keeps one offer per supplier and variant, the lowest supplier SKU, whatever the input order", () => {
    const offers = [
      makeOffer("alpha", MUG, { supplierSku: "A-2", unitCost: 1_000 }),
      makeOffer("bravo", MUG, { supplierSku: "B-1" }),
      makeOffer("alpha", MUG, { supplierSku: "A-1", unitCost: 2_000 }),
      makeOffer("alpha", LAMP, { supplierSku: "A-9" }),
    ];
    const input = makeInput({ suppliers: [makeSupplier("alpha"), makeSupplier("bravo")], offers });
    for (const list of [offers, [...offers].reverse()]) {
      const d = routeOrder({ ...input, offers: list });
      const candidates = expandExplanation(d)[0]!.candidates;
      expect(candidates.map((c) => [c.supplierId, c.supplierSku]).sort()).toEqual([
        ["alpha", "A-1"],
        ["bravo", "B-1"],
      ]);
      expect(d.explanation.suppliers.map((s) => s.id)).toEqual(["alpha", "bravo"]);
    }
  });

  it("honours an order-level promise such as a marketplace SLA", () => {
    const suppliers = [makeSupplier("alpha")];
    expect(routeOrder(makeInput({ suppliers })).outcome).toBe("routed");
    const d = routeOrder(makeInput({ order: makeOrder({ promisedBusinessDays: 2 }), suppliers }));
    expect(d.outcome).toBe("held");
    expect(d.context).toMatchObject({ promisedBusinessDays: 2, deadline: "2026-11-26" });
  });
});
