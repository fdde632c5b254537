/**
 * Several processes calling the Admin API for one shop share its cost bucket through the database
 * (app/models/admin-api-budget.server.ts): each call takes its points from the shared row before it
 * is sent, so together they are paced, not throttled. Runs on both databases (the store is plain
 * Prisma); production wires it on PostgreSQL, where the processes are many.
 */
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient, httpTransport, type Transport } from "../../app/shopify/client.server";
import { operation } from "../../app/shopify/operation";
import { SHOP_INFO } from "../../app/shopify/shop";
import { useTestAppEnv } from "../helpers/app-env";
import { startFakeShopify, type FakeShopify } from "../fake-shopify";

useTestAppEnv();

const SHOP = "shared-budget.myshopify.com";
const TOKEN = "shpat_shared";
const PRODUCTS = operation<{ productVariants: { nodes: { id: string }[] } }>(`query ProductsPage { productVariants(first: 10) { nodes { id sku } } }`);
let fake: FakeShopify;
let db: PrismaClient;

beforeAll(async () => {
  db = (await import("../../app/db.server")).default;
  fake = await startFakeShopify({ bucketSize: 60, restoreRate: 30 });
  fake.seedShop({ domain: SHOP, accessToken: TOKEN, name: "Shared Budget" });
});
afterAll(() => fake.close());

/** A transport that counts Shopify's THROTTLED answers (the client retries them, so count them here). */
function countingTransport(counter: { throttled: number; calls: number }): Transport {
  const inner = httpTransport({ shop: SHOP, accessToken: TOKEN, origin: fake.url });
  return async (source, variables) => {
    const answer = await inner(source, variables);
    counter.calls++;
    if (answer.errors?.some((e) => e.extensions?.code === "THROTTLED")) counter.throttled++;
    return answer;
  };
}

describe("the Admin API budget shared across processes", () => {
  it("keeps three concurrent callers of one shop inside its bucket: no THROTTLED answer", async () => {
    const { databaseBucketStore } = await import("../../app/models/admin-api-budget.server");
    const counter = { throttled: 0, calls: 0 };
    let sleptMs = 0;
    const sleep = async (ms: number) => {
      sleptMs += ms;
      await new Promise((resolve) => setTimeout(resolve, ms));
    };
    // Three "processes": separate clients whose only common state is the database row.
    const processes = [0, 1, 2].map(() => new AdminClient(countingTransport(counter), { shop: SHOP, sharedBuckets: databaseBucketStore(db), sleep }));
    await processes[0]!.request(SHOP_INFO); // Shopify's first answer tells everyone the bucket's size
    await Promise.all(
      processes.map(async (client, i) => {
        for (let n = 0; n < 15; n++) await (n % 2 === i % 2 ? client.request(PRODUCTS) : client.request(SHOP_INFO));
      }),
    );
    expect(counter.calls).toBe(46);
    expect(counter.throttled).toBe(0);
    // They asked for more than the bucket holds: the shared row made them wait instead.
    expect(sleptMs).toBeGreaterThan(1_000);
    const row = await db.adminApiBucket.findUniqueOrThrow({ where: { shop: SHOP } });
    expect(row).toMatchObject({ maximumAvailable: 60, restoreRate: 30 });
  }, 120_000);
});
