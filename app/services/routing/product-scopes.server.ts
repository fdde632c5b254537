/**
 * Each ordered variant's product and collections, for routing's product and collection policies.
 * Only read when the policy has such an override (a shop without one makes no extra call), from
 * the cache while it is younger than `SCOPE_CACHE_MS`, else from Shopify in one call.
 */
import type { PrismaClient } from "@prisma/client";
import type { RoutingPolicy, ScopedLine } from "~/domain/routing";
import { freshScopes, saveScopes, type CachedScope } from "~/models/product-scopes.server";
import type { AdminClient } from "~/shopify/client.server";
import { fetchVariantScopes } from "~/shopify/product-scopes";

/**
 * How long a variant's collections are trusted. Shopify sends no webhook Dropline subscribes to
 * when a product joins a collection; a few hours' delay before a new collection rule reaches an
 * existing product is the trade for one call per routed order.
 */
export const SCOPE_CACHE_MS = 6 * 3_600_000;

/** True when some override names a product or a collection (region-only overrides need no lookup). */
export function needsProductScopes(policy: RoutingPolicy): boolean {
  return policy.scopedOverrides.some((o) => o.scope.productId !== undefined || o.scope.collectionId !== undefined);
}

export interface ScopeDeps {
  readonly db: PrismaClient;
  readonly client: AdminClient;
  readonly now: Date;
}

/** Product and collection ids per variant id (variants Shopify no longer knows are left out). */
export async function productScopesFor(deps: ScopeDeps, shop: string, policy: RoutingPolicy, variantIds: readonly string[]): Promise<Map<string, ScopedLine>> {
  if (!needsProductScopes(policy) || variantIds.length === 0) return new Map();
  const cached = await freshScopes(deps.db, shop, variantIds, new Date(deps.now.getTime() - SCOPE_CACHE_MS));
  const missing = variantIds.filter((id) => !cached.has(id));
  const fetched: CachedScope[] = missing.length > 0 ? await fetchVariantScopes(deps.client, missing) : [];
  await saveScopes(deps.db, shop, fetched, deps.now);
  const all = [...cached.values(), ...fetched];
  return new Map(all.map((s) => [s.variantId, { productId: s.productId, collectionIds: s.collections.map((c) => c.id) }]));
}
