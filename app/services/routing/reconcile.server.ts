import { listSuppliers } from "~/models/suppliers.server";
import { listOpenFulfillmentOrders } from "~/shopify/fulfillment-orders";
import type { JobServices } from "~/services/deps";
import type { JobWork } from "~/services/queue/job-queue";
import { routeOrderJob } from "~/services/queue/routing";

/**
 * Webhooks can be missed (app down past Shopify's retries, an order created before install), so
 * every few minutes open fulfillment orders still at the merchant's own locations get routed.
 */
export function reconcileRoutingWork(services: JobServices): JobWork {
  return {
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
