import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import prisma from "./db.server";
import { env } from "./env.server";
import { refreshShopProfile } from "./services/shop/profile.server";
import { services } from "./services.server";
import { recordInstall } from "./models/shop.server";
import { installAdminOriginFetch } from "./shopify/admin-origin.server";
import { clearNeedsReauth } from "./shopify/offline-tokens.server";
import { SCOPES } from "./shopify/scopes";
import { CachedSessionStorage } from "./shopify/session-cache.server";
import { PostgresSessionChanges } from "./shopify/session-changes.server";
import { providerOf } from "./db-client.server";

const config = env();

/** Session changes made by other processes, heard as they commit: PostgreSQL only (SQLite runs one process). */
function sessionChangesFor(databaseUrl: string): PostgresSessionChanges | undefined {
  return providerOf(databaseUrl) === "postgresql" ? new PostgresSessionChanges(databaseUrl) : undefined;
}
// The demo and tests send the library's own calls (token exchange) to the fake Admin API too.
if (config.SHOPIFY_ADMIN_API_ORIGIN) installAdminOriginFetch(config.SHOPIFY_ADMIN_API_ORIGIN);

/** The one place the Shopify library is configured. */
const shopify = shopifyApp({
  apiKey: config.SHOPIFY_API_KEY,
  apiSecretKey: config.SHOPIFY_API_SECRET,
  apiVersion: ApiVersion.April26,
  scopes: config.SCOPES?.split(",") ?? [...SCOPES],
  appUrl: config.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  // On PostgreSQL (several processes) the cache hears every session change at once (LISTEN/NOTIFY).
  sessionStorage: new CachedSessionStorage(new PrismaSessionStorage(prisma), 10_000, undefined, sessionChangesFor(config.DATABASE_URL)),
  distribution: AppDistribution.AppStore,
  // Per-request INFO lines cost more than the webhook acknowledgement itself under load.
  logger: { level: config.NODE_ENV === "development" ? LogSeverity.Info : LogSeverity.Warning },
  // Shopify requires expiring offline tokens of public apps (60-minute token + rotating refresh
  // token); background work refreshes them through OfflineTokens (app/shopify/offline-tokens.server.ts).
  future: { unstable_newEmbeddedAuthStrategy: true, expiringOfflineAccessTokens: true },
  hooks: {
    afterAuth: async ({ session }) => {
      await recordInstall(prisma, session.shop, session.scope ?? null);
      // A fresh offline token is stored: work parked while Shopify refused to refresh resumes.
      await clearNeedsReauth(prisma, session.shop);
      await services().queue.resumeParked(session.shop, new Date());
      // Customer notices go out under the shop's name, reply-to and language: read them now (and daily after).
      await refreshShopProfile(services(), session.shop).catch((error: unknown) =>
        console.warn(`[notices] ${session.shop}: shop profile not read at install`, error),
      );
    },
  },
});

export default shopify;
export const apiVersion = ApiVersion.April26;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
export const authenticate = shopify.authenticate;
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;
