import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seededFake, SHOP, TOKEN, type SeededShop } from "./fixtures";
import { startFakeShopify } from "./index";

let s: SeededShop;
beforeEach(async () => {
  s = await seededFake({ now: () => 1_780_000_000_000 });
});
afterEach(async () => {
  await s.fake.close();
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${s.fake.url}${path}`, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

describe("fake Shopify HTTP surface", () => {
  it("listens on loopback only", () => {
    expect(s.fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("answers a valid query with data and Shopify's cost extension", async () => {
    const { status, body } = await s.fake.graphql("{ shop { name myshopifyDomain currencyCode ianaTimezone } }");
    expect(status).toBe(200);
    expect(body.data).toEqual({ shop: { name: "Dropline Test", myshopifyDomain: SHOP, currencyCode: "USD", ianaTimezone: "America/Toronto" } });
    expect(body.extensions?.cost).toEqual({
      requestedQueryCost: 1,
      actualQueryCost: 1,
      throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1999, restoreRate: 100 },
    });
  });

  it("rejects a wrong access token with Shopify's 401 body", async () => {
    const res = await post(
      "/admin/api/2026-04/graphql.json",
      { query: "{ shop { name } }" },
      { "X-Shopify-Shop-Domain": SHOP, "X-Shopify-Access-Token": "nope" },
    );
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" });
  });

  it("rejects a missing access token", async () => {
    const res = await post("/admin/api/2026-04/graphql.json", { query: "{ shop { name } }" }, { "X-Shopify-Shop-Domain": SHOP });
    expect(res.status).toBe(401);
  });

  it("answers 404 for another API version", async () => {
    const res = await post(
      "/admin/api/2025-01/graphql.json",
      { query: "{ shop { name } }" },
      { "X-Shopify-Shop-Domain": SHOP, "X-Shopify-Access-Token": TOKEN },
    );
    expect(res.status).toBe(404);
  });

  it("identifies the shop by X-Forwarded-Host when no shop header is sent", async () => {
    s.fake.seedShop({ domain: "other.myshopify.com", accessToken: "other-token", name: "Other" });
    const res = await post(
      "/admin/api/2026-04/graphql.json",
      { query: "{ shop { name } }" },
      { "X-Forwarded-Host": "other.myshopify.com", "X-Shopify-Access-Token": "other-token" },
    );
    expect(res.body).toMatchObject({ data: { shop: { name: "Other" } } });
  });

  it("keeps one bucket per shop", async () => {
    s.fake.seedShop({ domain: "other.myshopify.com", accessToken: "other-token" });
    await s.fake.graphql("{ shop { name } }");
    const other = await s.fake.graphql("{ shop { name } }", {}, { shop: "other.myshopify.com" });
    expect(other.body.extensions?.cost.throttleStatus.currentlyAvailable).toBe(1999);
  });

  it("seeds through the HTTP control API", async () => {
    const fake = await startFakeShopify();
    try {
      const seed = await fetch(`${fake.url}/__fake/seedShop`, { method: "POST", body: JSON.stringify({ domain: "demo.myshopify.com", accessToken: "t" }) });
      expect(seed.status).toBe(200);
      const loc = (await (await fetch(`${fake.url}/__fake/createLocation`, { method: "POST", body: JSON.stringify({ name: "Main" }) })).json()) as {
        id: string;
      };
      expect(loc.id).toMatch(/^gid:\/\/shopify\/Location\/\d+$/);
      const unknown = await fetch(`${fake.url}/__fake/nope`, { method: "POST", body: "{}" });
      expect(unknown.status).toBe(404);
      const bad = await fetch(`${fake.url}/__fake/createLocation`, { method: "POST", body: JSON.stringify({}) });
      expect(bad.status).toBe(400);
    } finally {
      await fake.close();
    }
  });

  it("generates ids above Number.MAX_SAFE_INTEGER", () => {
    const numeric = s.primaryLocationId.split("/").pop() ?? "";
    expect(BigInt(numeric) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
  });
});
