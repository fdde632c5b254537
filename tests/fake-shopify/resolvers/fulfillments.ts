/** Fulfillments: the view, fulfillmentCreate, tracking updates, events and cancellation. */
import { numericPart } from "../ids";
import { legacyId } from "../json";
import { touch } from "../model/fulfillment-orders";
import { fulfillmentPayload, inventoryLevelPayload, orderPayload } from "../payloads";
import type { FulfillmentEventRecord, FulfillmentEventStatus, FulfillmentOrderRecord, FulfillmentRecord, TrackingInfoRecord } from "../types";
import { connection } from "./connection";
import { optBool, optList, optObj, optStr, optStrList, str, userError, type Args, type ResolverContext, type UserError, type View } from "./context";
import { fulfillmentOrderView } from "./fulfillment-orders";
import { fulfillmentServiceView, locationView, manualServiceView } from "./locations";
import { lineItemView, orderView } from "./orders";

function displayStatus(f: FulfillmentRecord): string {
  if (f.status === "CANCELLED") return "CANCELED";
  const latest = latestEvent(f);
  return latest ? latest.status : "FULFILLED";
}

function latestEvent(f: FulfillmentRecord): FulfillmentEventRecord | undefined {
  return [...f.events].sort((a, b) => a.happenedAt.localeCompare(b.happenedAt)).pop();
}

function eventView(e: FulfillmentEventRecord): View {
  return { __typename: "FulfillmentEvent", ...e };
}

export function fulfillmentView(ctx: ResolverContext, f: FulfillmentRecord): View {
  const order = ctx.state.orders.get(f.orderId);
  const firstAt = (status: FulfillmentEventStatus): string | null => f.events.find((e) => e.status === status)?.happenedAt ?? null;
  return {
    __typename: "Fulfillment",
    id: f.id,
    legacyResourceId: numericPart(f.id),
    name: f.name,
    status: f.status,
    displayStatus: () => displayStatus(f),
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    requiresShipping: true,
    totalQuantity: f.lineItems.reduce((s, l) => s + l.quantity, 0),
    deliveredAt: () => firstAt("DELIVERED"),
    inTransitAt: () => firstAt("IN_TRANSIT"),
    estimatedDeliveryAt: () => [...f.events].reverse().find((e) => e.estimatedDeliveryAt)?.estimatedDeliveryAt ?? null,
    trackingInfo: (args: Args) => {
      const first = typeof args.first === "number" ? args.first : undefined;
      return f.trackingInfo.slice(0, first).map((t) => ({ __typename: "FulfillmentTrackingInfo", ...t }));
    },
    events: (args: Args) =>
      connection(
        "FulfillmentEventConnection",
        [...f.events].sort((a, b) => a.happenedAt.localeCompare(b.happenedAt)),
        args,
        eventView,
      ),
    fulfillmentLineItems: (args: Args) =>
      connection("FulfillmentLineItemConnection", f.lineItems, args, (l) => {
        const li = order?.lineItems.find((x) => x.id === l.lineItemId);
        return { __typename: "FulfillmentLineItem", id: l.id, quantity: l.quantity, lineItem: () => (order && li ? lineItemView(ctx, order, li) : null) };
      }),
    fulfillmentOrders: (args: Args) =>
      connection(
        "FulfillmentOrderConnection",
        f.fulfillmentOrderIds.map((id) => ctx.state.fulfillmentOrders.get(id)).filter((x): x is FulfillmentOrderRecord => !!x),
        args,
        (fo) => fulfillmentOrderView(ctx, fo),
      ),
    order: () => (order ? orderView(ctx, order) : null),
    location: () => {
      const l = ctx.state.locations.get(f.locationId);
      return l ? locationView(ctx, l) : null;
    },
    service: () => {
      const fs = ctx.state.fulfillmentServiceByLocation(f.locationId);
      return fs ? fulfillmentServiceView(ctx, fs) : manualServiceView(ctx);
    },
    originAddress: f.originAddress ? { __typename: "FulfillmentOriginAddress", ...f.originAddress } : null,
  };
}

