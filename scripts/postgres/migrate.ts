/**
 * Applies prisma/postgres/migrations to a PostgreSQL database. `prisma migrate deploy` cannot do it
 * offline: through the driver adapter its schema engine fails on PostgreSQL's `name` type
 * (prisma/orm#27403, open). This runner keeps Prisma's own bookkeeping table
 * (`_prisma_migrations`, same columns and checksums), so `prisma migrate status/deploy` takes over
 * once that bug is fixed. Each migration runs in its own transaction; an advisory lock (the same key
 * Prisma uses) lets N processes start at once and migrate once.
 *   npx tsx scripts/postgres/migrate.ts            applies pending migrations to $DATABASE_URL
 */
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const POSTGRES_MIGRATIONS = fileURLToPath(new URL("../../prisma/postgres/migrations", import.meta.url));
const PRISMA_ADVISORY_LOCK = 72707369;

/** Migration directory names (NNNN_name) under `dir`, in order. */
export function postgresMigrationNames(dir = POSTGRES_MIGRATIONS): string[] {
  return fs
    .readdirSync(dir)
    .filter((d) => /^\d+_/.test(d) && fs.existsSync(path.join(dir, d, "migration.sql")))
    .sort();
}

/** Applies every migration not yet recorded; returns the names it applied. */
export async function applyPostgresMigrations(url: string, dir = POSTGRES_MIGRATIONS): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const done = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT "migration_name", "checksum" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
    );
    const applied = new Map(done.rows.map((r) => [r.migration_name, r.checksum]));
    const ran: string[] = [];
    for (const name of postgresMigrationNames(dir)) {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      const before = applied.get(name);
      if (before !== undefined) {
        if (before !== checksum) console.warn(`[migrate] ${name} was edited after it was applied (checksum differs); not re-applied`);
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "applied_steps_count") VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), checksum, name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`PostgreSQL migration ${name} failed: ${String(error)}`, { cause: error });
      }
      ran.push(name);
    }
    return ran;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]).catch(() => undefined);
    await client.end();
  }
}

/**
 * A normalised description of the `public` schema (tables, columns with types/nullability/defaults,
 * indexes, constraints), for comparing what migrations built with what the schema says. Column
 * order is ignored (ADD COLUMN appends; a fresh CREATE TABLE lists the schema's order).
 */
export async function describePostgresSchema(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query<{ line: string }>(`
      SELECT format('column %s.%s %s %s default %s', c.table_name, c.column_name,
        format_type(a.atttypid, a.atttypmod), CASE WHEN c.is_nullable = 'YES' THEN 'null' ELSE 'not null' END,
        coalesce(c.column_default, '-')) AS line
      FROM information_schema.columns c
      JOIN pg_attribute a ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass AND a.attname = c.column_name
      WHERE c.table_schema = 'public' AND c.table_name <> '_prisma_migrations'`);
    const indexes = await client.query<{ line: string }>(
      `SELECT format('index %s', indexdef) AS line FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    const constraints = await client.query<{ line: string }>(`
      SELECT format('constraint %s.%s %s', rel.relname, con.conname, pg_get_constraintdef(con.oid)) AS line
      FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid JOIN pg_namespace n ON n.oid = rel.relnamespace
      WHERE n.nspname = 'public' AND rel.relname <> '_prisma_migrations'`);
    return [...columns.rows, ...indexes.rows, ...constraints.rows].map((r) => r.line).sort();
  } finally {
    await client.end();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    console.error("DATABASE_URL must be a postgresql:// URL");
    process.exit(2);
  }
  const ran = await applyPostgresMigrations(url);
  console.log(ran.length ? `applied ${ran.length} PostgreSQL migration(s): ${ran.join(", ")}` : "PostgreSQL migrations: nothing to apply");
}
