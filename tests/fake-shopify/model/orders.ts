/** Orders: creation with Shopify-like routing to fulfillment orders, and cancellation. */
import { fulfilledQuantity, fulfillmentOrderRef, inventoryLevelPayload, orderPayload } from "../payloads";
import type { ShopState, Store } from "../store";
import type { AddressRecord, FulfillmentOrderRecord, LineItemRecord, OrderRecord } from "../types";
import { newFulfillmentOrder, touch } from "./fulfillment-orders";

export interface CreateOrderInput {
  lineItems: { variantId: string; quantity: number; price?: string }[];
  shippingAddress: { countryCode: string; provinceCode?: string; zip: string; city: string; address1: string; name: string; address2?: string; phone?: string };
  shippingLine: { title: string; code: string; source?: string; price?: string };
  email: string;
  tags?: string[];
  note?: string;
  currencyCode?: string;
  sourceName?: string;
}

function address(input: CreateOrderInput["shippingAddress"]): AddressRecord {
  const [firstName, ...rest] = input.name.split(" ");
  return {
    name: input.name,
    firstName: firstName ?? null,
    lastName: rest.length ? rest.join(" ") : null,
    address1: input.address1,
    address2: input.address2 ?? null,
    city: input.city,
    zip: input.zip,
    provinceCode: input.provinceCode ?? null,
    countryCode: input.countryCode,
    phone: input.phone ?? null,
    company: null,
  };
}

/** Locations Shopify may route to: the merchant's, in priority order, then service locations. */
function routingCandidates(state: ShopState): string[] {
  const merchant = state.routingLocationIds.filter((id) => state.locations.get(id)?.isActive);
  const services = [...state.locations.values()].filter((l) => l.fulfillmentServiceId && l.isActive && !l.deletedAt).map((l) => l.id);
  return [...merchant, ...services];
}

/** First location that stocks enough of the item; else the primary location. */
function routeLine(state: ShopState, inventoryItemId: string | null, quantity: number): string {
  const candidates = routingCandidates(state);
  if (inventoryItemId) {
    for (const locationId of candidates) {
      const level = state.inventoryLevels.get(state.levelKey(inventoryItemId, locationId));
      if (level && level.quantities.available >= quantity) return locationId;
    }
    for (const locationId of candidates) if (state.inventoryLevels.has(state.levelKey(inventoryItemId, locationId))) return locationId;
  }
  const primary = candidates[0];
  if (!primary) throw new Error("fake-shopify: the shop has no location to route the order to (createLocation first)");
  return primary;
}

export function createOrder(store: Store, state: ShopState, input: CreateOrderInput): OrderRecord {
  if (input.lineItems.length === 0) throw new Error("fake-shopify: an order needs line items");
  const now = store.nowIso();
  const currency = input.currencyCode ?? state.shop.currencyCode;
  const lineItems: LineItemRecord[] = input.lineItems.map((li) => {
    const variant = state.variants.get(li.variantId);
    if (!variant) throw new Error(`fake-shopify: unknown variant ${li.variantId}`);
    if (!Number.isInteger(li.quantity) || li.quantity <= 0) throw new Error("fake-shopify: line item quantity must be a positive integer");
    const product = state.products.get(variant.productId);
    return {
      id: store.newGid("LineItem"),
      variantId: variant.id,
      productId: variant.productId,
      sku: variant.sku,
      title: product?.title ?? variant.title,
      variantTitle: variant.title,
      quantity: li.quantity,
      price: li.price ?? variant.price,
      requiresShipping: true,
    };
  });
  const number = state.nextOrderNumber++;
  const order: OrderRecord = {
    id: store.newGid("Order"),
    name: `#${number}`,
    number,
    email: input.email,
    note: input.note ?? null,
    tags: [...(input.tags ?? [])],
    currencyCode: currency,
    sourceName: input.sourceName ?? "web",
    createdAt: now,
    updatedAt: now,
    processedAt: now,
    cancelledAt: null,
    cancelReason: null,
    closedAt: null,
    lineItems,
    shippingAddress: address(input.shippingAddress),
    shippingLines: [
      {
        id: store.newGid("ShippingLine"),
        title: input.shippingLine.title,
        code: input.shippingLine.code,
        source: input.shippingLine.source ?? "shopify",
        price: input.shippingLine.price ?? "0.00",
      },
    ],
  };
  state.orders.set(order.id, order);

  const byLocation = new Map<string, { lineItemId: string; quantity: number }[]>();
  const touchedLevels = new Set<string>();
  for (const li of lineItems) {
    const inventoryItemId = li.variantId ? (state.variants.get(li.variantId)?.inventoryItemId ?? null) : null;
    const locationId = routeLine(state, inventoryItemId, li.quantity);
    byLocation.set(locationId, [...(byLocation.get(locationId) ?? []), { lineItemId: li.id, quantity: li.quantity }]);
    const level = inventoryItemId ? state.inventoryLevels.get(state.levelKey(inventoryItemId, locationId)) : undefined;
    if (level) {
      level.quantities.available -= li.quantity;
      level.quantities.committed += li.quantity;
      level.updatedAt = now;
      touchedLevels.add(state.levelKey(level.inventoryItemId, level.locationId));
    }
  }
  const fos = [...byLocation.entries()].map(([locationId, lines]) => newFulfillmentOrder(store, state, order, locationId, lines));

  store.emit(state.shop.domain, "orders/create", orderPayload(state, order));
  for (const key of touchedLevels) {
    const level = state.inventoryLevels.get(key);
    if (level) store.emit(state.shop.domain, "inventory_levels/update", inventoryLevelPayload(level));
  }
  for (const fo of fos) store.emit(state.shop.domain, "fulfillment_orders/order_routing_complete", { fulfillment_order: fulfillmentOrderRef(fo) });
  return order;
}

