/**
 * Stock publishing against the fake Admin API with Shopify's bucket (2,000 points, 100/s restore):
 * 10,000 SKUs across 5 suppliers, a full sync from nothing published, then a sync after 5 % of the
 * suppliers' quantities changed. Counts Admin API calls and the cost points Shopify charged.
 */
import type { PrismaClient } from "@prisma/client";
import { startFakeShopify, type FakeShopify } from "../tests/fake-shopify";
import { syncSupplierStock } from "../app/services/stock/sync.server";
import { createSupplier } from "../app/services/suppliers/suppliers.server";
import { AdminClient, httpTransport, resetThrottleState, type Transport } from "../app/shopify/client.server";
import { round, type BenchRow } from "./report";
import { scriptServices } from "../scripts/services";
import { freshDatabaseUrl } from "../tests/helpers/database";

const SHOP = "bench-stock.myshopify.com";
const TOKEN = "shpat_bench_stock";
const SUPPLIERS = 5;
const SKUS = 10_000;
const CHANGED_SHARE = 0.05;

interface Meter {
  calls: number;
  cost: number;
}

function meteredClient(fake: FakeShopify, meter: Meter): AdminClient {
  const http = httpTransport({ shop: SHOP, accessToken: TOKEN, origin: fake.url });
  const transport: Transport = async (source, variables) => {
    const response = await http(source, variables);
    meter.calls += 1;
    meter.cost += response.extensions?.cost?.actualQueryCost ?? response.extensions?.cost?.requestedQueryCost ?? 0;
    return response;
  };
  return new AdminClient(transport, { shop: SHOP });
}

async function seed(fake: FakeShopify, db: PrismaClient, client: AdminClient): Promise<string[]> {
  fake.seedShop({ domain: SHOP, accessToken: TOKEN });
  fake.createLocation({ shop: SHOP, name: "Merchant HQ" });
  const supplierIds: string[] = [];
  for (let s = 0; s < SUPPLIERS; s++) {
    const created = await createSupplier({ db, client, appUrl: "http://localhost:3000" }, SHOP, {
      name: `Bench Supplier ${s + 1}`,
      contactEmail: `s${s}@bench.example`,
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
    const { id, locationId } = created.value;
    supplierIds.push(id);
    const perSupplier = SKUS / SUPPLIERS;
    const offers = [];
    for (let p = 0; p < perSupplier / 100; p++) {
      const product = fake.createProduct({
        shop: SHOP,
        title: `S${s}-P${p}`,
        variants: Array.from({ length: 100 }, (_, v) => ({ sku: `S${s}-${p * 100 + v}`, price: "10.00" })),
      });
      for (const variant of product.variants) {
        // Stocked at the supplier's location (as when the merchant assigns the products to it).
        fake.setInventory({ shop: SHOP, inventoryItemId: variant.inventoryItemId, locationId: locationId!, available: 0 });
        offers.push({
          shop: SHOP,
          supplierId: id,
          variantId: variant.id,
          sku: variant.sku!,
          supplierSku: `X-${variant.sku}`,
          unitCostMinor: 500,
          stockOnHand: 20 + (offers.length % 80),
        });
      }
    }
    for (let i = 0; i < offers.length; i += 500) await db.offer.createMany({ data: offers.slice(i, i + 500) });
  }
  return supplierIds;
}

async function measure(label: string, meter: Meter, run: () => Promise<void>): Promise<{ calls: number; cost: number; seconds: number }> {
  meter.calls = 0;
  meter.cost = 0;
  const started = performance.now();
  await run();
  const seconds = (performance.now() - started) / 1000;
  console.error(`  ${label}: ${meter.calls} calls, ${meter.cost} points, ${seconds.toFixed(1)} s`);
  return { calls: meter.calls, cost: meter.cost, seconds };
}

export async function benchStockSync(): Promise<BenchRow[]> {
  resetThrottleState();
  const fake = await startFakeShopify({ bucketSize: 2000, restoreRate: 100 });
  const meter: Meter = { calls: 0, cost: 0 };
  // The app's own services, with the one override the benchmark needs: a client that counts calls and points.
  const client = meteredClient(fake, meter);
  const services = scriptServices(
    { SHOPIFY_API_KEY: "bench", SHOPIFY_API_SECRET: "bench", SHOPIFY_APP_URL: "http://localhost:3000", DATABASE_URL: freshDatabaseUrl("bench-stock") },
    { adminFor: async () => client },
  );
  const db = services.db;
  try {
    const supplierIds = await seed(fake, db, await services.adminFor(SHOP));
    const deps = { db, client: await services.adminFor(SHOP), now: services.now };
    const syncAll = (key: string) => async () => {
      for (const id of supplierIds) await syncSupplierStock(deps, SHOP, id, `${key}:${id}`);
    };
    const full = await measure("full sync", meter, syncAll("full"));
    const offers = await db.offer.findMany({ select: { id: true, stockOnHand: true } });
    const step = Math.round(1 / CHANGED_SHARE);
    for (let i = 0; i < offers.length; i += step) await db.offer.update({ where: { id: offers[i]!.id }, data: { stockOnHand: offers[i]!.stockOnHand + 25 } });
    const partial = await measure("5 % sync", meter, syncAll("partial"));
    return [
      { name: "stock-sync full (10k SKUs, 5 suppliers): Admin API calls", value: full.calls, unit: "calls", target: null },
      { name: "stock-sync full: cost points", value: full.cost, unit: "points", target: null },
      { name: "stock-sync full: wall time", value: round(full.seconds, 1), unit: "s", target: null },
      { name: "stock-sync 5 % changed: Admin API calls", value: partial.calls, unit: "calls", target: null },
      { name: "stock-sync 5 % changed: cost points", value: partial.cost, unit: "points", target: null },
      { name: "stock-sync 5 % changed: wall time", value: round(partial.seconds, 1), unit: "s", target: null },
      { name: "stock-sync 5 % cost / full cost", value: round(partial.cost / Math.max(1, full.cost), 3), unit: "ratio", target: "< 0.10" },
    ];
  } finally {
    await db.$disconnect();
    await fake.close();
  }
}
