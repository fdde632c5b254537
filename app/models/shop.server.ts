import type { PrismaClient } from "@prisma/client";

/** Marks a shop installed (again); clears a previous uninstall. */
export async function recordInstall(db: PrismaClient, shop: string, scopes: string | null): Promise<void> {
  await db.shop.upsert({
    where: { domain: shop },
    create: { domain: shop, scopes },
    update: { uninstalledAt: null, scopes },
  });
}

/** True unless the shop uninstalled the app (work for it stops). */
export async function isShopActive(db: PrismaClient, shop: string): Promise<boolean> {
  const row = await db.shop.findUnique({ where: { domain: shop }, select: { uninstalledAt: true } });
  return row?.uninstalledAt == null;
}
