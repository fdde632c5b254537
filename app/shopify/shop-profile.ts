/** The shop as mail sent on its behalf needs it: name, contact email, primary locale, zone. */
import type { AdminClient } from "./client.server";
import { operation } from "./operation";

export const SHOP_PROFILE = operation<{
  shop: { name: string; email: string; contactEmail: string; ianaTimezone: string };
  shopLocales: readonly { locale: string; primary: boolean }[];
}>(`#graphql
  query ShopProfile {
    shop {
      name
      email
      contactEmail
      ianaTimezone
    }
    shopLocales {
      locale
      primary
    }
  }
`);

export interface ShopProfileAnswer {
  readonly name: string;
  readonly contactEmail: string;
  readonly primaryLocale: string;
  readonly ianaTimezone: string;
}

/** Reads the shop's profile (one query); the contact email falls back to the owner's. */
export async function readShopProfile(client: AdminClient): Promise<ShopProfileAnswer> {
  const { shop, shopLocales } = await client.request(SHOP_PROFILE);
  return {
    name: shop.name,
    contactEmail: shop.contactEmail || shop.email,
    primaryLocale: shopLocales.find((l) => l.primary)?.locale ?? "en",
    ianaTimezone: shop.ianaTimezone,
  };
}
