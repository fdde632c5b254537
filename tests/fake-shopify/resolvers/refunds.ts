/** Refunds: Order.suggestedRefund, Order.refunds, refundCreate (see model/refunds.ts). */
import { paidAmount, recordRefund, refundedAmount, saleTransactionId, suggestRefund, type RefundRequestLine } from "../model/refunds";
import type { OrderRecord, RefundRecord } from "../types";
import { connection } from "./connection";
import { optBool, optList, optObj, optStr, str, type Args, type ResolverContext, type View } from "./context";
import { moneyBag, sumDecimals } from "./money";
import { lineItemView, orderView } from "./orders";

function requestLines(args: Args, name: string): RefundRequestLine[] {
  return (optList(args, name) ?? []).map((l) => ({ lineItemId: str(l, "lineItemId"), quantity: Number(l.quantity), restockType: optStr(l, "restockType") }));
}

function saleView(ctx: ResolverContext, order: OrderRecord): View {
  return {
    __typename: "OrderTransaction",
    id: saleTransactionId(ctx.store, order),
    kind: "SALE",
    status: "SUCCESS",
    gateway: "bogus",
    amountSet: moneyBag(paidAmount(order), order.currencyCode),
  };
}

export function refundView(ctx: ResolverContext, order: OrderRecord, r: RefundRecord): View {
  const lines = r.lines.map((l, i) => ({ ...l, index: i }));
  return {
    __typename: "Refund",
    id: r.id,
    note: r.note,
    createdAt: r.createdAt,
    processedAt: r.createdAt,
    updatedAt: r.createdAt,
    totalRefundedSet: moneyBag(r.total, order.currencyCode),
    order: () => orderView(ctx, order),
    refundLineItems: (args: Args) =>
      connection("RefundLineItemConnection", lines, args, (l) => {
        const li = order.lineItems.find((x) => x.id === l.lineItemId)!;
        return {
          __typename: "RefundLineItem",
          id: `${r.id}-${l.index}`,
          quantity: l.quantity,
          restockType: l.restockType,
          restocked: l.restockType !== "NO_RESTOCK",
          subtotalSet: moneyBag(l.amount, order.currencyCode),
          lineItem: () => lineItemView(ctx, order, li),
        };
      }),
  };
}

/** Fields spread into the Order view. */
export function orderRefundFields(ctx: ResolverContext, order: OrderRecord): Record<string, unknown> {
  return {
    customAttributes: (order.customAttributes ?? []).map((a) => ({ __typename: "Attribute", key: a.key, value: a.value })),
    refunds: (args: Args) => {
      const first = typeof args.first === "number" ? args.first : undefined;
      return (order.refunds ?? []).slice(0, first).map((r) => refundView(ctx, order, r));
    },
    totalRefundedSet: () => moneyBag(refundedAmount(order), order.currencyCode),
    netPaymentSet: () => moneyBag(sumDecimals([paidAmount(order), `-${refundedAmount(order)}`]), order.currencyCode),
    suggestedRefund: (args: Args) => {
      const all = args.suggestFullRefund === true;
      const lines = all ? order.lineItems.map((li) => ({ lineItemId: li.id, quantity: li.quantity })) : requestLines(args, "refundLineItems");
      const s = suggestRefund(order, lines, { full: all || optBool(args, "refundShipping") === true, amount: optStr(args, "shippingAmount") });
      const zero = moneyBag("0.00", order.currencyCode);
      return {
        __typename: "SuggestedRefund",
        amountSet: moneyBag(s.total, order.currencyCode),
        subtotalSet: moneyBag(s.subtotal, order.currencyCode),
        discountedSubtotalSet: moneyBag(s.subtotal, order.currencyCode),
        maximumRefundableSet: moneyBag(s.maximumRefundable, order.currencyCode),
        totalTaxSet: zero,
        totalDutiesSet: zero,
        totalCartDiscountAmountSet: zero,
        refundDuties: [],
        shipping: {
          __typename: "ShippingRefund",
          amountSet: moneyBag(s.shipping, order.currencyCode),
          taxSet: zero,
          maximumRefundableSet: moneyBag(s.shipping, order.currencyCode),
        },
        refundLineItems: s.lines.map((l) => ({
          __typename: "RefundLineItem",
          id: null,
          quantity: l.quantity,
          restockType: l.restockType,
          restocked: false,
          subtotalSet: moneyBag(l.amount, order.currencyCode),
          lineItem: () =>
            lineItemView(
              ctx,
              order,
              order.lineItems.find((x) => x.id === l.lineItemId)!,
            ),
        })),
        suggestedTransactions:
          s.total === "0.00"
            ? []
            : [
                {
                  __typename: "SuggestedOrderTransaction",
                  kind: "SUGGESTED_REFUND",
                  gateway: "bogus",
                  formattedGateway: "Bogus",
                  amountSet: moneyBag(s.total, order.currencyCode),
                  maximumRefundableSet: moneyBag(s.maximumRefundable, order.currencyCode),
                  parentTransaction: () => saleView(ctx, order),
                },
              ],
      };
    },
  };
}

export const refundMutations = {
  refundCreate: (args: Args, ctx: ResolverContext): View => {
    const input = optObj(args, "input") ?? {};
    const order = ctx.state.orders.get(str(input, "orderId"));
    const refused = (field: string[], message: string): View => ({
      __typename: "RefundCreatePayload",
      refund: null,
      order: null,
      userErrors: [{ __typename: "UserError", field, message }],
    });
    if (!order) return refused(["orderId"], "Order does not exist");
    const shipping = optObj(input, "shipping");
    const result = recordRefund(ctx.store, order, {
      note: optStr(input, "note"),
      lines: requestLines(input, "refundLineItems"),
      shippingAmount: shipping ? optStr(shipping, "amount") : null,
      shippingFull: shipping ? optBool(shipping, "fullRefund") === true : false,
      transactions: (optList(input, "transactions") ?? []).map((t) => ({
        amount: str(t, "amount"),
        gateway: str(t, "gateway"),
        kind: str(t, "kind"),
        parentId: optStr(t, "parentId"),
      })),
      allowOverRefunding: optBool(input, "allowOverRefunding") === true,
    });
    if ("error" in result) return refused(result.field, result.error);
    return { __typename: "RefundCreatePayload", refund: refundView(ctx, order, result), order: orderView(ctx, order), userErrors: [] };
  },
};
