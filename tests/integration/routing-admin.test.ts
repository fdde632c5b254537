/**
 * The routing admin screens (policy editor with preview, order routing page, re-route), called the
 * way the embedded admin calls them: a data request with a session token (Authorization: Bearer)
 * for a shop whose offline session is stored, so the real `authenticate.admin` runs offline.
 * Stored decisions are made by the real engine (routeOrder) from realistic requests.
 */
import type { PrismaClient } from "@prisma/client";
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  constraintWords,
  expandExplanation,
  routeOrder,
  type LegacyRoutingDecision,
  type RoutingDecision,
  type RoutingPolicy,
  type RoutingRequest,
} from "../../app/domain/routing";
import { makeLine, makeOffer, makeOrder, makePolicy, makeSupplier, MUG } from "../../app/domain/routing/test-fixtures";
import { TEST_API_KEY, TEST_API_SECRET, TEST_SHOP, useTestAppEnv } from "../helpers/app-env";

useTestAppEnv();

const OTHER_SHOP = "someone-else.myshopify.com";
// Beyond Number.MAX_SAFE_INTEGER: the page must carry it as a string end to end.
const ORDER_TAIL = "9007199254740993123";
const ORDER_GID = `gid://shopify/Order/${ORDER_TAIL}`;
const SECOND_GID = "gid://shopify/Order/9007199254740993124";
const OTHER_GID = "gid://shopify/Order/9007199254740993999";

type RouteArgs = { request: Request; params: Record<string, string>; context: object };
type RouteFn = (args: RouteArgs) => Promise<unknown>;

let db: PrismaClient;
let models: typeof import("../../app/models/routing.server");

async function route(file: string): Promise<{ action?: RouteFn; loader?: RouteFn }> {
  return (await import(`../../app/routes/${file}.tsx`)) as { action?: RouteFn; loader?: RouteFn };
}

async function bearer(): Promise<string> {
  // getJwt takes the store name and appends .myshopify.com itself.
  const { token } = await getJwt(TEST_SHOP.replace(".myshopify.com", ""), TEST_API_KEY, TEST_API_SECRET);
  return `Bearer ${token}`;
}

async function post(path: string, fields: Record<string, string>): Promise<Request> {
  return new Request(`http://localhost:3000${path}`, { method: "POST", headers: { Authorization: await bearer() }, body: new URLSearchParams(fields) });
}

async function get(path: string): Promise<Request> {
  return new Request(`http://localhost:3000${path}`, { headers: { Authorization: await bearer() } });
}

