/**
 * Scripts and benchmarks work through the app's own composition root: the services the running app
 * builds (its database; the Admin API client on a shop's installed, expiring offline token,
 * refreshed as the app would), from a configuration the script passes — e.g. the environment the
 * demo gives the app — rather than this process's own, with overrides where a script needs them
 * (a metered client in the benchmark, a manual clock in the demo's history).
 */
import { createPrismaClient } from "../app/db-client.server";
import { parseEnv } from "../app/env.server";
import { PrismaJobQueue } from "../app/jobs/prisma-queue.server";
import { buildServices, type AppServices } from "../app/services.server";
import { createOfflineTokens } from "../app/shopify/admin.server";

/**
 * The app's services over the demo database, configured by `appEnv`; `close()` disconnects the
 * database. With a `now` override everything runs on that clock: jobs enqueued without a time are
 * due at its "now", and token expiry is judged by it (the demo replays past days this way).
 */
export function scriptServices(
  appEnv: Readonly<Record<string, string | undefined>>,
  overrides: Partial<AppServices> = {},
): AppServices & { close(): Promise<void> } {
  const config = parseEnv(appEnv);
  const db = createPrismaClient(config.DATABASE_URL, { encryptionKeys: config.DROPLINE_ENCRYPTION_KEYS });
  const clocked = overrides.now ? { queue: new PrismaJobQueue(db, overrides.now), tokens: createOfflineTokens(db, config, overrides.now) } : {};
  const services = buildServices({ db, ...clocked, ...overrides }, config);
  return { ...services, close: () => db.$disconnect() };
}
