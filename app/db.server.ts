import type { PrismaClient } from "@prisma/client";
import { createPrismaClient } from "./db-client.server";

export { createPrismaClient, tuneSqlite, yieldTransactionsTo } from "./db-client.server";

declare global {
  var __droplinePrisma: PrismaClient | undefined;
}

const prisma: PrismaClient = globalThis.__droplinePrisma ?? createPrismaClient();
if (process.env.NODE_ENV !== "production") globalThis.__droplinePrisma = prisma;

export default prisma;
