/**
 * Supplier stock: the last good snapshot per supplier SKU, applied to the supplier's offers, and
 * what Dropline last published to Shopify per offer. Scoped by shop.
 */
import type { PrismaClient, PublishedStock } from "@prisma/client";
import type { FeedRow } from "~/domain/feeds";

/** Rows per createMany / `in` list: SQLite caps bound variables per statement. */
const CHUNK = 400;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The last good quantities by supplier SKU (what a new run is compared with). */
export async function supplierStockMap(db: PrismaClient, shop: string, supplierId: string): Promise<Map<string, number>> {
  const rows = await db.supplierStock.findMany({ where: { shop, supplierId }, select: { supplierSku: true, quantity: true } });
  return new Map(rows.map((r) => [r.supplierSku, r.quantity]));
}

export interface ApplyResult {
  /** Supplier SKUs whose quantity differs from the last good run (incl. new SKUs). */
  readonly changedSkus: number;
  /** Offers whose stock or cost changed. */
  readonly offersChanged: number;
  /** Some offer's stock went to or from zero (which reorders the suppliers checkout tries). */
  readonly availabilityChanged: boolean;
}

/**
 * Makes `rows` the supplier's last good stock: replaces the snapshot, updates the stock (and cost,
 * when the feed has it) of the offers those SKUs belong to, and marks every mentioned offer as
 * vouched for at `at` — staleness is measured from that. Offers the run does not mention keep
 * their old stock and age, so the buffer grows for them.
 */
export async function applySupplierStock(db: PrismaClient, shop: string, supplierId: string, rows: readonly FeedRow[], at: Date): Promise<ApplyResult> {
  const previous = await supplierStockMap(db, shop, supplierId);
  const changedSkus = rows.filter((r) => previous.get(r.sku) !== r.quantity).length;
  const bySku = new Map(rows.map((r) => [r.sku, r]));
  const offers = await db.offer.findMany({ where: { shop, supplierId }, select: { id: true, supplierSku: true, stockOnHand: true, unitCostMinor: true } });
  const touched = offers.filter((o) => bySku.has(o.supplierSku));
  const changed = touched.filter((o) => {
    const row = bySku.get(o.supplierSku)!;
    return row.quantity !== o.stockOnHand || (row.costMinor !== undefined && row.costMinor !== o.unitCostMinor);
  });
  await db.$transaction(
    async (tx) => {
      await tx.supplierStock.deleteMany({ where: { shop, supplierId } });
      for (const part of chunks(rows)) {
        await tx.supplierStock.createMany({
          data: part.map((r) => ({
            shop,
            supplierId,
            supplierSku: r.sku,
            quantity: r.quantity,
            costMinor: r.costMinor ?? null,
            restockDate: r.restockDate ?? null,
            updatedAt: at,
          })),
        });
      }
      for (const offer of changed) {
        const row = bySku.get(offer.supplierSku)!;
        await tx.offer.update({
          where: { id: offer.id },
          data: { stockOnHand: row.quantity, ...(row.costMinor !== undefined ? { unitCostMinor: row.costMinor } : {}), stockUpdatedAt: at },
        });
      }
      const unchanged = touched.filter((o) => !changed.includes(o)).map((o) => o.id);
      for (const ids of chunks(unchanged)) await tx.offer.updateMany({ where: { shop, id: { in: ids } }, data: { stockUpdatedAt: at } });
      // A whole feed (up to DROPLINE_MAX_FEED_BYTES) is replaced at once; on PostgreSQL each chunk is a
      // network round trip, so Prisma's default 5 s would cut a large feed off half-way.
    },
    { timeout: 60_000 },
  );
  const availabilityChanged = changed.some((o) => o.stockOnHand > 0 !== bySku.get(o.supplierSku)!.quantity > 0);
  return { changedSkus, offersChanged: changed.length, availabilityChanged };
}

/** Supplier stock rows for the admin (quantity, cost, restock date) by supplier SKU. */
export async function supplierStockRows(db: PrismaClient, shop: string, supplierIds: readonly string[]) {
  return db.supplierStock.findMany({ where: { shop, supplierId: { in: [...supplierIds] } } });
}