/**
 * Cancels an order like Shopify: open FOs close; FOs whose request a fulfillment service has
 * accepted get a cancellation request instead (the service must answer it).
 */
export function cancelOrder(store: Store, state: ShopState, orderId: string, reason = "OTHER", restock = true): OrderRecord {
  const order = state.orders.get(orderId);
  if (!order) throw new Error(`fake-shopify: unknown order ${orderId}`);
  if (order.cancelledAt) return order;
  const now = store.nowIso();
  order.cancelledAt = now;
  order.cancelReason = reason;
  order.updatedAt = now;
  const requested: FulfillmentOrderRecord[] = [];
  for (const fo of state.fulfillmentOrdersOf(order.id)) {
    if (fo.status === "CLOSED" || fo.status === "CANCELLED") continue;
    const service = state.fulfillmentServiceByLocation(fo.assignedLocationId);
    if (service && (fo.requestStatus === "ACCEPTED" || fo.requestStatus === "CANCELLATION_REJECTED")) {
      if (fo.cancellationPending) continue;
      fo.cancellationPending = true;
      fo.merchantRequests.push({
        id: store.newGid("FulfillmentOrderMerchantRequest"),
        kind: "CANCELLATION_REQUEST",
        message: "Order cancelled",
        requestOptions: {},
        responseData: null,
        sentAt: now,
      });
      touch(store, fo);
      requested.push(fo);
      if (service.callbackUrl)
        store.notify({ shopDomain: state.shop.domain, callbackUrl: service.callbackUrl, kind: "CANCELLATION_REQUEST", fulfillmentOrderId: fo.id });
      continue;
    }
    if (restock) releaseCommitted(store, state, fo);
    fo.status = "CLOSED";
    touch(store, fo);
  }
  store.emit(state.shop.domain, "orders/cancelled", orderPayload(state, order));
  for (const fo of requested) {
    const request = fo.merchantRequests[fo.merchantRequests.length - 1];
    store.emit(state.shop.domain, "fulfillment_orders/cancellation_request_submitted", {
      fulfillment_order: { ...fulfillmentOrderRef(fo), request_status: "cancellation_request" },
      fulfillment_order_merchant_request: { id: request?.id ?? null, message: request?.message ?? null },
    });
  }
  return order;
}

/** Moves a FO's committed stock back to available (order cancelled or FO cancelled). */
export function releaseCommitted(store: Store, state: ShopState, fo: FulfillmentOrderRecord): void {
  const order = state.orders.get(fo.orderId);
  for (const line of fo.lineItems) {
    const li = order?.lineItems.find((x) => x.id === line.lineItemId);
    const itemId = li?.variantId ? state.variants.get(li.variantId)?.inventoryItemId : undefined;
    const level = itemId ? state.inventoryLevels.get(state.levelKey(itemId, fo.assignedLocationId)) : undefined;
    if (!level || line.remainingQuantity <= 0) continue;
    const n = Math.min(line.remainingQuantity, level.quantities.committed);
    level.quantities.committed -= n;
    level.quantities.available += n;
    level.updatedAt = store.nowIso();
    store.emit(state.shop.domain, "inventory_levels/update", inventoryLevelPayload(level));
  }
}

/** Shopify's Order.displayFulfillmentStatus. */
export function displayFulfillmentStatus(state: ShopState, order: OrderRecord): string {
  const total = order.lineItems.reduce((s, li) => s + li.quantity, 0);
  const fulfilled = order.lineItems.reduce((s, li) => s + fulfilledQuantity(state, li.id), 0);
  if (fulfilled >= total && total > 0) return "FULFILLED";
  if (fulfilled > 0) return "PARTIALLY_FULFILLED";
  const fos = state.fulfillmentOrdersOf(order.id).filter((fo) => fo.status !== "CLOSED" && fo.status !== "CANCELLED");
  if (fos.some((fo) => fo.status === "IN_PROGRESS")) return "IN_PROGRESS";
  if (fos.length > 0 && fos.every((fo) => fo.status === "ON_HOLD")) return "ON_HOLD";
  if (fos.some((fo) => fo.status === "SCHEDULED") && fos.every((fo) => fo.status === "SCHEDULED")) return "SCHEDULED";
  if (fos.some((fo) => fo.requestStatus === "SUBMITTED" || fo.requestStatus === "ACCEPTED")) return "PENDING_FULFILLMENT";
  return "UNFULFILLED";
}

/** LineItem.fulfillableQuantity: ordered − fulfilled − held. */
export function fulfillableQuantity(state: ShopState, order: OrderRecord, li: LineItemRecord): number {
  let held = 0;
  for (const fo of state.fulfillmentOrdersOf(order.id)) {
    if (fo.status !== "ON_HOLD") continue;
    for (const line of fo.lineItems) if (line.lineItemId === li.id) held += line.remainingQuantity;
  }
  return Math.max(0, li.quantity - fulfilledQuantity(state, li.id) - held);
}
