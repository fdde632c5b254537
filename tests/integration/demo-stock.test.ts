import { afterAll, describe, expect, it } from "vitest";
import { DEMO_SHOP } from "../../prisma/seed/demo-catalog";
import { seedDemoSuppliers, seedFakeShop } from "../../scripts/demo/seed";
import { seedDemoStock } from "../../scripts/demo/seed-stock";
import { startFakeShopify, type FakeShopify } from "../fake-shopify";
import { freshDatabaseUrl } from "../helpers/database";
import { createPrismaClient } from "../../app/db-client.server";

let fake: FakeShopify | undefined;
afterAll(async () => {
  await fake?.close();
});

describe("the demo's stock feeds", () => {
  it("gives every supplier a feed with a run, one quarantined run to review, buffer rules, and published quantities in Shopify", async () => {
    fake = await startFakeShopify({ webhooks: { baseUrl: "http://localhost:3999", apiSecret: "demo-test" } });
    const catalog = seedFakeShop(fake);
    const databaseUrl = freshDatabaseUrl("demo-stock");
    await seedDemoSuppliers({ databaseUrl, fake, catalog, appUrl: "http://localhost:3999" });
    await seedDemoStock({ databaseUrl, fake });
    const db = createPrismaClient(databaseUrl);
    try {
      const runs = await db.stockFeedRun.findMany({ where: { shop: DEMO_SHOP.domain } });
      expect(runs.map((r) => r.status).sort()).toEqual(["applied", "applied", "applied", "quarantined"]);
      expect(runs.every((r) => r.rowsRejected === 1)).toBe(true); // the BROKEN-1 row, reported per row
      expect(await db.bufferSetting.count()).toBe(3);
      const published = await db.publishedStock.findMany({ where: { shop: DEMO_SHOP.domain } });
      expect(published.length).toBe(await db.offer.count());
      const state = fake.store.shop(DEMO_SHOP.domain);
      for (const p of published) {
        expect(p.error).toBeNull();
        expect(state.inventoryLevels.get(state.levelKey(p.inventoryItemId!, p.locationId!))?.quantities.available).toBe(p.published);
      }
    } finally {
      await db.$disconnect();
    }
  });
});
