import { listSuppliers } from "~/models/suppliers.server";
import { listOpenFulfillmentOrders } from "~/shopify/fulfillment-orders";
import type { NewJob } from "~/services/queue/job-queue";
import type { JobServices } from "~/services/deps";
import type { JobHandler } from "~/jobs/worker.server";
import { routeOrderJob } from "./route-order.server";

export const RECONCILE_ROUTING_JOB = "reconcile_routing";
export const RECONCILE_EVERY_MS = 10 * 60_000;

/** The sweep for one shop and one time slot (so a restart never doubles it). */
export function reconcileRoutingJob(shop: string, now: Date): NewJob {
  const slot = Math.floor(now.getTime() / RECONCILE_EVERY_MS);
  return { shop, kind: RECONCILE_ROUTING_JOB, dedupeKey: `reconcile_routing:${shop}:${slot}`, payload: { slot }, maxAttempts: 3 };
}

/**
 * Webhooks can be missed (app down past Shopify's retries, an order created before install), so
 * every few minutes open fulfillment orders still at the merchant's own locations get routed.
 */
export function reconcileRoutingJobHandler(services: JobServices): JobHandler {
  return {
    kind: RECONCILE_ROUTING_JOB,
    async perform(job) {
      const client = await services.adminFor(job.shop);
      const suppliers = await listSuppliers(services.db, job.shop);
      const supplierLocations = new Set(suppliers.map((s) => s.locationId).filter(Boolean));
      const open = await listOpenFulfillmentOrders(client);
      const orders = new Set(open.filter((fo) => !supplierLocations.has(fo.assignedLocation.location?.id ?? null)).map((fo) => fo.order.id));
      const slot = (job.payload as { slot?: number }).slot ?? 0;
      for (const orderId of orders) await services.queue.enqueue(routeOrderJob(job.shop, orderId, `reconcile:${slot}`));
    },
  };
}
