/** Orders and line items: reads, orderUpdate, tagsAdd/tagsRemove. */
import { displayFulfillmentStatus, fulfillableQuantity } from "../model/orders";
import { displayFinancialStatus, refundedQuantity } from "../model/refunds";
import { fulfilledQuantity, orderPayload } from "../payloads";
import { numericPart, parseGid } from "../ids";
import type { LineItemRecord, OrderRecord } from "../types";
import { connection } from "./connection";
import { optObj, optStr, optStrList, str, userError, type Args, type ResolverContext, type View } from "./context";
import { fulfillmentOrderView } from "./fulfillment-orders";
import { fulfillmentView } from "./fulfillments";
import { addressView } from "./locations";
import { metafieldOwnerFields } from "./metafields";
import { orderRefundFields } from "./refunds";
import { moneyBag, moneyV2, sumDecimals } from "./money";
import { productView, variantView } from "./products";
import { matchesSearch } from "./search";

export function lineItemView(ctx: ResolverContext, order: OrderRecord, li: LineItemRecord): View {
  const fulfilled = fulfilledQuantity(ctx.state, li.id);
  const total = sumDecimals([li.price], [li.quantity]);
  return {
    __typename: "LineItem",
    id: li.id,
    title: li.title,
    name: li.variantTitle && li.variantTitle !== "Default Title" ? `${li.title} - ${li.variantTitle}` : li.title,
    sku: li.sku,
    variantTitle: li.variantTitle,
    vendor: null,
    quantity: li.quantity,
    currentQuantity: order.cancelledAt ? 0 : li.quantity,
    unfulfilledQuantity: li.quantity - fulfilled,
    fulfillableQuantity: () => fulfillableQuantity(ctx.state, order, li),
    nonFulfillableQuantity: 0,
    refundableQuantity: li.quantity - refundedQuantity(order, li.id),
    fulfillmentStatus: fulfilled === 0 ? "unfulfilled" : fulfilled >= li.quantity ? "fulfilled" : "partial",
    requiresShipping: li.requiresShipping,
    taxable: true,
    isGiftCard: false,
    customAttributes: [],
    originalUnitPrice: li.price,
    originalUnitPriceSet: moneyBag(li.price, order.currencyCode),
    discountedUnitPriceSet: moneyBag(li.price, order.currencyCode),
    originalTotalSet: moneyBag(total, order.currencyCode),
    discountedTotalSet: moneyBag(total, order.currencyCode),
    variant: () => {
      const v = li.variantId ? ctx.state.variants.get(li.variantId) : undefined;
      return v ? variantView(ctx, v) : null;
    },
    product: () => {
      const p = li.productId ? ctx.state.products.get(li.productId) : undefined;
      return p ? productView(ctx, p) : null;
    },
  };
}

export function orderView(ctx: ResolverContext, order: OrderRecord): View {
  const { state } = ctx;
  const subtotal = sumDecimals(
    order.lineItems.map((l) => l.price),
    order.lineItems.map((l) => l.quantity),
  );
  const shipping = sumDecimals(order.shippingLines.map((s) => s.price));
  const total = sumDecimals([subtotal, shipping]);
  return {
    __typename: "Order",
    id: order.id,
    legacyResourceId: numericPart(order.id),
    name: order.name,
    email: order.email,
    phone: null,
    note: order.note,
    tags: [...order.tags],
    test: false,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    processedAt: order.processedAt,
    cancelledAt: order.cancelledAt,
    cancelReason: order.cancelReason,
    closed: order.closedAt !== null,
    closedAt: order.closedAt,
    confirmed: true,
    sourceName: order.sourceName,
    currencyCode: order.currencyCode,
    presentmentCurrencyCode: order.currencyCode,
    displayFinancialStatus: () => displayFinancialStatus(order),
    displayFulfillmentStatus: () => displayFulfillmentStatus(state, order),
    fulfillable: () => !order.cancelledAt && order.lineItems.some((li) => fulfillableQuantity(state, order, li) > 0),
    requiresShipping: order.lineItems.some((l) => l.requiresShipping),
    subtotalPriceSet: moneyBag(subtotal, order.currencyCode),
    totalPriceSet: moneyBag(total, order.currencyCode),
    currentTotalPriceSet: moneyBag(total, order.currencyCode),
    totalShippingPriceSet: moneyBag(shipping, order.currencyCode),
    shippingAddress: addressView(order.shippingAddress),
    billingAddress: addressView(order.shippingAddress),
    shippingLine: () => shippingLineView(order, 0),
    shippingLines: (args: Args) =>
      connection(
        "ShippingLineConnection",
        order.shippingLines.map((_, i) => i),
        args,
        (i) => shippingLineView(order, i) as View,
      ),
    lineItems: (args: Args) => connection("LineItemConnection", order.lineItems, args, (li) => lineItemView(ctx, order, li)),
    fulfillmentOrders: (args: Args) => {
      const query = optStr(args, "query");
      const includeClosed = args.displayable === true ? false : true;
      const items = state
        .fulfillmentOrdersOf(order.id)
        .filter((fo) => (includeClosed || fo.status !== "CLOSED") && matchesSearch(query, { status: fo.status, id: numericPart(fo.id) }));
      return connection("FulfillmentOrderConnection", items, args, (fo) => fulfillmentOrderView(ctx, fo));
    },
    fulfillments: (args: Args) => {
      const first = typeof args.first === "number" ? args.first : undefined;
      return state
        .fulfillmentsOf(order.id)
        .slice(0, first)
        .map((f) => fulfillmentView(ctx, f));
    },
    ...metafieldOwnerFields(ctx, order.id),
    ...orderRefundFields(ctx, order),
  };
}

