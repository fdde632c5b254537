import type { PrismaClient } from "@prisma/client";
import { isShopErased } from "~/models/shop.server";
import type { JobHandler } from "./worker.server";

/**
 * A job of a shop that shop/redact erased (a timer enqueued just before the erase, follow-up work
 * of a job that was running meanwhile) is acknowledged and dropped: it would otherwise recreate
 * rows for a shop that asked to be forgotten, or call Shopify with no token. Issue 16, finding 5.
 */
export function droppingErasedShops(db: PrismaClient, handler: JobHandler): JobHandler {
  return {
    ...handler,
    async perform(job, context) {
      if (await isShopErased(db, job.shop)) return;
      await handler.perform(job, context);
    },
  };
}
