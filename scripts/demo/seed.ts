import type { PrismaClient } from "@prisma/client";
import type { AppServices } from "../../app/services.server";
import { DEMO_LOCATIONS, DEMO_OFFERS, DEMO_ORDERS, DEMO_PRODUCTS, DEMO_SHOP, DEMO_SUPPLIERS } from "../../prisma/seed/demo-catalog";
import type { FakeShopify } from "../../tests/fake-shopify";
import { toMinorUnits } from "../../app/domain/money";
import { upsertOffer } from "../../app/models/offers.server";
import { saveRoutingPolicy } from "../../app/models/routing.server";
import { refreshShopProfile } from "../../app/services/shop/profile.server";
import { listSuppliers } from "../../app/models/suppliers.server";
import { createSupplier } from "../../app/services/suppliers/suppliers.server";
import { rotatePortalToken } from "../../app/models/portal-tokens.server";
import { portalLinkExpiry } from "../../app/domain/portal-link";
import { saveSupplierCoordination } from "../../app/models/purchase-orders.server";
import { z } from "zod";
import { mintSessionToken } from "../../app/demo/demo.server";

export interface SeededCatalog {
  readonly variantBySku: ReadonlyMap<string, { variantId: string; inventoryItemId: string; price: string }>;
  /** Product GIDs by title (routing policy rules name products). */
  readonly productByTitle: ReadonlyMap<string, string>;
}

/** Loads the demo shop, its locations and products into the fake Admin API. */
export function seedFakeShop(fake: FakeShopify): SeededCatalog {
  fake.seedShop({ ...DEMO_SHOP, email: "owner@dropline-demo.example" });
  for (const location of DEMO_LOCATIONS) fake.createLocation({ shop: DEMO_SHOP.domain, ...location });
  const variantBySku = new Map<string, { variantId: string; inventoryItemId: string; price: string }>();
  const productByTitle = new Map<string, string>();
  for (const product of DEMO_PRODUCTS) {
    const created = fake.createProduct({ shop: DEMO_SHOP.domain, title: product.title, variants: product.variants.map((v) => ({ ...v })) });
    productByTitle.set(product.title, created.product.id);
    for (const v of created.variants) {
      if (v.sku) variantBySku.set(v.sku, { variantId: v.id, inventoryItemId: v.inventoryItemId, price: v.price });
    }
  }
  return { variantBySku, productByTitle };
}

const TokenAnswer = z.object({
  access_token: z.string(),
  scope: z.string(),
  expires_in: z.number(),
  refresh_token: z.string(),
  refresh_token_expires_in: z.number(),
});

/**
 * Installs the app in the demo shop as Shopify's managed install does: the session token of the
 * merchant opening the app is exchanged at the (fake) token endpoint for an expiring offline access
 * token and its refresh token, stored as the app's offline session.
 */
export async function seedAppInstall(
  services: AppServices,
  options: { fake: FakeShopify; apiKey: string; apiSecret: string; env: NodeJS.ProcessEnv },
): Promise<void> {
  const { db } = services;
  const shop = DEMO_SHOP.domain;
  const subjectToken = mintSessionToken(shop, { apiKey: options.apiKey, apiSecret: options.apiSecret, env: options.env });
  const response = await fetch(`${options.fake.url}/admin/oauth/access_token`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Shop-Domain": shop },
    body: JSON.stringify({
      client_id: options.apiKey,
      client_secret: options.apiSecret,
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: subjectToken,
      subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
      requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
      expiring: "1",
    }),
  });
  if (!response.ok) throw new Error(`The demo install's token exchange was refused: HTTP ${response.status} ${await response.text()}`);
  const t = TokenAnswer.parse(await response.json());
  const now = Date.now();
  const session = {
    shop,
    state: "demo",
    isOnline: false,
    scope: t.scope,
    accessToken: t.access_token,
    expires: new Date(now + t.expires_in * 1000),
    refreshToken: t.refresh_token,
    refreshTokenExpires: new Date(now + t.refresh_token_expires_in * 1000),
  };
  await db.session.upsert({ where: { id: `offline_${shop}` }, create: { id: `offline_${shop}`, ...session }, update: session });
  await db.shop.upsert({ where: { domain: shop }, create: { domain: shop, scopes: t.scope }, update: { uninstalledAt: null } });
  // As the app's afterAuth does: the shop's name, language and time zone are read at install.
  await refreshShopProfile(services, shop);
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

