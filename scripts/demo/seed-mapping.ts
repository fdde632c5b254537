/**
 * The demo's SKU-mapping state (issue #17): an offers CSV the merchant imported with a typo in a
 * SKU (the row is kept, and SKU mapping suggests the variant it meant), and the catalogue read
 * from Shopify, as the mapping page does when first opened. With the Pacific feed's
 * PCF-HEADLAMP-300 row (seed-stock.ts) and the live order for two unmapped variants, the home
 * page opens on a checklist with steps done and not done and a mapping count.
 */
import type { AppServices } from "../../app/services.server";
import { refreshCatalogue } from "../../app/services/mapping/catalogue.server";
import { importOffersCsv } from "../../app/services/offers/offers-csv.server";
import { DEMO_SHOP } from "../../prisma/seed/demo-catalog";

/** "OLIVE" where Shopify says "OLV": the import refuses the row and keeps it for suggestions. */
export const DEMO_MISTYPED_OFFERS_CSV = [
  "supplier,sku,supplier_sku,unit_cost,stock_on_hand,title",
  "Pacific Coast Fulfillment,DL-BOTTLE-1L-OLIVE,PCF-BTL1L-OLV,9.80,30,Collapsible bottle 1 L olive",
].join("\n");

export async function seedDemoMapping(services: AppServices): Promise<void> {
  const shop = DEMO_SHOP.domain;
  const client = await services.adminFor(shop);
  const imported = await importOffersCsv({ db: services.db, client, now: services.now }, shop, DEMO_MISTYPED_OFFERS_CSV, "all_or_nothing");
  if (imported.keptForMapping !== 1) throw new Error(`The demo's mistyped offers row was not kept for mapping: ${JSON.stringify(imported.rows)}`);
  await refreshCatalogue({ db: services.db, client, now: services.now }, shop);
}
