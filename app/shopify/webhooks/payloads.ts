import { isSafeNumber, parse as parseLossless } from "lossless-json";
import { fail, failure, ok, type Result } from "~/domain/result";
import { z } from "zod";
import type { WebhookTopic } from "../topics";

/**
 * Shopify ids in REST-shaped payloads exceed Number.MAX_SAFE_INTEGER. We parse bodies with
 * lossless-json (unsafe integers stay strings) and keep every id as a string.
 */
export function parseJsonBody(raw: string): unknown {
  return parseLossless(raw, null, (value) => (isSafeNumber(value) ? Number(value) : value));
}

const Id = z.union([z.string(), z.number().int()]).transform((v) => String(v));
const Gid = (type: string) => z.string().startsWith(`gid://shopify/${type}/`, `expected a ${type} GID`);
const Money = z.union([z.string(), z.number()]).transform((v) => String(v));

const Address = z.object({
  name: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  company: z.string().nullish(),
  address1: z.string().nullish(),
  address2: z.string().nullish(),
  city: z.string().nullish(),
  zip: z.string().nullish(),
  province_code: z.string().nullish(),
  country_code: z.string().nullish(),
  phone: z.string().nullish(),
});

export const OrderPayload = z.object({
  admin_graphql_api_id: Gid("Order"),
  name: z.string(),
  email: z.string().nullish(),
  contact_email: z.string().nullish(),
  currency: z.string().length(3),
  total_price: Money,
  created_at: z.string(),
  cancelled_at: z.string().nullish(),
  // customer | fraud | inventory | declined | other | staff (Shopify's order cancel reasons).
  cancel_reason: z.string().nullish(),
  source_name: z.string().nullish(),
  tags: z.string().nullish(),
  customer: z.object({ id: Id.nullish(), admin_graphql_api_id: Gid("Customer").nullish() }).nullish(),
  shipping_address: Address.nullish(),
  shipping_lines: z.array(z.object({ title: z.string(), code: z.string().nullish(), source: z.string().nullish() })).default([]),
  line_items: z.array(
    z.object({
      admin_graphql_api_id: Gid("LineItem"),
      variant_id: Id.nullish(),
      product_id: Id.nullish(),
      sku: z.string().nullish(),
      title: z.string(),
      quantity: z.number().int().nonnegative(),
      price: Money,
      requires_shipping: z.boolean().nullish(),
    }),
  ),
});
export type OrderPayload = z.infer<typeof OrderPayload>;

const FulfillmentOrderRef = z.object({
  id: Gid("FulfillmentOrder"),
  status: z.string(),
  request_status: z.string().nullish(),
  assigned_location_id: z.string().nullish(),
});

const FulfillmentOrderEvent = z.object({ fulfillment_order: FulfillmentOrderRef, message: z.string().nullish() });
export type FulfillmentOrderEvent = z.infer<typeof FulfillmentOrderEvent>;

const LineItemRequest = z.array(z.object({ id: Gid("FulfillmentOrderLineItem"), quantity: z.number().int() }));

export const FulfillmentOrderMoved = z.object({
  original_fulfillment_order: FulfillmentOrderRef,
  moved_fulfillment_order: FulfillmentOrderRef.nullish(),
  destination_location_id: z.string(),
  fulfillment_order_line_items_requested: LineItemRequest.nullish(),
  source_location: z.object({ id: z.string() }).nullish(),
});

export const FulfillmentOrderPlacedOnHold = z.object({
  fulfillment_order: FulfillmentOrderRef.extend({
    fulfillment_holds: z
      .array(z.object({ id: z.string().nullish(), reason: z.string(), reason_notes: z.string().nullish(), handle: z.string().nullish() }))
      .default([]),
  }),
  remaining_fulfillment_order: FulfillmentOrderRef.nullish(),
  held_fulfillment_order_line_items: LineItemRequest.nullish(),
});

export const FulfillmentRequestSubmitted = z.object({
  original_fulfillment_order: FulfillmentOrderRef,
  submitted_fulfillment_order: FulfillmentOrderRef,
  unsubmitted_fulfillment_order: FulfillmentOrderRef.nullish(),
  fulfillment_order_merchant_request: z.object({ id: z.string(), message: z.string().nullish() }).nullish(),
});