/** Runs a route function; a thrown Response (how the library and a 404 answer) is returned, not thrown. */
async function call(fn: RouteFn | undefined, request: Request, params: Record<string, string> = {}): Promise<unknown> {
  if (!fn) throw new Error("route has no such function");
  try {
    return await fn({ request, params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** The policy form as the page posts it (checkboxes left out when off, as a browser does). */
const POLICY_FIELDS: Record<string, string> = {
  mode: "margin_first",
  "weights.speed": "15",
  "weights.cost": "55",
  "weights.stockConfidence": "15",
  "weights.reliability": "15",
  "channelOverrides.0.channel": "amazon",
  "channelOverrides.0.mode": "speed_first",
  "channelOverrides.0.weights.speed": "55",
  "channelOverrides.0.weights.cost": "15",
  "channelOverrides.0.weights.stockConfidence": "15",
  "channelOverrides.0.weights.reliability": "15",
  maxStockAgeHours: "48",
  stalenessHalfLifeHours: "12",
  minBuffer: "1",
  standardDays: "8",
  expeditedDays: "3",
  splitAllowed: "true",
  splitMinBasketValue: "120.00",
  splitMaxParcels: "3",
  minScore: "",
};

// A fast, dearer supplier and a slow, cheaper one: speed first picks Near, margin first picks Far.
const near = makeSupplier("sup_near", { name: "Near Supply Co", coverage: [{ countryCode: "US", transit: { min: 1, max: 2 } }] });
const far = makeSupplier("sup_far", { name: "Far Wholesale", coverage: [{ countryCode: "US", transit: { min: 3, max: 4 } }] });

function request(orderId: string, stock = 50): RoutingRequest {
  return {
    order: makeOrder({ id: orderId, lines: [makeLine(`gid://shopify/LineItem/${orderId.split("/").at(-1)}1`, MUG, { title: "Camp Mug", quantity: 2 })] }),
    suppliers: [near, far],
    offers: [
      makeOffer(near.id, MUG, { unitCost: 3_000, stockOnHand: stock, supplierSku: "NEAR-MUG" }),
      makeOffer(far.id, MUG, { unitCost: 2_400, stockOnHand: stock, supplierSku: "FAR-MUG" }),
    ],
  };
}

async function storeDecision(shop: string, orderId: string, name: string, policy: RoutingPolicy, stock = 50) {
  const req = request(orderId, stock);
  return models.recordDecision(db, shop, name, routeOrder({ ...req, policy }), req);
}

/** A decision as the engine stored it before format 2: sentences instead of parameters, each score part with its weight. */
function asFormat1(decision: RoutingDecision): LegacyRoutingDecision {
  const { format: _format, explanation: _columns, ...plan } = decision;
  const w = decision.context.weights;
  return {
    ...plan,
    explanation: expandExplanation(decision).map((line) => ({
      ...line,
      candidates: line.candidates.map((c) => ({
        ...c,
        constraints: c.constraints.map((r) => ({ name: r.name, passed: r.passed, ...constraintWords(r, c.supplierName) })),
        score: c.score && {
          total: c.score.total,
          parts: {
            speed: { value: c.score.parts.speed, weight: w.speed, raw: {} },
            cost: { value: c.score.parts.cost, weight: w.cost, raw: { landedCost: c.score.landedCost } },
            stockConfidence: { value: c.score.parts.stockConfidence, weight: w.stockConfidence, raw: { freshness: c.score.freshness } },
            reliability: { value: c.score.parts.reliability, weight: w.reliability, raw: {} },
          },
        },
      })),
    })),
  };
}

async function storedPolicy(shop = TEST_SHOP): Promise<unknown> {
  const row = await db.routingPolicy.findUnique({ where: { shop } });
  return row ? JSON.parse(row.policy) : null;
}

function orderRow(shop: string, id: string, name: string) {
  return {
    id,
    shop,
    name,
    currencyCode: "USD",
    totalMinor: 12_990,
    channel: "web",
    serviceLevel: "standard",
    countryCode: "US",
    provinceCode: "CA",
    lines: JSON.stringify([{ lineItemId: "gid://shopify/LineItem/1", variantId: MUG, sku: "DL-MUG", title: "Camp Mug", quantity: 2, unitPriceMinor: 5_000 }]),
    placedAt: new Date("2026-11-24T13:00:00Z"),
  };
}

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
  models = await import("../../app/models/routing.server");
  const { SCOPES } = await import("../../app/shopify/scopes");
  await db.session.create({
    data: { id: `offline_${TEST_SHOP}`, shop: TEST_SHOP, state: "installed", isOnline: false, scope: SCOPES.join(","), accessToken: "shpat_routing_admin" },
  });
});

beforeEach(async () => {
  await db.routingDecision.deleteMany();
  await db.routingPolicy.deleteMany();
  await db.order.deleteMany();
  await db.job.deleteMany();
});

describe("the routing policy editor", () => {
  it("authenticates a session-token request and loads the default policy as form values", async () => {
    const { loader } = await route("app.routing");
    const data = (await call(loader, await get("/app/routing"))) as { values: { mode: string; standardDays: string }; timeZone: string };
    expect(data.values).toMatchObject({ mode: "balanced", standardDays: "7", splitAllowed: false, channelOverrides: [] });
    expect(data.timeZone).toBe("UTC");
  });

  it("saves a valid policy, keeping the time zone the form does not edit", async () => {
    await models.saveRoutingPolicy(db, TEST_SHOP, { timeZone: "America/Los_Angeles" });
    const { action } = await route("app.routing");
    expect(await call(action, await post("/app/routing", { ...POLICY_FIELDS, intent: "save" }))).toEqual({
      intent: "save",
      errors: null,
      saved: true,
      preview: null,
    });
    const policy = await models.loadRoutingPolicy(db, TEST_SHOP);
    expect(policy).toMatchObject({
      preset: "margin_first",
      channelOverrides: { amazon: { preset: "speed_first" } },
      stock: { maxAgeMs: 48 * 3_600_000, stalenessHalfLifeMs: 12 * 3_600_000, minBuffer: 1 },
      serviceLevels: { standard: { maxBusinessDays: 8 }, expedited: { maxBusinessDays: 3 } },
      split: { allowed: true, minBasketValue: 12_000, allowForExpedited: false, allowToAvoidCancel: false, maxParcels: 3 },
      timeZone: "America/Los_Angeles",
    });
    expect(policy.weights).toBeUndefined();
    expect(policy.stopLoss.minScore).toBeUndefined();
  });

  it("saves a product rule, a channel SLA and the channel priority, and loads them back as form values", async () => {
    const { action, loader } = await route("app.routing");
    const fields = {
      ...POLICY_FIELDS,
      intent: "save",
      "scopedOverrides.0.id": "fragile-mug",
      "scopedOverrides.0.target": "product",
      "scopedOverrides.0.targetId": "gid://shopify/Product/11",
      "scopedOverrides.0.targetLabel": "Ceramic mug",
      "scopedOverrides.0.regionName": "",
      "scopedOverrides.0.regionCountries": "",
      "scopedOverrides.0.weightsMode": "speed_first",
      "scopedOverrides.0.splitMode": "never",
      "scopedOverrides.0.splitMinBasketValue": "0.00",
      "scopedOverrides.0.splitMaxParcels": "2",
      "channelSla.0.channel": "amazon",
      "channelSla.0.days": "2",
      priorityChannels: "web, pos",
      reserveUnits: "3",
    };
    expect(await call(action, await post("/app/routing", fields))).toMatchObject({ intent: "save", errors: null, saved: true });
    const policy = await models.loadRoutingPolicy(db, TEST_SHOP);
    expect(policy.scopedOverrides).toEqual([
      {
        id: "fragile-mug",
        scope: { productId: "gid://shopify/Product/11", label: "Ceramic mug" },
        preset: "speed_first",
        split: { allowed: false, minBasketValue: 0, allowForExpedited: false, allowToAvoidCancel: false, maxParcels: 1 },
      },
    ]);
    expect(policy.channelSla).toEqual({ amazon: 2 });
    expect(policy.channelPriority).toEqual({ channels: ["web", "pos"], reserveUnits: 3 });
    const data = (await call(loader, await get("/app/routing"))) as {
      values: { scopedOverrides: { targetLabel: string; splitMode: string }[]; reserveUnits: string };
    };
    expect(data.values.scopedOverrides).toMatchObject([{ targetLabel: "Ceramic mug", splitMode: "never" }]);
    expect(data.values.reserveUnits).toBe("3");
  });

  it("refuses a product rule whose product was not chosen, on its field", async () => {
    const { action } = await route("app.routing");
    const fields = {
      ...POLICY_FIELDS,
      intent: "save",
      "scopedOverrides.0.id": "x",
      "scopedOverrides.0.target": "product",
      "scopedOverrides.0.splitMode": "never",
    };
    expect(await call(action, await post("/app/routing", fields))).toMatchObject({
      saved: false,
      errors: { "scopedOverrides.0.targetId": "Search for the product and choose it from the results" },
    });
    expect(await storedPolicy()).toBeNull();
  });

  it("answers field errors and stores nothing when the form is wrong", async () => {
    const { action } = await route("app.routing");
    const fields = { ...POLICY_FIELDS, intent: "save", expeditedDays: "9", "channelOverrides.0.channel": "", splitMaxParcels: "0" };
    expect(await call(action, await post("/app/routing", fields))).toEqual({
      intent: "save",
      errors: {
        expeditedDays: "Expedited must promise no more business days than standard",
        "channelOverrides.0.channel": "Channel is required",
        splitMaxParcels: "Max parcels must be between 1 and 10",
      },
      saved: false,
      preview: null,
    });
    expect(await storedPolicy()).toBeNull();
  });

  it("previews the edited policy on recent orders without saving it", async () => {
    const saved = await models.saveRoutingPolicy(db, TEST_SHOP, { preset: "speed_first" });
    await storeDecision(TEST_SHOP, ORDER_GID, "#1001", saved);
    await storeDecision(TEST_SHOP, SECOND_GID, "#1002", saved);
    await storeDecision(OTHER_SHOP, OTHER_GID, "#9001", saved);
    const before = await storedPolicy();

    const { action } = await route("app.routing");
    const result = (await call(action, await post("/app/routing", { ...POLICY_FIELDS, intent: "preview" }))) as {
      saved: boolean;
      preview: import("../../app/components/routing/preview-view").PreviewView;
    };

    expect(result.saved).toBe(false);
    expect(await storedPolicy()).toEqual(before);
    expect(result.preview).toMatchObject({ ordersCompared: 2, changedOrders: 2, landedCostDelta: ["−$24.00"] });
    expect(result.preview.orders.map((o) => o.orderName).sort()).toEqual(["#1001", "#1002"]);
    expect(result.preview.orders.find((o) => o.orderId === ORDER_GID)).toEqual({
      orderId: ORDER_GID,
      orderName: "#1001",
      path: `/app/orders/${ORDER_TAIL}`,
      changed: true,
      before: { outcome: "routed", suppliers: "Near Supply Co", landedCost: "$67.00", promise: "2026-11-27 (3 business days)", heldUnits: 0 },
      after: { outcome: "routed", suppliers: "Far Wholesale", landedCost: "$55.00", promise: "2026-12-01 (5 business days)", heldUnits: 0 },
      error: null,
    });
  });

  it("previews each order once, from its newest decision", async () => {
    const saved = await models.saveRoutingPolicy(db, TEST_SHOP, { preset: "speed_first" });
    await storeDecision(TEST_SHOP, ORDER_GID, "#1001", saved);
    await storeDecision(TEST_SHOP, ORDER_GID, "#1001", saved);
    const { action } = await route("app.routing");
    const result = (await call(
      action,
      await post("/app/routing", { ...POLICY_FIELDS, mode: "speed_first", "channelOverrides.0.channel": "pos", intent: "preview" }),
    )) as {
      preview: { ordersCompared: number; changedOrders: number; orders: unknown[] };
    };
    expect(result.preview).toMatchObject({ ordersCompared: 1, changedOrders: 0 });
  });

  it("refuses to preview an invalid policy", async () => {
    const { action } = await route("app.routing");
    const result = await call(
      action,
      await post("/app/routing", {
        ...POLICY_FIELDS,
        mode: "custom",
        "weights.speed": "0",
        "weights.cost": "0",
        "weights.stockConfidence": "0",
        "weights.reliability": "0",
        intent: "preview",
      }),
    );
    expect(result).toEqual({ intent: "preview", errors: { weights: "At least one weight must be above zero" }, saved: false, preview: null });
  });
});

describe("the order routing page", () => {
  async function seedHistory() {
    await db.order.create({ data: orderRow(TEST_SHOP, ORDER_GID, "#1001") });
    const policy = makePolicy({ preset: "speed_first" });
    // v1: nobody had stock, so the line was held; v2 after a restock: routed to the fastest supplier.
    const v1 = await storeDecision(TEST_SHOP, ORDER_GID, "#1001", policy, 0);
    await models.markDecision(db, v1.id, "failed", "fulfillmentOrderHold: The fulfillment order is not in a holdable state", new Date());
    const v2 = await storeDecision(TEST_SHOP, ORDER_GID, "#1001", policy);
    await models.markDecision(db, v2.id, "applied", null, new Date());
  }

  it("returns every decision version, newest first, with the explanation per line", async () => {
    await seedHistory();
    const { loader } = await route("app.orders.$id");
    const data = (await call(loader, await get(`/app/orders/${ORDER_TAIL}`), { id: ORDER_TAIL })) as {
      orderId: string;
      name: string;
      order: { total: string; lines: unknown[] } | null;
      decisions: import("../../app/components/routing/decision-view").DecisionView[];
    };
    expect(data.orderId).toBe(ORDER_GID);
    expect(data.name).toBe("#1001");
    expect(data.order).toMatchObject({ total: "$129.90", lines: [{ title: "Camp Mug", sku: "DL-MUG", quantity: 2, unitPrice: "$50.00" }] });
    expect(data.decisions.map((d) => [d.version, d.outcome, d.status])).toEqual([
      [2, "routed", "applied"],
      [1, "held", "failed"],
    ]);

    const [v2, v1] = data.decisions;
    expect(v2!.assignments).toEqual([
      { supplierName: "Near Supply Co", items: "2 × Camp Mug", landedCost: "$67.00", window: expect.any(String), latestBusinessDays: 3 },
    ]);
    const line = v2!.lines[0]!;
    expect(line).toMatchObject({ title: "Camp Mug", quantity: 2 });
    expect(line.candidates.map((c) => [c.supplierName, c.rank, c.chosen])).toEqual([
      ["Near Supply Co", 1, true],
      ["Far Wholesale", 2, false],
    ]);
    const best = line.candidates[0]!;
    expect(best.parts!.map((p) => p.key)).toEqual(["speed", "cost", "stockConfidence", "reliability"]);
    expect(best.parts!.find((p) => p.key === "speed")).toMatchObject({ label: "Delivery speed", weight: 0.55 });
    for (const p of best.parts!) expect(p.contribution).toBeCloseTo(p.value * p.weight, 3);
    expect(best.total).toBeCloseTo(
      best.parts!.reduce((s, p) => s + p.contribution, 0),
      3,
    );
    expect(best.constraints.every((c) => c.passed)).toBe(true);

    expect(v1!.lastError).toMatch(/not in a holdable state/);
    expect(v1!.holds).toEqual([
      { item: "2 × Camp Mug", reason: "No supplier can take it", message: expect.stringMatching(/No supplier can ship 2 × Camp Mug/) },
    ]);
    const ruledOut = v1!.lines[0]!.candidates[0]!;
    expect(ruledOut).toMatchObject({ eligible: false, rank: null, parts: null, total: null });
    expect(ruledOut.constraints).toContainEqual({ label: "Enough stock", passed: false, reason: expect.stringMatching(/can commit 0 units.*2 needed/) });
  });

  it("shows a decision stored in the format before 2 the same way as a current one", async () => {
    await db.order.create({ data: orderRow(TEST_SHOP, ORDER_GID, "#1001") });
    const current = await storeDecision(TEST_SHOP, ORDER_GID, "#1001", makePolicy({ preset: "speed_first" }), 1);
    const old = asFormat1(current.decision as RoutingDecision);
    await db.routingDecision.create({
      data: {
        shop: TEST_SHOP,
        orderId: ORDER_GID,
        orderName: "#1001",
        version: 2,
        status: "failed",
        outcome: old.outcome,
        decision: JSON.stringify(old),
        request: JSON.stringify(current.request),
      },
    });
    const { loader } = await route("app.orders.$id");
    const data = (await call(loader, await get(`/app/orders/${ORDER_TAIL}`), { id: ORDER_TAIL })) as {
      decisions: import("../../app/components/routing/decision-view").DecisionView[];
    };
    const [v2, v1] = data.decisions;
    expect(v2!.lines).toEqual(v1!.lines);
    const ruledOut = v2!.lines[0]!.candidates.find((c) => c.supplierName === "Near Supply Co")!;
    expect(ruledOut.constraints).toContainEqual({
      label: "Enough stock",
      passed: false,
      reason: "Near Supply Co can commit 1 unit (1 on hand, buffer 0); 2 needed",
    });
  });

  it("answers 404 for another shop's order, an unknown order and a malformed id", async () => {
    await db.order.create({ data: orderRow(OTHER_SHOP, OTHER_GID, "#9001") });
    await storeDecision(OTHER_SHOP, OTHER_GID, "#9001", makePolicy());
    const { loader } = await route("app.orders.$id");
    const otherTail = OTHER_GID.split("/").at(-1)!;
    for (const id of [otherTail, "123", "gid%3A%2F%2Fshopify%2FOrder%2F1", "12e3"]) {
      const response = await call(loader, await get(`/app/orders/${id}`), { id });
      expect(response, id).toBeInstanceOf(Response);
      expect((response as Response).status, id).toBe(404);
    }
  });

  it("shows the routing history of an order whose webhook has not been stored yet", async () => {
    await storeDecision(TEST_SHOP, ORDER_GID, "#1001", makePolicy());
    const { loader } = await route("app.orders.$id");
    const data = (await call(loader, await get(`/app/orders/${ORDER_TAIL}`), { id: ORDER_TAIL })) as { name: string; order: unknown; decisions: unknown[] };
    expect(data).toMatchObject({ name: "#1001", order: null, decisions: [expect.objectContaining({ version: 1 })] });
  });

  it("links each recent order on the home page to its routing page, with its routing outcome", async () => {
    await seedHistory();
    const { loader } = await route("app._index");
    const data = (await call(loader, await get("/app"))) as { orders: { name: string; path: string; routing: unknown }[] };
    expect(data.orders).toEqual([
      expect.objectContaining({ name: "#1001", path: `/app/orders/${ORDER_TAIL}`, routing: { outcome: "routed", status: "applied" } }),
    ]);
  });
});

describe("re-routing an order", () => {
  it("enqueues a manual route_order job for the order and says so", async () => {
    await db.order.create({ data: orderRow(TEST_SHOP, ORDER_GID, "#1001") });
    const { action } = await route("app.orders.$id");
    const result = await call(action, await post(`/app/orders/${ORDER_TAIL}`, { intent: "reroute" }), { id: ORDER_TAIL });
    expect(result).toMatchObject({ ok: true, value: { message: expect.stringMatching(/queued/) } });
    const job = await db.job.findFirstOrThrow();
    expect(job).toMatchObject({ shop: TEST_SHOP, kind: "route_order", status: "queued", groupKey: `order:${TEST_SHOP}:${ORDER_GID}` });
    expect(job.dedupeKey).toMatch(new RegExp(`^route:${TEST_SHOP}:${ORDER_GID}:manual:\\d+$`));
    expect(JSON.parse(job.payload)).toMatchObject({ orderId: ORDER_GID });
  });

  it("does not enqueue for a cancelled order, nor for another shop's order", async () => {
    await db.order.create({ data: { ...orderRow(TEST_SHOP, ORDER_GID, "#1001"), cancelledAt: new Date() } });
    await db.order.create({ data: orderRow(OTHER_SHOP, OTHER_GID, "#9001") });
    const { action } = await route("app.orders.$id");
    expect(await call(action, await post(`/app/orders/${ORDER_TAIL}`, { intent: "reroute" }), { id: ORDER_TAIL })).toMatchObject({
      ok: false,
      failure: { message: expect.stringMatching(/cancelled/) },
    });
    const otherTail = OTHER_GID.split("/").at(-1)!;
    const response = await call(action, await post(`/app/orders/${otherTail}`, { intent: "reroute" }), { id: otherTail });
    expect((response as Response).status).toBe(404);
    expect(await db.job.count()).toBe(0);
  });
});
