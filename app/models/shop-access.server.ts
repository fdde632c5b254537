import type { PrismaClient } from "@prisma/client";

export interface ShopAccess {
  /** When the stored offline access token expires (null: it does not, or none is stored). */
  readonly tokenExpiresAt: Date | null;
  readonly refreshable: boolean;
  readonly refreshCount: number;
  readonly lastRefreshedAt: Date | null;
  readonly lastRefreshedBy: string | null;
  /** Set while Shopify refuses to refresh the token: background work waits for the merchant. */
  readonly needsReauth: { readonly at: Date; readonly reason: string } | null;
  readonly parkedJobs: number;
}

/** How Dropline's background access to the shop stands, for the admin (home and inbox pages). */
export async function shopAccess(db: PrismaClient, shop: string): Promise<ShopAccess> {
  const [session, auth, parkedJobs] = await Promise.all([
    db.session.findFirst({ where: { shop, isOnline: false }, select: { expires: true, refreshToken: true } }),
    db.shopAuth.findUnique({ where: { shop } }),
    db.job.count({ where: { shop, status: "parked" } }),
  ]);
  return {
    tokenExpiresAt: session?.expires ?? null,
    refreshable: Boolean(session?.refreshToken),
    refreshCount: auth?.refreshCount ?? 0,
    lastRefreshedAt: auth?.lastRefreshedAt ?? null,
    lastRefreshedBy: auth?.lastRefreshedBy ?? null,
    needsReauth: auth?.needsReauthAt ? { at: auth.needsReauthAt, reason: auth.needsReauthReason ?? "Shopify refused to refresh the access token" } : null,
    parkedJobs,
  };
}

/** Jobs set aside until the merchant opens Dropline, newest first. */
export async function parkedJobs(db: PrismaClient, shop: string, take = 50) {
  return db.job.findMany({
    where: { shop, status: "parked" },
    orderBy: { updatedAt: "desc" },
    take,
    select: { id: true, kind: true, dedupeKey: true, lastError: true, updatedAt: true },
  });
}
