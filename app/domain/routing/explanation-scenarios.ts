/**
 * Test support: routing inputs whose explanations between them use every constraint verdict
 * (each pass and each kind of failure) and every score part. Their decisions as the engine
 * stored them in format 1 and in format 2 are kept in `decisions-v1.fixture.json` and
 * `decisions-v2.fixture.json`, so the tests can check that today's engine explains them in the
 * same words and that those stored decisions stay readable.
 */
import { syntheticInputs } from "../../../sim/routing/synthetic";
import { HOUR, LAMP, MUG, NOW, RUG, makeInput, makeLine, makeOffer, makeOrder, makePolicy, makeSupplier } from "./test-fixtures";
import type { RoutingInput, RoutingOptions } from "./types";

export interface ExplanationScenario {
  readonly name: string;
  readonly input: RoutingInput;
  readonly options?: RoutingOptions;
}

function everyFailure(): ExplanationScenario {
  const order = makeOrder({
    lines: [makeLine("l1", MUG, { quantity: 2, title: "Mug" }), makeLine("l2", LAMP, { title: "Lamp" }), makeLine("l3", RUG)],
  });
  const suppliers = [
    makeSupplier("alpha"),
    makeSupplier("bravo", { status: "paused" }),
    makeSupplier("charlie"),
    makeSupplier("delta", { coverage: [{ countryCode: "CA", transit: { min: 2, max: 4 } }] }),
    makeSupplier("echo", { serviceTier: { tier: "48_hour", handling: { min: 2, max: 1 } } }),
    makeSupplier("foxtrot", { coverage: [{ countryCode: "US", transit: { min: 9, max: 12 } }] }),
    makeSupplier("golf", { coverage: [{ countryCode: "US", transit: { min: 3, max: 4 } }] }),
  ];
  const offers = [
    makeOffer("alpha", MUG, { stockOnHand: 1 }),
    makeOffer("alpha", LAMP),
    makeOffer("alpha", RUG, { stockOnHand: 40, bufferedAvailable: 7, stockUpdatedAtMs: NOW - 5 * HOUR }),
    makeOffer("bravo", MUG),
    makeOffer("charlie", MUG, { stockOnHand: 0 }),
    makeOffer("charlie", LAMP, { stockUpdatedAtMs: NOW - 3 * 24 * HOUR }),
    makeOffer("charlie", RUG, { unitCost: 1_900, stockUpdatedAtMs: NOW - 90 * 60_000 }),
    makeOffer("delta", LAMP),
    makeOffer("echo", LAMP),
    makeOffer("foxtrot", RUG),
    makeOffer("golf", RUG, { unitCost: 4_900, stockOnHand: 2, stockUpdatedAtMs: NOW - 20 * HOUR }),
    makeOffer("ghost", LAMP),
  ];
  const policy = makePolicy({ split: { allowed: true, minBasketValue: 0, maxParcels: 2 }, stopLoss: { holdWhenNoCandidate: true, minScore: 0.75 } });
  return { name: "every kind of failure", input: makeInput({ order, suppliers, offers, policy }), options: { exclude: ["alpha"] } };
}

function routedWithScores(): ExplanationScenario {
  const near = makeSupplier("near", { name: "Near Supply Co", coverage: [{ countryCode: "US", transit: { min: 1, max: 2 } }] });
  const far = makeSupplier("far", { coverage: [{ countryCode: "US", transit: { min: 3, max: 4 } }], costs: { dropshipFee: 0, shippingCostByRegion: [] } });
  const order = makeOrder({ lines: [makeLine("l1", MUG, { quantity: 3, unitPrice: 2_000 }), makeLine("l2", LAMP, { unitPrice: 0 })], currencyCode: "EUR" });
  const offers = [
    makeOffer("near", MUG, { unitCost: 2_500 }),
    makeOffer("far", MUG, { unitCost: 900, stockOnHand: 3 }),
    makeOffer("near", LAMP),
    makeOffer("far", LAMP),
  ];
  return {
    name: "routed, with every score part",
    input: makeInput({ order, suppliers: [near, far], offers, policy: makePolicy({ preset: "margin_first", stock: { minBuffer: 1 } }) }),
  };
}

function expeditedAfterCutoff(): ExplanationScenario {
  const sameDay = makeSupplier("alpha", {
    calendar: { timeZone: "America/New_York", cutoff: "12:00", holidays: [] },
    serviceTier: { tier: "same_day", handling: { min: 0, max: 0 } },
    coverage: [{ countryCode: "US", transit: { min: 1, max: 1 } }],
  });
  const policy = makePolicy({ serviceLevels: { standard: { maxBusinessDays: 5 }, expedited: { maxBusinessDays: 1 } } });
  const order = makeOrder({ serviceLevel: "expedited", nowMs: Date.UTC(2026, 10, 24, 18, 0) });
  return { name: "expedited order past the cut-off", input: makeInput({ order, suppliers: [sameDay, makeSupplier("bravo")], policy }) };
}

function countryOnlyDestination(): ExplanationScenario {
  const order = makeOrder({ destination: { countryCode: "fr" } });
  const suppliers = [makeSupplier("alpha"), makeSupplier("bravo", { coverage: [{ countryCode: "FR", transit: { min: 1, max: 3 } }] })];
  return { name: "a destination without a province", input: makeInput({ order, suppliers }) };
}

/** The scenarios, each with a name for test titles. */
export function explanationScenarios(): ExplanationScenario[] {
  return [
    everyFailure(),
    routedWithScores(),
    expeditedAfterCutoff(),
    countryOnlyDestination(),
    { name: "synthetic 3 lines × 5 suppliers", input: syntheticInputs(3, 5)[0]! },
  ];
}
