/** The routing job handlers, registered in app/jobs/runtime.server.ts. */
import type { JobServices } from "~/services/deps";
import { RECONCILE_ROUTING_JOB, ROUTE_ORDER_JOB } from "~/services/queue/routing";
import { reconcileRoutingWork } from "~/services/routing/reconcile.server";
import { routeOrderWork } from "~/services/routing/route-order.server";
import { isTerminalShopifyError } from "../terminal.server";
import type { JobHandler } from "../worker.server";

/** Routes an order: decides, then moves or holds its fulfillment orders. */
export function routeOrderJobHandler(services: JobServices): JobHandler {
  return { kind: ROUTE_ORDER_JOB, isTerminal: isTerminalShopifyError, ...routeOrderWork(services) };
}

/** The periodic sweep that routes what missed webhooks left at the merchant's locations. */
export function reconcileRoutingJobHandler(services: JobServices): JobHandler {
  return { kind: RECONCILE_ROUTING_JOB, ...reconcileRoutingWork(services) };
}
