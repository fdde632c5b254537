/**
 * Demo stock feeds (issue #7): one feed per demo supplier with a good run applied through the
 * real ingest path, a quarantined run waiting for review at Atlantic, buffer rules at all three
 * levels, and a first stock sync so published quantities show in the admin.
 */
import type { PrismaClient } from "@prisma/client";
import type { AppServices } from "../../app/services.server";
import { DEMO_OFFERS, DEMO_SHOP } from "../../prisma/seed/demo-catalog";
import { ingestFeed } from "../../app/services/stock/ingest.server";
import { syncSupplierStock } from "../../app/services/stock/sync.server";
import { saveBufferOverride } from "../../app/models/buffer.server";
import { ensureFeed, saveFeedSettings } from "../../app/models/feeds.server";
import type { FeedKind } from "../../app/models/feed-form";

/** How each demo supplier sends stock, and SKUs it lists that the shop does not sell (real feeds do). */
const FEEDS: Record<string, { kind: FeedKind; delimiter: ";" | ","; extra: [string, number][] }> = {
  // PCF-HEADLAMP-300 is the shop's new DL-HEADLAMP-300 under Pacific's numbering: SKU mapping suggests it.
  "Pacific Coast Fulfillment": {
    kind: "upload",
    delimiter: ",",
    extra: [
      ["PCF-TENT-2P", 14],
      ["PCF-HEADLAMP-300", 24],
    ],
  },
  "Atlantic Supply Co.": {
    kind: "push",
    delimiter: ";",
    extra: [
      ["ASC-10001", 30],
      ["ASC-10002", 1250],
      ["ASC-10003", 9],
      ["ASC-10004", 40],
    ],
  },
  "EuroDrop Paris": { kind: "upload", delimiter: ";", extra: [["EDP-GOURDE-1L", 35]] },
};

function feedCsv(supplier: string, delimiter: string, zeroOut = false): string {
  const config = FEEDS[supplier]!;
  // A stale offer in the catalog stays out of the feed, so the admin shows the staleness buffer.
  const rows: [string, number][] = DEMO_OFFERS.filter((o) => o.supplier === supplier && !o.stockAgeMinutes).map((o) => [o.supplierSku, o.stockOnHand]);
  const all = [...rows, ...config.extra].map(([sku, qty], i) => [sku, zeroOut && i % 4 !== 0 ? 0 : qty] as const);
  const qty = (n: number) => (delimiter === ";" && n >= 1000 ? n.toLocaleString("de-DE") : String(n));
  return ["Artikel" + delimiter + "Bestand", ...all.map(([sku, n]) => `${sku}${delimiter}${qty(n)}`), `BROKEN-1${delimiter}n/a`].join("\n") + "\n";
}

async function seedBufferRules(db: PrismaClient, shop: string, supplierIds: Map<string, string>, variantOf: (sku: string) => string | undefined) {
  await saveBufferOverride(db, shop, "shop", "", { floorUnits: 2, percentOfStock: 10, velocityCoverDays: 1 });
  await saveBufferOverride(db, shop, "supplier", supplierIds.get("EuroDrop Paris")!, { percentOfStock: 15 });
  const shell = variantOf("DL-SHELL-M");
  if (shell) await saveBufferOverride(db, shop, "product", shell, { floorUnits: 4 });
}

export async function seedDemoStock(services: AppServices, options: { now?: Date } = {}): Promise<void> {
  const shop = DEMO_SHOP.domain;
  const { db } = services;
  const client = await services.adminFor(shop);
  const now = () => options.now ?? new Date();
  const suppliers = await db.supplier.findMany({ where: { shop } });
  const supplierIds = new Map(suppliers.map((s) => [s.name, s.id]));
  const offers = await db.offer.findMany({ where: { shop }, select: { sku: true, variantId: true } });
  await seedBufferRules(db, shop, supplierIds, (sku) => offers.find((o) => o.sku === sku)?.variantId);
  for (const supplier of suppliers) {
    const config = FEEDS[supplier.name];
    if (!config) continue;
    await ensureFeed(db, shop, supplier.id);
    const mapping = { sku: "Artikel", quantity: "Bestand" };
    const feed = await saveFeedSettings(
      db,
      shop,
      supplier.id,
      { kind: config.kind, url: null, cadenceMinutes: supplier.feedCadenceMinutes, settings: { mapping, delimiter: config.delimiter } },
      now(),
    );
    await ingestFeed({ db, now }, feed, feedCsv(supplier.name, config.delimiter), config.kind === "push" ? "push" : "upload");
    // Atlantic's export later breaks and reports 0 for most SKUs: quarantined for the merchant.
    if (supplier.name === "Atlantic Supply Co.") await ingestFeed({ db, now }, feed, feedCsv(supplier.name, config.delimiter, true), "push");
    await syncSupplierStock({ db, client, now }, shop, supplier.id, `demo-seed:${supplier.id}`);
  }
}
