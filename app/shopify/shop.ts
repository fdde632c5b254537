import { operation } from "./operation";

export interface ShopInfo {
  readonly shop: {
    readonly name: string;
    readonly myshopifyDomain: string;
    readonly currencyCode: string;
    readonly ianaTimezone: string;
  };
}

/** The shop's identity, currency and time zone. */
export const SHOP_INFO = operation<ShopInfo>(`#graphql
  query ShopInfo {
    shop {
      name
      myshopifyDomain
      currencyCode
      ianaTimezone
    }
  }
`);