export type PublishedRow = PublishedStock;

/** What was last published, keyed `${supplierId}|${variantId}`. */
export async function publishedStockMap(db: PrismaClient, shop: string, supplierId?: string): Promise<Map<string, PublishedRow>> {
  const rows = await db.publishedStock.findMany({ where: { shop, ...(supplierId ? { supplierId } : {}) } });
  return new Map(rows.map((r) => [publishedKey(r.supplierId, r.variantId), r]));
}

export const publishedKey = (supplierId: string, variantId: string): string => `${supplierId}|${variantId}`;

export interface PublishedWrite {
  readonly supplierId: string;
  readonly variantId: string;
  readonly inventoryItemId?: string | null;
  readonly locationId?: string | null;
  readonly target?: number | null;
  readonly published?: number | null;
  readonly buffer?: number;
  readonly reason?: string;
  readonly error?: string | null;
  readonly publishedAt?: Date | null;
}

/** Records publish outcomes: new rows in bulk, existing rows updated (one transaction per batch). */
export async function savePublished(db: PrismaClient, shop: string, writes: readonly PublishedWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const supplierIds = [...new Set(writes.map((w) => w.supplierId))];
  const existing = new Set(
    (await db.publishedStock.findMany({ where: { shop, supplierId: { in: supplierIds } }, select: { supplierId: true, variantId: true } })).map((r) =>
      publishedKey(r.supplierId, r.variantId),
    ),
  );
  const fresh = writes.filter((w) => !existing.has(publishedKey(w.supplierId, w.variantId)));
  for (const part of chunks(fresh, 200)) await db.publishedStock.createMany({ data: part.map((w) => ({ shop, ...w })) });
  const updates = writes.filter((w) => existing.has(publishedKey(w.supplierId, w.variantId)));
  for (const part of chunks(updates, 200)) {
    await db.$transaction(
      part.map(({ supplierId, variantId, ...data }) =>
        db.publishedStock.update({ where: { shop_supplierId_variantId: { shop, supplierId, variantId } }, data }),
      ),
    );
  }
}

/** What Dropline last published for an inventory item at a location (both GIDs), if anything. */
export async function publishedAtLocation(db: PrismaClient, shop: string, locationId: string, inventoryItemId: string): Promise<PublishedRow | null> {
  return db.publishedStock.findFirst({ where: { shop, locationId, inventoryItemId } });
}

/**
 * Shopify shows `available` where we had published more stock than that could explain: keep what
 * was seen, and forget the published value so the next sync reads Shopify's quantity and writes
 * the target again. Compare-and-set on the published value: true once per drift.
 */
export async function markStockDrift(db: PrismaClient, shop: string, row: PublishedRow, available: number, at: Date): Promise<boolean> {
  const { count } = await db.publishedStock.updateMany({
    where: { shop, supplierId: row.supplierId, variantId: row.variantId, published: row.published },
    data: { published: null, driftAvailable: available, driftAt: at },
  });
  return count === 1;
}

export interface OversellIncidentInput {
  readonly supplierId: string;
  readonly source: string;
  readonly orderId?: string | null;
  readonly variantId?: string | null;
  readonly sku?: string | null;
  readonly quantity?: number | null;
  readonly note?: string | null;
  readonly occurredAt?: Date;
  /** Names the event ("reject:<po id>"): with it, a second report of the same event adds nothing. */
  readonly eventKey?: string | null;
}

/**
 * Appends an oversell incident (a supplier rejected or cancelled for lack of stock); false when
 * the incident with this `eventKey` was already recorded.
 */
export async function recordOversellIncident(db: PrismaClient, shop: string, input: OversellIncidentInput): Promise<boolean> {
  try {
    await db.oversellIncident.create({ data: { shop, ...input } });
    return true;
  } catch (error) {
    if (input.eventKey && (error as { code?: string }).code === "P2002") return false;
    throw error;
  }
}
