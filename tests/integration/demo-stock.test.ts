import { afterAll, describe, expect, it } from "vitest";
import { DEMO_SHOP } from "../../prisma/seed/demo-catalog";
import { seedDemoSuppliers } from "../../scripts/demo/seed";
import { seedDemoStock } from "../../scripts/demo/seed-stock";
import type { FakeShopify } from "../fake-shopify";
import { installedDemo } from "../helpers/demo";
import { createPrismaClient } from "../../app/db-client.server";

const DEMO_NAME = "demo-stock";
let fake: FakeShopify | undefined;
let closeServices: (() => Promise<void>) | undefined;
afterAll(async () => {
  await closeServices?.();
  await fake?.close();
});

describe("the demo's stock feeds", () => {
  it("gives every supplier a feed with a run, one quarantined run to review, buffer rules, and published quantities in Shopify", async () => {
    const demo = await installedDemo(DEMO_NAME);
    fake = demo.fake;
    const { catalog, services, databaseUrl } = demo;
    closeServices = () => services.close();
    await seedDemoSuppliers(services, { catalog });
    await seedDemoStock(services);
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
