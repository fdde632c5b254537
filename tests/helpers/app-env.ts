import { freshDatabaseUrl } from "./database";
import { TEST_ENCRYPTION_KEYS } from "../setup/encryption-key";

export const TEST_SHOP = "dropline-test.myshopify.com";
export const TEST_API_KEY = "test-api-key";
export const TEST_API_SECRET = "test-api-secret";

/**
 * Points the app at a fresh database and test credentials. Call before importing any app module
 * (they read the environment when first imported).
 */
export function useTestAppEnv(extra: Record<string, string> = {}): string {
  const url = freshDatabaseUrl();
  Object.assign(process.env, {
    NODE_ENV: "test",
    DATABASE_URL: url,
    SHOPIFY_API_KEY: TEST_API_KEY,
    SHOPIFY_API_SECRET: TEST_API_SECRET,
    SHOPIFY_APP_URL: "http://localhost:3000",
    DROPLINE_WORKER: "off",
    DROPLINE_DEMO: "0",
    // Suppliers' webhook receivers in tests listen on 127.0.0.1.
    DROPLINE_OUTBOUND_ALLOW_LOOPBACK: "1",
    // Suites drive the public endpoints in tight loops; tests/integration/public-endpoint-limits.test.ts sets its own.
    DROPLINE_RATE_LIMIT_IP_PER_MINUTE: "100000",
    DROPLINE_RATE_LIMIT_TOKEN_PER_MINUTE: "100000",
    // Secrets are encrypted at rest; production refuses to start without a key.
    DROPLINE_ENCRYPTION_KEYS: TEST_ENCRYPTION_KEYS,
    ...extra,
  });
  return url;
}
