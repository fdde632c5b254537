/**
 * `npm run setup`: generates both Prisma clients (SQLite, and PostgreSQL from the derived schema)
 * and migrates the database DATABASE_URL names — `prisma migrate deploy` for SQLite, the
 * PostgreSQL runner (scripts/postgres/migrate.ts) for postgresql://.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writePostgresSchema } from "./postgres/schema";
import { applyPostgresMigrations } from "./postgres/migrate";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PRISMA = path.join(ROOT, "node_modules/prisma/build/index.js");
const url = process.env.DATABASE_URL ?? "file:./prisma/dev.sqlite";
const postgres = /^postgres(ql)?:\/\//.test(url);

const prisma = (args: string[], env: Record<string, string> = {}) =>
  execFileSync(process.execPath, [PRISMA, ...args], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1", ...env },
  });

writePostgresSchema();
prisma(["generate"], { DROPLINE_PRISMA_PROVIDER: "sqlite", DATABASE_URL: postgres ? "file:./prisma/dev.sqlite" : url });
// Through the config (not --schema), so Prisma keeps its JS engine and downloads nothing.
// Prisma validates the datasource URL against the provider even when generating (a file: URL here
// makes it fall back to downloading an engine), so it gets a PostgreSQL one; nothing connects.
prisma(["generate"], { DROPLINE_PRISMA_PROVIDER: "postgresql", DATABASE_URL: postgres ? url : "postgresql://generate@localhost/generate" });
execFileSync(process.execPath, [path.join(ROOT, "scripts/postgres/share-runtime.mjs")], { stdio: "inherit" });
if (process.argv.includes("--generate-only")) process.exit(0);
if (postgres) {
  const ran = await applyPostgresMigrations(url);
  console.log(ran.length ? `applied ${ran.length} PostgreSQL migration(s)` : "PostgreSQL migrations: nothing to apply");
} else {
  prisma(["migrate", "deploy"]);
}
