import { isMainThread, threadId } from "node:worker_threads";
import type { PrismaClient } from "@prisma/client";
import type { Clock } from "~/domain/clock";
import { AdminClient, httpTransport, type ClientOptions } from "./client.server";
import { refreshWithTokenEndpoint } from "./oauth.server";
import { OfflineTokens } from "./offline-tokens.server";

export { ShopNeedsReauthError, ShopNotConnectedError } from "./offline-tokens.server";

/** The app's settings the token keeper needs (a subset of the validated environment). */
export interface OfflineTokensConfig {
  readonly SHOPIFY_API_KEY: string;
  readonly SHOPIFY_API_SECRET: string;
  readonly SHOPIFY_ADMIN_API_ORIGIN?: string | undefined;
  readonly SHOPIFY_TOKEN_REFRESH_MARGIN_SECONDS: number;
}

/** The keeper of offline tokens for this thread (built once by the composition root: its in-thread single flight must be shared). */
export function createOfflineTokens(db: PrismaClient, config: OfflineTokensConfig, now?: Clock): OfflineTokens {
  const origin = config.SHOPIFY_ADMIN_API_ORIGIN;
  return new OfflineTokens({
    db,
    ...(now ? { now } : {}),
    refresh: refreshWithTokenEndpoint({ apiKey: config.SHOPIFY_API_KEY, apiSecret: config.SHOPIFY_API_SECRET, ...(origin ? { origin } : {}) }),
    marginMs: config.SHOPIFY_TOKEN_REFRESH_MARGIN_SECONDS * 1000,
    owner: `process ${process.pid}, ${isMainThread ? "main thread" : `worker thread ${threadId}`}`,
  });
}

/**
 * Admin API clients for background work on a shop, from its stored offline session. Each request
 * carries a token that is not about to expire (refreshed once across threads and processes when
 * it is), and a 401 refreshes and retries once. Throws ShopNotConnectedError when the app is not
 * installed, ShopNeedsReauthError when Shopify refused to refresh the token.
 */
export function adminClients(
  tokens: OfflineTokens,
  origin?: string,
  options: Pick<ClientOptions, "beforeMutation" | "sharedBuckets"> = {},
): (shop: string) => Promise<AdminClient> {
  return async (shop) => {
    await tokens.current(shop); // fail early: not connected, or waiting for the merchant
    return new AdminClient(
      httpTransport({
        shop,
        accessToken: () => tokens.current(shop),
        onUnauthorized: (stale) => tokens.afterUnauthorized(shop, stale),
        ...(origin ? { origin } : {}),
      }),
      { shop, ...options },
    );
  };
}
