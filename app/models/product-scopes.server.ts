/** The cached product and collections of each variant routing has seen, scoped by shop. */
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";

export interface CachedScope {
  readonly variantId: string;
  readonly productId: string;
  readonly productTitle: string;
  readonly collections: readonly { readonly id: string; readonly title: string }[];
}

const StoredCollections = z.array(z.object({ id: z.string(), title: z.string() }));

/** The cached scopes of these variants read at or after `freshSince` (older rows count as missing). */
export async function freshScopes(db: PrismaClient, shop: string, variantIds: readonly string[], freshSince: Date): Promise<Map<string, CachedScope>> {
  if (variantIds.length === 0) return new Map();
  const rows = await db.productScope.findMany({ where: { shop, variantId: { in: [...variantIds] }, fetchedAt: { gte: freshSince } } });
  return new Map(
    rows.map((r) => [
      r.variantId,
      { variantId: r.variantId, productId: r.productId, productTitle: r.productTitle, collections: StoredCollections.parse(JSON.parse(r.collections)) },
    ]),
  );
}

/** Stores what Shopify just said about these variants. */
export async function saveScopes(db: PrismaClient, shop: string, scopes: readonly CachedScope[], at: Date): Promise<void> {
  if (scopes.length === 0) return;
  await db.$transaction(
    scopes.map((s) => {
      const data = { productId: s.productId, productTitle: s.productTitle, collections: JSON.stringify(s.collections), fetchedAt: at };
      return db.productScope.upsert({
        where: { shop_variantId: { shop, variantId: s.variantId } },
        create: { shop, variantId: s.variantId, ...data },
        update: data,
      });
    }),
  );
}
