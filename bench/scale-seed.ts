/**
 * The scale benchmark's installed shops, on the app's side: for each shop the offline session (the
 * fake's non-expiring token), the shop row, a saved routing policy, the demo's three suppliers
 * created through the admin's own createSupplier (so each one's fulfillment service and location
 * exist in the fake), their offers with ample stock, and purchase orders delivered through the
 * portal (no mail server in the loop). Mirrors scripts/demo/seed.ts for any shop domain.
 */
import { DEMO_OFFERS, DEMO_SUPPLIERS } from "../prisma/seed/demo-catalog";
import { toMinorUnits } from "../app/domain/money";
import { upsertOffer } from "../app/models/offers.server";
import { saveSupplierCoordination } from "../app/models/purchase-orders.server";
import { saveRoutingPolicy } from "../app/models/routing.server";
import type { AppServices } from "../app/services.server";
import { SCOPES } from "../app/shopify/scopes";
import { createSupplier } from "../app/services/suppliers/suppliers.server";
import type { FakeShopSeed, FakeVariant } from "./scale-fake";

/** Stock no order of the run can exhaust: every order is routed, none held for stock. */
const AMPLE_STOCK = 1_000_000;

export async function seedScaleShop(services: AppServices, shop: FakeShopSeed, variants: Record<string, FakeVariant>, now: Date): Promise<void> {
  const { db, appUrl } = services;
  const scope = SCOPES.join(",");
  const session = { shop: shop.domain, state: "scale", isOnline: false, scope, accessToken: shop.accessToken };
  await db.session.upsert({ where: { id: `offline_${shop.domain}` }, create: { id: `offline_${shop.domain}`, ...session }, update: session });
  await db.shop.upsert({ where: { domain: shop.domain }, create: { domain: shop.domain, scopes: scope }, update: { uninstalledAt: null } });
  await saveRoutingPolicy(db, shop.domain, { preset: "balanced" });

  const client = await services.adminFor(shop.domain);
  const supplierIds = new Map<string, string>();
  for (const values of DEMO_SUPPLIERS) {
    const created = await createSupplier({ db, client, appUrl }, shop.domain, values);
    if (!created.ok) throw new Error(`${shop.domain}: supplier ${values.name} was refused: ${JSON.stringify(created.failure)}`);
    supplierIds.set(values.name, created.value.id);
    await saveSupplierCoordination(db, shop.domain, created.value.id, { channel: "portal" });
  }
  for (const offer of DEMO_OFFERS) {
    const variant = variants[offer.sku];
    const supplierId = supplierIds.get(offer.supplier);
    if (!variant || !supplierId) throw new Error(`offer ${offer.supplier} / ${offer.sku} names an unknown supplier or SKU`);
    await upsertOffer(
      db,
      shop.domain,
      {
        supplierId,
        variantId: variant.variantId,
        sku: offer.sku,
        supplierSku: offer.supplierSku,
        unitCostMinor: toMinorUnits(offer.unitCost),
        stockOnHand: AMPLE_STOCK,
      },
      now,
    );
  }
}
