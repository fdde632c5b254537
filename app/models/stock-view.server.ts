/** What the admin's stock page shows per SKU: supplier stock, buffer and why, and what Shopify shows. */
import type { PrismaClient } from "@prisma/client";
import { bufferFor, loadBufferContext } from "./buffer.server";
import { listOffers } from "./offers.server";
import { publishedKey, publishedStockMap } from "./stock.server";

export interface StockViewRow {
  readonly key: string;
  readonly sku: string;
  readonly variantId: string;
  readonly supplier: string;
  readonly supplierSku: string;
  readonly supplierStock: number;
  readonly stockAsOf: string;
  readonly restockDate: string | null;
  readonly buffer: number;
  readonly reason: string;
  /** Levels that set a non-default buffer setting (e.g. "supplier", "product"). */
  readonly levels: string[];
  readonly target: number;
  readonly published: number | null;
  readonly publishedAt: string | null;
  readonly error: string | null;
  /** Shopify last showed more than we had published (set elsewhere): what and when; a re-publish followed. */
  readonly drift: { readonly available: number; readonly at: string } | null;
}

/** Rows per page: the stock page is for looking things up, not for scrolling 10,000 SKUs. */
export const STOCK_PAGE_SIZE = 200;

/** Stock rows for offers whose SKU contains `query` (all when empty), first page only. */
export async function stockView(db: PrismaClient, shop: string, now: Date, query = ""): Promise<{ rows: StockViewRow[]; total: number }> {
  const needle = query.trim().toLowerCase();
  const offers = (await listOffers(db, shop)).filter((o) => !needle || o.sku.toLowerCase().includes(needle) || o.supplierSku.toLowerCase().includes(needle));
  const page = offers.slice(0, STOCK_PAGE_SIZE);
  const [ctx, published, restock] = await Promise.all([
    loadBufferContext(db, shop, now),
    publishedStockMap(db, shop),
    db.supplierStock.findMany({
      where: { shop, supplierSku: { in: page.map((o) => o.supplierSku) } },
      select: { supplierId: true, supplierSku: true, restockDate: true },
    }),
  ]);
  const restockBy = new Map(restock.map((r) => [`${r.supplierId}|${r.supplierSku}`, r.restockDate]));
  const rows = page.map((o): StockViewRow => {
    const b = bufferFor(ctx, o, now);
    const p = published.get(publishedKey(o.supplierId, o.variantId));
    return {
      key: publishedKey(o.supplierId, o.variantId),
      sku: o.sku,
      variantId: o.variantId,
      supplier: o.supplier.name,
      supplierSku: o.supplierSku,
      supplierStock: o.stockOnHand,
      stockAsOf: o.stockUpdatedAt.toISOString(),
      restockDate: restockBy.get(`${o.supplierId}|${o.supplierSku}`) ?? null,
      buffer: b.buffer,
      reason: b.reason,
      levels: [...new Set(Object.values(b.sources).filter((l) => l !== "default"))],
      target: b.published,
      published: p?.published ?? null,
      publishedAt: p?.publishedAt?.toISOString() ?? null,
      error: p?.error ?? null,
      drift: p?.driftAt && p.driftAvailable !== null ? { available: p.driftAvailable, at: p.driftAt.toISOString() } : null,
    };
  });
  return { rows, total: offers.length };
}
