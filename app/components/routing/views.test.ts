/**
 * The routing screens' building blocks: the order URL scheme, the preview of a stored request that
 * cannot be replayed, and a server render of each component (so a Polaris misuse fails here, not
 * in a merchant's browser).
 */
import { AppProvider } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import { createElement as h, type ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NEUTRAL_PERFORMANCE, routeOrder, type LegacyRoutingDecision, type RoutingRequest } from "~/domain/routing";
import legacyDecisions from "~/domain/routing/decisions-v1.fixture.json";
import { explanationScenarios } from "~/domain/routing/explanation-scenarios";
import { makeInput, makeOffer, makeOrder, makePolicy, makeSupplier, MUG } from "~/domain/routing/test-fixtures";
import { WEIGHT_PRESETS } from "~/domain/routing/policy";
import { newChannelOverride, policyToFormValues } from "~/models/routing-form";
import { newScopedOverride } from "~/models/routing-scope-form";
import type { StoredDecision } from "~/models/routing.server";
import { DecisionCard } from "./DecisionCard";
import { decisionView } from "./decision-view";
import { orderGidFromParam, orderPath } from "./order-path";
import { PolicyForm } from "./PolicyForm";
import { PolicyPreview } from "./PolicyPreview";
import { previewView } from "./preview-view";
import { impliedWeights, weightShares } from "./weights";

// A .ts file (the test glob is *.test.ts), so elements are built with createElement.
const render = (element: ReactElement): string => renderToString(h(AppProvider, { i18n: en }, element));
const text = (html: string): string =>
  html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

const near = makeSupplier("near", { name: "Near Supply Co", coverage: [{ countryCode: "US", transit: { min: 1, max: 2 } }] });
const far = makeSupplier("far", { name: "Far Wholesale", status: "paused" });

function request(id: string): RoutingRequest {
  const { order, suppliers, offers } = makeInput({ order: makeOrder({ id }), suppliers: [near, far], offers: [makeOffer("near", MUG), makeOffer("far", MUG)] });
  return { order, suppliers, offers };
}

function stored(id: string): StoredDecision {
  const req = request(id);
  const decision = routeOrder({ ...req, policy: makePolicy() });
  return {
    id: "dec_1",
    orderId: id,
    orderName: "#1001",
    version: 1,
    status: "failed",
    outcome: decision.outcome,
    decision,
    request: req,
    lastError: "Shopify refused the move",
    createdAt: new Date("2026-11-24T14:00:00Z"),
    appliedAt: null,
  };
}

describe("order page URLs", () => {
  it("use the GID's numeric tail and rebuild the GID as a string, even beyond 2^53", () => {
    const gid = "gid://shopify/Order/9007199254740993123";
    expect(orderPath(gid)).toBe("/app/orders/9007199254740993123");
    expect(orderGidFromParam("9007199254740993123")).toBe(gid);
  });

  it("refuse anything that is not a numeric id", () => {
    for (const bad of [undefined, "", "12e3", "-1", "gid://shopify/Order/1", "1.0"]) expect(orderGidFromParam(bad)).toBeNull();
  });
});

