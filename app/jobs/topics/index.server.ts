import { onAppUninstalled, onCustomersDataRequest, onCustomersRedact, onScopesUpdate, onShopRedact } from "./app.server";
import type { TopicHandlers } from "./context";
import { inSequence, onCancellationRequestSubmitted, onFulfillmentOrderMoved, onOrderCancelledCoordination } from "./coordination.server";
import { onHoldReleased, onOrderRoutingComplete } from "./fulfillment-orders.server";
import { onOrderCancelled, onOrderCreated } from "./orders.server";

/**
 * What each topic does once it is out of the inbox. Topics without an entry are stored in the
 * inbox (visible in the admin) and acknowledged; the issues that need them add their handler here.
 */
export const TOPIC_HANDLERS: TopicHandlers = {
  "orders/create": onOrderCreated,
  "orders/cancelled": inSequence(onOrderCancelled, onOrderCancelledCoordination),
  "fulfillment_orders/order_routing_complete": onOrderRoutingComplete,
  "fulfillment_orders/hold_released": onHoldReleased,
  "fulfillment_orders/moved": onFulfillmentOrderMoved,
  "fulfillment_orders/cancellation_request_submitted": onCancellationRequestSubmitted,
  "app/uninstalled": onAppUninstalled,
  "app/scopes_update": onScopesUpdate,
  "customers/data_request": onCustomersDataRequest,
  "customers/redact": onCustomersRedact,
  "shop/redact": onShopRedact,
};

/** Topics that still run after the shop uninstalled (privacy law and uninstall bookkeeping). */
export const RUNS_AFTER_UNINSTALL = new Set<string>([
  "app/uninstalled",
  "customers/data_request",
  "customers/redact",
  "shop/redact",
]);
