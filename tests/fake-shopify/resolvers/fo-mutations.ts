/** Merchant-side fulfillment-order mutations: move, hold, release, report progress, open, cancel, close. */
import { cloneWith, coversWhole, isServiceLocation, MAX_HOLDS_PER_APP, mergeBack, splitOff, touch } from "../model/fulfillment-orders";
import type { FulfillmentHoldRecord, FulfillmentOrderRecord } from "../types";
import { optList, optObj, optStr, optStrList, str, type Args, type ResolverContext, type View } from "./context";
import { detail, emitFo, foOrNull, linePicks, requireFo, userErrors, type FoUserError } from "./fo-common";
import { holdView } from "./fulfillment-orders";

/** Committed stock follows a FO's line items to its new location. */
function moveCommitted(ctx: ResolverContext, fo: FulfillmentOrderRecord, from: string, to: string, picks: { lineItemId: string; quantity: number }[]): void {
  const order = ctx.state.orders.get(fo.orderId);
  for (const p of picks) {
    const li = order?.lineItems.find((l) => l.id === p.lineItemId);
    const itemId = li?.variantId ? ctx.state.variants.get(li.variantId)?.inventoryItemId : undefined;
    if (!itemId) continue;
    const src = ctx.state.inventoryLevels.get(ctx.state.levelKey(itemId, from));
    const dst = ctx.state.inventoryLevels.get(ctx.state.levelKey(itemId, to));
    if (src && src.quantities.committed > 0) {
      const n = Math.min(p.quantity, src.quantities.committed);
      src.quantities.committed -= n;
      src.quantities.available += n;
    }
    if (dst) {
      dst.quantities.committed += p.quantity;
      dst.quantities.available -= p.quantity;
    }
  }
}

function fulfillmentOrderMove(args: Args, ctx: ResolverContext): View {
  const fo = requireFo(args, ctx);
  const fail = (e: FoUserError): View => ({
    __typename: "FulfillmentOrderMovePayload",
    movedFulfillmentOrder: null,
    originalFulfillmentOrder: null,
    remainingFulfillmentOrder: null,
    userErrors: userErrors("FulfillmentOrderMoveFulfillmentOrderMoveUserError", [e], true),
  });
  const newLocationId = str(args, "newLocationId");
  const location = ctx.state.locations.get(newLocationId);
  if (fo.status === "CLOSED" || fo.status === "CANCELLED") return fail({ field: null, message: "Cannot change location." });
  if (fo.progressReported && fo.status === "IN_PROGRESS") {
    return fail({
      field: ["id"],
      message:
        "Cannot move a fulfillment order that has had progress reported. To move a fulfillment order that has had progress reported, the fulfillment order must first be marked as open resolving the ongoing progress state.",
      code: "CANNOT_MOVE_FULFILLMENT_ORDER_WITH_REPORTED_PROGRESS",
    });
  }
  if (
    isServiceLocation(ctx.state, fo.assignedLocationId) &&
    fo.requestStatus !== "UNSUBMITTED" &&
    fo.requestStatus !== "REJECTED" &&
    fo.requestStatus !== "CANCELLATION_ACCEPTED" &&
    fo.requestStatus !== "CLOSED"
  ) {
    return fail({ field: null, message: "Cannot move submitted fulfillment order that is at a 3PL fulfillment service." });
  }
  if (!location || location.deletedAt || !location.isActive) return fail({ field: ["id"], message: "Location not found." });
  const picks = linePicks(optList(args, "fulfillmentOrderLineItems"));
  for (const p of picks ?? []) {
    const line = fo.lineItems.find((l) => l.id === p.id);
    if (!line || p.quantity <= 0 || p.quantity > line.remainingQuantity)
      return fail({ field: ["fulfillmentOrderLineItems"], message: "Invalid fulfillment order line item quantity requested." });
  }
  const from = fo.assignedLocationId;
  let moved: FulfillmentOrderRecord;
  let remaining: FulfillmentOrderRecord | null = null;
  if (!picks || picks.length === 0 || coversWhole(fo, picks)) {
    moveCommitted(
      ctx,
      fo,
      from,
      newLocationId,
      fo.lineItems.map((l) => ({ lineItemId: l.lineItemId, quantity: l.remainingQuantity })),
    );
    fo.assignedLocationId = newLocationId;
    fo.requestStatus = "UNSUBMITTED";
    if (fo.status === "INCOMPLETE") fo.status = "OPEN";
    touch(ctx.store, fo);
    moved = fo;
  } else {
    moveCommitted(
      ctx,
      fo,
      from,
      newLocationId,
      picks.map((p) => ({ lineItemId: fo.lineItems.find((l) => l.id === p.id)?.lineItemId ?? "", quantity: p.quantity })),
    );
    moved = splitOff(ctx.store, ctx.state, fo, picks, newLocationId);
    remaining = fo;
  }
  emitFo(ctx, "moved", {
    original_fulfillment_order: detail(remaining ?? moved),
    moved_fulfillment_order: detail(moved),
    destination_location_id: newLocationId,
    fulfillment_order_line_items_requested: picks,
    source_location: { id: from },
  });
  return {
    __typename: "FulfillmentOrderMovePayload",
    movedFulfillmentOrder: foOrNull(ctx, moved),
    originalFulfillmentOrder: foOrNull(ctx, remaining ?? moved),
    remainingFulfillmentOrder: foOrNull(ctx, remaining),
    userErrors: [],
  };
}

