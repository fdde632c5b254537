import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient, httpTransport, resetThrottleState } from "../../app/shopify/client.server";
import { AdminApiError, UserErrorsFailure } from "../../app/shopify/errors";
import { operation } from "../../app/shopify/operation";
import { SHOP_INFO } from "../../app/shopify/shop";
import { startFakeShopify, type FakeShopify } from "../fake-shopify";

const SHOP = "throttle-test.myshopify.com";
const TOKEN = "shpat_throttle";
let fake: FakeShopify;

beforeAll(async () => {
  // A small bucket: 60 points, restoring 30 per second.
  fake = await startFakeShopify({ bucketSize: 60, restoreRate: 30 });
  fake.seedShop({ domain: SHOP, accessToken: TOKEN, name: "Throttle Test" });
});

afterAll(() => fake.close());

function client(accessToken = TOKEN, sleep?: (ms: number) => Promise<void>) {
  resetThrottleState();
  return new AdminClient(httpTransport({ shop: SHOP, accessToken, origin: fake.url }), { shop: SHOP, ...(sleep ? { sleep } : {}) });
}

const PRODUCTS = operation<{ productVariants: { nodes: { id: string }[] } }>(`query ProductsPage { productVariants(first: 10) { nodes { id sku } } }`);

describe("AdminClient against the fake Admin API", () => {
  it("completes 200 calls against a small bucket with no failure, by pacing", async () => {
    let slept = 0;
    const c = client(TOKEN, async (ms) => {
      slept += ms;
      await new Promise((r) => setTimeout(r, ms));
    });
    const started = performance.now();
    for (let i = 0; i < 200; i++) {
      if (i % 2) expect((await c.request(SHOP_INFO)).shop.name).toBe("Throttle Test");
      else expect(Array.isArray((await c.request(PRODUCTS)).productVariants.nodes)).toBe(true);
    }
    const seconds = (performance.now() - started) / 1000;
    // 200 calls cost far more than the 60-point bucket: the client had to wait for restores.
    expect(slept).toBeGreaterThan(1000);
    expect(seconds).toBeGreaterThan(1);
  }, 120_000);

  it("a client that does not pace gets Shopify's THROTTLED error from the fake", async () => {
    const raw = httpTransport({ shop: SHOP, accessToken: TOKEN, origin: fake.url });
    const answers = [];
    for (let i = 0; i < 40; i++) answers.push(await raw(PRODUCTS.source, undefined));
    const throttled = answers.find((a) => a.errors?.some((e) => e.extensions?.code === "THROTTLED"));
    expect(throttled).toBeDefined();
    expect(throttled?.extensions?.cost?.throttleStatus.maximumAvailable).toBe(60);
  });

  it("refuses a wrong access token with a non-retryable error", async () => {
    const error = await client("shpat_wrong")
      .request(SHOP_INFO)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdminApiError);
    expect(error).toMatchObject({ kind: "http", details: { status: 401 } });
  });

  it("surfaces an invalid document as a GraphQL error, not a retry loop", async () => {
    const BAD = operation<unknown>(`query Bad { shop { name notAField } }`);
    const error = (await client()
      .request(BAD)
      .catch((e: unknown) => e)) as AdminApiError;
    expect(error.kind).toBe("graphql");
    expect(error.message).toMatch(/notAField/);
  });

  it("reports an unknown id as Shopify does (RESOURCE_NOT_FOUND), without retrying", async () => {
    const HOLD = operation<{ fulfillmentOrderHold: { userErrors: { field: string[] | null; message: string }[] } | null }, { id: string }>(
      `mutation H($id: ID!) { fulfillmentOrderHold(id: $id, fulfillmentHold: { reason: OTHER, reasonNotes: "x" }) { userErrors { field message } } }`,
    );
    const error = (await client()
      .mutate(HOLD, { id: "gid://shopify/FulfillmentOrder/0" }, "fulfillmentOrderHold")
      .catch((e: unknown) => e)) as AdminApiError;
    expect(error).toBeInstanceOf(AdminApiError);
    expect(error.details.codes).toEqual(["RESOURCE_NOT_FOUND"]);
    expect(error.retryable).toBe(false);
  });

  it("turns a mutation's userErrors into UserErrorsFailure", async () => {
    const CREATE = operation<
      { fulfillmentServiceCreate: { fulfillmentService: { id: string } | null; userErrors: { field: string[] | null; message: string }[] } | null },
      { name: string }
    >(
      `mutation C($name: String!) { fulfillmentServiceCreate(name: $name, callbackUrl: "http://localhost:3000/fs", trackingSupport: true) { fulfillmentService { id } userErrors { field message } } }`,
    );
    const c = client();
    const created = await c.mutate(CREATE, { name: "Acme Supply" }, "fulfillmentServiceCreate");
    expect(created.fulfillmentService?.id).toMatch(/^gid:\/\/shopify\/FulfillmentService\//);
    const error = await c.mutate(CREATE, { name: "Acme Supply" }, "fulfillmentServiceCreate").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserErrorsFailure);
    expect((error as UserErrorsFailure).userErrors[0]?.message).toMatch(/already/i);
  });
});