function shippingLineView(order: OrderRecord, index: number): View | null {
  const sl = order.shippingLines[index];
  if (!sl) return null;
  return {
    __typename: "ShippingLine",
    id: sl.id,
    title: sl.title,
    code: sl.code,
    source: sl.source,
    carrierIdentifier: null,
    deliveryCategory: null,
    custom: false,
    isRemoved: false,
    shippingRateHandle: null,
    phone: null,
    originalPriceSet: moneyBag(sl.price, order.currencyCode),
    discountedPriceSet: moneyBag(sl.price, order.currencyCode),
    price: sl.price,
    originalPrice: moneyV2(sl.price, order.currencyCode),
  };
}

export function orderSearchFields(ctx: ResolverContext, order: OrderRecord): Record<string, string | readonly string[] | null> {
  return {
    name: order.name,
    id: numericPart(order.id),
    tag: order.tags,
    email: order.email,
    created_at: order.createdAt,
    updated_at: order.updatedAt,
    status: order.cancelledAt ? "cancelled" : order.closedAt ? "closed" : "open",
    fulfillment_status: displayFulfillmentStatus(ctx.state, order).toLowerCase(),
    sku: order.lineItems.map((l) => l.sku ?? ""),
  };
}

export const orderQueries = {
  order: (args: Args, ctx: ResolverContext): View | null => {
    const o = ctx.state.orders.get(str(args, "id"));
    return o ? orderView(ctx, o) : null;
  },
  orders: (args: Args, ctx: ResolverContext): View => {
    const query = optStr(args, "query");
    const items = [...ctx.state.orders.values()].filter((o) => matchesSearch(query, orderSearchFields(ctx, o)));
    const sortKey = optStr(args, "sortKey");
    if (sortKey === "CREATED_AT" || sortKey === "PROCESSED_AT" || sortKey === "ID" || sortKey === null) items.sort((a, b) => a.number - b.number);
    if (sortKey === "UPDATED_AT") items.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
    return connection("OrderConnection", items, args, (o) => orderView(ctx, o));
  },
};

/**
 * orderUpdate's shippingAddress (MailingAddressInput): the fields given replace the order's, and
 * the order's unfulfilled fulfillment orders ship to the new address, as in Shopify.
 */
function updateShippingAddress(ctx: ResolverContext, order: OrderRecord, input: Args): void {
  const before = order.shippingAddress;
  const field = (key: string, current: string | null | undefined) => (key in input ? optStr(input, key) : (current ?? null));
  const firstName = field("firstName", before?.firstName);
  const lastName = field("lastName", before?.lastName);
  const next = {
    name: [firstName, lastName].filter(Boolean).join(" ") || null,
    firstName,
    lastName,
    company: field("company", before?.company),
    address1: field("address1", before?.address1),
    address2: field("address2", before?.address2),
    city: field("city", before?.city),
    zip: field("zip", before?.zip),
    provinceCode: field("provinceCode", before?.provinceCode),
    countryCode: field("countryCode", before?.countryCode) ?? "",
    phone: field("phone", before?.phone),
  };
  order.shippingAddress = next;
  for (const fo of ctx.state.fulfillmentOrders.values()) {
    if (fo.orderId === order.id && fo.status !== "CLOSED" && fo.status !== "CANCELLED") fo.destination = next;
  }
}

function emitUpdated(ctx: ResolverContext, order: OrderRecord): void {
  order.updatedAt = ctx.store.nowIso();
  ctx.store.emit(ctx.state.shop.domain, "orders/updated", orderPayload(ctx.state, order));
}

function normalizeTags(tags: readonly string[]): string[] {
  return tags
    .flatMap((t) => t.split(","))
    .map((t) => t.trim())
    .filter((t) => t !== "");
}

export const orderMutations = {
  orderUpdate: (args: Args, ctx: ResolverContext): View => {
    const input = optObj(args, "input") ?? {};
    const order = ctx.state.orders.get(optStr(input, "id") ?? "");
    if (!order)
      return { __typename: "OrderUpdatePayload", order: null, userErrors: [{ __typename: "UserError", ...userError(["id"], "Order does not exist") }] };
    if ("tags" in input) order.tags = normalizeTags(optStrList(input, "tags") ?? []);
    if ("note" in input) order.note = optStr(input, "note");
    if ("email" in input) order.email = optStr(input, "email");
    const shipping = optObj(input, "shippingAddress");
    if (shipping) updateShippingAddress(ctx, order, shipping);
    emitUpdated(ctx, order);
    return { __typename: "OrderUpdatePayload", order: orderView(ctx, order), userErrors: [] };
  },
  tagsAdd: (args: Args, ctx: ResolverContext): View => tagsChange(args, ctx, "add"),
  tagsRemove: (args: Args, ctx: ResolverContext): View => tagsChange(args, ctx, "remove"),
};

function tagsChange(args: Args, ctx: ResolverContext, mode: "add" | "remove"): View {
  const typename = mode === "add" ? "TagsAddPayload" : "TagsRemovePayload";
  const id = str(args, "id");
  const tags = normalizeTags(optStrList(args, "tags") ?? []);
  const type = parseGid(id)?.type;
  const order = ctx.state.orders.get(id);
  if (type !== "Order" || !order) {
    return {
      __typename: typename,
      node: null,
      userErrors: [{ __typename: "UserError", field: ["id"], message: type === "Order" ? "Order does not exist" : "Invalid id" }],
    };
  }
  if (mode === "add") {
    for (const t of tags) if (!order.tags.some((x) => x.toLowerCase() === t.toLowerCase())) order.tags.push(t);
  } else {
    order.tags = order.tags.filter((x) => !tags.some((t) => t.toLowerCase() === x.toLowerCase()));
  }
  emitUpdated(ctx, order);
  return { __typename: typename, node: orderView(ctx, order), userErrors: [] };
}
