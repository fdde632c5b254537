/**
 * What the SKU-mapping report and its suggestions read, scoped by shop: offers, the variants sold
 * in the window (from the app's own orders), the catalogue snapshot read from Shopify, suppliers
 * and their feeds, and the supplier rows no offer uses (feed snapshot rows, unmatched CSV rows).
 */
import type { Prisma, PrismaClient } from "@prisma/client";
import {
  DEFAULT_MAPPING_WINDOW_DAYS,
  soldVariants,
  type Catalogue,
  type CatalogueVariant,
  type MappingInput,
  type SoldLine,
  type UnmatchedSupplierRow,
  type VariantCandidate,
} from "~/domain/mapping";

type Db = PrismaClient | Prisma.TransactionClient;

const DAY_MS = 86_400_000;

function parseLines(json: string): SoldLine[] {
  try {
    const lines: unknown = JSON.parse(json);
    return Array.isArray(lines) ? (lines as SoldLine[]) : [];
  } catch {
    return [];
  }
}

/** The catalogue snapshot, or null when Shopify was never read for this shop. */
export async function loadCatalogue(db: Db, shop: string): Promise<Catalogue | null> {
  const snapshot = await db.catalogSnapshot.findUnique({ where: { shop } });
  if (!snapshot) return null;
  const variants = await db.catalogVariant.findMany({ where: { shop } });
  return { readAt: snapshot.refreshedAt, variants };
}

/** Replaces the snapshot with a complete read of the catalogue (one transaction). */
export async function replaceCatalogue(db: PrismaClient, shop: string, variants: readonly CatalogueVariant[], at: Date): Promise<void> {
  await db.$transaction(
    async (tx) => {
      await tx.catalogVariant.deleteMany({ where: { shop } });
      for (let i = 0; i < variants.length; i += 400) await tx.catalogVariant.createMany({ data: variants.slice(i, i + 400).map((v) => ({ shop, ...v })) });
      await tx.catalogSnapshot.upsert({
        where: { shop },
        create: { shop, refreshedAt: at, variants: variants.length },
        update: { refreshedAt: at, variants: variants.length },
      });
    },
    { timeout: 60_000 },
  );
}

