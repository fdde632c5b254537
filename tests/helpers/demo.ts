/**
 * The demo's seeding in a test: the fake shop with the demo catalogue, the app installed in it by
 * token exchange (an expiring offline token, as the demo does), and the app's services over a fresh
 * database — what scripts/demo/start.ts does before it starts the app.
 */
import { DEMO_API_KEY } from "../../scripts/demo/start";
import { seedAppInstall, seedFakeShop, type SeededCatalog } from "../../scripts/demo/seed";
import { scriptServices } from "../../scripts/services";
import { SCOPES } from "../../app/shopify/scopes";
import { startFakeShopify, type FakeShopify } from "../fake-shopify";
import { freshSqliteDatabaseUrl as freshDatabaseUrl } from "./database";
import { TEST_ENCRYPTION_KEYS } from "../setup/encryption-key";

const SECRET = "demo-test";
const APP_URL = "http://localhost:3999";

export interface InstalledDemo {
  readonly fake: FakeShopify;
  readonly catalog: SeededCatalog;
  readonly services: ReturnType<typeof scriptServices>;
  readonly databaseUrl: string;
  /** The environment the demo gives the app. */
  readonly appEnv: Readonly<Record<string, string>>;
}

export async function installedDemo(name: string): Promise<InstalledDemo> {
  const fake = await startFakeShopify({
    webhooks: { baseUrl: APP_URL, apiSecret: SECRET },
    oauth: { apiKey: DEMO_API_KEY, apiSecret: SECRET, scope: SCOPES.join(",") },
  });
  const catalog = seedFakeShop(fake);
  const databaseUrl = freshDatabaseUrl(name);
  const appEnv = {
    NODE_ENV: "test" as const,
    DATABASE_URL: databaseUrl,
    SHOPIFY_API_KEY: DEMO_API_KEY,
    SHOPIFY_API_SECRET: SECRET,
    SHOPIFY_APP_URL: APP_URL,
    SHOPIFY_ADMIN_API_ORIGIN: fake.url,
    DROPLINE_DEMO: "1",
    // Secrets are encrypted at rest: the test's key (tests/setup/encryption-key.ts), so the test's own clients read them too.
    DROPLINE_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
  };
  const services = scriptServices(appEnv);
  await seedAppInstall(services, { fake, apiKey: DEMO_API_KEY, apiSecret: SECRET, env: appEnv });
  return { fake, catalog, services, databaseUrl, appEnv };
}
