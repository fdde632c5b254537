import { providerOf } from "~/db-client.server";
import type { InboxStore } from "./inbox.server";
import { PostgresInboxStore, type TransactionalEnqueue } from "./postgres-inbox.server";
import { SqliteInboxStore, sqliteFileOf } from "./sqlite-inbox.server";

/**
 * The webhook inbox's store for DATABASE_URL: SQLite's synchronous single-writer store, or the
 * PostgreSQL store whose transaction also enqueues the event's job through `queue`.
 */
export function createInboxStore(databaseUrl: string, queue: TransactionalEnqueue): InboxStore {
  if (providerOf(databaseUrl) === "postgresql") return new PostgresInboxStore(databaseUrl, queue);
  return new SqliteInboxStore(sqliteFileOf(databaseUrl));
}
