/**
 * inventory_levels/update at a supplier's location, compared with what Dropline published there.
 * Less than we published is normal — orders commit stock between publishes, and the stock sync
 * never writes those units back (see plan.ts). More than we published cannot come from orders:
 * someone or something else set the quantity (Shopify admin, another app, a restock), which can
 * oversell a supplier. That drift is recorded on the published row and a re-publish of the
 * supplier's stock is booked. Our own writes' echoes match what we published and cost nothing.
 */
import { markStockDrift, publishedAtLocation } from "~/models/stock.server";
import type { PrismaClient } from "@prisma/client";

export interface LevelUpdate {
  /** Legacy numeric ids as strings (the webhook's REST shape). */
  readonly inventoryItemId: string;
  readonly locationId: string;
  readonly available: number;
  /** When Shopify changed the level. */
  readonly at: Date;
}

/** Records a drift; returns the supplier whose stock should be published again, or null. */
export async function recordStockDrift(db: PrismaClient, shop: string, update: LevelUpdate): Promise<string | null> {
  const row = await publishedAtLocation(db, shop, `gid://shopify/Location/${update.locationId}`, `gid://shopify/InventoryItem/${update.inventoryItemId}`);
  // Not ours to publish, or not published yet (the next sync reads Shopify first anyway).
  if (!row || row.published === null) return null;
  // Older than our last publish, which read or compared Shopify's quantity at that moment: accounted for.
  if (row.publishedAt && update.at <= row.publishedAt) return null;
  if (update.available <= row.published) return null;
  return (await markStockDrift(db, shop, row, update.available, update.at)) ? row.supplierId : null;
}
