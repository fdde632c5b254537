/** Webhook topics Dropline subscribes to (shopify.app.toml declares each at /webhooks/{topic}). */
export const WEBHOOK_TOPICS = [
  "orders/create",
  "orders/cancelled",
  "orders/updated",
  "fulfillment_orders/order_routing_complete",
  "fulfillment_orders/fulfillment_request_submitted",
  "fulfillment_orders/fulfillment_request_accepted",
  "fulfillment_orders/fulfillment_request_rejected",
  "fulfillment_orders/cancellation_request_submitted",
  "fulfillment_orders/cancellation_request_accepted",
  "fulfillment_orders/cancellation_request_rejected",
  "fulfillment_orders/moved",
  "fulfillment_orders/placed_on_hold",
  "fulfillment_orders/hold_released",
  "fulfillments/create",
  "fulfillments/update",
  "inventory_levels/update",
  "app/uninstalled",
  "app/scopes_update",
] as const;

/** The mandatory privacy (compliance) topics every App Store app must handle. */
export const COMPLIANCE_TOPICS = ["customers/data_request", "customers/redact", "shop/redact"] as const;

export type WebhookTopic = (typeof WEBHOOK_TOPICS)[number] | (typeof COMPLIANCE_TOPICS)[number];

const ALL = new Set<string>([...WEBHOOK_TOPICS, ...COMPLIANCE_TOPICS]);

/** Narrows a header value to a topic we subscribe to. */
export function isWebhookTopic(value: string): value is WebhookTopic {
  return ALL.has(value);
}

/** The URI a topic is delivered to. */
export function webhookPath(topic: WebhookTopic): string {
  return `/webhooks/${topic}`;
}
