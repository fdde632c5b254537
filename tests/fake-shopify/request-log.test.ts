import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seededFake, SHOP, STANDARD, TORONTO, TOKEN, type SeededShop } from "./fixtures";

let s: SeededShop;
beforeEach(async () => {
  s = await seededFake({ now: () => Date.parse("2026-04-06T08:00:00Z"), bucketSize: 100, restoreRate: 1 });
});
afterEach(async () => {
  await s.fake.close();
});

const MOVE = `mutation MoveIt($id: ID!, $to: ID!) {
  fulfillmentOrderMove(id: $id, newLocationId: $to) { movedFulfillmentOrder { id } userErrors { field message } }
}`;

function placeOrder() {
  const order = s.fake.createOrder({
    lineItems: [{ variantId: s.variantId, quantity: 1 }],
    shippingAddress: TORONTO,
    shippingLine: STANDARD,
    email: "ada@example.com",
  });
  return s.fake.store.shop().fulfillmentOrdersOf(order.id)[0]!;
}

describe("the Admin API request log", () => {
  it("records each request with its shop, operation, kind, requested and actual cost, outcome and time", async () => {
    const fo = placeOrder();
    await s.fake.graphql("query ShopName { shop { name } }");
    await s.fake.graphql(MOVE, { id: fo.id, to: s.secondLocationId });
    await s.fake.graphql(MOVE, { id: fo.id, to: "gid://shopify/Location/1" });

    expect(s.fake.requestLog()).toEqual([
      {
        seq: 1,
        shop: SHOP,
        operationName: "ShopName",
        operationType: "query",
        rootFields: ["shop"],
        requestedCost: 1,
        actualCost: 1,
        status: "ok",
        httpStatus: 200,
        userErrors: 0,
        at: "2026-04-06T08:00:00.000Z",
      },
      expect.objectContaining({
        seq: 2,
        operationName: "MoveIt",
        operationType: "mutation",
        rootFields: ["fulfillmentOrderMove"],
        requestedCost: 10,
        actualCost: 10,
        status: "ok",
        userErrors: 0,
      }),
      // Shopify refusing the change is still a request that ran (and cost points).
      expect.objectContaining({ seq: 3, operationName: "MoveIt", status: "ok", userErrors: 1, actualCost: 10 }),
    ]);
    expect(s.fake.requestTally()).toEqual([
      { operationName: "ShopName", operationType: "query", calls: 1, requestedCost: 1, actualCost: 1 },
      { operationName: "MoveIt", operationType: "mutation", calls: 2, requestedCost: 20, actualCost: 20 },
    ]);
  });

  it("names the operation the body asks for, and an anonymous one as null", async () => {
    await s.fake.graphql("query A { shop { name } } query B { shop { id } }", {}, { operationName: "B" });
    await s.fake.graphql("{ shop { name } }");
    expect(s.fake.requestLog().map((r) => [r.operationName, r.operationType, r.rootFields])).toEqual([
      ["B", "query", ["shop"]],
      [null, "query", ["shop"]],
    ]);
  });

  it("marks throttled, invalid and unauthorised requests, with the costs Shopify reported", async () => {
    // 100-point bucket restoring 1 point/s on a frozen clock: the third 40-point read is throttled.
    const read = "query Orders { orders(first: 250) { nodes { id lineItems(first: 50) { nodes { id } } } } }";
    const first = await s.fake.graphql(read);
    const cost = first.body.extensions!.cost.requestedQueryCost;
    expect(cost).toBeGreaterThan(33);
    await s.fake.graphql(read);
    await s.fake.graphql(read);
    await s.fake.graphql("query Broken { shop { nope } }");
    await s.fake.graphql("query Denied { shop { name } }", {}, { accessToken: "wrong" });
    const log = s.fake.requestLog();
    expect(log.slice(2).map((r) => ({ op: r.operationName, status: r.status, http: r.httpStatus, requested: r.requestedCost, actual: r.actualCost }))).toEqual([
      { op: "Orders", status: "throttled", http: 200, requested: cost, actual: null },
      { op: "Broken", status: "error", http: 200, requested: null, actual: null },
      { op: "Denied", status: "error", http: 401, requested: null, actual: null },
    ]);
  });

  it("filters by shop and by a mark, and forgets everything on reset", async () => {
    s.fake.seedShop({ domain: "other.myshopify.com", accessToken: "other-token" });
    await s.fake.graphql("query One { shop { name } }");
    const mark = s.fake.markRequests();
    await s.fake.graphql("query Two { shop { name } }", {}, { shop: "other.myshopify.com" });
    await s.fake.graphql("query Three { shop { name } }");
    expect(s.fake.requestLog({ shop: SHOP }).map((r) => r.operationName)).toEqual(["One", "Three"]);
    expect(s.fake.requestLog({ since: mark }).map((r) => r.operationName)).toEqual(["Two", "Three"]);
    expect(s.fake.resetRequestLog()).toBe(3);
    expect(s.fake.requestLog()).toEqual([]);
    // Sequence numbers go on after a reset, so an old mark still means "after that".
    await s.fake.graphql("query Four { shop { name } }");
    expect(s.fake.requestLog()[0]!.seq).toBe(4);
  });

  it("is served under /__fake/requests (GET, optionally ?shop= and ?since=) with per-operation totals", async () => {
    s.fake.seedShop({ domain: "other.myshopify.com", accessToken: "other-token" });
    await s.fake.graphql("query One { shop { name } }");
    await s.fake.graphql("query One { shop { name } }");
    await s.fake.graphql("query Two { shop { name } }", {}, { shop: "other.myshopify.com" });
    const res = await fetch(`${s.fake.url}/__fake/requests?shop=${SHOP}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { requests: { operationName: string }[]; byOperation: unknown[]; mark: number; dropped: number };
    expect(body.requests.map((r) => r.operationName)).toEqual(["One", "One"]);
    expect(body.byOperation).toEqual([{ operationName: "One", operationType: "query", calls: 2, requestedCost: 2, actualCost: 2 }]);
    expect(body).toMatchObject({ mark: 3, dropped: 0 });
    const since = (await (await fetch(`${s.fake.url}/__fake/requests?since=2`)).json()) as { requests: { operationName: string }[] };
    expect(since.requests.map((r) => r.operationName)).toEqual(["Two"]);
    expect((await fetch(`${s.fake.url}/__fake/requests?since=soon`)).status).toBe(400);

    const reset = await fetch(`${s.fake.url}/__fake/requests/reset`, { method: "POST", body: "{}" });
    expect(await reset.json()).toEqual({ cleared: 3 });
    expect(s.fake.requestLog()).toEqual([]);
  });

  it("logs what the seeded token's requests cost against the shop's bucket", async () => {
    const res = await fetch(s.fake.graphqlUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Shop-Domain": SHOP, "X-Shopify-Access-Token": TOKEN },
      body: "not json",
    });
    expect(res.status).toBe(400);
    expect(s.fake.requestLog()).toEqual([expect.objectContaining({ shop: SHOP, operationName: null, status: "error", httpStatus: 400 })]);
  });
});
