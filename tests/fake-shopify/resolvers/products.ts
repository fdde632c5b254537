/** Products and variants (read side; products are created through the control API). */
import { numericPart } from "../ids";
import type { CollectionRecord, ProductRecord, VariantRecord } from "../types";
import { connection } from "./connection";
import { optStr, str, type Args, type ResolverContext, type View } from "./context";
import { inventoryItemView } from "./inventory";
import { metafieldOwnerFields } from "./metafields";
import { matchesSearch } from "./search";

export function productView(ctx: ResolverContext, p: ProductRecord): View {
  const variants = (): VariantRecord[] => p.variantIds.map((id) => ctx.state.variants.get(id)).filter((v): v is VariantRecord => v !== undefined);
  return {
    __typename: "Product",
    id: p.id,
    legacyResourceId: numericPart(p.id),
    title: p.title,
    handle: p.handle,
    status: p.status ?? "ACTIVE",
    vendor: "Dropline Test",
    productType: "",
    tags: [],
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    tracksInventory: true,
    totalInventory: () => variants().reduce((sum, v) => sum + availableOf(ctx, v), 0),
    variants: (args: Args) => connection("ProductVariantConnection", variants(), args, (v) => variantView(ctx, v)),
    collections: (args: Args) =>
      connection(
        "CollectionConnection",
        [...ctx.state.collections.values()].filter((c) => c.productIds.includes(p.id)),
        args,
        (c) => collectionView(ctx, c),
      ),
    ...metafieldOwnerFields(ctx, p.id),
  };
}

export function collectionView(ctx: ResolverContext, c: CollectionRecord): View {
  const products = (): ProductRecord[] => c.productIds.map((id) => ctx.state.products.get(id)).filter((p): p is ProductRecord => p !== undefined);
  return {
    __typename: "Collection",
    id: c.id,
    legacyResourceId: numericPart(c.id),
    title: c.title,
    handle: c.handle,
    updatedAt: c.updatedAt,
    productsCount: () => ({ count: products().length, precision: "EXACT" }),
    products: (args: Args) => connection("ProductConnection", products(), args, (p) => productView(ctx, p)),
  };
}

function availableOf(ctx: ResolverContext, v: VariantRecord): number {
  let sum = 0;
  for (const level of ctx.state.inventoryLevels.values()) if (level.inventoryItemId === v.inventoryItemId) sum += level.quantities.available;
  return sum;
}

export function variantView(ctx: ResolverContext, v: VariantRecord): View {
  const product = ctx.state.products.get(v.productId);
  return {
    __typename: "ProductVariant",
    id: v.id,
    legacyResourceId: numericPart(v.id),
    title: v.title,
    displayName: `${product?.title ?? ""} - ${v.title}`,
    sku: v.sku,
    price: v.price,
    compareAtPrice: null,
    barcode: null,
    position: product ? product.variantIds.indexOf(v.id) + 1 : 1,
    availableForSale: true,
    inventoryQuantity: () => availableOf(ctx, v),
    createdAt: product?.createdAt ?? ctx.store.nowIso(),
    updatedAt: product?.updatedAt ?? ctx.store.nowIso(),
    product: () => (product ? productView(ctx, product) : null),
    inventoryItem: () => {
      const item = ctx.state.inventoryItems.get(v.inventoryItemId);
      return item ? inventoryItemView(ctx, item) : null;
    },
    ...metafieldOwnerFields(ctx, v.id),
  };
}

export const productQueries = {
  product: (args: Args, ctx: ResolverContext): View | null => {
    const p = ctx.state.products.get(str(args, "id"));
    return p ? productView(ctx, p) : null;
  },
  products: (args: Args, ctx: ResolverContext): View => {
    const query = optStr(args, "query");
    const items = [...ctx.state.products.values()].filter((p) => matchesSearch(query, { title: p.title, handle: p.handle, id: numericPart(p.id) }));
    return connection("ProductConnection", items, args, (p) => productView(ctx, p));
  },
  collection: (args: Args, ctx: ResolverContext): View | null => {
    const c = ctx.state.collections.get(str(args, "id"));
    return c ? collectionView(ctx, c) : null;
  },
  collections: (args: Args, ctx: ResolverContext): View => {
    const query = optStr(args, "query");
    const items = [...ctx.state.collections.values()].filter((c) => matchesSearch(query, { title: c.title, handle: c.handle, id: numericPart(c.id) }));
    return connection("CollectionConnection", items, args, (c) => collectionView(ctx, c));
  },
  productVariant: (args: Args, ctx: ResolverContext): View | null => {
    const v = ctx.state.variants.get(str(args, "id"));
    return v ? variantView(ctx, v) : null;
  },
  productVariants: (args: Args, ctx: ResolverContext): View => {
    const query = optStr(args, "query");
    const items = [...ctx.state.variants.values()].filter((v) =>
      matchesSearch(query, { sku: v.sku, title: v.title, id: numericPart(v.id), product_id: numericPart(v.productId) }),
    );
    return connection("ProductVariantConnection", items, args, (v) => variantView(ctx, v));
  },
};