/**
 * Creates the demo suppliers through the admin's own createSupplier (so each one's fulfillment
 * service and location exist in the fake), then their offers, with stock as old as the data says.
 */
export async function seedDemoSuppliers(services: AppServices, options: { catalog: SeededCatalog; now?: Date }): Promise<void> {
  const shop = DEMO_SHOP.domain;
  const { db, appUrl } = services;
  const client = await services.adminFor(shop);
  const now = options.now ?? new Date();
  const supplierIds = new Map<string, string>();
  for (const values of DEMO_SUPPLIERS) {
    const created = await createSupplier({ db, client, appUrl }, shop, values);
    if (!created.ok) throw new Error(`Demo supplier ${values.name} was refused: ${JSON.stringify(created.failure.fieldErrors)}`);
    supplierIds.set(values.name, created.value.id);
  }
  for (const offer of DEMO_OFFERS) {
    const variant = options.catalog.variantBySku.get(offer.sku);
    const supplierId = supplierIds.get(offer.supplier);
    if (!variant || !supplierId) throw new Error(`Demo offer ${offer.supplier} / ${offer.sku} names an unknown supplier or SKU`);
    const reportedAt = new Date(now.getTime() - (offer.stockAgeMinutes ?? 0) * 60_000);
    const values = {
      supplierId,
      variantId: variant.variantId,
      sku: offer.sku,
      supplierSku: offer.supplierSku,
      unitCostMinor: toMinorUnits(offer.unitCost),
      stockOnHand: offer.stockOnHand,
    };
    await upsertOffer(db, shop, values, reportedAt);
  }
}

/** The demo's fragile product: its rule keeps an order holding it in one parcel and puts speed first. */
export const DEMO_FRAGILE_PRODUCT = "Camp Mug Set (4)";

/**
 * A saved routing policy, so the Routing page opens on a merchant's policy rather than the engine's
 * defaults: the defaults plus a speed-first override for point-of-sale orders and, with the catalog,
 * a rule for the fragile mug set (never split, speed first). The live demo order with the mug set
 * names that rule in its explanation.
 */
export async function seedDemoRoutingPolicy(db: PrismaClient, catalog?: SeededCatalog): Promise<void> {
  const mugSet = catalog?.productByTitle.get(DEMO_FRAGILE_PRODUCT);
  await saveRoutingPolicy(db, DEMO_SHOP.domain, {
    preset: "balanced",
    channelOverrides: { pos: { preset: "speed_first" } },
    scopedOverrides: mugSet
      ? [{ id: "fragile-mug-set", scope: { productId: mugSet, label: DEMO_FRAGILE_PRODUCT }, preset: "speed_first", split: { allowed: false, maxParcels: 1 } }]
      : [],
  });
}

/** A supplier's portal link as the demo prints it (and the token in it, with which the history answers as that supplier). */
export interface PortalLink {
  readonly supplier: string;
  readonly supplierId: string;
  readonly token: string;
  readonly url: string;
}

/**
 * Demo suppliers take purchase orders in the portal (the demo has no mail server); each gets a
 * portal link, printed by `npm run demo`, so a person can answer as the supplier.
 */
export async function seedSupplierPortals(services: AppServices, options: { now?: Date } = {}): Promise<PortalLink[]> {
  const { db, appUrl } = services;
  const links: PortalLink[] = [];
  for (const supplier of await listSuppliers(db, DEMO_SHOP.domain)) {
    await saveSupplierCoordination(db, DEMO_SHOP.domain, supplier.id, { channel: "portal" });
    const now = options.now ?? new Date();
    const token = await rotatePortalToken(db, DEMO_SHOP.domain, supplier.id, now, portalLinkExpiry(now, services.portalLinks));
    links.push({ supplier: supplier.name, supplierId: supplier.id, token, url: `${appUrl}/portal/${token}` });
  }
  return links;
}
