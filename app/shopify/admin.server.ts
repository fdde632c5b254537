import { isMainThread, threadId } from "node:worker_threads";
import prisma from "~/db.server";
import { env } from "~/env.server";
import { AdminClient, httpTransport } from "./client.server";
import { refreshWithTokenEndpoint } from "./oauth.server";
import { OfflineTokens } from "./offline-tokens.server";

export { ShopNeedsReauthError, ShopNotConnectedError } from "./offline-tokens.server";

declare global {
  var __droplineOfflineTokens: OfflineTokens | undefined;
}

/** This thread's keeper of offline tokens (one per thread: its in-thread single flight must be shared). */
export function offlineTokens(): OfflineTokens {
  if (!globalThis.__droplineOfflineTokens) {
    const config = env();
    const origin = config.SHOPIFY_ADMIN_API_ORIGIN;
    globalThis.__droplineOfflineTokens = new OfflineTokens({
      db: prisma,
      refresh: refreshWithTokenEndpoint({ apiKey: config.SHOPIFY_API_KEY, apiSecret: config.SHOPIFY_API_SECRET, ...(origin ? { origin } : {}) }),
      marginMs: config.SHOPIFY_TOKEN_REFRESH_MARGIN_SECONDS * 1000,
      owner: `process ${process.pid}, ${isMainThread ? "main thread" : `worker thread ${threadId}`}`,
    });
  }
  return globalThis.__droplineOfflineTokens;
}

/**
 * The Admin API client for background work on a shop, from its stored offline session. Each
 * request carries a token that is not about to expire (refreshed once across threads and
 * processes when it is), and a 401 refreshes and retries once. Throws ShopNotConnectedError when
 * the app is not installed, ShopNeedsReauthError when Shopify refused to refresh the token.
 */
export async function adminClientFor(shop: string): Promise<AdminClient> {
  const tokens = offlineTokens();
  await tokens.current(shop); // fail early: not connected, or waiting for the merchant
  const origin = env().SHOPIFY_ADMIN_API_ORIGIN;
  return new AdminClient(
    httpTransport({
      shop,
      accessToken: () => tokens.current(shop),
      onUnauthorized: (stale) => tokens.afterUnauthorized(shop, stale),
      ...(origin ? { origin } : {}),
    }),
    { shop },
  );
}
