import type { PrismaClient } from "@prisma/client";

/** Marks a shop installed (again); clears a previous uninstall and a previous erase (shop/redact). */
export async function recordInstall(db: PrismaClient, shop: string, scopes: string | null): Promise<void> {
  await db.$transaction([
    db.erasedShop.deleteMany({ where: { domain: shop } }),
    db.shop.upsert({
      where: { domain: shop },
      create: { domain: shop, scopes },
      update: { uninstalledAt: null, scopes },
    }),
  ]);
}

/** True once shop/redact erased the shop, until it installs Dropline again. */
export async function isShopErased(db: PrismaClient, shop: string): Promise<boolean> {
  return (await db.erasedShop.count({ where: { domain: shop } })) > 0;
}

/** True unless the shop uninstalled the app or was erased (work for it stops). */
export async function isShopActive(db: PrismaClient, shop: string): Promise<boolean> {
  const [row, erased] = await Promise.all([db.shop.findUnique({ where: { domain: shop }, select: { uninstalledAt: true } }), isShopErased(db, shop)]);
  return !erased && row?.uninstalledAt == null;
}
