import { PrismaClient } from "@prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

declare global {
  var __droplinePrisma: PrismaClient | undefined;
}

/** Builds a Prisma client on the better-sqlite3 driver (Prisma's JS engine: no binary download). */
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

const prisma: PrismaClient = globalThis.__droplinePrisma ?? createPrismaClient();
if (process.env.NODE_ENV !== "production") globalThis.__droplinePrisma = prisma;

export default prisma;
