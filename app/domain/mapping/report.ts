/**
 * The SKU-mapping report: where the link between the shop's variants and the suppliers' offers is
 * missing or wrong. Each category is a plain function of the shop's records, so the report is the
 * same whether it is read for the mapping page or counted for the home page.
 */

/** Days of sales the report looks at unless the merchant picks another window. */
export const DEFAULT_MAPPING_WINDOW_DAYS = 30;
/** The windows the mapping page offers. */
export const MAPPING_WINDOW_CHOICES = [7, 30, 90] as const;

/** One offer as the report sees it. */
export interface MappingOffer {
  readonly id: string;
  readonly supplierId: string;
  readonly supplierName: string;
  readonly variantId: string;
  readonly sku: string;
  readonly supplierSku: string;
}

/** An order line as stored (the app's own order records). */
export interface SoldLine {
  readonly variantId: string | null;
  readonly sku: string | null;
  readonly title: string;
  readonly quantity: number;
}

export interface SoldOrder {
  readonly placedAt: Date;
  readonly cancelled: boolean;
  readonly lines: readonly SoldLine[];
}

/** A variant the shop sold in the window, with how much. */
export interface SoldVariant {
  readonly variantId: string;
  readonly sku: string | null;
  readonly title: string;
  readonly units: number;
  readonly orders: number;
  readonly lastSoldAt: Date;
}

/** A variant as last read from Shopify. */
export interface CatalogueVariant {
  readonly variantId: string;
  readonly productId: string;
  readonly productTitle: string;
  readonly title: string;
  readonly sku: string | null;
  /** Shopify's ProductStatus: ACTIVE, ARCHIVED, DRAFT, UNLISTED. */
  readonly productStatus: string;
}

/** The catalogue snapshot, or null when it was never read. */
export interface Catalogue {
  readonly readAt: Date;
  readonly variants: readonly CatalogueVariant[];
}

export interface MappingSupplier {
  readonly id: string;
  readonly name: string;
  readonly hasFeed: boolean;
}

export interface MappingInput {
  readonly offers: readonly MappingOffer[];
  readonly sold: readonly SoldVariant[];
  readonly catalogue: Catalogue | null;
  readonly suppliers: readonly MappingSupplier[];
}

export interface BrokenOffer {
  readonly offer: MappingOffer;
  /** deleted = the variant is no longer in Shopify; archived = its product is archived. */
  readonly reason: "deleted" | "archived";
  readonly productTitle: string | null;
}

export interface DuplicateSupplierSku {
  readonly supplierId: string;
  readonly supplierName: string;
  readonly supplierSku: string;
  readonly offers: readonly MappingOffer[];
}

export interface SupplierWithoutFeed {
  readonly id: string;
  readonly name: string;
  readonly offers: number;
}

export interface MappingReport {
  readonly soldWithoutOffer: readonly SoldVariant[];
  readonly publishedWithoutOffer: readonly CatalogueVariant[];
  readonly brokenOffers: readonly BrokenOffer[];
  readonly duplicateSupplierSkus: readonly DuplicateSupplierSku[];
  readonly suppliersWithoutFeed: readonly SupplierWithoutFeed[];
  readonly catalogueReadAt: Date | null;
  /**
   * What needs the merchant (the home page's count): every category but published variants with
   * no offer, which a shop that also ships some products itself legitimately has.
   */
  readonly problems: number;
}

/** Shopify statuses under which a product can be bought (a variant of one needs an offer). */
const SELLABLE: ReadonlySet<string> = new Set(["ACTIVE", "UNLISTED"]);

/** Variants sold since `since` in orders that were not cancelled, most units first. */
export function soldVariants(orders: readonly SoldOrder[], since: Date): SoldVariant[] {
  const byVariant = new Map<string, { sku: string | null; title: string; units: number; orders: number; lastSoldAt: Date }>();
  for (const order of orders) {
    if (order.cancelled || order.placedAt < since) continue;
    const seen = new Set<string>();
    for (const line of order.lines) {
      if (!line.variantId) continue; // a custom item: nothing to map
      const entry = byVariant.get(line.variantId) ?? { sku: line.sku, title: line.title, units: 0, orders: 0, lastSoldAt: order.placedAt };
      entry.units += line.quantity;
      if (!seen.has(line.variantId)) entry.orders += 1;
      seen.add(line.variantId);
      if (order.placedAt >= entry.lastSoldAt) Object.assign(entry, { lastSoldAt: order.placedAt, sku: line.sku ?? entry.sku, title: line.title });
      byVariant.set(line.variantId, entry);
    }
  }
  return [...byVariant.entries()].map(([variantId, v]) => ({ variantId, ...v })).sort((a, b) => b.units - a.units || a.variantId.localeCompare(b.variantId));
}

