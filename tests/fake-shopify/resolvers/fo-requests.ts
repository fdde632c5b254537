/**
 * Fulfillment requests between merchant and fulfillment service: submit / accept / reject, and
 * cancellation requests. Submissions notify the service's callback URL like Shopify does.
 */
import { cloneWith, coversWhole, isServiceLocation, splitOff, touch, zeroLines } from "../model/fulfillment-orders";
import { releaseCommitted } from "../model/orders";
import type { FulfillmentOrderRecord, MerchantRequestKind } from "../types";
import { optBool, optList, optStr, type Args, type ResolverContext, type View } from "./context";
import { detail, emitFo, foOrNull, linePicks, requireFo, userErrors } from "./fo-common";

function fail(typename: string, message: string, extra: Record<string, null> = { fulfillmentOrder: null }): View {
  return { __typename: typename, ...extra, userErrors: userErrors("UserError", [{ field: ["id"], message }], false) };
}

function addRequest(
  ctx: ResolverContext,
  fo: FulfillmentOrderRecord,
  kind: MerchantRequestKind,
  message: string | null,
  options: Record<string, unknown>,
): { id: string; message: string | null } {
  const request = {
    id: ctx.store.newGid("FulfillmentOrderMerchantRequest"),
    kind,
    message,
    requestOptions: options,
    responseData: null,
    sentAt: ctx.store.nowIso(),
  };
  fo.merchantRequests.push(request);
  return request;
}

function notifyService(ctx: ResolverContext, fo: FulfillmentOrderRecord, kind: "FULFILLMENT_REQUEST" | "CANCELLATION_REQUEST"): void {
  const service = ctx.state.fulfillmentServiceByLocation(fo.assignedLocationId);
  if (service?.callbackUrl) ctx.store.notify({ shopDomain: ctx.state.shop.domain, callbackUrl: service.callbackUrl, kind, fulfillmentOrderId: fo.id });
}

const SUBMITTABLE = new Set(["UNSUBMITTED", "REJECTED", "CLOSED", "CANCELLATION_ACCEPTED"]);

function fulfillmentOrderSubmitFulfillmentRequest(args: Args, ctx: ResolverContext): View {
  const typename = "FulfillmentOrderSubmitFulfillmentRequestPayload";
  const none = { originalFulfillmentOrder: null, submittedFulfillmentOrder: null, unsubmittedFulfillmentOrder: null };
  const fo = requireFo(args, ctx);
  if (!isServiceLocation(ctx.state, fo.assignedLocationId)) return fail(typename, "Fulfillment order is not assigned to a fulfillment service location.", none);
  if (!(fo.status === "OPEN" || fo.status === "INCOMPLETE") || !SUBMITTABLE.has(fo.requestStatus)) {
    return fail(
      typename,
      `Cannot request fulfillment for a fulfillment order with status ${fo.status.toLowerCase()} and request status ${fo.requestStatus.toLowerCase()}.`,
      none,
    );
  }
  const picks = linePicks(optList(args, "fulfillmentOrderLineItems"));
  for (const p of picks ?? []) {
    const line = fo.lineItems.find((l) => l.id === p.id);
    if (!line || p.quantity <= 0 || p.quantity > line.remainingQuantity) return fail(typename, "Invalid fulfillment order line item quantity requested.", none);
  }
  let unsubmitted: FulfillmentOrderRecord | null = null;
  if (picks && picks.length > 0 && !coversWhole(fo, picks)) {
    // The submitted FO keeps its id and the requested quantities; the rest stays unsubmitted.
    const rest = fo.lineItems
      .map((l) => ({ id: l.id, quantity: l.remainingQuantity - (picks.find((p) => p.id === l.id)?.quantity ?? 0) }))
      .filter((p) => p.quantity > 0);
    unsubmitted = splitOff(ctx.store, ctx.state, fo, rest);
  }
  fo.status = "OPEN";
  fo.requestStatus = "SUBMITTED";
  fo.cancellationPending = false;
  const message = optStr(args, "message");
  const request = addRequest(ctx, fo, "FULFILLMENT_REQUEST", message, { notify_customer: optBool(args, "notifyCustomer") ?? false });
  touch(ctx.store, fo);
  emitFo(ctx, "fulfillment_request_submitted", {
    original_fulfillment_order: detail(fo),
    submitted_fulfillment_order: detail(fo),
    unsubmitted_fulfillment_order: unsubmitted ? detail(unsubmitted) : null,
    fulfillment_order_merchant_request: { id: request.id, message },
  });
  notifyService(ctx, fo, "FULFILLMENT_REQUEST");
  return {
    __typename: typename,
    originalFulfillmentOrder: foOrNull(ctx, fo),
    submittedFulfillmentOrder: foOrNull(ctx, fo),
    unsubmittedFulfillmentOrder: foOrNull(ctx, unsubmitted),
    userErrors: [],
  };
}

