import { onAppUninstalled, onCustomersDataRequest, onCustomersRedact, onScopesUpdate, onShopRedact } from "./app.server";
import type { TopicHandlers } from "./context";
import { inSequence, onCancellationRequestSubmitted, onFulfillmentOrderMoved, onOrderCancelledCoordination } from "./coordination.server";
import { onHoldReleased, onOrderRoutingComplete } from "./fulfillment-orders.server";
import {
  onCancellationRequestAccepted,
  onCancellationRequestRejected,
  onFulfillmentRequestAccepted,
  onFulfillmentRequestRejected,
  onFulfillmentRequestSubmitted,
  onHoldReleasedForSuppliers,
  onPlacedOnHold,
} from "./fulfillment-requests.server";
import { onFulfillmentCreated, onFulfillmentUpdated } from "./fulfillments.server";
import { onInventoryLevelUpdate } from "./inventory.server";
import { onOrderCancelled, onOrderCreated, onOrderUpdated } from "./orders.server";

/**
 * What each topic does once it is out of the inbox. Every subscribed topic has an entry (the type
 * says so, and tests/unit/webhook-topics.test.ts ties this map to shopify.app.toml, the topic
 * list and the route files); why each topic is handled as it is: docs/decisions/011-webhook-topics.md.
 */
export const TOPIC_HANDLERS = {
  "orders/create": onOrderCreated,
  "orders/cancelled": inSequence(onOrderCancelled, onOrderCancelledCoordination),
  "orders/updated": onOrderUpdated,
  "fulfillment_orders/order_routing_complete": onOrderRoutingComplete,
  "fulfillment_orders/hold_released": inSequence(onHoldReleased, onHoldReleasedForSuppliers),
  "fulfillment_orders/moved": onFulfillmentOrderMoved,
  "fulfillment_orders/cancellation_request_submitted": onCancellationRequestSubmitted,
  "fulfillment_orders/fulfillment_request_submitted": onFulfillmentRequestSubmitted,
  "fulfillment_orders/fulfillment_request_accepted": onFulfillmentRequestAccepted,
  "fulfillment_orders/fulfillment_request_rejected": onFulfillmentRequestRejected,
  "fulfillment_orders/cancellation_request_accepted": onCancellationRequestAccepted,
  "fulfillment_orders/cancellation_request_rejected": onCancellationRequestRejected,
  "fulfillment_orders/placed_on_hold": onPlacedOnHold,
  "fulfillments/create": onFulfillmentCreated,
  "fulfillments/update": onFulfillmentUpdated,
  "inventory_levels/update": onInventoryLevelUpdate,
  "app/uninstalled": onAppUninstalled,
  "app/scopes_update": onScopesUpdate,
  "customers/data_request": onCustomersDataRequest,
  "customers/redact": onCustomersRedact,
  "shop/redact": onShopRedact,
} as const satisfies Required<TopicHandlers>;

/** Topics that still run after the shop uninstalled (privacy law and uninstall bookkeeping). */
export const RUNS_AFTER_UNINSTALL = new Set<string>(["app/uninstalled", "customers/data_request", "customers/redact", "shop/redact"]);
