import { listSuppliers } from "~/models/suppliers.server";
import { listOpenFulfillmentOrders } from "~/shopify/fulfillment-orders";
import type { JobServices } from "~/services/deps";
import type { JobWork } from "~/services/queue/job-queue";
import { routeOrderJob } from "~/services/queue/routing";

/**
 * How old an open fulfillment order must be before the sweep routes it. Shopify sends
 * `order_routing_complete` seconds after the order; a younger one is its webhook's to route — the
 * event may be in the inbox already, waiting behind a burst — and a sweep job for it would read the
 * order from Shopify a second time for nothing. A missed webhook waits at most this plus a period.
 */
export const RECONCILE_GRACE_MS = 15 * 60_000;

/** The orders the sweep routes: open fulfillment orders at none of the suppliers' locations, older than the grace. */
export function ordersToReconcile(
  open: readonly {
    readonly createdAt: string;
    readonly order: { readonly id: string };
    readonly assignedLocation: { readonly location: { readonly id: string } | null };
  }[],
  supplierLocations: ReadonlySet<string>,
  now: Date,
): string[] {
  const before = now.getTime() - RECONCILE_GRACE_MS;
  const orders = new Set<string>();
  for (const fo of open) {
    if (supplierLocations.has(fo.assignedLocation.location?.id ?? "")) continue;
    const created = Date.parse(fo.createdAt);
    // A time Shopify did not give (or we cannot read) does not hide the order from the sweep.
    if (Number.isFinite(created) && created > before) continue;
    orders.add(fo.order.id);
  }
  return [...orders];
}

/**
 * Webhooks can be missed (app down past Shopify's retries, an order created before install), so
 * every few minutes open fulfillment orders still at the merchant's own locations get routed.
 */
export function reconcileRoutingWork(services: JobServices): JobWork {
  return {
    async perform(job) {
      const client = await services.adminFor(job.shop);
      const suppliers = await listSuppliers(services.db, job.shop);
      const supplierLocations = new Set(suppliers.map((s) => s.locationId).filter((id): id is string => !!id));
      const orders = ordersToReconcile(await listOpenFulfillmentOrders(client), supplierLocations, services.now());
      const slot = (job.payload as { slot?: number }).slot ?? 0;
      for (const orderId of orders) await services.queue.enqueue(routeOrderJob(job.shop, orderId, `reconcile:${slot}`));
    },
  };
}
