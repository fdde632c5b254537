/** The periodic side of stock: pulling a URL feed, and the sweep that pulls due feeds and re-publishes. */
import { getFeedById, markFeedRun, recordRun } from "~/models/feeds.server";
import type { JobServices } from "~/services/deps";
import { feedPullJob, stockSyncJob } from "~/services/queue/stock";
import { fetchFeed, type FetchFeedOptions } from "./fetch-feed.server";
import { ingestFeed } from "./ingest.server";

/** Pulls one URL feed (conditionally on its last validators) and ingests what came back, or records a 304 or a refusal. */
export async function pullFeed(services: JobServices, shop: string, feedId: string, fetchOptions: FetchFeedOptions = {}): Promise<void> {
  const feed = await getFeedById(services.db, feedId);
  if (!feed || feed.shop !== shop || feed.kind !== "url" || !feed.url) return;
  const now = services.now();
  const nextPullAt = new Date(now.getTime() + feed.cadenceMinutes * 60_000);
  const fetched = await fetchFeed(feed.url, { ...fetchOptions, etag: feed.etag, lastModified: feed.lastModified });
  if (fetched.kind === "body") {
    await ingestFeed(services, feed, fetched.body, "pull", { etag: fetched.etag, lastModified: fetched.lastModified, nextPullAt });
    return;
  }
  // 304: the supplier vouches the stock is unchanged, so it is as fresh as now.
  const notModified = fetched.kind === "not_modified";
  await recordRun(services.db, {
    shop: feed.shop,
    feedId: feed.id,
    supplierId: feed.supplierId,
    source: "pull",
    startedAt: now,
    decidedAt: now,
    status: notModified ? "not_modified" : "rejected",
    message: notModified ? "The supplier's server says the feed has not changed since the last pull (HTTP 304)." : fetched.reason,
  });
  await markFeedRun(services.db, feed.id, now, { nextPullAt, good: notModified && feed.lastGoodRunAt !== null });
}

/** Every slot: pull the shop's due URL feeds and re-publish every supplier (staleness moves targets). */
export async function sweepStock(services: JobServices, shop: string, slot: number): Promise<void> {
  const now = services.now();
  const feeds = await services.db.stockFeed.findMany({ where: { shop, kind: "url", nextPullAt: { lte: now } }, select: { id: true } });
  for (const feed of feeds) await services.queue.enqueue(feedPullJob(shop, feed.id, slot));
  const suppliers = await services.db.supplier.findMany({ where: { shop, locationId: { not: null } }, select: { id: true } });
  for (const s of suppliers) await services.queue.enqueue(stockSyncJob(shop, s.id, `sweep:${slot}`));
}
