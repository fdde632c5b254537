import type { PrismaClient } from "@prisma/client";

/** Counts for the admin home and the inbox page. */
export async function inboxSummary(db: PrismaClient, shop: string) {
  const [events, duplicates, queued, running, dead, succeeded] = await Promise.all([
    db.webhookEvent.count({ where: { shop } }),
    db.webhookEvent.aggregate({ where: { shop }, _sum: { deliveries: true } }),
    db.job.count({ where: { shop, status: "queued" } }),
    db.job.count({ where: { shop, status: "running" } }),
    db.job.count({ where: { shop, status: "dead" } }),
    db.job.count({ where: { shop, status: "succeeded" } }),
  ]);
  return {
    events,
    duplicateDeliveries: (duplicates._sum.deliveries ?? 0) - events,
    jobs: { queued, running, dead, succeeded },
  };
}

/** The newest inbox events with the state of their job. */
export async function recentEvents(db: PrismaClient, shop: string, take = 50) {
  const events = await db.webhookEvent.findMany({
    where: { shop },
    orderBy: { receivedAt: "desc" },
    take,
    select: { id: true, eventId: true, topic: true, receivedAt: true, deliveries: true },
  });
  const jobs = await db.job.findMany({
    where: { shop, dedupeKey: { in: events.map((e) => `webhook:${shop}:${e.eventId}`) } },
    select: { id: true, dedupeKey: true, status: true, attempts: true, lastError: true, runAt: true },
  });
  const byKey = new Map(jobs.map((j) => [j.dedupeKey, j]));
  return events.map((e) => ({ ...e, job: byKey.get(`webhook:${shop}:${e.eventId}`) ?? null }));
}

/** Dead-lettered jobs the merchant can inspect and retry. */
export async function deadJobs(db: PrismaClient, shop: string) {
  return db.job.findMany({
    where: { shop, status: "dead" },
    orderBy: { finishedAt: "desc" },
    take: 100,
    select: { id: true, kind: true, dedupeKey: true, attempts: true, lastError: true, finishedAt: true },
  });
}

/** What replaces a raw payload past the retention window (the event row stays for deduplication). */
export const ERASED_PAYLOAD = "";

/**
 * Erases the raw payloads (customer data) of the shop's webhook events received before `before`,
 * keeping each row — its shop + event id is what recognises a late re-delivery. Returns how many.
 */
export async function forgetOldPayloads(db: PrismaClient, shop: string, before: Date): Promise<number> {
  const { count } = await db.webhookEvent.updateMany({
    where: { shop, receivedAt: { lt: before }, payload: { not: ERASED_PAYLOAD } },
    data: { payload: ERASED_PAYLOAD },
  });
  return count;
}
