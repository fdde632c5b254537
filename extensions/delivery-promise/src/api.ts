/**
 * The slice of the checkout API this extension reads, typed without the CLI-generated
 * shopify.d.ts so the extension type-checks before `shopify app build` has run.
 */
import type { StandardApi } from "@shopify/ui-extensions/checkout";
import type { Api as ShippingOptionListApi } from "@shopify/ui-extensions/purchase.checkout.shipping-option-list.render-after";
import type { Api as ThankYouApi } from "@shopify/ui-extensions/purchase.thank-you.block.render";

/** What the component reads; the shipping-option-list target adds `target` (its delivery groups). */
export type PromiseApi = Pick<StandardApi, "appMetafields" | "lines" | "deliveryGroups" | "shippingAddress" | "localization" | "i18n"> &
  Partial<Pick<ShippingOptionListApi, "target">>;

// Both targets provide at least the standard slice; a compile-time check that they still do.
type Provides<T extends PromiseApi> = T;
export type CheckoutTargets = Provides<ShippingOptionListApi> | Provides<ThankYouApi>;

/** The `shopify` global Shopify installs for the running target. */
export function promiseApi(): PromiseApi {
  return (globalThis as unknown as { shopify: PromiseApi }).shopify;
}
