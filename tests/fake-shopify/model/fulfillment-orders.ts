/** State transitions on fulfillment orders shared by mutations and the control API. */
import type { Store, ShopState } from "../store";
import type { FulfillmentOrderLineItemRecord, FulfillmentOrderRecord, OrderRecord } from "../types";

export const MAX_HOLDS_PER_APP = 10;

export function isServiceLocation(state: ShopState, locationId: string): boolean {
  return state.locations.get(locationId)?.fulfillmentServiceId != null;
}

export function touch(store: Store, fo: FulfillmentOrderRecord): void {
  fo.updatedAt = store.nowIso();
}

/** Shopify's fulfillAt: the top of the hour the order was created in. */
function topOfHour(iso: string): string {
  return iso.replace(/:\d\d:\d\dZ$/, ":00:00Z");
}

export function newFulfillmentOrder(
  store: Store,
  state: ShopState,
  order: OrderRecord,
  locationId: string,
  lineItems: { lineItemId: string; quantity: number }[],
): FulfillmentOrderRecord {
  const now = store.nowIso();
  const fo: FulfillmentOrderRecord = {
    id: store.newGid("FulfillmentOrder"),
    orderId: order.id,
    status: "OPEN",
    requestStatus: "UNSUBMITTED",
    assignedLocationId: locationId,
    lineItems: lineItems.map((li) => ({
      id: store.newGid("FulfillmentOrderLineItem"),
      lineItemId: li.lineItemId,
      totalQuantity: li.quantity,
      remainingQuantity: li.quantity,
    })),
    holds: [],
    merchantRequests: [],
    destination: order.shippingAddress,
    deliveryMethodType: "SHIPPING",
    shippingLineCode: order.shippingLines[0]?.code ?? null,
    statusBeforeHold: null,
    progressReported: false,
    cancellationPending: false,
    fulfillAt: topOfHour(order.createdAt),
    fulfillBy: null,
    estimatedShippedAt: null,
    createdAt: now,
    updatedAt: now,
  };
  state.fulfillmentOrders.set(fo.id, fo);
  return fo;
}

/** A copy of `fo` (same order, location, destination) holding the given line items. */
export function cloneWith(
  store: Store,
  state: ShopState,
  fo: FulfillmentOrderRecord,
  lineItems: { lineItemId: string; quantity: number }[],
  locationId = fo.assignedLocationId,
): FulfillmentOrderRecord {
  const order = state.orders.get(fo.orderId);
  if (!order) throw new Error(`fake-shopify: order ${fo.orderId} missing`);
  const copy = newFulfillmentOrder(store, state, order, locationId, lineItems);
  copy.destination = fo.destination;
  copy.fulfillAt = fo.fulfillAt;
  copy.shippingLineCode = fo.shippingLineCode;
  return copy;
}

/**
 * Takes `picks` (FO line item id → quantity) out of `fo` into a new FO; FO line items that
 * reach zero leave the original. Returns the new FO.
 */
export function splitOff(
  store: Store,
  state: ShopState,
  fo: FulfillmentOrderRecord,
  picks: { id: string; quantity: number }[],
  locationId?: string,
): FulfillmentOrderRecord {
  const moved: { lineItemId: string; quantity: number }[] = [];
  for (const pick of picks) {
    const line = fo.lineItems.find((l) => l.id === pick.id);
    if (!line) continue;
    moved.push({ lineItemId: line.lineItemId, quantity: pick.quantity });
    line.totalQuantity -= pick.quantity;
    line.remainingQuantity -= pick.quantity;
  }
  fo.lineItems = fo.lineItems.filter((l) => l.remainingQuantity > 0 || l.totalQuantity > 0);
  touch(store, fo);
  return cloneWith(store, state, fo, moved, locationId);
}

/** True when `picks` would take everything that remains on the FO. */
export function coversWhole(fo: FulfillmentOrderRecord, picks: { id: string; quantity: number }[]): boolean {
  return fo.lineItems.every((l) => l.remainingQuantity === 0 || picks.filter((p) => p.id === l.id).reduce((s, p) => s + p.quantity, 0) >= l.remainingQuantity);
}

export function remainingTotal(fo: FulfillmentOrderRecord): number {
  return fo.lineItems.reduce((s, l) => s + l.remainingQuantity, 0);
}

/** Returns the quantities of `from` to `into`, line by line; `from` is left closed and empty. */
export function mergeBack(store: Store, into: FulfillmentOrderRecord, from: FulfillmentOrderRecord): void {
  for (const line of from.lineItems) {
    const target = into.lineItems.find((l) => l.lineItemId === line.lineItemId);
    if (target) {
      target.totalQuantity += line.remainingQuantity;
      target.remainingQuantity += line.remainingQuantity;
    } else {
      into.lineItems.push({ ...line, id: store.newGid("FulfillmentOrderLineItem"), totalQuantity: line.remainingQuantity });
    }
    line.totalQuantity = 0;
    line.remainingQuantity = 0;
  }
  from.status = "CLOSED";
  touch(store, from);
  touch(store, into);
}

export function zeroLines(fo: FulfillmentOrderRecord): void {
  for (const l of fo.lineItems) {
    l.totalQuantity = 0;
    l.remainingQuantity = 0;
  }
}

export function openLines(fo: FulfillmentOrderRecord): FulfillmentOrderLineItemRecord[] {
  return fo.lineItems.filter((l) => l.remainingQuantity > 0);
}

/** The actions Shopify offers for a FO in its current state (order as in the captures). */
export function supportedActions(state: ShopState, fo: FulfillmentOrderRecord): string[] {
  const atService = isServiceLocation(state, fo.assignedLocationId);
  const splittable = remainingTotal(fo) > 1;
  const holdAllowed = fo.holds.length < MAX_HOLDS_PER_APP;
  const mergeable = [...state.fulfillmentOrders.values()].some(
    (o) =>
      o.id !== fo.id && o.orderId === fo.orderId && o.assignedLocationId === fo.assignedLocationId && o.status === "OPEN" && o.requestStatus === "UNSUBMITTED",
  );
  switch (fo.status) {
    case "ON_HOLD":
      return ["RELEASE_HOLD", ...(holdAllowed ? ["HOLD"] : []), "MOVE"];
    case "CLOSED":
    case "CANCELLED":
      return [];
    case "IN_PROGRESS":
      if (atService) {
        if (fo.cancellationPending) return ["CREATE_FULFILLMENT"];
        if (fo.requestStatus === "ACCEPTED" || fo.requestStatus === "CANCELLATION_REJECTED") return ["CREATE_FULFILLMENT", "REQUEST_CANCELLATION"];
        return ["CREATE_FULFILLMENT"];
      }
      return ["CREATE_FULFILLMENT", "REPORT_PROGRESS", "HOLD", "MARK_AS_OPEN"];
    case "OPEN":
    case "INCOMPLETE":
    case "SCHEDULED":
      if (atService) {
        if (fo.requestStatus === "SUBMITTED") return ["CANCEL_FULFILLMENT_ORDER"];
        return ["REQUEST_FULFILLMENT", "CREATE_FULFILLMENT", "HOLD", ...(splittable && fo.status === "OPEN" ? ["SPLIT"] : []), "MOVE"];
      }
      return ["CREATE_FULFILLMENT", "REPORT_PROGRESS", "MOVE", "HOLD", ...(splittable ? ["SPLIT"] : []), ...(mergeable ? ["MERGE"] : [])];
  }
}
