import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";

/**
 * Sends the Shopify library's own requests for a shop (`https://{shop}/admin/...`: token exchange,
 * refresh) to `origin` instead — the local fake Admin API of the demo and the tests, which knows
 * the shop from `X-Shopify-Shop-Domain`. Anything else the library would fetch is refused: the
 * demo and the tests never reach the network. Only installed when SHOPIFY_ADMIN_API_ORIGIN is set,
 * which production never sets.
 */
export function installAdminOriginFetch(origin: string): void {
  const base = new URL(origin);
  setAbstractFetchFunc(async (input, init) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    if (!url.hostname.endsWith(".myshopify.com") || !url.pathname.startsWith("/admin/")) {
      throw new Error(`Refused to fetch ${url.origin}: only the shop's Admin API is reachable in this mode`);
    }
    const headers = new Headers(init?.headers);
    headers.set("X-Shopify-Shop-Domain", url.hostname);
    return fetch(new URL(url.pathname + url.search, base), { ...init, headers });
  });
}
