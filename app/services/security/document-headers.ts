/**
 * Security headers on every HTML document the app renders, by audience:
 * - the supplier portal (its URL holds a token; no one may frame it): `frame-ancestors 'none'`,
 *   `Referrer-Policy: no-referrer`, `X-Content-Type-Options: nosniff`, no caching. This replaces
 *   whatever Shopify's helper set: it frames any page whose URL has `?shop=`, and a `?shop=` added
 *   to a portal link must not make the portal frameable by that shop's admin.
 * - admin documents: Shopify's helper sets `frame-ancestors https://<shop> https://admin.shopify.com
 *   …` when the request names the shop; a document without a (valid) shop gets
 *   `frame-ancestors https://admin.shopify.com` instead of no policy at all.
 */

/** The headers the supplier portal sends on its documents and data responses alike. */
export const PORTAL_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": "frame-ancestors 'none'",
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
  "Cache-Control": "no-store",
  "X-Robots-Tag": "noindex",
};

const isPortal = (pathname: string) => pathname === "/portal" || pathname.startsWith("/portal/");

/**
 * Sets a document's security headers. `addShopifyHeaders` is shopify-app-remix's
 * `addDocumentResponseHeaders` (passed in so this stays testable and the library stays the one
 * source of the admin's frame-ancestors list).
 */
export function addSecureDocumentHeaders(request: Request, headers: Headers, addShopifyHeaders: (request: Request, headers: Headers) => void): void {
  const { pathname } = new URL(request.url);
  headers.set("X-Content-Type-Options", "nosniff");
  if (isPortal(pathname)) {
    headers.delete("Link");
    for (const [name, value] of Object.entries(PORTAL_HEADERS)) headers.set(name, value);
    return;
  }
  addShopifyHeaders(request, headers);
  if (!headers.has("Content-Security-Policy")) headers.set("Content-Security-Policy", "frame-ancestors https://admin.shopify.com");
}
