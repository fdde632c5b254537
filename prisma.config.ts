import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

// Prisma's JS engine: no engine binary download (these machines have no network).
// DATABASE_URL picks the provider: postgresql://… uses the PostgreSQL schema derived from
// prisma/schema.prisma (prisma/postgres/, with its own migrations); anything else is SQLite.
const url = process.env.DATABASE_URL ?? "file:./prisma/dev.sqlite";
// DROPLINE_PRISMA_PROVIDER overrides it (scripts/setup-db.ts generates both clients).
const forced = process.env.DROPLINE_PRISMA_PROVIDER;
const postgres = forced ? forced === "postgresql" : /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: postgres ? path.join("prisma", "postgres", "schema.prisma") : path.join("prisma", "schema.prisma"),
  async adapter() {
    return postgres ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url });
  },
});
