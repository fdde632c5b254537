import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

// import.meta.url rather than __dirname: the benchmark (tsx, ES modules) uses these helpers too.
const MIGRATIONS = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

/** Applies every migration (in order) to a SQLite file, as `prisma migrate deploy` would. */
export function migrateSqlite(file: string): void {
  const sqlite = new Database(file);
  try {
    sqlite.pragma("journal_mode = WAL");
    for (const dir of fs
      .readdirSync(MIGRATIONS)
      .filter((d) => /^\d+_/.test(d))
      .sort()) {
      sqlite.exec(fs.readFileSync(path.join(MIGRATIONS, dir, "migration.sql"), "utf8"));
    }
  } finally {
    sqlite.close();
  }
}

/**
 * Set by tests/setup/postgres-global.ts when the suite runs on PostgreSQL
 * (`DROPLINE_TEST_DATABASE=postgres`): the private cluster's maintenance URL, the migrated template
 * every test database is copied from, and the psql that copies it.
 */
export const POSTGRES_TEST_ENV = { admin: "DROPLINE_TEST_PG_ADMIN_URL", template: "DROPLINE_TEST_PG_TEMPLATE", psql: "DROPLINE_TEST_PG_PSQL" } as const;

/** True when this test run uses PostgreSQL (the suite's second pass). */
export function testingOnPostgres(): boolean {
  return process.env.DROPLINE_TEST_DATABASE === "postgres";
}

/** A new PostgreSQL database copied from the migrated template (a file copy: tens of milliseconds). */
function freshPostgresDatabaseUrl(name: string): string {
  const admin = process.env[POSTGRES_TEST_ENV.admin];
  const template = process.env[POSTGRES_TEST_ENV.template];
  const psql = process.env[POSTGRES_TEST_ENV.psql];
  if (!admin || !template || !psql) throw new Error("DROPLINE_TEST_DATABASE=postgres needs the PostgreSQL global setup (vitest.postgres.config.ts)");
  const database = `${name.replace(/[^a-z0-9]/gi, "_").toLowerCase()}_${randomBytes(6).toString("hex")}`;
  const created = spawnSync(psql, [admin, "-v", "ON_ERROR_STOP=1", "-qc", `CREATE DATABASE "${database}" TEMPLATE "${template}"`], { encoding: "utf8" });
  if (created.status !== 0) throw new Error(`could not create test database ${database}: ${created.stderr}`);
  return admin.replace(/\/[^/?]+(\?|$)/, `/${database}$1`);
}

/**
 * A fresh, migrated database; returns its Prisma URL. A SQLite file in a temp folder, or — when the
 * suite runs on PostgreSQL — a new database on the private cluster.
 */
export function freshDatabaseUrl(name = "test"): string {
  if (testingOnPostgres()) return freshPostgresDatabaseUrl(name);
  return freshSqliteDatabaseUrl(name);
}

/** A fresh, migrated SQLite database whatever the run (the demo and SQLite-only tests). */
export function freshSqliteDatabaseUrl(name = "test"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dropline-${name}-`));
  const file = path.join(dir, "db.sqlite");
  migrateSqlite(file);
  return `file:${file}`;
}