export const CancellationRequestSubmitted = z.object({
  fulfillment_order: FulfillmentOrderRef,
  fulfillment_order_merchant_request: z.object({ id: z.string(), message: z.string().nullish() }).nullish(),
});

export const FulfillmentPayload = z.object({
  admin_graphql_api_id: Gid("Fulfillment"),
  order_id: Id,
  status: z.string(),
  tracking_company: z.string().nullish(),
  tracking_numbers: z.array(z.string()).default([]),
  tracking_urls: z.array(z.string()).default([]),
  shipment_status: z.string().nullish(),
  updated_at: z.string().nullish(),
});
export type FulfillmentPayload = z.infer<typeof FulfillmentPayload>;

export const InventoryLevelPayload = z.object({
  inventory_item_id: Id.optional(),
  location_id: Id.optional(),
  available: z.number().int().nullish(),
  updated_at: z.string().nullish(),
});

export const AppUninstalledPayload = z.object({ id: Id.nullish(), myshopify_domain: z.string().nullish() }).loose();
export const ScopesUpdatePayload = z.object({ current: z.array(z.string()).default([]), previous: z.array(z.string()).default([]) }).loose();

const Customer = z.object({ id: Id, email: z.string().nullish(), phone: z.string().nullish() });
export const CustomersDataRequest = z.object({
  shop_domain: z.string(),
  customer: Customer,
  orders_requested: z.array(Id).default([]),
  data_request: z.object({ id: Id }).nullish(),
});
export const CustomersRedact = z.object({
  shop_domain: z.string(),
  customer: Customer,
  orders_to_redact: z.array(Id).default([]),
});
export const ShopRedact = z.object({ shop_domain: z.string(), shop_id: Id.nullish() });

/** The schema for each subscribed topic's payload. */
export const PAYLOAD_SCHEMAS = {
  "orders/create": OrderPayload,
  "orders/cancelled": OrderPayload,
  "orders/updated": OrderPayload,
  "fulfillment_orders/order_routing_complete": FulfillmentOrderEvent,
  "fulfillment_orders/fulfillment_request_submitted": FulfillmentRequestSubmitted,
  "fulfillment_orders/fulfillment_request_accepted": FulfillmentOrderEvent,
  "fulfillment_orders/fulfillment_request_rejected": FulfillmentOrderEvent,
  "fulfillment_orders/cancellation_request_submitted": CancellationRequestSubmitted,
  "fulfillment_orders/cancellation_request_accepted": FulfillmentOrderEvent,
  "fulfillment_orders/cancellation_request_rejected": FulfillmentOrderEvent,
  "fulfillment_orders/moved": FulfillmentOrderMoved,
  "fulfillment_orders/placed_on_hold": FulfillmentOrderPlacedOnHold,
  "fulfillment_orders/hold_released": FulfillmentOrderEvent,
  "fulfillments/create": FulfillmentPayload,
  "fulfillments/update": FulfillmentPayload,
  "inventory_levels/update": InventoryLevelPayload,
  "app/uninstalled": AppUninstalledPayload,
  "app/scopes_update": ScopesUpdatePayload,
  "customers/data_request": CustomersDataRequest,
  "customers/redact": CustomersRedact,
  "shop/redact": ShopRedact,
} as const satisfies Record<WebhookTopic, z.ZodType>;

export type PayloadFor<T extends WebhookTopic> = z.infer<(typeof PAYLOAD_SCHEMAS)[T]>;

export type ParsedPayload<T extends WebhookTopic> = Result<PayloadFor<T>>;

/** Parses a raw body for a topic; never throws. */
export function parseWebhookPayload<T extends WebhookTopic>(topic: T, raw: string): ParsedPayload<T> {
  let json: unknown;
  try {
    json = parseJsonBody(raw);
  } catch (error) {
    return fail(failure(`Body is not JSON: ${(error as Error).message}`));
  }
  const result = PAYLOAD_SCHEMAS[topic].safeParse(json);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    return fail(failure(`Unexpected ${topic} payload: ${issues}`));
  }
  return ok(result.data as PayloadFor<T>);
}
