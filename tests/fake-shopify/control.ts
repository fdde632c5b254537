/**
 * Seeding and control: the TypeScript API tests call directly, also served over HTTP under
 * /__fake/* for the demo and the benchmark, which run in another process.
 */
import { z } from "zod";
import { emptyQuantities } from "./resolvers/inventory";
import { cancelOrder, createOrder, type CreateOrderInput } from "./model/orders";
import { inventoryLevelPayload } from "./payloads";
import type { ShopState, Store } from "./store";
import type { CollectionRecord, InventoryLevelRecord, LocationRecord, OrderRecord, ProductRecord, ProductStatus, VariantRecord } from "./types";

export const seedShopSchema = z.object({
  domain: z.string().min(1),
  accessToken: z.string().min(1),
  name: z.string().optional(),
  email: z.string().optional(),
  currencyCode: z.string().default("USD"),
  ianaTimezone: z.string().default("America/New_York"),
  /** The shop's primary locale (`shopLocales`), e.g. "fr". */
  primaryLocale: z.string().default("en"),
  apiClientId: z.string().optional(),
});
export type SeedShopInput = z.input<typeof seedShopSchema>;

export const createLocationSchema = z.object({
  shop: z.string().optional(),
  name: z.string().min(1),
  countryCode: z.string().default("US"),
  provinceCode: z.string().optional(),
  city: z.string().optional(),
  zip: z.string().optional(),
  address1: z.string().optional(),
  fulfillsOnlineOrders: z.boolean().default(true),
  isActive: z.boolean().default(true),
});
export type CreateLocationInput = z.input<typeof createLocationSchema>;

export const createProductSchema = z.object({
  shop: z.string().optional(),
  title: z.string().min(1),
  variants: z.array(z.object({ sku: z.string().nullable(), price: z.string().regex(/^\d+(\.\d+)?$/), title: z.string().optional() })).min(1),
});
export type CreateProductInput = z.input<typeof createProductSchema>;

export const setProductStatusSchema = z.object({
  shop: z.string().optional(),
  productId: z.string(),
  status: z.enum(["ACTIVE", "ARCHIVED", "DRAFT", "UNLISTED"]),
});
export type SetProductStatusInput = z.input<typeof setProductStatusSchema>;

export const deleteVariantSchema = z.object({ shop: z.string().optional(), variantId: z.string() });
export type DeleteVariantInput = z.input<typeof deleteVariantSchema>;

export const createCollectionSchema = z.object({
  shop: z.string().optional(),
  title: z.string().min(1),
  productIds: z.array(z.string()).default([]),
});
export type CreateCollectionInput = z.input<typeof createCollectionSchema>;

export const setInventorySchema = z.object({
  shop: z.string().optional(),
  inventoryItemId: z.string(),
  locationId: z.string(),
  available: z.number().int().optional(),
  onHand: z.number().int().optional(),
  committed: z.number().int().optional(),
});
export type SetInventoryInput = z.input<typeof setInventorySchema>;

export const createOrderSchema = z.object({
  shop: z.string().optional(),
  lineItems: z.array(z.object({ variantId: z.string(), quantity: z.number().int().positive(), price: z.string().optional() })).min(1),
  shippingAddress: z.object({
    countryCode: z.string(),
    provinceCode: z.string().optional(),
    zip: z.string(),
    city: z.string(),
    address1: z.string(),
    address2: z.string().optional(),
    name: z.string(),
    phone: z.string().optional(),
  }),
  shippingLine: z.object({ title: z.string(), code: z.string(), source: z.string().optional(), price: z.string().optional() }),
  email: z.string(),
  tags: z.array(z.string()).optional(),
  note: z.string().optional(),
  /** The sales channel (default "web", the online store); e.g. "pos" or a marketplace's handle. */
  sourceName: z.string().min(1).optional(),
});
export type CreateOrderRequest = z.input<typeof createOrderSchema>;

export const cancelOrderSchema = z.object({
  shop: z.string().optional(),
  orderId: z.string(),
  reason: z.string().default("OTHER"),
  restock: z.boolean().default(true),
});
export type CancelOrderInput = z.input<typeof cancelOrderSchema>;

export interface CreatedProduct {
  product: ProductRecord;
  variants: (VariantRecord & { inventoryItemId: string })[];
}

export class Control {
  constructor(private readonly store: Store) {}

  /** The named shop, or the first one seeded. */
  shopState(domain?: string): ShopState {
    if (domain) return this.store.shop(domain);
    const first = this.store.shops.values().next();
    if (first.done) throw new Error("fake-shopify: no shop is seeded (seedShop first)");
    return first.value;
  }

  seedShop(input: SeedShopInput): { id: string; domain: string } {
    const s = seedShopSchema.parse(input);
    const id = this.store.newGid("Shop");
    const state = this.store.addShop({
      id,
      domain: s.domain,
      accessToken: s.accessToken,
      name: s.name ?? s.domain.replace(/\.myshopify\.com$/, ""),
      email: s.email ?? `owner@${s.domain}`,
      currencyCode: s.currencyCode,
      ianaTimezone: s.ianaTimezone,
      primaryLocale: s.primaryLocale,
      apiClientId: s.apiClientId ?? "1000000000001",
    });
    return { id: state.shop.id, domain: state.shop.domain };
  }

