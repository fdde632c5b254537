// A client generated to a custom output gets its own copy of Prisma's runtime, so `Prisma.sql`,
// `Prisma.join`, `Prisma.Decimal` and the error classes the app imports from @prisma/client would be
// other classes than the PostgreSQL client's (a nested Prisma.sql fragment would be sent as one
// parameter; `instanceof PrismaClientKnownRequestError` would be false). Both clients come from the
// same Prisma version, so the PostgreSQL client is pointed at @prisma/client's runtime. Plain
// JavaScript: `postinstall` runs it where dev dependencies (tsx) may be absent.
import fs from "node:fs";
import { fileURLToPath } from "node:url";

const index = fileURLToPath(new URL("../../node_modules/.prisma/postgres-client/index.js", import.meta.url));
const text = fs.readFileSync(index, "utf8");
const shared = text.replaceAll("require('./runtime/client.js')", "require('@prisma/client/runtime/client.js')");
if (!shared.includes("require('@prisma/client/runtime/client.js')")) {
  console.error(`${index}: Prisma's runtime import was not found; check the generated client`);
  process.exit(1);
}
fs.writeFileSync(index, shared);
