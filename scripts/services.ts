/**
 * Scripts and benchmarks work through the app's own composition root: the services the running app
 * builds (its database; the Admin API client on a shop's installed, expiring offline token,
 * refreshed as the app would), from a configuration the script passes — e.g. the environment the
 * demo gives the app — rather than this process's own, with overrides where a script needs them
 * (a metered client in the benchmark).
 */
import { createPrismaClient } from "../app/db-client.server";
import { parseEnv } from "../app/env.server";
import { buildServices, type AppServices } from "../app/services.server";

/** The app's services over the demo database, configured by `appEnv`; `close()` disconnects the database. */
export function scriptServices(
  appEnv: Readonly<Record<string, string | undefined>>,
  overrides: Partial<AppServices> = {},
): AppServices & { close(): Promise<void> } {
  const config = parseEnv(appEnv);
  const db = createPrismaClient(config.DATABASE_URL);
  const services = buildServices({ db, ...overrides }, config);
  return { ...services, close: () => db.$disconnect() };
}