/** Checks in the order Shopify applies them (input shape first, then limits, then state). */
function holdErrors(fo: FulfillmentOrderRecord, input: Args, picks: { id: string; quantity: number }[] | null): FoUserError | null {
  const partial = picks !== null && picks.length > 0;
  if (partial && new Set(picks.map((p) => p.id)).size !== picks.length) {
    return {
      field: ["fulfillmentHold", "fulfillmentOrderLineItems"],
      message: "must contain unique line item ids",
      code: "DUPLICATED_FULFILLMENT_ORDER_LINE_ITEMS",
    };
  }
  const zero = partial ? picks.findIndex((p) => p.quantity <= 0) : -1;
  if (zero >= 0)
    return {
      field: ["fulfillmentHold", "fulfillmentOrderLineItems", String(zero), "quantity"],
      message: "You must select at least one item to place on partial hold.",
      code: "GREATER_THAN_ZERO",
    };
  if (fo.status === "CLOSED" || fo.status === "CANCELLED" || fo.status === "INCOMPLETE") {
    return { field: ["id"], message: `Fulfillment order ${fo.id} has an unholdable status= ${fo.status.toLowerCase()}.` };
  }
  if (fo.holds.length >= MAX_HOLDS_PER_APP) {
    return {
      field: ["id"],
      message:
        "The maximum number of fulfillment holds for this fulfillment order has been reached for this app. An app can only have up to 10 holds on a single fulfillment order at any one time.",
      code: "FULFILLMENT_ORDER_HOLD_LIMIT_REACHED",
    };
  }
  const handle = optStr(input, "handle");
  if (handle && fo.holds.some((h) => h.handle === handle)) {
    return {
      field: ["fulfillmentHold", "handle"],
      message: "The handle provided for the fulfillment hold is already in use by this app for another hold on this fulfillment order.",
      code: "DUPLICATE_FULFILLMENT_HOLD_HANDLE",
    };
  }
  if (!partial) return null;
  if (fo.status === "ON_HOLD")
    return {
      field: ["fulfillmentHold", "fulfillmentOrderLineItems"],
      message: "The fulfillment order is not in a splittable state.",
      code: "FULFILLMENT_ORDER_NOT_SPLITTABLE",
    };
  const bad = picks.findIndex((p) => {
    const line = fo.lineItems.find((l) => l.id === p.id);
    return !line || p.quantity > line.remainingQuantity;
  });
  if (bad >= 0)
    return {
      field: ["fulfillmentHold", "fulfillmentOrderLineItems", String(bad), "quantity"],
      message: "The fulfillment order line item quantity is invalid.",
      code: "INVALID_LINE_ITEM_QUANTITY",
    };
  return null;
}

