import { afterAll, describe, expect, it } from "vitest";
import { DEMO_SHOP } from "../../prisma/seed/demo-catalog";
import { seedDemoSuppliers, seedFakeShop } from "../../scripts/demo/seed";
import { startFakeShopify, type FakeShopify } from "../fake-shopify";
import { freshDatabaseUrl } from "../helpers/database";
import { createPrismaClient } from "../../app/db-client.server";

let fake: FakeShopify | undefined;
afterAll(async () => {
  await fake?.close();
});

describe("the demo's suppliers", () => {
  it("exist as fulfillment services in the fake, with offers that include a sold-out and a stale one", async () => {
    fake = await startFakeShopify({ webhooks: { baseUrl: "http://localhost:3999", apiSecret: "demo-test" } });
    const catalog = seedFakeShop(fake);
    const databaseUrl = freshDatabaseUrl("demo-suppliers");
    const now = new Date("2026-11-25T12:00:00Z");
    await seedDemoSuppliers({ databaseUrl, fake, catalog, appUrl: "http://localhost:3999", now });

    const db = createPrismaClient(databaseUrl);
    try {
      const suppliers = await db.supplier.findMany({ where: { shop: DEMO_SHOP.domain }, include: { offers: true }, orderBy: { name: "asc" } });
      expect(suppliers.map((s) => [s.name, s.timeZone, s.serviceTier])).toEqual([
        ["Atlantic Supply Co.", "America/New_York", "next_day"],
        ["EuroDrop Paris", "Europe/Paris", "48_hour"],
        ["Pacific Coast Fulfillment", "America/Los_Angeles", "same_day"],
      ]);
      const services = fake.store.shop(DEMO_SHOP.domain).fulfillmentServices;
      for (const s of suppliers) expect(services.get(s.fulfillmentServiceId ?? "")?.serviceName).toBe(s.name);
      const offers = suppliers.flatMap((s) => s.offers.map((o) => ({ ...o, cadenceMs: s.feedCadenceMinutes * 60_000 })));
      expect(offers.filter((o) => o.stockOnHand === 0).map((o) => o.sku)).toEqual(["DL-THERMOS-750-SGE"]);
      expect(offers.filter((o) => now.getTime() - o.stockUpdatedAt.getTime() > o.cadenceMs).map((o) => o.sku)).toEqual(["DL-SHELL-L"]);
      expect(new Set(offers.map((o) => o.variantId))).toEqual(new Set([...catalog.variantBySku.values()].map((v) => v.variantId)));
    } finally {
      await db.$disconnect();
    }
  });
});
