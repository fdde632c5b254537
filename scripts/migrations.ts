/**
 * Prisma's `migrate dev` and `--from-migrations` need a shadow database the offline JS engine
 * cannot create, so migrations are written by diffing what the existing migrations build against
 * the schema:
 *   npx tsx scripts/migrations.ts new <name>   writes prisma/migrations/NNNN_<name>/migration.sql
 *   npx tsx scripts/migrations.ts check        exits 1 when the schema and the migrations differ
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const MIGRATIONS = path.join(ROOT, "prisma/migrations");
const PRISMA = path.join(ROOT, "node_modules/prisma/build/index.js");

function prisma(args: string[], databaseUrl: string): string {
  return execFileSync(process.execPath, [PRISMA, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** SQL that takes a database built by the existing migrations to the current schema ("" if none). */
export function pendingSql(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dropline-migrations-"));
  const url = `file:${path.join(dir, "db.sqlite")}`;
  prisma(["migrate", "deploy"], url);
  const pulled = prisma(["db", "pull", "--print"], url);
  const from = path.join(dir, "from.prisma");
  fs.writeFileSync(from, pulled.slice(pulled.indexOf("generator client")));
  const sql = prisma(["migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"], url);
  return sql.replace(/^-- This is an empty migration\.\s*$/m, "").trim();
}

function next(name: string): void {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error("Name the migration in snake_case, e.g. stock_feeds");
  const sql = pendingSql();
  if (!sql) return console.log("The schema matches the migrations: nothing to write.");
  const numbers = fs
    .readdirSync(MIGRATIONS)
    .map((d) => Number.parseInt(d, 10))
    .filter(Number.isFinite);
  const dir = path.join(MIGRATIONS, `${String(Math.max(0, ...numbers) + 1).padStart(4, "0")}_${name}`);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, "migration.sql"), `${sql}\n`);
  console.log(`wrote ${path.relative(ROOT, dir)}/migration.sql`);
}

const [command, name] = process.argv.slice(2);
if (command === "new" && name) next(name);
else if (command === "check") {
  const sql = pendingSql();
  if (sql) {
    console.error(`prisma/schema.prisma and prisma/migrations differ; run \`npx tsx scripts/migrations.ts new <name>\`:\n${sql}`);
    process.exit(1);
  }
  console.log("schema and migrations agree");
} else if (command !== undefined) {
  console.error("usage: tsx scripts/migrations.ts new <name> | check");
  process.exit(2);
}
