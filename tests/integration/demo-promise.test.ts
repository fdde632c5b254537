import { afterAll, describe, expect, it } from "vitest";
import { decodePromiseData, decodeShopCalendar } from "../../app/domain/promise";
import { DEMO_SHOP } from "../../prisma/seed/demo-catalog";
import { seedDemoSuppliers, seedFakeShop } from "../../scripts/demo/seed";
import { seedDemoPromise } from "../../scripts/demo/seed-promise";
import { startFakeShopify, type FakeShopify } from "../fake-shopify";
import { freshDatabaseUrl } from "../helpers/database";
import { createPrismaClient } from "../../app/db-client.server";

let fake: FakeShopify | undefined;
afterAll(async () => {
  await fake?.close();
});

describe("the demo's delivery promise", () => {
  it("publishes promise data on every demo variant and the carrier holidays on the shop, leaving no publish queued", async () => {
    fake = await startFakeShopify({ webhooks: { baseUrl: "http://localhost:3999", apiSecret: "demo-test" } });
    const catalog = seedFakeShop(fake);
    const databaseUrl = freshDatabaseUrl("demo-promise");
    const now = new Date("2026-11-25T12:00:00Z");
    await seedDemoSuppliers({ databaseUrl, fake, catalog, appUrl: "http://localhost:3999", now });
    const report = await seedDemoPromise({ databaseUrl, fake, now });
    expect(report.variants).toBe(catalog.variantBySku.size);

    const metafields = [...fake.store.shop(DEMO_SHOP.domain).metafields.values()];
    for (const { variantId } of catalog.variantBySku.values()) {
      const value = metafields.find((m) => m.ownerId === variantId && m.key === "promise")?.value;
      expect(decodePromiseData(value)?.suppliers.length, variantId).toBeGreaterThan(0);
    }
    const calendar = metafields.find((m) => m.key === "calendar");
    expect(decodeShopCalendar(calendar?.value)?.chol).toContain("2026-12-25");

    const db = createPrismaClient(databaseUrl);
    try {
      expect(await db.job.count({ where: { kind: "promise_publish", status: "queued" } })).toBe(0);
    } finally {
      await db.$disconnect();
    }
  });
});
