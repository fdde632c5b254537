/**
 * The slice of the order-status API this extension reads, typed without the CLI-generated
 * shopify.d.ts so the extension type-checks before `shopify app build` has run.
 */
import type { Api } from "@shopify/ui-extensions/customer-account.order-status.block.render";

export type TrackingApi = Pick<Api, "appMetafields" | "i18n">;

/** The `shopify` global Shopify installs for the running target. */
export function trackingApi(): TrackingApi {
  return (globalThis as unknown as { shopify: TrackingApi }).shopify;
}
