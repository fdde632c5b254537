/** Handlers of the stock jobs: publish a supplier's stock, pull a URL feed, and the periodic sweep. */
import { isTerminalShopifyError } from "../terminal.server";
import { z } from "zod";
import { getFeedById, markFeedRun, recordRun } from "~/models/feeds.server";
import type { JobServices } from "~/services/deps";
import type { JobHandler } from "../worker.server";
import { fetchFeed, type FetchFeedOptions } from "~/services/stock/fetch-feed.server";
import { ingestFeed } from "~/services/stock/ingest.server";
import { FEED_PULL_JOB, feedPullJob, STOCK_SWEEP_JOB, STOCK_SWEEP_EVERY_MS, STOCK_SYNC_JOB, stockSyncJob } from "~/services/queue/stock";
import { syncSupplierStock } from "~/services/stock/sync.server";

const SyncPayload = z.object({ supplierId: z.string().min(1) });
const PullPayload = z.object({ feedId: z.string().min(1) });
const SweepPayload = z.object({ slot: z.number().int() });

const terminal = isTerminalShopifyError;

export function stockSyncJobHandler(services: JobServices): JobHandler {
  return {
    kind: STOCK_SYNC_JOB,
    isTerminal: terminal,
    async perform(job) {
      const { supplierId } = SyncPayload.parse(job.payload);
      const client = await services.adminFor(job.shop);
      // A new key per attempt: a retry after a crash must not replay the old (stale) compare values.
      await syncSupplierStock({ db: services.db, client, now: services.now }, job.shop, supplierId, `${job.id}:${job.attempt}`);
    },
  };
}

/** `fetch` options are injectable so tests can allow a 127.0.0.1 feed server explicitly. */
export function feedPullJobHandler(services: JobServices, fetchOptions: FetchFeedOptions = {}): JobHandler {
  return {
    kind: FEED_PULL_JOB,
    isTerminal: terminal,
    async perform(job) {
      const { feedId } = PullPayload.parse(job.payload);
      const feed = await getFeedById(services.db, feedId);
      if (!feed || feed.shop !== job.shop || feed.kind !== "url" || !feed.url) return;
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
        shop: feed.shop, feedId: feed.id, supplierId: feed.supplierId, source: "pull", startedAt: now, decidedAt: now,
        status: notModified ? "not_modified" : "rejected",
        message: notModified ? "The supplier's server says the feed has not changed since the last pull (HTTP 304)." : fetched.reason,
      });
      await markFeedRun(services.db, feed.id, now, { nextPullAt, good: notModified && feed.lastGoodRunAt !== null });
    },
  };
}

/** Every slot: pull the shop's due URL feeds and re-publish every supplier (staleness moves targets). */
export function stockSweepJobHandler(services: JobServices): JobHandler {
  return {
    kind: STOCK_SWEEP_JOB,
    async perform(job) {
      const { slot } = SweepPayload.parse(job.payload);
      const now = services.now();
      const feeds = await services.db.stockFeed.findMany({ where: { shop: job.shop, kind: "url", nextPullAt: { lte: now } }, select: { id: true } });
      for (const feed of feeds) await services.queue.enqueue(feedPullJob(job.shop, feed.id, slot));
      const suppliers = await services.db.supplier.findMany({ where: { shop: job.shop, locationId: { not: null } }, select: { id: true } });
      for (const s of suppliers) await services.queue.enqueue(stockSyncJob(job.shop, s.id, `sweep:${slot}`));
    },
  };
}

export { STOCK_SWEEP_EVERY_MS };