describe("the policy preview", () => {
  it("shows an order whose stored request cannot be replayed, and leaves it out of the totals", () => {
    const broken = {
      orderId: "gid://shopify/Order/2",
      orderName: "#1002",
      request: { ...request("gid://shopify/Order/2"), order: undefined } as unknown as RoutingRequest,
    };
    const preview = previewView(
      [{ orderId: "gid://shopify/Order/1", orderName: "#1001", request: request("gid://shopify/Order/1") }, broken],
      makePolicy(),
      makePolicy(),
    );
    expect(preview).toMatchObject({ ordersCompared: 1, changedOrders: 0, landedCostDelta: ["$0.00"] });
    expect(preview.orders[1]).toMatchObject({ orderName: "#1002", before: null, after: null, error: expect.stringMatching(/^Could not replay this order: /) });
    expect(text(render(h(PolicyPreview, { preview })))).toMatch(/1 order could not be replayed.*#1002: Could not replay/);
  });
});

describe("the reliability part's basis", () => {
  it("says a supplier's reliability was measured over its sample, or is neutral with no history, never presenting neutral as measured", () => {
    const measured = makeSupplier("near", {
      name: "Near Supply Co",
      coverage: [{ countryCode: "US", transit: { min: 1, max: 2 } }],
      performance: { acceptanceRate: 0.9, cancellationRate: 0.1, defectRate: 0.01, onTimeShipRate: 0.8, trackingLatencyHours: 10, sampleSize: 12 },
    });
    const fresh = makeSupplier("fresh", { name: "Fresh Co", coverage: [{ countryCode: "US", transit: { min: 1, max: 2 } }], performance: NEUTRAL_PERFORMANCE });
    const { order, suppliers, offers } = makeInput({ suppliers: [measured, fresh], offers: [makeOffer("near", MUG), makeOffer("fresh", MUG)] });
    const req = { order, suppliers, offers };
    const decision = routeOrder({ ...req, policy: makePolicy() });
    const view = decisionView({ ...stored(order.id), decision, request: req, outcome: decision.outcome });
    const basis = (id: string) => view.lines[0]!.candidates.find((c) => c.supplierId === id)!.parts!.find((p) => p.key === "reliability")!.basis;
    expect(basis("near")).toBe("measured over 12 orders");
    expect(basis("fresh")).toBe("no history yet — neutral");
    const html = text(render(h(DecisionCard, { decision: view, latest: true })));
    expect(html).toMatch(/Reliability 0\.\d\d × \d+% = 0\.\d{3} \(measured over 12 orders\)/);
    expect(html).toMatch(/Reliability 0\.\d\d × \d+% = 0\.\d{3} \(no history yet — neutral\)/);
  });
});

describe("server renders", () => {
  it("render a decision with its failed check in the explanation, and the failure reason", () => {
    const html = text(render(h(DecisionCard, { decision: decisionView(stored("gid://shopify/Order/1")), latest: true })));
    expect(html).toContain("Decision v1 (current)");
    expect(html).toContain("Why it failed");
    expect(html).toContain("Shopify refused the move");
    expect(html).toContain("Near Supply Co");
    expect(html).toMatch(/Failed: .*Supplier active: Far Wholesale is paused/);
    expect(html).toMatch(/Speed 0\.\d\d × 30% = 0\.\d{3}/);
    expect(html).toContain("Not scored (failed a check)");
  });

  it("render a decision stored in format 1 (sentences stored) exactly as its format 2 counterpart", () => {
    const scenario = explanationScenarios()[0]!;
    const old = (legacyDecisions as unknown as { decision: LegacyRoutingDecision }[])[0]!.decision;
    const request = { order: scenario.input.order, suppliers: scenario.input.suppliers, offers: scenario.input.offers };
    const base = {
      id: "dec_1",
      orderId: old.orderId,
      orderName: "#1001",
      version: 1,
      status: "applied" as const,
      outcome: old.outcome,
      request,
      lastError: null,
      createdAt: new Date("2026-11-24T14:00:00Z"),
      appliedAt: null,
    };
    const card = (decision: StoredDecision["decision"]) => render(h(DecisionCard, { decision: decisionView({ ...base, decision }), latest: true }));
    const html = card(old);
    expect(html).toBe(card(routeOrder(scenario.input, scenario.options)));
    expect(text(html)).toMatch(/Failed: .*Stock up to date: Stock last updated 3 days ago; policy trusts stock for 24 hours/);
  });

  it("render the policy form with custom weights, a channel row and inline errors", () => {
    const values = { ...policyToFormValues(makePolicy()), mode: "custom", channelOverrides: [{ ...newChannelOverride("margin_first"), channel: "amazon" }] };
    const html = text(
      render(
        h(PolicyForm, {
          values,
          errors: { "channelOverrides.0.channel": "This channel already has an override", minBuffer: "Minimum buffer must be a whole number (0 or more)" },
          knownChannels: ["web", "pos"],
          currencyCode: "USD",
          onChange: () => undefined,
        }),
      ),
    );
    expect(html).toContain("This channel already has an override");
    expect(html).toContain("Minimum buffer must be a whole number");
    expect(html).toContain("Channels on your recent orders: web, pos.");
    // The margin-first row shows the weights it implies, as percentages.
    expect(html).toMatch(/Landed cost \(margin\)\s*55%/);
  });
});

describe("scoped policy on the screens", () => {
  it("names the product rule that applied on the order's decision card", () => {
    const product = "gid://shopify/Product/77";
    const req = request("gid://shopify/Order/77");
    const order = { ...req.order, lines: req.order.lines.map((l) => ({ ...l, productId: product })) };
    const policy = makePolicy({
      scopedOverrides: [{ id: "mug", scope: { productId: product, label: "Camp Mug" }, preset: "speed_first" }],
      channelSla: { online_store: 9 },
    });
    const decision = routeOrder({ ...req, order, policy });
    const view = decisionView({ ...stored(order.id), decision, request: { ...req, order } });
    expect(view.context.policy).toEqual(['Weights: product "Camp Mug" (overrides shop default)', "Promise: the online_store channel's SLA of 9 business days"]);
    expect(text(render(h(DecisionCard, { decision: view, latest: true })))).toContain('Policy — Weights: product "Camp Mug" (overrides shop default)');
  });

  it("renders a region rule, channel SLAs and the priority reserve with their field errors", () => {
    const values = {
      ...policyToFormValues(makePolicy()),
      scopedOverrides: [{ ...newScopedOverride("r1", "region"), regionName: "EU", regionCountries: "FR, XX", splitMode: "never" }],
      channelSla: [{ channel: "amazon", days: "0" }],
      priorityChannels: "",
      reserveUnits: "3",
    };
    const errors = {
      "scopedOverrides.0.regionCountries": '"XX" is not a country code Shopify knows',
      "channelSla.0.days": "SLA must be a whole number of business days between 1 and 60",
      priorityChannels: "Name the channels the reserved units are kept for",
    };
    const html = text(render(h(PolicyForm, { values, errors, knownChannels: ["web"], currencyCode: "USD", onChange: () => undefined })));
    expect(html).toContain("Product, collection and region rules");
    expect(html).toContain('"XX" is not a country code Shopify knows');
    expect(html).toContain("SLA must be a whole number of business days between 1 and 60");
    expect(html).toContain("Name the channels the reserved units are kept for");
  });
});

describe("weight display", () => {
  it("shows a preset's weights, and custom weights only once they are valid", () => {
    expect(impliedWeights("margin_first", { speed: "x", cost: "", stockConfidence: "1", reliability: "1" })).toEqual(WEIGHT_PRESETS.margin_first);
    expect(impliedWeights("custom", { speed: "1", cost: "1", stockConfidence: "1", reliability: "0" })).toEqual({
      speed: 0.01,
      cost: 0.01,
      stockConfidence: 0.01,
      reliability: 0,
    });
    expect(impliedWeights("custom", { speed: "0", cost: "0", stockConfidence: "0", reliability: "0" })).toBeNull();
  });

  it("normalises weights to whole percentages that add up to 100", () => {
    expect(weightShares({ speed: 1, cost: 1, stockConfidence: 1, reliability: 0 })).toEqual({ speed: 34, cost: 33, stockConfidence: 33, reliability: 0 });
    expect(weightShares(WEIGHT_PRESETS.speed_first)).toEqual({ speed: 55, cost: 15, stockConfidence: 15, reliability: 15 });
  });
});
