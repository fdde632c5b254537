/**
 * A job kind for the offline-token tests: it reads the shop through the Admin API with the client
 * every handler gets (the composition root's adminFor), and records which thread ran it and with which token.
 */
import { isMainThread, threadId } from "node:worker_threads";
import type { PrismaClient } from "@prisma/client";
import type { JobHandler } from "../../../app/jobs/worker.server";
import { services } from "../../../app/services.server";
import { SHOP_INFO } from "../../../app/shopify/shop";

export const PROBE_KIND = "test.token-probe";

export function tokenProbeHandler(db: PrismaClient): JobHandler {
  return {
    kind: PROBE_KIND,
    async perform(job) {
      const client = await services().adminFor(job.shop);
      const info = await client.request(SHOP_INFO, {});
      if (info.shop.myshopifyDomain !== job.shop) throw new Error(`read ${info.shop.myshopifyDomain}, not ${job.shop}`);
      await db.appliedEffect.create({ data: { shop: job.shop, key: `probe:${job.id}:${isMainThread ? "main" : `thread-${threadId}`}` } });
    },
  };
}