function fulfillmentOrderHold(args: Args, ctx: ResolverContext): View {
  const fo = requireFo(args, ctx);
  const input = optObj(args, "fulfillmentHold") ?? {};
  const picks = linePicks(optList(input, "fulfillmentOrderLineItems"));
  const error = holdErrors(fo, input, picks);
  if (error)
    return {
      __typename: "FulfillmentOrderHoldPayload",
      fulfillmentHold: null,
      fulfillmentOrder: null,
      remainingFulfillmentOrder: null,
      userErrors: userErrors("FulfillmentOrderHoldUserError", [error], true),
    };
  let remaining: FulfillmentOrderRecord | null = null;
  if (picks && picks.length > 0 && !coversWhole(fo, picks)) {
    // The held FO keeps its id and the held quantities; the rest moves to a new FO.
    const unheld = fo.lineItems
      .map((l) => ({ id: l.id, quantity: l.remainingQuantity - (picks.find((p) => p.id === l.id)?.quantity ?? 0) }))
      .filter((p) => p.quantity > 0);
    remaining = splitOff(ctx.store, ctx.state, fo, unheld);
  }
  const hold: FulfillmentHoldRecord = {
    id: ctx.store.newGid("FulfillmentHold"),
    handle: optStr(input, "handle"),
    reason: str(input, "reason"),
    reasonNotes: optStr(input, "reasonNotes"),
    createdAt: ctx.store.nowIso(),
    lineItems: fo.lineItems.map((l) => ({ id: l.id, quantity: l.remainingQuantity })),
    remainingFulfillmentOrderId: remaining?.id ?? null,
  };
  if (fo.status !== "ON_HOLD") fo.statusBeforeHold = fo.status;
  fo.holds.push(hold);
  fo.status = "ON_HOLD";
  touch(ctx.store, fo);
  const holdPayload = { id: hold.id, reason: hold.reason.toLowerCase(), reason_notes: hold.reasonNotes, held_by_requesting_app: true, handle: hold.handle };
  emitFo(ctx, "placed_on_hold", {
    fulfillment_order: {
      id: fo.id,
      status: "on_hold",
      fulfillment_holds: fo.holds.map((h) => ({
        id: h.id,
        reason: h.reason.toLowerCase(),
        reason_notes: h.reasonNotes,
        held_by_requesting_app: true,
        handle: h.handle,
      })),
    },
    remaining_fulfillment_order: remaining ? { id: remaining.id, status: remaining.status.toLowerCase() } : null,
    held_fulfillment_order_line_items: hold.lineItems,
    created_fulfillment_hold: holdPayload,
  });
  return {
    __typename: "FulfillmentOrderHoldPayload",
    fulfillmentHold: holdView(hold),
    fulfillmentOrder: foOrNull(ctx, fo),
    remainingFulfillmentOrder: foOrNull(ctx, remaining),
    userErrors: [],
  };
}

function fulfillmentOrderReleaseHold(args: Args, ctx: ResolverContext): View {
  const fo = requireFo(args, ctx);
  const fail = (e: FoUserError): View => ({
    __typename: "FulfillmentOrderReleaseHoldPayload",
    fulfillmentOrder: null,
    userErrors: userErrors("FulfillmentOrderReleaseHoldUserError", [e], true),
  });
  if (fo.status !== "ON_HOLD") return fail({ field: ["id"], message: "The fulfillment order is not on hold." });
  const holdIds = optStrList(args, "holdIds");
  const unknown = (holdIds ?? []).find((id) => !fo.holds.some((h) => h.id === id));
  if (unknown) return fail({ field: ["holdIds"], message: `Fulfillment hold ${unknown} could not be found.` });
  const released = holdIds ? fo.holds.filter((h) => holdIds.includes(h.id)) : [...fo.holds];
  fo.holds = fo.holds.filter((h) => !released.includes(h));
  if (fo.holds.length === 0) {
    fo.status = fo.statusBeforeHold ?? "OPEN";
    fo.statusBeforeHold = null;
    // A partial hold's split is undone on release when the split-off FO is untouched.
    for (const h of released) {
      const rest = h.remainingFulfillmentOrderId ? ctx.state.fulfillmentOrders.get(h.remainingFulfillmentOrderId) : undefined;
      if (rest && rest.status === "OPEN" && rest.requestStatus === "UNSUBMITTED" && rest.assignedLocationId === fo.assignedLocationId)
        mergeBack(ctx.store, fo, rest);
    }
  }
  touch(ctx.store, fo);
  emitFo(ctx, "hold_released", { fulfillment_order: { id: fo.id, status: fo.status.toLowerCase() } });
  return { __typename: "FulfillmentOrderReleaseHoldPayload", fulfillmentOrder: foOrNull(ctx, fo), userErrors: [] };
}

function fulfillmentOrderReportProgress(args: Args, ctx: ResolverContext): View {
  const fo = requireFo(args, ctx);
  if (fo.status !== "OPEN" && fo.status !== "IN_PROGRESS") {
    return {
      __typename: "FulfillmentOrderReportProgressPayload",
      fulfillmentOrder: null,
      userErrors: userErrors(
        "FulfillmentOrderReportProgressUserError",
        [{ field: ["id"], message: "The fulfillment order status is invalid.", code: "FULFILLMENT_ORDER_STATUS_INVALID" }],
        true,
      ),
    };
  }
  fo.status = "IN_PROGRESS";
  fo.progressReported = true;
  touch(ctx.store, fo);
  return { __typename: "FulfillmentOrderReportProgressPayload", fulfillmentOrder: foOrNull(ctx, fo), userErrors: [] };
}