/** Everything the report needs, for sales since `now - windowDays`. */
export async function loadMappingInput(db: Db, shop: string, now: Date, windowDays = DEFAULT_MAPPING_WINDOW_DAYS): Promise<MappingInput> {
  const since = new Date(now.getTime() - windowDays * DAY_MS);
  const [offers, orders, catalogue, suppliers] = await Promise.all([
    db.offer.findMany({
      where: { shop },
      select: { id: true, supplierId: true, variantId: true, sku: true, supplierSku: true, supplier: { select: { name: true } } },
    }),
    db.order.findMany({ where: { shop, placedAt: { gte: since } }, select: { placedAt: true, cancelledAt: true, lines: true } }),
    loadCatalogue(db, shop),
    db.supplier.findMany({ where: { shop }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const feeds = new Set((await db.stockFeed.findMany({ where: { shop }, select: { supplierId: true } })).map((f) => f.supplierId));
  return {
    offers: offers.map(({ supplier, ...o }) => ({ ...o, supplierName: supplier.name })),
    sold: soldVariants(
      orders.map((o) => ({ placedAt: o.placedAt, cancelled: o.cancelledAt !== null, lines: parseLines(o.lines) })),
      since,
    ),
    catalogue,
    suppliers: suppliers.map((s) => ({ ...s, hasFeed: feeds.has(s.id) })),
  };
}

/**
 * Supplier rows no offer of that supplier uses: the last good feed's SKUs, and offers-CSV rows
 * whose SKU matched no variant (a CSV row wins over a feed row for the same supplier SKU: it says
 * what the merchant meant and the cost).
 */
export async function unmatchedSupplierRows(db: Db, shop: string): Promise<UnmatchedSupplierRow[]> {
  const [offers, stock, csvRows, suppliers] = await Promise.all([
    db.offer.findMany({ where: { shop }, select: { supplierId: true, supplierSku: true } }),
    db.supplierStock.findMany({ where: { shop } }),
    db.unmatchedOfferRow.findMany({ where: { shop } }),
    db.supplier.findMany({ where: { shop }, select: { id: true, name: true } }),
  ]);
  const names = new Map(suppliers.map((s) => [s.id, s.name]));
  const key = (supplierId: string, supplierSku: string) => `${supplierId}|${supplierSku.trim().toUpperCase()}`;
  const mapped = new Set(offers.map((o) => key(o.supplierId, o.supplierSku)));
  const rows = new Map<string, UnmatchedSupplierRow>();
  for (const s of stock) {
    const k = key(s.supplierId, s.supplierSku);
    if (mapped.has(k) || !names.has(s.supplierId)) continue;
    rows.set(k, {
      supplierId: s.supplierId,
      supplierName: names.get(s.supplierId)!,
      supplierSku: s.supplierSku,
      typedSku: null,
      title: null,
      unitCostMinor: s.costMinor,
      quantity: s.quantity,
      stockAt: s.updatedAt,
      source: "feed",
    });
  }
  for (const c of csvRows) {
    const k = key(c.supplierId, c.supplierSku);
    if (mapped.has(k) || !names.has(c.supplierId)) continue;
    rows.set(k, {
      supplierId: c.supplierId,
      supplierName: names.get(c.supplierId)!,
      supplierSku: c.supplierSku,
      typedSku: c.sku,
      title: c.title,
      unitCostMinor: c.unitCostMinor,
      quantity: c.stockOnHand,
      stockAt: c.seenAt,
      source: "offers_csv",
    });
  }
  return [...rows.values()].sort((a, b) => a.supplierName.localeCompare(b.supplierName) || a.supplierSku.localeCompare(b.supplierSku));
}

/**
 * Variants an offer could be made for: the catalogue's sellable variants with a SKU, and, for
 * variants the snapshot does not know (never read, or sold since), what the orders say.
 */
export function variantCandidates(input: MappingInput): VariantCandidate[] {
  const out = new Map<string, VariantCandidate>();
  for (const v of input.catalogue?.variants ?? []) {
    if (!v.sku || (v.productStatus !== "ACTIVE" && v.productStatus !== "UNLISTED")) continue;
    out.set(v.variantId, { variantId: v.variantId, sku: v.sku, title: v.title === "Default Title" ? v.productTitle : `${v.productTitle} - ${v.title}` });
  }
  const known = new Set((input.catalogue?.variants ?? []).map((v) => v.variantId));
  for (const s of input.sold) {
    if (s.sku && !known.has(s.variantId) && !out.has(s.variantId)) out.set(s.variantId, { variantId: s.variantId, sku: s.sku, title: s.title });
  }
  return [...out.values()];
}

export interface UnmatchedOfferRowValues {
  readonly supplierId: string;
  readonly supplierSku: string;
  readonly sku: string;
  readonly title: string | null;
  readonly unitCostMinor: number;
  readonly stockOnHand: number;
}

/** Keeps offers-CSV rows whose SKU matched no variant (the newest import's values win). */
export async function keepUnmatchedOfferRows(db: Db, shop: string, rows: readonly UnmatchedOfferRowValues[], at: Date): Promise<void> {
  for (const r of rows) {
    const data = { sku: r.sku, title: r.title, unitCostMinor: r.unitCostMinor, stockOnHand: r.stockOnHand, seenAt: at };
    await db.unmatchedOfferRow.upsert({
      where: { shop_supplierId_supplierSku: { shop, supplierId: r.supplierId, supplierSku: r.supplierSku } },
      create: { shop, supplierId: r.supplierId, supplierSku: r.supplierSku, ...data },
      update: data,
    });
  }
}

export interface MappingAuditValues {
  readonly offerId: string;
  readonly supplierId: string;
  readonly variantId: string;
  readonly supplierSku: string;
  readonly sku: string;
  readonly source: string;
  readonly score: number;
  readonly actor: string | null;
}

/** Records an offer made from a suggestion, and forgets the CSV row it came from. */
export async function recordMappingAccepted(db: Db, shop: string, values: MappingAuditValues, at: Date): Promise<void> {
  await db.offerMappingAudit.create({ data: { shop, ...values, at } });
  await db.unmatchedOfferRow.deleteMany({ where: { shop, supplierId: values.supplierId, supplierSku: values.supplierSku } });
}

/** The latest offers made from suggestions, newest first. */
export async function recentMappingAudit(db: Db, shop: string, take = 20) {
  return db.offerMappingAudit.findMany({ where: { shop }, orderBy: { at: "desc" }, take });
}
