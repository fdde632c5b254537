import type { PrismaClient } from "@prisma/client";
import { observe, spend, type SharedBucket, type SharedBucketStore } from "~/domain/admin-budget/bucket";

const ATTEMPTS = 8;

/**
 * The shops' Admin API buckets in the database, shared by every web and worker process. Each
 * take is a compare-and-set on the row's version (read, decide with the pure rule, write if nobody
 * wrote in between), so concurrent callers in different processes never spend the same points.
 */
export function databaseBucketStore(db: PrismaClient): SharedBucketStore {
  return {
    async take(shop, cost, nowMs) {
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const row = await db.adminApiBucket.findUnique({ where: { shop } });
        if (!row) return 0; // nothing heard from Shopify yet: the first call goes and tells us
        const decision = spend(toBucket(row), cost, nowMs);
        if (decision.kind === "wait") return decision.waitMs;
        const written = await db.adminApiBucket.updateMany({
          where: { shop, version: row.version },
          data: { currentlyAvailable: decision.next.currentlyAvailable, observedAt: new Date(nowMs), version: { increment: 1 } },
        });
        if (written.count === 1) return 0;
      }
      return 25; // heavy contention on one shop: try again shortly
    },

    async record(shop, reported, atMs) {
      const row = await db.adminApiBucket.findUnique({ where: { shop } });
      const next = observe(row ? toBucket(row) : null, reported, atMs);
      if (!next) return;
      const data = {
        maximumAvailable: next.maximumAvailable,
        currentlyAvailable: next.currentlyAvailable,
        restoreRate: next.restoreRate,
        observedAt: new Date(atMs),
      };
      if (row) {
        await db.adminApiBucket.updateMany({ where: { shop, version: row.version }, data: { ...data, version: { increment: 1 } } });
        return;
      }
      // Two first answers at once: one insert wins, the other's report is simply not needed.
      await db.adminApiBucket.createMany({ data: [{ shop, ...data }] }).catch((error: unknown) => {
        if ((error as { code?: string }).code !== "P2002") throw error;
      });
    },
  };
}

function toBucket(row: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number; observedAt: Date }): SharedBucket {
  return {
    maximumAvailable: row.maximumAvailable,
    currentlyAvailable: row.currentlyAvailable,
    restoreRate: row.restoreRate,
    observedAtMs: row.observedAt.getTime(),
  };
}