function fulfillmentOrderOpen(args: Args, ctx: ResolverContext): View {
  const fo = requireFo(args, ctx);
  if (fo.status !== "IN_PROGRESS" || !fo.progressReported) {
    return {
      __typename: "FulfillmentOrderOpenPayload",
      fulfillmentOrder: null,
      userErrors: userErrors(
        "UserError",
        [{ field: null, message: `Expected fulfillment order status to be valid but it was ${fo.status.toLowerCase()}.` }],
        false,
      ),
    };
  }
  fo.status = "OPEN";
  fo.progressReported = false;
  touch(ctx.store, fo);
  return { __typename: "FulfillmentOrderOpenPayload", fulfillmentOrder: foOrNull(ctx, fo), userErrors: [] };
}

function fulfillmentOrderCancel(args: Args, ctx: ResolverContext): View {
  const fo = requireFo(args, ctx);
  const fail = (message: string): View => ({
    __typename: "FulfillmentOrderCancelPayload",
    fulfillmentOrder: null,
    replacementFulfillmentOrder: null,
    userErrors: userErrors("FulfillmentOrderCancelError", [{ field: ["id"], message }], true),
  });
  if (fo.progressReported && fo.status === "IN_PROGRESS")
    return fail("Cannot cancel fulfillment order that has had progress reported. Mark as unfulfilled first.");
  if (fo.status === "CLOSED" || fo.status === "CANCELLED") return fail("Fulfillment order is not in a cancelable state.");
  if (isServiceLocation(ctx.state, fo.assignedLocationId) && (fo.requestStatus === "ACCEPTED" || fo.requestStatus === "SUBMITTED"))
    return fail("Fulfillment order is not in a cancelable state.");
  const replacement = cloneWith(
    ctx.store,
    ctx.state,
    fo,
    fo.lineItems.filter((l) => l.remainingQuantity > 0).map((l) => ({ lineItemId: l.lineItemId, quantity: l.remainingQuantity })),
  );
  fo.lineItems = [];
  fo.status = "CLOSED";
  touch(ctx.store, fo);
  emitFo(ctx, "cancelled", { fulfillment_order: { id: fo.id, status: "closed" }, replacement_fulfillment_order: { id: replacement.id, status: "open" } });
  return {
    __typename: "FulfillmentOrderCancelPayload",
    fulfillmentOrder: foOrNull(ctx, fo),
    replacementFulfillmentOrder: foOrNull(ctx, replacement),
    userErrors: [],
  };
}

/** A fulfillment service gives up on an accepted request: INCOMPLETE, request CLOSED (captured). */
function fulfillmentOrderClose(args: Args, ctx: ResolverContext): View {
  const fo = requireFo(args, ctx);
  const fail = (message: string): View => ({
    __typename: "FulfillmentOrderClosePayload",
    fulfillmentOrder: null,
    userErrors: userErrors("UserError", [{ field: null, message }], false),
  });
  if (!isServiceLocation(ctx.state, fo.assignedLocationId)) return fail("The fulfillment order's assigned fulfillment service must be of api type");
  if (fo.status !== "IN_PROGRESS" || fo.requestStatus !== "ACCEPTED")
    return fail(`Expected fulfillment order status to be valid but it was ${fo.status.toLowerCase()}.`);
  fo.status = "INCOMPLETE";
  fo.requestStatus = "CLOSED";
  fo.cancellationPending = false;
  touch(ctx.store, fo);
  emitFo(ctx, "fulfillment_service_failed_to_complete", { fulfillment_order: { id: fo.id, status: "incomplete" }, message: optStr(args, "message") });
  return { __typename: "FulfillmentOrderClosePayload", fulfillmentOrder: foOrNull(ctx, fo), userErrors: [] };
}

export const fulfillmentOrderMutations = {
  fulfillmentOrderMove,
  fulfillmentOrderHold,
  fulfillmentOrderReleaseHold,
  fulfillmentOrderReportProgress,
  fulfillmentOrderOpen,
  fulfillmentOrderCancel,
  fulfillmentOrderClose,
};
