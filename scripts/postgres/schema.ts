/**
 * prisma/schema.prisma (SQLite) is the one schema engineers edit. The PostgreSQL schema is derived
 * from it — same models, `provider = "postgresql"`, its own generated client — and written to
 * prisma/postgres/schema.prisma, next to the PostgreSQL migrations. `npm run db:check` fails when
 * the written file is stale.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const SQLITE_SCHEMA = path.join(ROOT, "prisma/schema.prisma");
export const POSTGRES_SCHEMA = path.join(ROOT, "prisma/postgres/schema.prisma");
/** Where the PostgreSQL client is generated (imported as ".prisma/postgres-client"). */
export const POSTGRES_CLIENT_OUTPUT = "../../node_modules/.prisma/postgres-client";

const HEADER = "// GENERATED from prisma/schema.prisma by scripts/postgres/schema.ts (npm run db:migration); do not edit.\n";

/** The PostgreSQL counterpart of a SQLite schema text. */
export function postgresSchemaOf(sqlite: string): string {
  const datasource = /datasource db \{[^}]*\}/;
  const generator = /generator client \{([^}]*)\}/;
  if (!datasource.test(sqlite) || !generator.test(sqlite)) throw new Error("schema.prisma has no `datasource db` or `generator client` block");
  if (/\bprovider\s*=\s*"(?!sqlite|prisma-client-js)/.test(sqlite)) throw new Error("schema.prisma: expected the sqlite provider");
  return (
    HEADER +
    sqlite
      .replace(datasource, 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}')
      .replace(generator, (_whole, body: string) => `generator client {${body.replace(/\n$/, "")}\n  output          = "${POSTGRES_CLIENT_OUTPUT}"\n}`)
  );
}

/** Writes prisma/postgres/schema.prisma; returns true when it changed. */
export function writePostgresSchema(): boolean {
  const next = postgresSchemaOf(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
  const current = fs.existsSync(POSTGRES_SCHEMA) ? fs.readFileSync(POSTGRES_SCHEMA, "utf8") : null;
  if (current === next) return false;
  fs.mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  fs.writeFileSync(POSTGRES_SCHEMA, next);
  return true;
}

/** True when prisma/postgres/schema.prisma is what the SQLite schema derives. */
export function postgresSchemaIsCurrent(): boolean {
  return fs.existsSync(POSTGRES_SCHEMA) && fs.readFileSync(POSTGRES_SCHEMA, "utf8") === postgresSchemaOf(fs.readFileSync(SQLITE_SCHEMA, "utf8"));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  console.log(writePostgresSchema() ? "wrote prisma/postgres/schema.prisma" : "prisma/postgres/schema.prisma is current");
}
