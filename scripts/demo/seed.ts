import type { PrismaClient } from "@prisma/client";
import { DEMO_LOCATIONS, DEMO_ORDERS, DEMO_PRODUCTS, DEMO_SHOP } from "../../prisma/seed/demo-catalog";
import type { FakeShopify } from "../../tests/fake-shopify";
import { SCOPES } from "../../app/shopify/scopes";

export interface SeededCatalog {
  readonly variantBySku: ReadonlyMap<string, { variantId: string; inventoryItemId: string; price: string }>;
}

/** Loads the demo shop, its locations and products into the fake Admin API. */
export function seedFakeShop(fake: FakeShopify): SeededCatalog {
  fake.seedShop({ ...DEMO_SHOP, email: "owner@dropline-demo.example" });
  for (const location of DEMO_LOCATIONS) fake.createLocation({ shop: DEMO_SHOP.domain, ...location });
  const variantBySku = new Map<string, { variantId: string; inventoryItemId: string; price: string }>();
  for (const product of DEMO_PRODUCTS) {
    const created = fake.createProduct({ shop: DEMO_SHOP.domain, title: product.title, variants: product.variants.map((v) => ({ ...v })) });
    for (const v of created.variants) {
      if (v.sku) variantBySku.set(v.sku, { variantId: v.id, inventoryItemId: v.inventoryItemId, price: v.price });
    }
  }
  return { variantBySku };
}

/** Stores the offline session the app uses for the demo shop, as installing the app would. */
export async function seedAppInstall(db: PrismaClient): Promise<void> {
  const scope = SCOPES.join(",");
  await db.session.upsert({
    where: { id: `offline_${DEMO_SHOP.domain}` },
    create: { id: `offline_${DEMO_SHOP.domain}`, shop: DEMO_SHOP.domain, state: "demo", isOnline: false, scope, accessToken: DEMO_SHOP.accessToken },
    update: { accessToken: DEMO_SHOP.accessToken, scope },
  });
  await db.shop.upsert({ where: { domain: DEMO_SHOP.domain }, create: { domain: DEMO_SHOP.domain, scopes: scope }, update: { uninstalledAt: null } });
}

/** Places the demo orders in the fake store; its webhooks reach the running app. */
export function placeDemoOrders(fake: FakeShopify, catalog: SeededCatalog): string[] {
  return DEMO_ORDERS.map((order) => {
    const created = fake.createOrder({
      shop: DEMO_SHOP.domain,
      email: order.email,
      lineItems: order.skus.map(({ sku, quantity }) => {
        const variant = catalog.variantBySku.get(sku);
        if (!variant) throw new Error(`Demo order uses unknown SKU ${sku}`);
        return { variantId: variant.variantId, quantity };
      }),
      shippingAddress: { ...order.shipTo },
      shippingLine: { ...order.shipping },
    });
    return created.id;
  });
}