function errorsOf(errors: UserError[]): View[] {
  return errors.map((e) => ({ __typename: "UserError", field: e.field, message: e.message }));
}

function trackingFrom(input: Args | null): TrackingInfoRecord[] {
  if (!input) return [];
  const numbers = optStrList(input, "numbers") ?? (optStr(input, "number") ? [optStr(input, "number") as string] : []);
  const urls = optStrList(input, "urls") ?? (optStr(input, "url") ? [optStr(input, "url") as string] : []);
  const company = optStr(input, "company");
  const count = Math.max(numbers.length, urls.length, company ? 1 : 0);
  return Array.from({ length: count }, (_, i) => ({ number: numbers[i] ?? null, url: urls[i] ?? null, company }));
}

interface Pick {
  fo: FulfillmentOrderRecord;
  lines: { id: string; lineItemId: string; quantity: number }[];
}

function validateCreate(ctx: ResolverContext, groups: Args[]): { errors: UserError[]; picks: Pick[] } {
  const picks: Pick[] = [];
  for (const [gi, group] of groups.entries()) {
    const fo = ctx.state.fulfillmentOrders.get(optStr(group, "fulfillmentOrderId") ?? "");
    if (!fo) return { errors: [userError(["fulfillment"], "Fulfillment order does not exist.")], picks };
    if (!["OPEN", "IN_PROGRESS", "INCOMPLETE"].includes(fo.status)) {
      return {
        errors: [userError(["fulfillment"], `Fulfillment order ${numericPart(fo.id)} has an unfulfillable status= ${fo.status.toLowerCase()}.`)],
        picks,
      };
    }
    const requested = optList(group, "fulfillmentOrderLineItems");
    const lines: Pick["lines"] = [];
    if (requested === null || requested.length === 0) {
      for (const l of fo.lineItems) if (l.remainingQuantity > 0) lines.push({ id: l.id, lineItemId: l.lineItemId, quantity: l.remainingQuantity });
    } else {
      for (const [li, r] of requested.entries()) {
        const quantity = typeof r.quantity === "number" ? r.quantity : 0;
        if (quantity <= 0) {
          return {
            errors: [
              userError(
                ["fulfillment", "lineItemsByFulfillmentOrder", String(gi), "fulfillmentOrderLineItems", String(li), "quantity"],
                "Quantity must be greater than 0",
              ),
            ],
            picks,
          };
        }
        const line = fo.lineItems.find((l) => l.id === optStr(r, "id"));
        if (!line || quantity > line.remainingQuantity)
          return { errors: [userError(["fulfillment"], "Invalid fulfillment order line item quantity requested.")], picks };
        lines.push({ id: line.id, lineItemId: line.lineItemId, quantity });
      }
    }
    if (lines.length === 0) return { errors: [userError(["fulfillment"], "Invalid fulfillment order line item quantity requested.")], picks };
    picks.push({ fo, lines });
  }
  const first = picks[0];
  if (first && picks.some((p) => p.fo.orderId !== first.fo.orderId || p.fo.assignedLocationId !== first.fo.assignedLocationId)) {
    return { errors: [userError(["fulfillment"], "All fulfillment orders must belong to the same order and be assigned to the same location.")], picks: [] };
  }
  return { errors: [], picks };
}

function emitFulfillment(ctx: ResolverContext, topic: "fulfillments/create" | "fulfillments/update", f: FulfillmentRecord): void {
  ctx.store.emit(ctx.state.shop.domain, topic, fulfillmentPayload(ctx.state, f));
}

