/**
 * The retention pass's deletes, one shop at a time and in small batches: each batch is its own
 * short transaction, so the SQLite write lock is never held long enough to hold back a webhook
 * acknowledgement (the inbox never waits for the lock; see decision 005).
 */
import type { PrismaClient } from "@prisma/client";
import type { RetentionCutoffs, RetentionReport } from "~/domain/retention";
import { forgetOldPayloads } from "./inbox.server";

/** Rows per delete batch. */
export const RETENTION_BATCH = 500;

async function inBatches(next: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await next();
    total += n;
    if (n < RETENTION_BATCH) return total;
  }
}

/**
 * Deletes finished jobs older than their cut-off, retiring each dedupe key in the same transaction
 * (the queue refuses a retired key as it refuses a live one).
 */
async function purgeJobs(db: PrismaClient, shop: string, c: RetentionCutoffs): Promise<number> {
  return inBatches(async () => {
    const rows = await db.job.findMany({
      where: {
        shop,
        OR: [
          { status: { in: ["succeeded", "cancelled"] }, finishedAt: { lt: c.finishedJob } },
          { status: "dead", finishedAt: { lt: c.deadJob } },
        ],
      },
      select: { id: true, dedupeKey: true, createdAt: true },
      take: RETENTION_BATCH,
    });
    if (rows.length === 0) return 0;
    await db.$transaction([
      db.retiredJobKey.createMany({ data: rows.map((r) => ({ dedupeKey: r.dedupeKey, shop, jobId: r.id, createdAt: r.createdAt })) }),
      db.job.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } }),
    ]);
    return rows.length;
  });
}

async function purgeByIds(find: () => Promise<{ id: string }[]>, remove: (ids: string[]) => Promise<unknown>): Promise<number> {
  return inBatches(async () => {
    const rows = await find();
    if (rows.length > 0) await remove(rows.map((r) => r.id));
    return rows.length;
  });
}

/** Every feed's latest run stays (it is the feed's status), whatever its age. */
async function latestRunIds(db: PrismaClient, shop: string): Promise<string[]> {
  const feeds = await db.stockFeed.findMany({ where: { shop }, select: { id: true } });
  const latest = await Promise.all(
    feeds.map((f) => db.stockFeedRun.findFirst({ where: { shop, feedId: f.id }, orderBy: { startedAt: "desc" }, select: { id: true } })),
  );
  return latest.flatMap((r) => (r ? [r.id] : []));
}

/** One retention pass over one shop's records. Safe to repeat: a second pass finds nothing. */
export async function purgeShop(db: PrismaClient, shop: string, c: RetentionCutoffs): Promise<RetentionReport> {
  const payloadsErased = await forgetOldPayloads(db, shop, c.webhookPayload);
  const webhookEvents = await purgeByIds(
    () => db.webhookEvent.findMany({ where: { shop, receivedAt: { lt: c.webhookEvent } }, select: { id: true }, take: RETENTION_BATCH }),
    (ids) => db.webhookEvent.deleteMany({ where: { id: { in: ids } } }),
  );
  const jobs = await purgeJobs(db, shop, c);
  const retiredKeys = (await db.retiredJobKey.deleteMany({ where: { shop, createdAt: { lt: c.jobKey } } })).count;
  const audits = await purgeByIds(
    () => db.portalAudit.findMany({ where: { shop, at: { lt: c.audit } }, select: { id: true }, take: RETENTION_BATCH }),
    (ids) => db.portalAudit.deleteMany({ where: { id: { in: ids } } }),
  );
  // A request id only refuses a replay while its token can be used; once the token was revoked or
  // expired before the audit cut-off, nothing can replay it.
  const deadTokens = await db.portalToken.findMany({
    where: { shop, OR: [{ revokedAt: { lt: c.audit } }, { expiresAt: { lt: c.audit } }] },
    select: { id: true },
  });
  const portalRequests = deadTokens.length ? (await db.portalRequest.deleteMany({ where: { tokenId: { in: deadTokens.map((t) => t.id) } } })).count : 0;
  const carrierEvents = await purgeByIds(
    () =>
      db.carrierEvent.findMany({
        where: { shop, receivedAt: { lt: c.carrierEvent }, outcome: { not: "received" } },
        select: { id: true },
        take: RETENTION_BATCH,
      }),
    (ids) => db.carrierEvent.deleteMany({ where: { id: { in: ids } } }),
  );
  const keep = await latestRunIds(db, shop);
  const pendingFeedsDropped = await db.stockFeedRun.count({ where: { shop, startedAt: { lt: c.feedRun }, id: { notIn: keep }, pendingRows: { not: null } } });
  const feedRuns = await purgeByIds(
    () => db.stockFeedRun.findMany({ where: { shop, startedAt: { lt: c.feedRun }, id: { notIn: keep } }, select: { id: true }, take: RETENTION_BATCH }),
    (ids) => db.stockFeedRun.deleteMany({ where: { id: { in: ids } } }),
  );
  return { payloadsErased, webhookEvents, jobs, retiredKeys, audits, portalRequests, carrierEvents, feedRuns, pendingFeedsDropped };
}