  createLocation(input: CreateLocationInput): LocationRecord {
    const s = createLocationSchema.parse(input);
    const state = this.shopState(s.shop);
    const location: LocationRecord = {
      id: this.store.newGid("Location"),
      name: s.name,
      isActive: s.isActive,
      fulfillsOnlineOrders: s.fulfillsOnlineOrders,
      shipsInventory: true,
      fulfillmentServiceId: null,
      address: {
        name: s.name,
        firstName: null,
        lastName: null,
        address1: s.address1 ?? null,
        address2: null,
        city: s.city ?? null,
        zip: s.zip ?? null,
        provinceCode: s.provinceCode ?? null,
        countryCode: s.countryCode,
        phone: null,
        company: null,
      },
      createdAt: this.store.nowIso(),
      deletedAt: null,
    };
    state.locations.set(location.id, location);
    if (s.fulfillsOnlineOrders) state.routingLocationIds.push(location.id);
    return location;
  }

  createProduct(input: CreateProductInput): CreatedProduct {
    const s = createProductSchema.parse(input);
    const state = this.shopState(s.shop);
    const now = this.store.nowIso();
    const product: ProductRecord = {
      id: this.store.newGid("Product"),
      title: s.title,
      handle: s.title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, ""),
      variantIds: [],
      createdAt: now,
      updatedAt: now,
    };
    const variants = s.variants.map((v, i) => {
      const variant: VariantRecord = {
        id: this.store.newGid("ProductVariant"),
        productId: product.id,
        title: v.title ?? (s.variants.length === 1 ? "Default Title" : `Variant ${i + 1}`),
        sku: v.sku,
        price: v.price,
        inventoryItemId: this.store.newGid("InventoryItem"),
      };
      state.inventoryItems.set(variant.inventoryItemId, {
        id: variant.inventoryItemId,
        variantId: variant.id,
        sku: v.sku,
        tracked: true,
        requiresShipping: true,
        createdAt: now,
        updatedAt: now,
      });
      state.variants.set(variant.id, variant);
      product.variantIds.push(variant.id);
      return variant;
    });
    state.products.set(product.id, product);
    return { product, variants };
  }

  /** Archives (or drafts, or re-activates) a product, as the merchant would in Shopify admin. */
  setProductStatus(input: SetProductStatusInput): ProductRecord {
    const s = setProductStatusSchema.parse(input);
    const product = this.shopState(s.shop).products.get(s.productId);
    if (!product) throw new Error(`fake-shopify: unknown product ${s.productId}`);
    product.status = s.status as ProductStatus;
    product.updatedAt = this.store.nowIso();
    return product;
  }

  /** Deletes a variant (and its inventory item and levels), as productVariantsBulkDelete would. */
  deleteVariant(input: DeleteVariantInput): { deleted: boolean } {
    const s = deleteVariantSchema.parse(input);
    const state = this.shopState(s.shop);
    const variant = state.variants.get(s.variantId);
    if (!variant) return { deleted: false };
    state.variants.delete(variant.id);
    const product = state.products.get(variant.productId);
    if (product) product.variantIds = product.variantIds.filter((id) => id !== variant.id);
    state.inventoryItems.delete(variant.inventoryItemId);
    for (const [key, level] of state.inventoryLevels) if (level.inventoryItemId === variant.inventoryItemId) state.inventoryLevels.delete(key);
    return { deleted: true };
  }

  /** Creates a collection holding the given products (each must exist). */
  createCollection(input: CreateCollectionInput): CollectionRecord {
    const s = createCollectionSchema.parse(input);
    const state = this.shopState(s.shop);
    for (const id of s.productIds) if (!state.products.has(id)) throw new Error(`fake-shopify: unknown product ${id}`);
    const now = this.store.nowIso();
    const collection: CollectionRecord = {
      id: this.store.newGid("Collection"),
      title: s.title,
      handle: s.title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-|-$/g, ""),
      productIds: [...new Set(s.productIds)],
      createdAt: now,
      updatedAt: now,
    };
    state.collections.set(collection.id, collection);
    return collection;
  }

  /** Stocks an item at a location (creating the level) and sets its quantities. */
  setInventory(input: SetInventoryInput): InventoryLevelRecord {
    const s = setInventorySchema.parse(input);
    const state = this.shopState(s.shop);
    if (!state.inventoryItems.has(s.inventoryItemId)) throw new Error(`fake-shopify: unknown inventory item ${s.inventoryItemId}`);
    if (!state.locations.has(s.locationId)) throw new Error(`fake-shopify: unknown location ${s.locationId}`);
    const key = state.levelKey(s.inventoryItemId, s.locationId);
    let level = state.inventoryLevels.get(key);
    if (!level) {
      const itemNumeric = s.inventoryItemId.replace(/^.*\//, "");
      level = {
        id: `gid://shopify/InventoryLevel/${this.store.ids.nextNumeric()}?inventory_item_id=${itemNumeric}`,
        inventoryItemId: s.inventoryItemId,
        locationId: s.locationId,
        quantities: emptyQuantities(),
        updatedAt: this.store.nowIso(),
      };
      state.inventoryLevels.set(key, level);
    }
    const q = level.quantities;
    if (s.committed !== undefined) q.committed = s.committed;
    if (s.available !== undefined) q.available = s.available;
    if (s.onHand !== undefined) q.on_hand = s.onHand;
    else q.on_hand = q.available + q.committed + q.reserved + q.damaged + q.safety_stock + q.quality_control;
    level.updatedAt = this.store.nowIso();
    this.store.emit(state.shop.domain, "inventory_levels/update", inventoryLevelPayload(level));
    return level;
  }

  createOrder(input: CreateOrderRequest): OrderRecord {
    const s = createOrderSchema.parse(input);
    const state = this.shopState(s.shop);
    const orderInput: CreateOrderInput = { ...s };
    return createOrder(this.store, state, orderInput);
  }

  cancelOrder(input: CancelOrderInput): OrderRecord {
    const s = cancelOrderSchema.parse(input);
    return cancelOrder(this.store, this.shopState(s.shop), s.orderId, s.reason, s.restock);
  }
}