function duplicates(offers: readonly MappingOffer[]): DuplicateSupplierSku[] {
  const groups = new Map<string, MappingOffer[]>();
  for (const offer of offers) {
    const key = `${offer.supplierId}\u0000${offer.supplierSku.trim().toUpperCase()}`;
    groups.set(key, [...(groups.get(key) ?? []), offer]);
  }
  return [...groups.values()]
    .filter((g) => g.length > 1)
    .map((g) => ({ supplierId: g[0]!.supplierId, supplierName: g[0]!.supplierName, supplierSku: g[0]!.supplierSku, offers: g }))
    .sort((a, b) => a.supplierName.localeCompare(b.supplierName) || a.supplierSku.localeCompare(b.supplierSku));
}

function brokenOffers(offers: readonly MappingOffer[], catalogue: Catalogue | null): BrokenOffer[] {
  if (!catalogue) return [];
  const byId = new Map(catalogue.variants.map((v) => [v.variantId, v]));
  const broken: BrokenOffer[] = [];
  for (const offer of offers) {
    const variant = byId.get(offer.variantId);
    if (!variant) broken.push({ offer, reason: "deleted", productTitle: null });
    else if (variant.productStatus === "ARCHIVED") broken.push({ offer, reason: "archived", productTitle: variant.productTitle });
  }
  return broken.sort((a, b) => a.offer.sku.localeCompare(b.offer.sku) || a.offer.supplierName.localeCompare(b.offer.supplierName));
}

/**
 * The report. Without a catalogue snapshot only what the app's own records show is reported
 * (sold variants, duplicates, feeds); with one, a sold variant that was since deleted or archived
 * is not asked for an offer, and offers on such variants are listed instead.
 */
export function mappingReport(input: MappingInput): MappingReport {
  const offered = new Set(input.offers.map((o) => o.variantId));
  const catalogue = input.catalogue ? new Map(input.catalogue.variants.map((v) => [v.variantId, v])) : null;
  const stillSellable = (variantId: string) => {
    if (!catalogue) return true;
    const v = catalogue.get(variantId);
    return v !== undefined && SELLABLE.has(v.productStatus);
  };
  const soldWithoutOffer = input.sold.filter((s) => !offered.has(s.variantId) && stillSellable(s.variantId));
  const sold = new Set(input.sold.map((s) => s.variantId));
  const publishedWithoutOffer = (input.catalogue?.variants ?? [])
    .filter((v) => v.productStatus === "ACTIVE" && !offered.has(v.variantId) && !sold.has(v.variantId))
    .sort((a, b) => a.productTitle.localeCompare(b.productTitle) || a.title.localeCompare(b.title));
  const offersBySupplier = new Map<string, number>();
  for (const o of input.offers) offersBySupplier.set(o.supplierId, (offersBySupplier.get(o.supplierId) ?? 0) + 1);
  const suppliersWithoutFeed = input.suppliers
    .filter((s) => !s.hasFeed && (offersBySupplier.get(s.id) ?? 0) > 0)
    .map((s) => ({ id: s.id, name: s.name, offers: offersBySupplier.get(s.id) ?? 0 }));
  const broken = brokenOffers(input.offers, input.catalogue);
  const dupes = duplicates(input.offers);
  return {
    soldWithoutOffer,
    publishedWithoutOffer,
    brokenOffers: broken,
    duplicateSupplierSkus: dupes,
    suppliersWithoutFeed,
    catalogueReadAt: input.catalogue?.readAt ?? null,
    problems: soldWithoutOffer.length + broken.length + dupes.length + suppliersWithoutFeed.length,
  };
}
