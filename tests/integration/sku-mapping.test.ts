/**
 * The SKU-mapping report against fixtures (each category), the catalogue read from the fake Admin
 * API, suggestions from feed and CSV rows, and accepting them one by one or in bulk.
 */
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AdminClient, httpTransport } from "../../app/shopify/client.server";
import { startFakeShopify, type FakeShopify } from "../fake-shopify";
import { TEST_SHOP, useTestAppEnv } from "../helpers/app-env";

useTestAppEnv();

const TOKEN = "shpat_mapping_test";
const OTHER_SHOP = "other-shop.myshopify.com";
const NOW = new Date("2026-12-07T09:00:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);

let fake: FakeShopify;
let db: PrismaClient;
let client: AdminClient;
let mapping: typeof import("../../app/services/mapping/suggestions.server");
let catalogue: typeof import("../../app/services/mapping/catalogue.server");
let setup: typeof import("../../app/models/setup.server");
const v = new Map<string, string>();
const products = new Map<string, string>();

const deps = () => ({ db, now: () => NOW });

async function supplier(id: string, name: string, shop = TEST_SHOP) {
  await db.supplier.create({
    data: { id, shop, name, contactEmail: "x@example.com", timeZone: "UTC", cutoff: "14:00", serviceTier: "next_day", handlingMinDays: 1, handlingMaxDays: 2 },
  });
}

async function offer(supplierId: string, sku: string, supplierSku: string, variantId = v.get(sku)!, shop = TEST_SHOP) {
  return db.offer.create({ data: { shop, supplierId, variantId, sku, supplierSku, unitCostMinor: 500, stockOnHand: 10 } });
}

async function order(id: string, placedAt: Date, lines: { sku: string; quantity?: number }[], cancelled = false, shop = TEST_SHOP) {
  await db.order.create({
    data: {
      id: `gid://shopify/Order/${id}`,
      shop,
      name: `#${id}`,
      currencyCode: "USD",
      totalMinor: 1000,
      channel: "web",
      placedAt,
      cancelledAt: cancelled ? placedAt : null,
      lines: JSON.stringify(
        lines.map((l, i) => ({
          lineItemId: `gid://shopify/LineItem/${id}${i}`,
          variantId: v.get(l.sku) ?? null,
          sku: l.sku,
          title: l.sku,
          quantity: l.quantity ?? 1,
          unitPriceMinor: 1000,
        })),
      ),
    },
  });
}

async function feedFor(supplierId: string, goodRun: boolean) {
  await db.stockFeed.create({ data: { shop: TEST_SHOP, supplierId, settings: "{}", pushSecret: "s", lastGoodRunAt: goodRun ? daysAgo(1) : null } });
}

beforeAll(async () => {
  fake = await startFakeShopify();
  fake.seedShop({ domain: TEST_SHOP, accessToken: TOKEN });
  for (const p of [
    {
      title: "Ceramic Mug",
      variants: [
        { sku: "MUG-11OZ-WHT", price: "12.00", title: "11 oz / White" },
        { sku: "MUG-11OZ-BLK", price: "12.00", title: "11 oz / Black" },
      ],
    },
    {
      title: "Organic Tee",
      variants: [
        { sku: "TSHIRT-BLK-M", price: "25.00", title: "Black / M" },
        { sku: "TSHIRT-BLK-L", price: "25.00", title: "Black / L" },
      ],
    },
    { title: "Soy Candle", variants: [{ sku: "CANDLE-LAV-200", price: "18.00", title: "Lavender 200g" }] },
    { title: "Retired Poster", variants: [{ sku: "POSTER-A3", price: "9.00" }] },
    { title: "Gone Lamp", variants: [{ sku: "LAMP-1", price: "40.00" }] },
  ]) {
    const created = fake.createProduct({ shop: TEST_SHOP, ...p });
    products.set(p.title, created.product.id);
    for (const variant of created.variants) v.set(variant.sku ?? "", variant.id);
  }
  db = (await import("../../app/db.server")).default;
  mapping = await import("../../app/services/mapping/suggestions.server");
  catalogue = await import("../../app/services/mapping/catalogue.server");
  setup = await import("../../app/models/setup.server");
  client = new AdminClient(httpTransport({ shop: TEST_SHOP, accessToken: TOKEN, origin: fake.url }), { shop: TEST_SHOP });
});

afterAll(async () => {
  await fake?.close();
});

beforeEach(async () => {
  for (const table of [
    "offerMappingAudit",
    "unmatchedOfferRow",
    "catalogVariant",
    "catalogSnapshot",
    "supplierStock",
    "stockFeed",
    "offer",
    "order",
    "supplier",
    "job",
  ] as const) {
    await (db[table] as { deleteMany: () => Promise<unknown> }).deleteMany();
  }
});

describe("the catalogue read from Shopify", () => {
  it("reads every variant page by page with its product's status, and replaces the previous snapshot", async () => {
    const before = fake.markRequests();
    const count = await catalogue.refreshCatalogue({ db, client, now: () => NOW }, TEST_SHOP);
    expect(count).toBe(7);
    const rows = await db.catalogVariant.findMany({ where: { shop: TEST_SHOP } });
    expect(rows.find((r) => r.sku === "MUG-11OZ-WHT")).toMatchObject({ productTitle: "Ceramic Mug", title: "11 oz / White", productStatus: "ACTIVE" });
    expect(fake.requestLog({ since: before }).map((r) => r.operationName)).toEqual(["ProductVariantsCatalogue"]);
    fake.deleteVariant({ shop: TEST_SHOP, variantId: v.get("LAMP-1")! });
    expect(await catalogue.refreshCatalogue({ db, client, now: () => NOW }, TEST_SHOP)).toBe(6);
    expect(await db.catalogSnapshot.findUnique({ where: { shop: TEST_SHOP } })).toMatchObject({ variants: 6, refreshedAt: NOW });
    // restore for the next tests
    const lamp = fake.createProduct({ shop: TEST_SHOP, title: "Gone Lamp", variants: [{ sku: "LAMP-1", price: "40.00" }] });
    v.set("LAMP-1", lamp.variants[0]!.id);
  });

  it("follows the cursor over several pages", async () => {
    const many = fake.createProduct({
      shop: TEST_SHOP,
      title: "Big Catalogue",
      variants: Array.from({ length: 260 }, (_, i) => ({ sku: `BULK-${i}`, price: "1.00" })),
    });
    const before = fake.markRequests();
    expect(await catalogue.refreshCatalogue({ db, client, now: () => NOW }, TEST_SHOP)).toBeGreaterThan(260);
    expect(fake.requestLog({ since: before })).toHaveLength(2);
    for (const variant of many.variants) fake.deleteVariant({ shop: TEST_SHOP, variantId: variant.id });
  });
});

describe("the mapping report against fixtures", () => {
  beforeEach(async () => {
    await supplier("s-pac", "Pacific");
    await supplier("s-atl", "Atlantic");
    await supplier("s-other", "Other shop's", OTHER_SHOP);
    await feedFor("s-pac", true);
    await offer("s-pac", "MUG-11OZ-WHT", "PCF-100");
    await offer("s-pac", "MUG-11OZ-BLK", "pcf-100"); // the same supplier SKU twice
    await offer("s-atl", "TSHIRT-BLK-M", "ATL-1"); // Atlantic has no feed
    await offer("s-atl", "POSTER-A3", "ATL-2"); // on an archived product
    await offer("s-atl", "LAMP-1", "ATL-3", "gid://shopify/ProductVariant/999999"); // on a deleted variant
    await offer("s-other", "TSHIRT-BLK-L", "O-1", v.get("TSHIRT-BLK-L"), OTHER_SHOP); // another shop's offer maps nothing here
    await order("1", daysAgo(3), [{ sku: "TSHIRT-BLK-L", quantity: 2 }, { sku: "MUG-11OZ-WHT" }]);
    await order("2", daysAgo(5), [{ sku: "TSHIRT-BLK-L" }]);
    await order("3", daysAgo(40), [{ sku: "CANDLE-LAV-200" }]); // outside 30 days
    await order("4", daysAgo(2), [{ sku: "CANDLE-LAV-200" }], true); // cancelled
    await order("5", daysAgo(2), [{ sku: "CANDLE-LAV-200" }], false, OTHER_SHOP); // another shop's sale
    fake.setProductStatus({ shop: TEST_SHOP, productId: products.get("Retired Poster")!, status: "ARCHIVED" });
    await catalogue.refreshCatalogue({ db, client, now: () => NOW }, TEST_SHOP);
  });

  it("reports each category from the shop's own records and the catalogue", async () => {
    const { report } = await mapping.mappingView(deps(), TEST_SHOP);
    expect(report.soldWithoutOffer.map((s) => [s.sku, s.units, s.orders])).toEqual([["TSHIRT-BLK-L", 3, 2]]);
    expect(report.publishedWithoutOffer.map((p) => p.sku).sort()).toEqual(["CANDLE-LAV-200", "LAMP-1"]);
    expect(report.brokenOffers.map((b) => [b.offer.supplierSku, b.reason])).toEqual([
      ["ATL-3", "deleted"],
      ["ATL-2", "archived"],
    ]);
    expect(report.duplicateSupplierSkus.map((d) => [d.supplierName, d.offers.length])).toEqual([["Pacific", 2]]);
    expect(report.suppliersWithoutFeed).toEqual([{ id: "s-atl", name: "Atlantic", offers: 3 }]);
    expect(report.problems).toBe(5);
  });

  it("widens the window of sales on request", async () => {
    const { report } = await mapping.mappingView(deps(), TEST_SHOP, 90);
    expect(report.soldWithoutOffer.map((s) => s.sku)).toEqual(["TSHIRT-BLK-L", "CANDLE-LAV-200"]);
  });

  it("feeds the setup checklist the same numbers", async () => {
    const { facts } = await setup.loadSetupOverview(db, TEST_SHOP, NOW);
    expect(facts).toMatchObject({ activeSuppliers: 2, offers: 5, soldVariantsWithoutOffer: 1, suppliersWithOffers: 2, suppliersWithoutGoodFeed: ["Atlantic"] });
  });
});

describe("suggestions and accepting them", () => {
  beforeEach(async () => {
    await supplier("s-pac", "Pacific");
    await feedFor("s-pac", true);
    await offer("s-pac", "MUG-11OZ-WHT", "PCF-100");
    const stockAt = daysAgo(1);
    for (const [supplierSku, quantity, costMinor] of [
      ["PCF-100", 5, 480], // already mapped
      ["PCF-MUG-11OZ-BLK", 7, 450],
      ["PCF-TSHIRT-BLK-M", 3, null],
      ["PCF-99999", 1, 100], // resembles nothing
    ] as const) {
      await db.supplierStock.create({ data: { shop: TEST_SHOP, supplierId: "s-pac", supplierSku, quantity, costMinor, updatedAt: stockAt } });
    }
    await db.unmatchedOfferRow.create({
      data: {
        shop: TEST_SHOP,
        supplierId: "s-pac",
        supplierSku: "88812",
        sku: "CANDLE-LAV200",
        title: "Lavender soy candle 200 g",
        unitCostMinor: 610,
        stockOnHand: 9,
        seenAt: daysAgo(2),
      },
    });
    await catalogue.refreshCatalogue({ db, client, now: () => NOW }, TEST_SHOP);
  });

  it("suggests a variant for each feed and CSV row that resembles one, and lists the rest", async () => {
    const view = await mapping.mappingView(deps(), TEST_SHOP);
    expect(view.suggestions.map((s) => [s.row.supplierSku, s.variant.sku, s.row.source]).sort()).toEqual([
      ["88812", "CANDLE-LAV-200", "offers_csv"],
      ["PCF-MUG-11OZ-BLK", "MUG-11OZ-BLK", "feed"],
      ["PCF-TSHIRT-BLK-M", "TSHIRT-BLK-M", "feed"],
    ]);
    expect(view.unmatchedWithoutSuggestion.map((r) => r.supplierSku)).toEqual(["PCF-99999"]);
  });

  it("accepts one: the offer carries the feed's cost, stock and stock date, and the acceptance is audited", async () => {
    const { mappingView, acceptSuggestions } = mapping;
    const { suggestionKey } = await import("../../app/domain/mapping");
    const s = (await mappingView(deps(), TEST_SHOP)).suggestions.find((x) => x.row.supplierSku === "PCF-MUG-11OZ-BLK")!;
    const out = await acceptSuggestions(deps(), TEST_SHOP, [{ key: suggestionKey(s) }], "staff@shop.example");
    expect(out.skipped).toEqual([]);
    const created = await db.offer.findUniqueOrThrow({ where: { id: out.created[0]!.offerId } });
    expect(created).toMatchObject({
      supplierId: "s-pac",
      variantId: v.get("MUG-11OZ-BLK"),
      sku: "MUG-11OZ-BLK",
      supplierSku: "PCF-MUG-11OZ-BLK",
      unitCostMinor: 450,
      stockOnHand: 7,
      stockUpdatedAt: daysAgo(1),
    });
    expect(await db.offerMappingAudit.findMany()).toEqual([
      expect.objectContaining({ offerId: created.id, source: "feed", actor: "staff@shop.example", at: NOW, score: s.score, supplierSku: "PCF-MUG-11OZ-BLK" }),
    ]);
    expect(await db.job.count({ where: { kind: "promise_publish" } })).toBe(1);
    // the suggestion is gone once accepted, and accepting it again creates nothing
    expect((await mappingView(deps(), TEST_SHOP)).suggestions.map((x) => x.row.supplierSku)).not.toContain("PCF-MUG-11OZ-BLK");
    const again = await acceptSuggestions(deps(), TEST_SHOP, [{ key: suggestionKey(s) }], null);
    expect(again.created).toEqual([]);
    expect(again.skipped[0]?.reason).toMatch(/no longer stands/);
  });

  it("accepts in bulk, skipping a row with no known cost until the merchant gives one", async () => {
    const { suggestionKey } = await import("../../app/domain/mapping");
    const keys = (await mapping.mappingView(deps(), TEST_SHOP)).suggestions.map((s) => ({ key: suggestionKey(s), sku: s.row.supplierSku }));
    const bulk = await mapping.acceptSuggestions(
      deps(),
      TEST_SHOP,
      keys.map((k) => ({ key: k.key })),
      null,
    );
    expect(bulk.created.map((c) => c.sku).sort()).toEqual(["CANDLE-LAV-200", "MUG-11OZ-BLK"]);
    expect(bulk.skipped).toEqual([{ key: keys.find((k) => k.sku === "PCF-TSHIRT-BLK-M")!.key, reason: expect.stringMatching(/enter the unit cost/) }]);
    // the CSV row the candle offer came from is forgotten
    expect(await db.unmatchedOfferRow.count()).toBe(0);
    const tee = keys.find((k) => k.sku === "PCF-TSHIRT-BLK-M")!;
    const withCost = await mapping.acceptSuggestions(deps(), TEST_SHOP, [{ key: tee.key, unitCostMinor: 900 }], null);
    expect(withCost.created).toHaveLength(1);
    expect(await db.offer.findFirstOrThrow({ where: { supplierSku: "PCF-TSHIRT-BLK-M" } })).toMatchObject({ unitCostMinor: 900, stockOnHand: 3 });
  });

  it("never overwrites an offer made meanwhile for the same supplier and variant", async () => {
    const { suggestionKey } = await import("../../app/domain/mapping");
    const s = (await mapping.mappingView(deps(), TEST_SHOP)).suggestions.find((x) => x.row.supplierSku === "PCF-MUG-11OZ-BLK")!;
    const race = await offer("s-pac", "MUG-11OZ-BLK", "TYPED-BY-HAND");
    const out = await mapping.acceptSuggestions(deps(), TEST_SHOP, [{ key: suggestionKey(s) }], null);
    expect(out.created).toEqual([]);
    expect(await db.offer.findUniqueOrThrow({ where: { id: race.id } })).toMatchObject({ supplierSku: "TYPED-BY-HAND" });
  });
});
