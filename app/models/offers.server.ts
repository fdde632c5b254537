/** Offers (what a supplier sells us for one variant), scoped by shop. */
import type { Offer, Prisma, PrismaClient } from "@prisma/client";

export interface OfferWithSupplier extends Offer {
  readonly supplier: { readonly id: string; readonly name: string; readonly status: string; readonly feedCadenceMinutes: number };
}

export interface OfferValues {
  readonly supplierId: string;
  readonly variantId: string;
  readonly sku: string;
  readonly supplierSku: string;
  readonly unitCostMinor: number;
  readonly stockOnHand: number;
}

type Db = PrismaClient | Prisma.TransactionClient;

const SUPPLIER_FIELDS = { id: true, name: true, status: true, feedCadenceMinutes: true } as const;

/** Offers of the shop, optionally for one supplier, by SKU then supplier. */
export async function listOffers(db: Db, shop: string, filter: { supplierId?: string } = {}): Promise<OfferWithSupplier[]> {
  return db.offer.findMany({
    where: { shop, ...(filter.supplierId ? { supplierId: filter.supplierId } : {}) },
    include: { supplier: { select: SUPPLIER_FIELDS } },
    orderBy: [{ sku: "asc" }, { supplier: { name: "asc" } }],
  });
}

/** Every offer for these variants (the router's candidates), whatever the supplier's status. */
export async function offersForVariants(db: Db, shop: string, variantIds: readonly string[]): Promise<OfferWithSupplier[]> {
  return db.offer.findMany({
    where: { shop, variantId: { in: [...variantIds] } },
    include: { supplier: { select: SUPPLIER_FIELDS } },
  });
}

/**
 * Creates or updates the supplier's offer for a variant. Stock written here is as of `now`: the
 * merchant (or a feed) vouches for it at that moment, so staleness is measured from it.
 */
export async function upsertOffer(db: Db, shop: string, values: OfferValues, now: Date): Promise<Offer> {
  const supplier = await db.supplier.findFirst({ where: { shop, id: values.supplierId }, select: { id: true } });
  if (!supplier) throw new Error(`Supplier ${values.supplierId} does not belong to ${shop}`);
  const data = { sku: values.sku, supplierSku: values.supplierSku, unitCostMinor: values.unitCostMinor, stockOnHand: values.stockOnHand, stockUpdatedAt: now };
  const offer = await db.offer.upsert({
    where: { shop_supplierId_variantId: { shop, supplierId: values.supplierId, variantId: values.variantId } },
    create: { shop, supplierId: values.supplierId, variantId: values.variantId, ...data },
    update: data,
  });
  return offer;
}

/** Removes one offer; false when the shop has no such offer. */
export async function deleteOffer(db: Db, shop: string, id: string): Promise<boolean> {
  const { count } = await db.offer.deleteMany({ where: { shop, id } });
  return count === 1;
}
