/**
 * Publishing buffered stock to the fake Admin API: activation where an item is not stocked, only
 * changed quantities written, and a sale that lands mid-sync is kept (compare-and-set).
 */
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeShopify, type FakeShopify } from "../fake-shopify";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";
import type { Transport } from "../../app/shopify/client.server";

useTestAppEnv();

const TOKEN = "shpat_stock_sync";
let fake: FakeShopify;
let db: PrismaClient;
let sync: typeof import("../../app/services/stock/sync.server");
let client: import("../../app/shopify/client.server").AdminClient;
let supplier: { id: string; locationId: string };
const items: Record<string, { variantId: string; inventoryItemId: string }> = {};
let beforeWrite: (() => void) | null = null;
const calls: string[] = [];

const available = (sku: string) =>
  fake.store.shop(TEST_SHOP).inventoryLevels.get(fake.store.shop(TEST_SHOP).levelKey(items[sku]!.inventoryItemId, supplier.locationId))?.quantities.available;
const run = (key: string) => sync.syncSupplierStock({ db, client, now: () => new Date() }, TEST_SHOP, supplier.id, key);
const setStock = (sku: string, stockOnHand: number) =>
  db.offer.updateMany({ where: { shop: TEST_SHOP, sku }, data: { stockOnHand, stockUpdatedAt: new Date() } });

beforeAll(async () => {
  fake = await startFakeShopify({ bucketSize: 2000, restoreRate: 100 });
  fake.seedShop({ domain: TEST_SHOP, accessToken: TOKEN });
  fake.createLocation({ shop: TEST_SHOP, name: "Merchant HQ" });
  db = (await import("../../app/db.server")).default;
  sync = await import("../../app/services/stock/sync.server");
  const { AdminClient, httpTransport } = await import("../../app/shopify/client.server");
  const http = httpTransport({ shop: TEST_SHOP, accessToken: TOKEN, origin: fake.url });
  // The hook runs just before a write reaches Shopify: a shopper buying at that moment.
  const transport: Transport = async (source, variables) => {
    const name = /(?:query|mutation)\s+(\w+)/.exec(source)?.[1] ?? "?";
    calls.push(name);
    if (name === "InventorySetAvailable" && beforeWrite) {
      const hook = beforeWrite;
      beforeWrite = null;
      hook();
    }
    return http(source, variables);
  };
  client = new AdminClient(transport, { shop: TEST_SHOP });
  const { createSupplier } = await import("../../app/services/suppliers/suppliers.server");
  const created = await createSupplier({ db, client, appUrl: "http://localhost:3000" }, TEST_SHOP, {
    name: "Stock Co",
    contactEmail: "ops@stock.example",
    timeZone: "UTC",
    cutoff: "14:00",
    holidays: "",
    serviceTier: "next_day",
    handlingMinDays: "1",
    handlingMaxDays: "2",
    dropshipFee: "0",
    feedCadenceMinutes: "60",
    coverage: [{ countryCode: "US", provinceCode: "", transitMin: "1", transitMax: "3", shippingCost: "5.00" }],
  });
  if (!created.ok) throw new Error(JSON.stringify(created.failure.fieldErrors));
  supplier = { id: created.value.id, locationId: created.value.locationId! };
  for (const sku of ["MUG", "LAMP", "NEW"]) {
    const v = fake.createProduct({ shop: TEST_SHOP, title: sku, variants: [{ sku, price: "10.00" }] }).variants[0]!;
    items[sku] = { variantId: v.id, inventoryItemId: v.inventoryItemId };
    // NEW is not stocked at the supplier's location yet: the sync must activate it.
    if (sku !== "NEW") fake.setInventory({ shop: TEST_SHOP, inventoryItemId: v.inventoryItemId, locationId: supplier.locationId, available: 0 });
    await db.offer.create({
      data: { shop: TEST_SHOP, supplierId: supplier.id, variantId: v.id, sku, supplierSku: `S-${sku}`, unitCostMinor: 100, stockOnHand: 100 },
    });
  }
  // Buffer: a flat 10 units, nothing else, so the numbers are easy to follow.
  await db.bufferSetting.create({
    data: {
      shop: TEST_SHOP,
      scope: "shop",
      scopeId: "",
      settings: JSON.stringify({ floorUnits: 10, percentOfStock: 0, velocityCoverDays: 0, oversellWeight: 0 }),
    },
  });
}, 60_000);

afterAll(() => fake?.close());

describe("publishing buffered stock", () => {
  it("publishes stock minus the buffer at the supplier's location, activating an item not stocked there", async () => {
    const report = await run("first");
    expect(report).toMatchObject({ offers: 3, due: 3, activated: 1, failed: 0 });
    expect([available("MUG"), available("LAMP"), available("NEW")]).toEqual([90, 90, 90]);
    expect(calls.filter((c) => c === "InventoryActivate")).toHaveLength(1);
  });

  it("writes nothing when no target moved", async () => {
    calls.length = 0;
    expect(await run("idle")).toMatchObject({ due: 0, written: 0 });
    expect(calls).toEqual([]);
  });

  it("keeps a sale that lands while the sync runs: the compare fails, it re-reads and converges", async () => {
    await setStock("MUG", 60); // target 50, Shopify shows 90
    beforeWrite = () => {
      fake.createOrder({
        shop: TEST_SHOP,
        email: "s@example.com",
        lineItems: [{ variantId: items.MUG!.variantId, quantity: 3 }],
        shippingAddress: { name: "Ada", address1: "1 Pine", city: "Seattle", zip: "98101", countryCode: "US" },
        shippingLine: { title: "Standard", code: "STANDARD" },
      });
    };
    calls.length = 0;
    const report = await run("sale");
    expect(report).toMatchObject({ due: 1, written: 1, staleRetries: 1, failed: 0 });
    expect(calls).toEqual(["InventorySetAvailable", "VariantLevelsAtLocation", "InventorySetAvailable"]);
    // 50 wanted, 3 sold after the supplier's count: Shopify shows 47, not 50 (the sale is not overwritten).
    expect(available("MUG")).toBe(47);
    const published = await db.publishedStock.findFirstOrThrow({ where: { variantId: items.MUG!.variantId } });
    expect(published).toMatchObject({ target: 50, published: 47 });
    calls.length = 0;
    expect(await run("after")).toMatchObject({ due: 0 });
    expect(available("MUG")).toBe(47);
  });

  it("writes a moved target in one call, comparing against what it last published (no read)", async () => {
    await setStock("LAMP", 40);
    calls.length = 0;
    expect(await run("lamp")).toMatchObject({ due: 1, written: 1, staleRetries: 0 });
    expect(calls).toEqual(["InventorySetAvailable"]);
    expect(available("LAMP")).toBe(30);
  });
});
