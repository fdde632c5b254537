/** Fulfillment orders: the view and the read queries. */
import { ShopifyResolverError } from "../errors";
import { numericPart } from "../ids";
import { supportedActions } from "../model/fulfillment-orders";
import type { FulfillmentHoldRecord, FulfillmentOrderLineItemRecord, FulfillmentOrderRecord, MerchantRequestRecord } from "../types";
import { connection } from "./connection";
import { optBool, optStr, optStrList, str, type Args, type ResolverContext, type View } from "./context";
import { fulfillmentView } from "./fulfillments";
import { locationView } from "./locations";
import { moneyBag } from "./money";
import { lineItemView, orderView } from "./orders";
import { variantView } from "./products";
import { matchesSearch } from "./search";

const HOLD_REASONS: Readonly<Record<string, string>> = {
  AWAITING_PAYMENT: "Awaiting payment",
  HIGH_RISK_OF_FRAUD: "High risk of fraud",
  INCORRECT_ADDRESS: "Incorrect address",
  INVENTORY_OUT_OF_STOCK: "Inventory out of stock",
  UNKNOWN_DELIVERY_DATE: "Unknown delivery date",
  ONLINE_STORE_POST_PURCHASE_CROSS_SELL: "Online store post purchase cross sell",
  AWAITING_RETURN_ITEMS: "Exchange items awaiting return delivery",
  OTHER: "Other",
};

export function holdView(hold: FulfillmentHoldRecord): View {
  return {
    __typename: "FulfillmentHold",
    id: hold.id,
    handle: hold.handle,
    reason: hold.reason,
    reasonNotes: hold.reasonNotes,
    displayReason: HOLD_REASONS[hold.reason] ?? "Other",
    heldByRequestingApp: true,
    // The app has no read_apps scope; Shopify answers this field with ACCESS_DENIED.
    heldByApp: () => {
      throw new ShopifyResolverError("Access denied for heldByApp field. Required access: `read_apps` access scope.", "ACCESS_DENIED", {
        documentation: "https://shopify.dev/api/usage/access-scopes",
        requiredAccess: "`read_apps` access scope.",
      });
    },
  };
}

function merchantRequestView(ctx: ResolverContext, fo: FulfillmentOrderRecord, r: MerchantRequestRecord): View {
  return {
    __typename: "FulfillmentOrderMerchantRequest",
    id: r.id,
    kind: r.kind,
    message: r.message,
    requestOptions: r.requestOptions,
    responseData: r.responseData,
    sentAt: r.sentAt,
    fulfillmentOrder: () => fulfillmentOrderView(ctx, fo),
  };
}

function foLineItemView(ctx: ResolverContext, fo: FulfillmentOrderRecord, line: FulfillmentOrderLineItemRecord): View {
  const order = ctx.state.orders.get(fo.orderId);
  const li = order?.lineItems.find((l) => l.id === line.lineItemId);
  const variant = li?.variantId ? ctx.state.variants.get(li.variantId) : undefined;
  return {
    __typename: "FulfillmentOrderLineItem",
    id: line.id,
    totalQuantity: line.totalQuantity,
    remainingQuantity: line.remainingQuantity,
    sku: li?.sku ?? null,
    productTitle: li?.title ?? "",
    variantTitle: li?.variantTitle ?? null,
    vendor: null,
    image: null,
    weight: null,
    warnings: [],
    requiresShipping: li?.requiresShipping ?? true,
    inventoryItemId: variant?.inventoryItemId ?? null,
    originalUnitPriceSet: moneyBag(li?.price ?? "0.00", order?.currencyCode ?? ctx.state.shop.currencyCode),
    variant: () => (variant ? variantView(ctx, variant) : null),
    lineItem: () => (order && li ? lineItemView(ctx, order, li) : null),
  };
}

