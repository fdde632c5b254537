/** The `shop` root and the Shop object. */
import type { ResolverContext, View } from "./context";
import { fulfillmentServiceView, manualServiceView } from "./locations";
import { metafieldOwnerFields } from "./metafields";

export function shopView(ctx: ResolverContext): View {
  const { shop } = ctx.state;
  return {
    __typename: "Shop",
    id: shop.id,
    name: shop.name,
    email: shop.email,
    contactEmail: shop.email,
    myshopifyDomain: shop.domain,
    currencyCode: shop.currencyCode,
    ianaTimezone: shop.ianaTimezone,
    url: `https://${shop.domain}`,
    fulfillmentServices: () => {
      const manual = manualServiceView(ctx);
      return [...(manual ? [manual] : []), ...[...ctx.state.fulfillmentServices.values()].map((fs) => fulfillmentServiceView(ctx, fs))];
    },
    ...metafieldOwnerFields(ctx, shop.id),
  };
}

export const shopQueries = {
  shop: (_args: unknown, ctx: ResolverContext): View => shopView(ctx),
  // One published locale per shop: its primary one.
  shopLocales: (_args: unknown, ctx: ResolverContext): View[] => [
    {
      __typename: "ShopLocale",
      locale: ctx.state.shop.primaryLocale,
      name: ctx.state.shop.primaryLocale,
      primary: true,
      published: true,
      marketWebPresences: [],
    },
  ],
};
