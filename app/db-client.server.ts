import { PrismaClient } from "@prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";
import type { WriteGate } from "./write-gate";

/** Longest a transaction waits for a webhook acknowledgement to take the write lock first. */
const GATE_MAX_WAIT_MS = 20;
let transactionGate: WriteGate | undefined;

/**
 * From now on, every transaction this thread's Prisma clients start waits while `gate` is raised
 * (a webhook acknowledgement in another thread wants the write lock). Set by the worker thread.
 */
export function yieldTransactionsTo(gate: WriteGate): void {
  transactionGate = gate;
}

/**
 * Prisma's SQLite adapter opens every transaction with a deferred `BEGIN`. Under WAL, a deferred
 * transaction that reads before it writes fails at once with SQLITE_BUSY ("database is locked")
 * when another connection — the webhook inbox, another worker — committed in between: SQLite cannot
 * move its snapshot forward and does not wait. `BEGIN IMMEDIATE` takes the write lock when the
 * transaction starts, so it waits its turn (busy_timeout) and then always succeeds. Before it
 * does, it lets a waiting webhook acknowledgement go first (see `yieldTransactionsTo`).
 */
class ImmediateTransactionsSQLite extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    const client = (adapter as unknown as { client: Database.Database }).client;
    const prepare = client.prepare.bind(client);
    client.prepare = ((sql: string) => {
      if (sql !== "BEGIN") return prepare(sql);
      transactionGate?.waitWhileRaised(GATE_MAX_WAIT_MS);
      return prepare("BEGIN IMMEDIATE");
    }) as typeof client.prepare;
    return adapter;
  }
}

/**
 * Builds a Prisma client on the better-sqlite3 driver (Prisma's JS engine: no binary download).
 * Free of side effects, so scripts, benchmarks and tests can open their own database with it;
 * the app's one shared client lives in db.server.ts.
 */
export function createPrismaClient(url = process.env.DATABASE_URL ?? "file:./prisma/dev.sqlite"): PrismaClient {
  const adapter = new ImmediateTransactionsSQLite({ url, timeout: 5000 });
  return new PrismaClient({ adapter });
}

/** WAL lets the web process acknowledge webhooks while the worker writes. */
export async function tuneSqlite(client: PrismaClient): Promise<void> {
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await client.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
}
