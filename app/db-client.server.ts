import { PrismaClient } from "@prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

/**
 * Builds a Prisma client on the better-sqlite3 driver (Prisma's JS engine: no binary download).
 * Free of side effects, so scripts, benchmarks and tests can open their own database with it;
 * the app's one shared client lives in db.server.ts.
 */
export function createPrismaClient(url = process.env.DATABASE_URL ?? "file:./prisma/dev.sqlite"): PrismaClient {
  const adapter = new PrismaBetterSQLite3({ url, timeout: 5000 });
  return new PrismaClient({ adapter });
}

/** WAL lets the web process acknowledge webhooks while the worker writes. */
export async function tuneSqlite(client: PrismaClient): Promise<void> {
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await client.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
}
