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

/** A fresh, migrated SQLite database in a temp folder; returns its Prisma URL. */
export function freshDatabaseUrl(name = "test"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `dropline-${name}-`));
  const file = path.join(dir, "db.sqlite");
  migrateSqlite(file);
  return `file:${file}`;
}