function fulfillmentOrderAcceptFulfillmentRequest(args: Args, ctx: ResolverContext): View {
  const typename = "FulfillmentOrderAcceptFulfillmentRequestPayload";
  const fo = requireFo(args, ctx);
  if (fo.requestStatus !== "SUBMITTED")
    return fail(typename, `Cannot accept a fulfillment request for a fulfillment order with request status ${fo.requestStatus.toLowerCase()}.`);
  fo.status = "IN_PROGRESS";
  fo.requestStatus = "ACCEPTED";
  fo.estimatedShippedAt = optStr(args, "estimatedShippedAt");
  touch(ctx.store, fo);
  emitFo(ctx, "fulfillment_request_accepted", {
    fulfillment_order: { id: fo.id, status: "in_progress", request_status: "accepted" },
    message: optStr(args, "message"),
  });
  return { __typename: typename, fulfillmentOrder: foOrNull(ctx, fo), userErrors: [] };
}

function fulfillmentOrderRejectFulfillmentRequest(args: Args, ctx: ResolverContext): View {
  const typename = "FulfillmentOrderRejectFulfillmentRequestPayload";
  const fo = requireFo(args, ctx);
  if (fo.requestStatus !== "SUBMITTED")
    return fail(typename, `Cannot reject a fulfillment request for a fulfillment order with request status ${fo.requestStatus.toLowerCase()}.`);
  fo.status = "OPEN";
  fo.requestStatus = "REJECTED";
  const reason = optStr(args, "reason");
  const last = fo.merchantRequests.filter((r) => r.kind === "FULFILLMENT_REQUEST").pop();
  if (last) last.responseData = { reason, message: optStr(args, "message"), line_items: optList(args, "lineItems") ?? [] };
  touch(ctx.store, fo);
  emitFo(ctx, "fulfillment_request_rejected", {
    fulfillment_order: { id: fo.id, status: "open", request_status: "rejected" },
    message: optStr(args, "message"),
  });
  return { __typename: typename, fulfillmentOrder: foOrNull(ctx, fo), userErrors: [] };
}

function fulfillmentOrderSubmitCancellationRequest(args: Args, ctx: ResolverContext): View {
  const typename = "FulfillmentOrderSubmitCancellationRequestPayload";
  const fo = requireFo(args, ctx);
  if (!(fo.requestStatus === "ACCEPTED" || fo.requestStatus === "CANCELLATION_REJECTED") || fo.status !== "IN_PROGRESS" || fo.cancellationPending) {
    return fail(typename, `Cannot request cancellation for a fulfillment order with request status ${fo.requestStatus.toLowerCase()}.`);
  }
  const message = optStr(args, "message");
  const request = addRequest(ctx, fo, "CANCELLATION_REQUEST", message, {});
  fo.cancellationPending = true;
  touch(ctx.store, fo);
  emitFo(ctx, "cancellation_request_submitted", {
    fulfillment_order: { id: fo.id, status: fo.status.toLowerCase(), request_status: "cancellation_request" },
    fulfillment_order_merchant_request: { id: request.id, message },
  });
  notifyService(ctx, fo, "CANCELLATION_REQUEST");
  return { __typename: typename, fulfillmentOrder: foOrNull(ctx, fo), userErrors: [] };
}

function fulfillmentOrderAcceptCancellationRequest(args: Args, ctx: ResolverContext): View {
  const typename = "FulfillmentOrderAcceptCancellationRequestPayload";
  const fo = requireFo(args, ctx);
  if (!fo.cancellationPending) return fail(typename, "There is no cancellation request to accept for this fulfillment order.");
  const order = ctx.state.orders.get(fo.orderId);
  const rest = fo.lineItems.filter((l) => l.remainingQuantity > 0).map((l) => ({ lineItemId: l.lineItemId, quantity: l.remainingQuantity }));
  if (order?.cancelledAt) releaseCommitted(ctx.store, ctx.state, fo);
  // The merchant gets the unshipped items back on a new open FO unless the order is cancelled.
  if (order && !order.cancelledAt && rest.length > 0) cloneWith(ctx.store, ctx.state, fo, rest);
  zeroLines(fo);
  fo.status = "CLOSED";
  fo.requestStatus = "CANCELLATION_ACCEPTED";
  fo.cancellationPending = false;
  touch(ctx.store, fo);
  emitFo(ctx, "cancellation_request_accepted", { fulfillment_order: { id: fo.id, status: "closed" }, message: optStr(args, "message") });
  return { __typename: typename, fulfillmentOrder: foOrNull(ctx, fo), userErrors: [] };
}

function fulfillmentOrderRejectCancellationRequest(args: Args, ctx: ResolverContext): View {
  const typename = "FulfillmentOrderRejectCancellationRequestPayload";
  const fo = requireFo(args, ctx);
  if (!fo.cancellationPending) return fail(typename, "There is no cancellation request to reject for this fulfillment order.");
  fo.requestStatus = "CANCELLATION_REJECTED";
  fo.status = "IN_PROGRESS";
  fo.cancellationPending = false;
  touch(ctx.store, fo);
  emitFo(ctx, "cancellation_request_rejected", {
    fulfillment_order: { id: fo.id, status: "in_progress", request_status: "cancellation_rejected" },
    message: optStr(args, "message"),
  });
  return { __typename: typename, fulfillmentOrder: foOrNull(ctx, fo), userErrors: [] };
}

export const fulfillmentRequestMutations = {
  fulfillmentOrderSubmitFulfillmentRequest,
  fulfillmentOrderAcceptFulfillmentRequest,
  fulfillmentOrderRejectFulfillmentRequest,
  fulfillmentOrderSubmitCancellationRequest,
  fulfillmentOrderAcceptCancellationRequest,
  fulfillmentOrderRejectCancellationRequest,
};
