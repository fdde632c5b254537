/**
 * Offers CSV import and export for a shop. SKUs resolve to variants through Shopify (the source of
 * truth for which variant carries a SKU); the import writes in one transaction.
 */
import type { Clock } from "~/domain/clock";
import type { PrismaClient } from "@prisma/client";
import type { AdminClient } from "~/shopify/client.server";
import { variantsBySku } from "~/shopify/products";
import { enqueuePromisePublish } from "~/services/queue/promise";
import { checkOffersCsv, offersToCsv, rowsToApply, type ImportMode, type OfferResolvers, type OfferRowReport } from "~/models/offers-csv";
import { keepUnmatchedOfferRows } from "~/models/mapping.server";
import { listOffers, upsertOffer } from "~/models/offers.server";

export interface OffersImportResult {
  readonly fileError: string | null;
  readonly rows: OfferRowReport[];
  readonly validRows: number;
  readonly badRows: number;
  /** Offers written (created or updated); 0 when the file was refused as a whole. */
  readonly applied: number;
  /** Rows whose SKU no variant carries, kept for suggestions on the SKU-mapping page. */
  readonly keptForMapping: number;
}

export interface OffersImportDeps {
  readonly db: PrismaClient;
  readonly client: AdminClient;
  readonly now?: Clock;
  /** SKUs per Shopify search (default SKU_BATCH_SIZE). */
  readonly skuBatchSize?: number;
}

function resolvers(deps: OffersImportDeps, shop: string): OfferResolvers {
  return {
    async suppliersByName(names) {
      const wanted = new Set(names.map((n) => n.toLowerCase()));
      const rows = await deps.db.supplier.findMany({ where: { shop }, select: { id: true, name: true } });
      return new Map(rows.filter((r) => wanted.has(r.name.toLowerCase())).map((r) => [r.name.toLowerCase(), r.id]));
    },
    variantsBySku: (skus) => variantsBySku(deps.client, skus, deps.skuBatchSize ? { batchSize: deps.skuBatchSize } : {}),
  };
}

/**
 * Checks every row, then writes the valid ones when the file is clean or the merchant chose
 * "apply_valid". A file with any bad row otherwise changes nothing.
 */
export async function importOffersCsv(deps: OffersImportDeps, shop: string, text: string, mode: ImportMode): Promise<OffersImportResult> {
  const checked = await checkOffersCsv(text, resolvers(deps, shop));
  const toApply = rowsToApply(checked, mode);
  const now = (deps.now ?? (() => new Date()))();
  if (toApply.length > 0) {
    // A large file takes longer than Prisma's 5 s default; SQLite holds the write lock meanwhile.
    await deps.db.$transaction(
      async (tx) => {
        for (const row of toApply) await upsertOffer(tx, shop, row, now);
      },
      { timeout: 60_000 },
    );
    // Again after the commit: the jobs enqueued inside the transaction may have run before it ended.
    await enqueuePromisePublish(deps.db, shop, "offers imported");
  }
  // Whatever became of the file: the supplier does sell these, the variant is what is unknown.
  await keepUnmatchedOfferRows(deps.db, shop, checked.unmatched, now);
  return {
    fileError: checked.fileError,
    rows: checked.rows,
    validRows: checked.valid.length,
    badRows: checked.rows.length - checked.valid.length,
    applied: toApply.length,
    keptForMapping: checked.unmatched.length,
  };
}

/** The shop's offers (optionally one supplier's) in the import's columns. */
export async function exportOffersCsv(db: PrismaClient, shop: string, filter: { supplierId?: string } = {}): Promise<string> {
  const offers = await listOffers(db, shop, filter);
  return offersToCsv(
    offers.map((o) => ({ supplier: o.supplier.name, sku: o.sku, supplierSku: o.supplierSku, unitCostMinor: o.unitCostMinor, stockOnHand: o.stockOnHand })),
  );
}
