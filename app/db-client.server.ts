import { PrismaClient } from "@prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";
import type { WriteGate } from "./write-gate";
import { fieldEncryption } from "./db-encryption.server";
import { EncryptionKeyError, parseKeyring, type Keyring } from "./secret-box.server";

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

export interface PrismaClientOptions {
  /** "id:base64,id:base64" (first = current); defaults to DROPLINE_ENCRYPTION_KEYS. */
  readonly encryptionKeys?: string | undefined;
  /** Secret columns read and written as stored, without the encryption layer (key rotation only). */
  readonly raw?: boolean;
}

/** The keyring from a spec; production refuses to run without one (secrets would be stored in clear). */
export function keyringFrom(spec: string | undefined, nodeEnv = process.env.NODE_ENV): Keyring | null {
  if (spec?.trim()) return parseKeyring(spec);
  if (nodeEnv === "production") {
    throw new EncryptionKeyError("DROPLINE_ENCRYPTION_KEYS is required in production: generate one with `npm run secrets:new-key` (README → Configuration).");
  }
  return null;
}

/**
 * Builds a Prisma client on the better-sqlite3 driver (Prisma's JS engine: no binary download),
 * with secret columns encrypted at rest (app/db-encryption.server.ts). Free of side effects, so
 * scripts, benchmarks and tests can open their own database with it; the app's one shared client
 * lives in db.server.ts.
 */
export function createPrismaClient(url = process.env.DATABASE_URL ?? "file:./prisma/dev.sqlite", options: PrismaClientOptions = {}): PrismaClient {
  const adapter = new ImmediateTransactionsSQLite({ url, timeout: 5000 });
  const client = new PrismaClient({ adapter });
  if (options.raw) return client;
  const keyring = keyringFrom("encryptionKeys" in options ? options.encryptionKeys : process.env.DROPLINE_ENCRYPTION_KEYS);
  // A query-only extension changes no model or result type: the client keeps PrismaClient's shape.
  return client.$extends(fieldEncryption(keyring)) as unknown as PrismaClient;
}

/** WAL lets the web process acknowledge webhooks while the worker writes. */
export async function tuneSqlite(client: PrismaClient): Promise<void> {
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await client.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
}
