import fs from "node:fs";
import path from "node:path";
import { parse } from "graphql";
import { afterEach, describe, expect, it } from "vitest";
import { LeakyBucket } from "./bucket";
import { requestedQueryCost, selectOperation, sizeFactor } from "./cost";
import { capturesDir, seededFake, type SeededShop } from "./fixtures";
import { loadAdminSchema } from "./schema";

interface CapturedCost {
  file: string;
  query: string;
  variables: Record<string, unknown>;
  requestedQueryCost: number;
}

/** Every (query, variables, requestedQueryCost) triple the captures hold. */
function capturedCosts(): CapturedCost[] {
  const out: CapturedCost[] = [];
  const findCost = (o: unknown, depth: number): number | undefined => {
    if (typeof o !== "object" || o === null || depth > 4) return undefined;
    const rec = o as Record<string, unknown>;
    const cost = rec.cost as { requestedQueryCost?: unknown } | undefined;
    if (cost && typeof cost.requestedQueryCost === "number") return cost.requestedQueryCost;
    for (const k of ["response", "payload", "body", "extensions"]) {
      const found = findCost(rec[k], depth + 1);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  const walk = (o: unknown, file: string): void => {
    if (typeof o !== "object" || o === null) return;
    const rec = o as Record<string, unknown>;
    if (typeof rec.query === "string") {
      const cost = findCost(rec.response, 0);
      if (cost !== undefined) out.push({ file, query: rec.query, variables: (rec.variables ?? {}) as Record<string, unknown>, requestedQueryCost: cost });
    }
    for (const v of Object.values(rec)) walk(v, file);
  };
  for (const file of fs.readdirSync(capturesDir)) walk(JSON.parse(fs.readFileSync(path.join(capturesDir, file), "utf8")), file);
  return out;
}

describe("calculated query cost", () => {
  const schema = loadAdminSchema();
  const cost = (query: string, variables: Record<string, unknown> = {}): number => {
    const doc = parse(query);
    const op = selectOperation(doc);
    if (!op) throw new Error("no operation");
    return requestedQueryCost(schema, doc, op, variables);
  };

  it("prices scalars at 0 and objects at 1", () => {
    expect(cost("{ shop { id name currencyCode } }")).toBe(1);
    expect(cost("{ shop { id fulfillmentServices { id location { id } } } }")).toBe(3);
  });

  it("prices a connection at 2 plus its page-size factor times the node cost", () => {
    expect(cost("query($first: Int!) { locations(first: $first) { nodes { id name } } }", { first: 10 })).toBe(2 + 4 * 1);
    expect(cost("{ orders(first: 20) { edges { cursor node { id name } } pageInfo { hasNextPage } } }")).toBe(2 + 5 * 1);
    expect([1, 3, 5, 10, 20, 250].map(sizeFactor)).toEqual([1, 2, 3, 4, 5, 11]);
  });

  it("prices a mutation at 10 plus objects below its payload's direct children", () => {
    expect(cost('mutation { fulfillmentCancel(id: "gid://shopify/Fulfillment/1") { fulfillment { id status } userErrors { field message } } }')).toBe(10);
    expect(
      cost('mutation { fulfillmentCancel(id: "gid://shopify/Fulfillment/1") { fulfillment { id trackingInfo { number } } userErrors { field message } } }'),
    ).toBe(11);
  });

  it("matches Shopify's requestedQueryCost for every captured query", () => {
    const samples = capturedCosts();
    expect(samples.length).toBeGreaterThan(150);
    const mismatches = samples.filter((s) => cost(s.query, s.variables) !== s.requestedQueryCost).map((s) => `${s.file}: ${s.query.slice(0, 80)}`);
    expect(mismatches).toEqual([]);
  });
});

describe("leaky bucket", () => {
  it("takes, refuses when short, and restores at the restore rate", () => {
    let now = 0;
    const bucket = new LeakyBucket({ bucketSize: 100, restoreRate: 10, now: () => now });
    expect(bucket.tryTake(60)).toBe(true);
    expect(bucket.tryTake(60)).toBe(false);
    expect(bucket.status()).toEqual({ maximumAvailable: 100, currentlyAvailable: 40, restoreRate: 10 });
    now += 2000;
    expect(bucket.status().currentlyAvailable).toBe(60);
    expect(bucket.tryTake(60)).toBe(true);
    now += 60_000;
    expect(bucket.status().currentlyAvailable).toBe(100);
  });

  it("refunds the unused part of a request without overflowing", () => {
    const bucket = new LeakyBucket({ bucketSize: 100, restoreRate: 10, now: () => 0 });
    bucket.tryTake(50);
    bucket.refund(80);
    expect(bucket.status().currentlyAvailable).toBe(100);
  });
});

describe("throttling over HTTP", () => {
  let s: SeededShop | undefined;
  afterEach(async () => {
    await s?.fake.close();
  });
  const SET = `mutation Set($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) { metafields { id } userErrors { field message } } }`;

  it("answers THROTTLED with the cost extension, runs nothing, and recovers as the bucket restores", async () => {
    let now = 1_000_000;
    s = await seededFake({ bucketSize: 25, restoreRate: 10, now: () => now });
    const shopId = s.fake.store.shop().shop.id;
    const input = (key: string) => ({ m: [{ ownerId: shopId, namespace: "dropline", key, type: "single_line_text_field", value: "x" }] });
    expect((await s.fake.graphql(SET, input("one"))).body.extensions?.cost.throttleStatus.currentlyAvailable).toBe(15);
    expect((await s.fake.graphql(SET, input("two"))).body.extensions?.cost.throttleStatus.currentlyAvailable).toBe(5);
    const throttled = await s.fake.graphql(SET, input("three"));
    expect(throttled.status).toBe(200);
    expect(throttled.body).toEqual({
      errors: [{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }],
      extensions: { cost: { requestedQueryCost: 10, actualQueryCost: null, throttleStatus: { maximumAvailable: 25, currentlyAvailable: 5, restoreRate: 10 } } },
    });
    expect([...s.fake.store.shop().metafields.values()].map((m) => m.key)).toEqual(["one", "two"]);
    now += 500;
    const after = await s.fake.graphql(SET, input("three"));
    expect(after.body.errors).toBeUndefined();
    expect(after.body.extensions?.cost.throttleStatus.currentlyAvailable).toBe(0);
  });

  it("refuses a query above the single-query limit with MAX_COST_EXCEEDED", async () => {
    s = await seededFake();
    const { body } = await s.fake.graphql(
      "{ orders(first: 250) { nodes { id fulfillmentOrders(first: 250) { nodes { id lineItems(first: 250) { nodes { id } } } } } } }",
    );
    expect(body.errors?.[0]).toMatchObject({ extensions: { code: "MAX_COST_EXCEEDED", maxCost: 1000 } });
    expect(body).not.toHaveProperty("data");
  });

  it("charges the actual cost: a connection that returns fewer nodes is refunded", async () => {
    s = await seededFake();
    const { body } = await s.fake.graphql("{ locations(first: 250) { nodes { id } } }");
    expect(body.extensions?.cost.requestedQueryCost).toBe(2 + 11);
    expect(body.extensions?.cost.actualQueryCost).toBe(2 + 1 * 1);
  });
});
