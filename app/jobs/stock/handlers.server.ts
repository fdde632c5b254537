/** Handlers of the stock jobs: publish a supplier's stock, pull a URL feed, and the periodic sweep. */
import { isTerminalShopifyError } from "../terminal.server";
import { z } from "zod";
import type { JobServices } from "~/services/deps";
import type { JobHandler } from "../worker.server";
import type { FetchFeedOptions } from "~/services/stock/fetch-feed.server";
import { pullFeed, sweepStock } from "~/services/stock/pull.server";
import { FEED_PULL_JOB, STOCK_SWEEP_JOB, STOCK_SWEEP_EVERY_MS, STOCK_SYNC_JOB } from "~/services/queue/stock";
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
    perform: (job) => pullFeed(services, job.shop, PullPayload.parse(job.payload).feedId, fetchOptions),
  };
}

/** Every slot: pull the shop's due URL feeds and re-publish every supplier. */
export function stockSweepJobHandler(services: JobServices): JobHandler {
  return {
    kind: STOCK_SWEEP_JOB,
    perform: (job) => sweepStock(services, job.shop, SweepPayload.parse(job.payload).slot),
  };
}

export { STOCK_SWEEP_EVERY_MS };
