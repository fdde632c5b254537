/** orderCreate (orders made by apps, e.g. replacements) and orderCancel (asynchronous, answers a Job). */
import { cancelOrder, createOrder } from "../model/orders";
import { paidAmount, recordRefund, refundableShipping, refundedAmount, refundedQuantity, saleTransactionId } from "../model/refunds";
import { optBool, optList, optObj, optStr, optStrList, str, type Args, type ResolverContext, type View } from "./context";
import { sumDecimals } from "./money";
import { orderView } from "./orders";

const moneyOf = (bag: Args | null): string | null => {
  const shop = bag ? optObj(bag, "shopMoney") : null;
  return shop ? optStr(shop, "amount") : null;
};

export const orderAdminMutations = {
  orderCreate: (args: Args, ctx: ResolverContext): View => {
    const input = optObj(args, "order") ?? {};
    const refused = (field: string[], message: string): View => ({
      __typename: "OrderCreatePayload",
      order: null,
      userErrors: [{ __typename: "OrderCreateUserError", field, message, code: "INVALID" }],
    });
    const lines = optList(input, "lineItems") ?? [];
    if (lines.length === 0) return refused(["order", "lineItems"], "Line items can't be empty");
    if (lines.some((l) => !optStr(l, "variantId"))) return refused(["order", "lineItems"], "fake-shopify: orderCreate supports variant line items only");
    if (lines.some((l) => !ctx.state.variants.has(str(l, "variantId")))) return refused(["order", "lineItems"], "Variant does not exist");
    const a = optObj(input, "shippingAddress");
    const shipping = (optList(input, "shippingLines") ?? [])[0];
    const name = a ? [optStr(a, "firstName"), optStr(a, "lastName")].filter(Boolean).join(" ") : "";
    const order = createOrder(ctx.store, ctx.state, {
      lineItems: lines.map((l) => ({ variantId: str(l, "variantId"), quantity: Number(l.quantity), price: moneyOf(optObj(l, "priceSet")) ?? undefined })),
      shippingAddress: {
        name,
        address1: (a && optStr(a, "address1")) ?? "",
        address2: (a && optStr(a, "address2")) ?? undefined,
        city: (a && optStr(a, "city")) ?? "",
        zip: (a && optStr(a, "zip")) ?? "",
        countryCode: (a && optStr(a, "countryCode")) ?? "US",
        provinceCode: (a && optStr(a, "provinceCode")) ?? undefined,
        phone: (a && optStr(a, "phone")) ?? undefined,
      },
      shippingLine: {
        title: (shipping && optStr(shipping, "title")) ?? "Shipping",
        code: (shipping && optStr(shipping, "code")) ?? "CUSTOM",
        price: moneyOf(shipping ? optObj(shipping, "priceSet") : null) ?? "0.00",
      },
      email: optStr(input, "email") ?? "",
      tags: optStrList(input, "tags") ?? [],
      note: optStr(input, "note") ?? undefined,
      currencyCode: optStr(input, "currency") ?? undefined,
    });
    order.customAttributes = (optList(input, "customAttributes") ?? []).map((x) => ({ key: str(x, "key"), value: str(x, "value") }));
    order.financialStatus = optStr(input, "financialStatus") ?? "PENDING";
    return { __typename: "OrderCreatePayload", order: orderView(ctx, order), userErrors: [] };
  },

  orderCancel: (args: Args, ctx: ResolverContext): View => {
    const order = ctx.state.orders.get(str(args, "orderId"));
    const refused = (code: string, message: string): View => ({
      __typename: "OrderCancelPayload",
      job: null,
      orderCancelUserErrors: [{ __typename: "OrderCancelUserError", field: ["orderId"], message, code }],
      userErrors: [{ __typename: "UserError", field: ["orderId"], message }],
    });
    if (!order) return refused("NOT_FOUND", "Order does not exist");
    if (order.cancelledAt) return refused("INVALID", "Order has already been cancelled");
    const method = optObj(args, "refundMethod");
    const refund = (method ? optBool(method, "originalPaymentMethodsRefund") : null) ?? optBool(args, "refund") ?? false;
    const restock = args.restock === true;
    const reason = str(args, "reason");
    const jobId = ctx.store.newGid("Job");
    cancelOrder(ctx.store, ctx.state, order.id, reason, restock);
    order.cancellation = { reason, restock, refund, staffNote: optStr(args, "staffNote"), jobId };
    if (refund) {
      const left = sumDecimals([paidAmount(order), `-${refundedAmount(order)}`]);
      const lines = order.lineItems
        .map((li) => ({ lineItemId: li.id, quantity: li.quantity - refundedQuantity(order, li.id), restockType: restock ? "CANCEL" : "NO_RESTOCK" }))
        .filter((l) => l.quantity > 0);
      if (left !== "0.00")
        recordRefund(ctx.store, order, {
          note: "Order cancelled",
          lines,
          shippingAmount: refundableShipping(order),
          shippingFull: false,
          transactions: [{ amount: left, gateway: "bogus", kind: "REFUND", parentId: saleTransactionId(ctx.store, order) }],
          allowOverRefunding: false,
        });
    }
    return { __typename: "OrderCancelPayload", job: { __typename: "Job", id: jobId, done: true }, orderCancelUserErrors: [], userErrors: [] };
  },
};