function fulfillmentCreate(args: Args, ctx: ResolverContext): View {
  const input = optObj(args, "fulfillment") ?? {};
  const groups = optList(input, "lineItemsByFulfillmentOrder") ?? [];
  const fail = (errors: UserError[]): View => ({ __typename: "FulfillmentCreatePayload", fulfillment: null, userErrors: errorsOf(errors) });
  if (groups.length === 0) return fail([userError(["fulfillment"], "Line items by fulfillment order can't be blank.")]);
  const { errors, picks } = validateCreate(ctx, groups);
  if (errors.length > 0) return fail(errors);
  const first = picks[0] as Pick;
  const order = ctx.state.orders.get(first.fo.orderId);
  if (!order) return fail([userError(["fulfillment"], "Fulfillment order does not exist.")]);
  const now = ctx.store.nowIso();
  const count = ctx.state.fulfillmentsOf(order.id).length + 1;
  const fulfillment: FulfillmentRecord = {
    id: ctx.store.newGid("Fulfillment"),
    orderId: order.id,
    name: `${order.name}-F${count}`,
    status: "SUCCESS",
    locationId: first.fo.assignedLocationId,
    trackingInfo: trackingFrom(optObj(input, "trackingInfo")),
    events: [],
    lineItems: picks.flatMap((p) =>
      p.lines.map((l) => ({ id: ctx.store.newGid("FulfillmentLineItem"), lineItemId: l.lineItemId, quantity: l.quantity, fulfillmentOrderLineItemId: l.id })),
    ),
    fulfillmentOrderIds: picks.map((p) => p.fo.id),
    notifyCustomer: optBool(input, "notifyCustomer") ?? false,
    originAddress: null,
    createdAt: now,
    updatedAt: now,
  };
  ctx.state.fulfillments.set(fulfillment.id, fulfillment);
  for (const pick of picks) {
    for (const l of pick.lines) {
      const line = pick.fo.lineItems.find((x) => x.id === l.id);
      if (line) line.remainingQuantity -= l.quantity;
      consumeCommitted(ctx, order.lineItems.find((x) => x.id === l.lineItemId)?.variantId ?? null, pick.fo.assignedLocationId, l.quantity);
    }
    pick.fo.status = pick.fo.lineItems.every((x) => x.remainingQuantity === 0) ? "CLOSED" : "IN_PROGRESS";
    touch(ctx.store, pick.fo);
  }
  order.updatedAt = now;
  emitFulfillment(ctx, "fulfillments/create", fulfillment);
  ctx.store.emit(ctx.state.shop.domain, "orders/updated", orderPayload(ctx.state, order));
  return { __typename: "FulfillmentCreatePayload", fulfillment: fulfillmentView(ctx, fulfillment), userErrors: [] };
}

/** Shipping stock leaves the building: committed and on_hand go down. */
function consumeCommitted(ctx: ResolverContext, variantId: string | null, locationId: string, quantity: number): void {
  const itemId = variantId ? ctx.state.variants.get(variantId)?.inventoryItemId : undefined;
  const level = itemId ? ctx.state.inventoryLevels.get(ctx.state.levelKey(itemId, locationId)) : undefined;
  if (!level) return;
  const fromCommitted = Math.min(quantity, level.quantities.committed);
  level.quantities.committed -= fromCommitted;
  level.quantities.available -= quantity - fromCommitted;
  level.quantities.on_hand -= quantity;
  level.updatedAt = ctx.store.nowIso();
  ctx.store.emit(ctx.state.shop.domain, "inventory_levels/update", inventoryLevelPayload(level));
}

function fulfillmentTrackingInfoUpdate(args: Args, ctx: ResolverContext): View {
  const f = ctx.state.fulfillments.get(str(args, "fulfillmentId"));
  if (!f)
    return {
      __typename: "FulfillmentTrackingInfoUpdatePayload",
      fulfillment: null,
      userErrors: errorsOf([userError(["fulfillmentId"], "Fulfillment does not exist.")]),
    };
  f.trackingInfo = trackingFrom(optObj(args, "trackingInfoInput"));
  f.updatedAt = ctx.store.nowIso();
  emitFulfillment(ctx, "fulfillments/update", f);
  return { __typename: "FulfillmentTrackingInfoUpdatePayload", fulfillment: fulfillmentView(ctx, f), userErrors: [] };
}