export function fulfillmentOrderView(ctx: ResolverContext, fo: FulfillmentOrderRecord): View {
  const { state } = ctx;
  const order = state.orders.get(fo.orderId);
  const location = state.locations.get(fo.assignedLocationId);
  const dest = fo.destination;
  return {
    __typename: "FulfillmentOrder",
    id: fo.id,
    status: fo.status,
    requestStatus: fo.requestStatus,
    orderId: fo.orderId,
    orderName: order?.name ?? "",
    orderProcessedAt: order?.processedAt ?? fo.createdAt,
    createdAt: fo.createdAt,
    updatedAt: fo.updatedAt,
    fulfillAt: fo.fulfillAt,
    fulfillBy: fo.fulfillBy,
    channelId: null,
    internationalDuties: null,
    remainingLineItemsWeight: null,
    supportedActions: () => supportedActions(state, fo).map((action) => ({ __typename: "FulfillmentOrderSupportedAction", action, externalUrl: null })),
    assignedLocation: {
      __typename: "FulfillmentOrderAssignedLocation",
      name: location?.name ?? "",
      city: location?.address.city ?? null,
      countryCode: location?.address.countryCode ?? "US",
      province: location?.address.provinceCode ?? null,
      zip: location?.address.zip ?? null,
      phone: null,
      address1: location?.address.address1 ?? null,
      address2: null,
      location: () => (location && !location.deletedAt ? locationView(ctx, location) : null),
    },
    destination: dest
      ? {
          __typename: "FulfillmentOrderDestination",
          id: `gid://shopify/FulfillmentOrderDestination/${numericPart(fo.id)}`,
          address1: dest.address1,
          address2: dest.address2,
          city: dest.city,
          company: dest.company,
          countryCode: dest.countryCode,
          email: order?.email ?? null,
          firstName: dest.firstName,
          lastName: dest.lastName,
          phone: dest.phone,
          province: dest.provinceCode,
          zip: dest.zip,
          location: null,
        }
      : null,
    deliveryMethod: {
      __typename: "DeliveryMethod",
      id: `gid://shopify/DeliveryMethod/${numericPart(fo.id)}`,
      methodType: fo.deliveryMethodType,
      serviceCode: fo.shippingLineCode,
      presentedName: order?.shippingLines[0]?.title ?? null,
      sourceReference: null,
      additionalInformation: null,
      brandedPromise: null,
      minDeliveryDateTime: null,
      maxDeliveryDateTime: null,
    },
    fulfillmentHolds: () => fo.holds.map(holdView),
    merchantRequests: (args: Args) => {
      const kind = optStr(args, "kind");
      return connection(
        "FulfillmentOrderMerchantRequestConnection",
        fo.merchantRequests.filter((r) => kind === null || r.kind === kind),
        args,
        (r) => merchantRequestView(ctx, fo, r),
      );
    },
    lineItems: (args: Args) => connection("FulfillmentOrderLineItemConnection", fo.lineItems, args, (l) => foLineItemView(ctx, fo, l)),
    order: () => (order ? orderView(ctx, order) : null),
    fulfillments: (args: Args) =>
      connection(
        "FulfillmentConnection",
        [...state.fulfillments.values()].filter((f) => f.fulfillmentOrderIds.includes(fo.id)),
        args,
        (f) => fulfillmentView(ctx, f),
      ),
  };
}

function serviceLocationIds(ctx: ResolverContext): string[] {
  return [...ctx.state.fulfillmentServices.values()].map((fs) => fs.locationId);
}

const ASSIGNMENT_STATUS: Readonly<Record<string, string>> = {
  FULFILLMENT_REQUESTED: "SUBMITTED",
  FULFILLMENT_ACCEPTED: "ACCEPTED",
  CANCELLATION_REQUESTED: "CANCELLATION_REQUESTED",
  FULFILLMENT_UNSUBMITTED: "UNSUBMITTED",
};

export const fulfillmentOrderQueries = {
  fulfillmentOrder: (args: Args, ctx: ResolverContext): View | null => {
    const fo = ctx.state.fulfillmentOrders.get(str(args, "id"));
    return fo ? fulfillmentOrderView(ctx, fo) : null;
  },
  fulfillmentOrders: (args: Args, ctx: ResolverContext): View => {
    const includeClosed = optBool(args, "includeClosed") === true;
    const query = optStr(args, "query");
    const items = [...ctx.state.fulfillmentOrders.values()].filter(
      (fo) =>
        (includeClosed || (fo.status !== "CLOSED" && fo.status !== "CANCELLED")) &&
        matchesSearch(query, {
          status: fo.status,
          request_status: fo.requestStatus,
          assigned_location_id: numericPart(fo.assignedLocationId),
          order_id: numericPart(fo.orderId),
          id: numericPart(fo.id),
          updated_at: fo.updatedAt,
          created_at: fo.createdAt,
        }),
    );
    return connection("FulfillmentOrderConnection", items, args, (fo) => fulfillmentOrderView(ctx, fo));
  },
  /** What a fulfillment service app sees: FOs at its locations, by request state. */
  assignedFulfillmentOrders: (args: Args, ctx: ResolverContext): View => {
    const locations = optStrList(args, "locationIds") ?? serviceLocationIds(ctx);
    const status = optStr(args, "assignmentStatus");
    const wanted = status ? ASSIGNMENT_STATUS[status] : undefined;
    const items = [...ctx.state.fulfillmentOrders.values()].filter(
      (fo) =>
        locations.includes(fo.assignedLocationId) &&
        serviceLocationIds(ctx).includes(fo.assignedLocationId) &&
        fo.status !== "CLOSED" &&
        fo.status !== "CANCELLED" &&
        (!status ||
          (status === "CANCELLATION_REQUESTED"
            ? fo.cancellationPending || fo.requestStatus === wanted
            : fo.requestStatus === wanted && !fo.cancellationPending)),
    );
    return connection("FulfillmentOrderConnection", items, args, (fo) => fulfillmentOrderView(ctx, fo));
  },
};
