/** The shop's profile for mail sent on its behalf: stored at install, read again when a day old. */
import { findShopProfile, saveShopProfile, type ShopProfileRecord } from "~/models/notices.server";
import { readShopProfile } from "~/shopify/shop-profile";
import type { JobServices } from "~/services/deps";

export const PROFILE_MAX_AGE_MS = 24 * 60 * 60_000;

/** Reads the profile from Shopify and stores it (at install, and when stale). */
export async function refreshShopProfile(services: JobServices, shop: string): Promise<ShopProfileRecord> {
  const answer = await readShopProfile(await services.adminFor(shop));
  return saveShopProfile(services.db, { shop, ...answer, readAt: services.now() });
}

/** The stored profile, refreshed when older than a day (a stored one stands if Shopify cannot answer). */
export async function shopProfile(services: JobServices, shop: string): Promise<ShopProfileRecord> {
  const stored = await findShopProfile(services.db, shop);
  if (stored && services.now().getTime() - stored.readAt.getTime() < PROFILE_MAX_AGE_MS) return stored;
  try {
    return await refreshShopProfile(services, shop);
  } catch (error) {
    if (stored) return stored;
    throw error;
  }
}