function fulfillmentEventCreate(args: Args, ctx: ResolverContext): View {
  const input = optObj(args, "fulfillmentEvent") ?? {};
  const f = ctx.state.fulfillments.get(optStr(input, "fulfillmentId") ?? "");
  if (!f)
    return {
      __typename: "FulfillmentEventCreatePayload",
      fulfillmentEvent: null,
      userErrors: errorsOf([userError(["fulfillmentEvent", "fulfillmentId"], "Fulfillment does not exist.")]),
    };
  const now = ctx.store.nowIso();
  const num = (k: string): number | null => (typeof input[k] === "number" ? (input[k] as number) : null);
  const event: FulfillmentEventRecord = {
    id: ctx.store.newGid("FulfillmentEvent"),
    status: str(input, "status") as FulfillmentEventStatus,
    message: optStr(input, "message"),
    happenedAt: optStr(input, "happenedAt") ?? now,
    createdAt: now,
    estimatedDeliveryAt: optStr(input, "estimatedDeliveryAt"),
    city: optStr(input, "city"),
    province: optStr(input, "province"),
    country: optStr(input, "country"),
    zip: optStr(input, "zip"),
    address1: optStr(input, "address1"),
    latitude: num("latitude"),
    longitude: num("longitude"),
  };
  f.events.push(event);
  f.updatedAt = now;
  ctx.store.emit(ctx.state.shop.domain, "fulfillment_events/create", {
    id: legacyId(event.id),
    admin_graphql_api_id: event.id,
    fulfillment_id: legacyId(f.id),
    order_id: legacyId(f.orderId),
    status: event.status.toLowerCase(),
    message: event.message,
    happened_at: event.happenedAt,
    estimated_delivery_at: event.estimatedDeliveryAt,
    city: event.city,
    province: event.province,
    country: event.country,
    zip: event.zip,
    address1: event.address1,
    latitude: event.latitude,
    longitude: event.longitude,
    created_at: now,
    updated_at: now,
  });
  emitFulfillment(ctx, "fulfillments/update", f);
  return { __typename: "FulfillmentEventCreatePayload", fulfillmentEvent: eventView(event), userErrors: [] };
}

function fulfillmentCancel(args: Args, ctx: ResolverContext): View {
  const f = ctx.state.fulfillments.get(str(args, "id"));
  if (!f) return { __typename: "FulfillmentCancelPayload", fulfillment: null, userErrors: errorsOf([userError(["id"], "Fulfillment does not exist.")]) };
  // Cancelling twice succeeds and changes nothing (captured behaviour).
  if (f.status !== "CANCELLED") {
    f.status = "CANCELLED";
    f.updatedAt = ctx.store.nowIso();
    for (const l of f.lineItems) {
      const fo = [...ctx.state.fulfillmentOrders.values()].find((x) => x.lineItems.some((y) => y.id === l.fulfillmentOrderLineItemId));
      const line = fo?.lineItems.find((y) => y.id === l.fulfillmentOrderLineItemId);
      if (!fo || !line) continue;
      line.remainingQuantity += l.quantity;
      if (fo.status === "CLOSED") fo.status = "OPEN";
      touch(ctx.store, fo);
    }
    emitFulfillment(ctx, "fulfillments/update", f);
  }
  return { __typename: "FulfillmentCancelPayload", fulfillment: fulfillmentView(ctx, f), userErrors: [] };
}

export const fulfillmentQueries = {
  fulfillment: (args: Args, ctx: ResolverContext): View | null => {
    const f = ctx.state.fulfillments.get(str(args, "id"));
    return f ? fulfillmentView(ctx, f) : null;
  },
};

export const fulfillmentMutations = { fulfillmentCreate, fulfillmentTrackingInfoUpdate, fulfillmentEventCreate, fulfillmentCancel };
