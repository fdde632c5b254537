/**
 * Webhook payloads shaped like Shopify's documented examples (tests/fake-shopify/reference/webhook-examples):
 * REST-style snake_case bodies with raw numeric ids plus `admin_graphql_api_id` GIDs; the
 * fulfillment_orders/* topics carry GIDs and lowercase statuses.
 */
import { legacyId } from "./json";
import type { AddressRecord, FulfillmentOrderRecord, FulfillmentRecord, InventoryLevelRecord, LineItemRecord, OrderRecord, ShopState } from "./types-state";

export type Payload = Record<string, unknown>;

function money(amount: string, currency: string): Payload {
  return { shop_money: { amount, currency_code: currency }, presentment_money: { amount, currency_code: currency } };
}

function addressPayload(a: AddressRecord | null): Payload | null {
  if (!a) return null;
  return {
    first_name: a.firstName,
    last_name: a.lastName,
    name: a.name,
    address1: a.address1,
    address2: a.address2,
    city: a.city,
    zip: a.zip,
    province: a.provinceCode,
    province_code: a.provinceCode,
    country: a.countryCode,
    country_code: a.countryCode,
    phone: a.phone,
    company: a.company,
    latitude: null,
    longitude: null,
  };
}

function lineItemPayload(state: ShopState, order: OrderRecord, li: LineItemRecord): Payload {
  const fulfilled = fulfilledQuantity(state, li.id);
  return {
    id: legacyId(li.id),
    admin_graphql_api_id: li.id,
    variant_id: legacyId(li.variantId),
    product_id: legacyId(li.productId),
    title: li.title,
    name: li.title,
    variant_title: li.variantTitle,
    sku: li.sku,
    quantity: li.quantity,
    current_quantity: li.quantity,
    fulfillable_quantity: order.cancelledAt ? 0 : li.quantity - fulfilled,
    fulfillment_status: fulfilled === 0 ? null : fulfilled >= li.quantity ? "fulfilled" : "partial",
    requires_shipping: li.requiresShipping,
    price: li.price,
    price_set: money(li.price, order.currencyCode),
    vendor: null,
    properties: [],
    taxable: true,
    gift_card: false,
    total_discount: "0.00",
    discount_allocations: [],
    tax_lines: [],
    duties: [],
  };
}

export function fulfilledQuantity(state: ShopState, lineItemId: string): number {
  let n = 0;
  for (const f of state.fulfillments.values()) {
    if (f.status !== "SUCCESS") continue;
    for (const l of f.lineItems) if (l.lineItemId === lineItemId) n += l.quantity;
  }
  return n;
}

export function orderFulfillmentStatus(state: ShopState, order: OrderRecord): string | null {
  const total = order.lineItems.reduce((s, li) => s + li.quantity, 0);
  const done = order.lineItems.reduce((s, li) => s + fulfilledQuantity(state, li.id), 0);
  if (done === 0) return null;
  return done >= total ? "fulfilled" : "partial";
}

export function orderPayload(state: ShopState, order: OrderRecord): Payload {
  const subtotal = order.lineItems.reduce((s, li) => s + Math.round(Number(li.price) * 100) * li.quantity, 0);
  const shipping = order.shippingLines.reduce((s, sl) => s + Math.round(Number(sl.price) * 100), 0);
  const fmt = (cents: number): string => (cents / 100).toFixed(2);
  return {
    id: legacyId(order.id),
    admin_graphql_api_id: order.id,
    name: order.name,
    order_number: order.number,
    number: order.number - 1000,
    email: order.email,
    contact_email: order.email,
    created_at: order.createdAt,
    updated_at: order.updatedAt,
    processed_at: order.processedAt,
    source_name: order.sourceName,
    cancelled_at: order.cancelledAt,
    cancel_reason: order.cancelReason ? order.cancelReason.toLowerCase() : null,
    closed_at: order.closedAt,
    currency: order.currencyCode,
    presentment_currency: order.currencyCode,
    financial_status: "paid",
    fulfillment_status: orderFulfillmentStatus(state, order),
    confirmed: true,
    test: false,
    note: order.note,
    tags: order.tags.join(", "),
    subtotal_price: fmt(subtotal),
    total_price: fmt(subtotal + shipping),
    total_tax: "0.00",
    total_discounts: "0.00",
    subtotal_price_set: money(fmt(subtotal), order.currencyCode),
    total_price_set: money(fmt(subtotal + shipping), order.currencyCode),
    line_items: order.lineItems.map((li) => lineItemPayload(state, order, li)),
    shipping_address: addressPayload(order.shippingAddress),
    billing_address: addressPayload(order.shippingAddress),
    shipping_lines: order.shippingLines.map((sl) => ({
      id: legacyId(sl.id),
      title: sl.title,
      code: sl.code,
      source: sl.source,
      price: sl.price,
      price_set: money(sl.price, order.currencyCode),
      discounted_price: sl.price,
      carrier_identifier: null,
      requested_fulfillment_service_id: null,
      tax_lines: [],
      discount_allocations: [],
    })),
    fulfillments: state.fulfillmentsOf(order.id).map((f) => fulfillmentPayload(state, f)),
    refunds: [],
    customer: order.email ? { email: order.email } : null,
  };
}

export function fulfillmentPayload(state: ShopState, f: FulfillmentRecord): Payload {
  const order = state.orders.get(f.orderId);
  const tracking = f.trackingInfo[0];
  const latest = f.events[f.events.length - 1];
  return {
    id: legacyId(f.id),
    admin_graphql_api_id: f.id,
    order_id: legacyId(f.orderId),
    name: f.name,
    status: f.status.toLowerCase(),
    created_at: f.createdAt,
    updated_at: f.updatedAt,
    service: "manual",
    location_id: legacyId(f.locationId),
    shipment_status: latest ? latest.status.toLowerCase() : null,
    tracking_company: tracking?.company ?? null,
    tracking_number: tracking?.number ?? null,
    tracking_numbers: f.trackingInfo.map((t) => t.number).filter((n): n is string => n !== null),
    tracking_url: tracking?.url ?? null,
    tracking_urls: f.trackingInfo.map((t) => t.url).filter((u): u is string => u !== null),
    origin_address: addressPayload(f.originAddress),
    destination: addressPayload(order?.shippingAddress ?? null),
    email: order?.email ?? null,
    receipt: {},
    line_items: order
      ? f.lineItems.flatMap((fl) => {
          const li = order.lineItems.find((x) => x.id === fl.lineItemId);
          return li ? [{ ...lineItemPayload(state, order, li), quantity: fl.quantity }] : [];
        })
      : [],
  };
}

export function fulfillmentOrderRef(fo: FulfillmentOrderRecord): Payload {
  return { id: fo.id, status: fo.status.toLowerCase() };
}

export function fulfillmentOrderDetail(fo: FulfillmentOrderRecord): Payload {
  return { id: fo.id, status: fo.status.toLowerCase(), request_status: fo.requestStatus.toLowerCase(), assigned_location_id: fo.assignedLocationId };
}

export function inventoryLevelPayload(level: InventoryLevelRecord): Payload {
  return {
    inventory_item_id: legacyId(level.inventoryItemId),
    location_id: legacyId(level.locationId),
    available: level.quantities.available,
    updated_at: level.updatedAt,
    admin_graphql_api_id: level.id,
  };
}
