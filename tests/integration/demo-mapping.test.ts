import { afterAll, describe, expect, it } from "vitest";
import { DEMO_SHOP } from "../../prisma/seed/demo-catalog";
import { seedDemoSuppliers } from "../../scripts/demo/seed";
import { seedDemoMapping } from "../../scripts/demo/seed-mapping";
import { seedDemoStock } from "../../scripts/demo/seed-stock";
import type { FakeShopify } from "../fake-shopify";
import { installedDemo } from "../helpers/demo";

let fake: FakeShopify | undefined;
let closeServices: (() => Promise<void>) | undefined;
afterAll(async () => {
  await closeServices?.();
  await fake?.close();
});

describe("the demo's SKU mapping", () => {
  it("has the new products unmapped, a suggestion from Pacific's feed and one from a mistyped CSV row, and no far-fetched one", async () => {
    const demo = await installedDemo("demo-mapping");
    fake = demo.fake;
    const { catalog, services } = demo;
    closeServices = () => services.close();
    await seedDemoSuppliers(services, { catalog });
    await seedDemoStock(services);
    await seedDemoMapping(services);
    const { mappingView } = await import("../../app/services/mapping/suggestions.server");
    const view = await mappingView({ db: services.db, now: services.now }, DEMO_SHOP.domain);
    expect(view.report.publishedWithoutOffer.map((v) => v.sku).sort()).toEqual(["DL-BOTTLE-1L-OLV", "DL-BOTTLE-1L-SND", "DL-HEADLAMP-300"]);
    expect(view.suggestions.map((s) => [s.row.supplierName, s.row.supplierSku, s.variant.sku, s.row.unitCostMinor]).sort()).toEqual([
      ["Pacific Coast Fulfillment", "PCF-BTL1L-OLV", "DL-BOTTLE-1L-OLV", 980],
      ["Pacific Coast Fulfillment", "PCF-HEADLAMP-300", "DL-HEADLAMP-300", null],
    ]);
    // Items the shop does not sell stay unsuggested.
    expect(view.unmatchedWithoutSuggestion.map((r) => r.supplierSku)).toEqual(expect.arrayContaining(["PCF-TENT-2P", "ASC-10001", "EDP-GOURDE-1L"]));
  });
});
