/**
 * Refund arithmetic the way Shopify does it for a simple paid order (one sale transaction, no
 * taxes or duties): what is still refundable per line and for shipping, the suggested refund for
 * some lines, and recording a refund. Amounts are decimal strings, summed in minor units.
 */
import { sumDecimals } from "../resolvers/money";
import type { Store } from "../store";
import type { OrderRecord, RefundRecord } from "../types";

const cents = (amount: string): bigint => BigInt(sumDecimals([amount]).replace(".", ""));
const decimal = (c: bigint): string => sumDecimals([`${c / 100n}.${(c % 100n).toString().padStart(2, "0")}`]);
const minBig = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/** The one sale transaction every fake order is paid by (created on first use). */
export function saleTransactionId(store: Store, order: OrderRecord): string {
  order.saleTransactionId ??= store.newGid("OrderTransaction");
  return order.saleTransactionId;
}

export function orderTotal(order: OrderRecord): string {
  return sumDecimals([...order.lineItems.map((l) => sumDecimals([l.price], [l.quantity])), ...order.shippingLines.map((s) => s.price)]);
}

/** What the customer paid: the whole total, unless orderCreate said the order is pending. */
export function paidAmount(order: OrderRecord): string {
  return order.financialStatus === "PENDING" ? "0.00" : orderTotal(order);
}

export function refundedAmount(order: OrderRecord): string {
  return sumDecimals((order.refunds ?? []).map((r) => r.total));
}

export function refundedQuantity(order: OrderRecord, lineItemId: string): number {
  return (order.refunds ?? []).flatMap((r) => r.lines).reduce((n, l) => n + (l.lineItemId === lineItemId ? l.quantity : 0), 0);
}

export function refundableShipping(order: OrderRecord): string {
  const shipping = sumDecimals(order.shippingLines.map((s) => s.price));
  return sumDecimals([shipping, ...(order.refunds ?? []).map((r) => `-${r.shipping}`)]);
}

export interface RefundRequestLine {
  lineItemId: string;
  quantity: number;
  restockType?: string | null;
}

export interface Suggestion {
  lines: { lineItemId: string; quantity: number; restockType: string; amount: string }[];
  shipping: string;
  subtotal: string;
  total: string;
  maximumRefundable: string;
}

/** Shopify's suggested refund: the lines' prices (clamped to what is refundable) plus shipping, capped by what was paid. */
export function suggestRefund(order: OrderRecord, lines: readonly RefundRequestLine[], shipping: { full: boolean; amount: string | null }): Suggestion {
  const picked = lines.flatMap((l) => {
    const li = order.lineItems.find((x) => x.id === l.lineItemId);
    if (!li) return [];
    const quantity = Math.max(0, Math.min(l.quantity, li.quantity - refundedQuantity(order, li.id)));
    return quantity > 0 ? [{ lineItemId: li.id, quantity, restockType: l.restockType ?? "NO_RESTOCK", amount: sumDecimals([li.price], [quantity]) }] : [];
  });
  const shippingLeft = cents(refundableShipping(order));
  const shippingCents = shipping.amount !== null ? minBig(cents(shipping.amount), shippingLeft) : shipping.full ? shippingLeft : 0n;
  const subtotal = sumDecimals(picked.map((l) => l.amount));
  const maximum = cents(paidAmount(order)) - cents(refundedAmount(order));
  const total = minBig(cents(subtotal) + shippingCents, maximum);
  return { lines: picked, shipping: decimal(shippingCents), subtotal, total: decimal(total < 0n ? 0n : total), maximumRefundable: decimal(maximum) };
}

export interface RefundInputRecord {
  note: string | null;
  lines: readonly RefundRequestLine[];
  shippingAmount: string | null;
  shippingFull: boolean;
  transactions: readonly { amount: string; gateway: string; kind: string; parentId: string | null }[];
  allowOverRefunding: boolean;
}

/** Records a refund, or says why Shopify would refuse it. */
export function recordRefund(store: Store, order: OrderRecord, input: RefundInputRecord): RefundRecord | { error: string; field: string[] } {
  for (const l of input.lines) {
    const li = order.lineItems.find((x) => x.id === l.lineItemId);
    if (!li) return { error: "Line item does not exist", field: ["refundLineItems"] };
    if (l.quantity <= 0 || l.quantity > li.quantity - refundedQuantity(order, li.id))
      return { error: `Quantity cannot refund more items than were purchased`, field: ["refundLineItems"] };
  }
  const shipping = input.shippingAmount ?? (input.shippingFull ? refundableShipping(order) : "0.00");
  if (cents(shipping) > cents(refundableShipping(order))) return { error: "Shipping refund amount exceeds the refundable shipping", field: ["shipping"] };
  const sale = saleTransactionId(store, order);
  for (const t of input.transactions) {
    if (t.kind !== "REFUND") return { error: "Transactions must be refunds", field: ["transactions"] };
    if (t.parentId !== null && t.parentId !== sale) return { error: "Parent transaction does not exist", field: ["transactions"] };
  }
  const total = sumDecimals(input.transactions.map((t) => t.amount));
  const left = cents(paidAmount(order)) - cents(refundedAmount(order));
  if (!input.allowOverRefunding && cents(total) > left)
    return { error: `Refund amount ${total} is greater than net payment received ${decimal(left)}`, field: ["transactions"] };
  const refund: RefundRecord = {
    id: store.newGid("Refund"),
    note: input.note,
    createdAt: store.nowIso(),
    lines: input.lines.map((l) => {
      const li = order.lineItems.find((x) => x.id === l.lineItemId)!;
      return { lineItemId: li.id, quantity: l.quantity, restockType: l.restockType ?? "NO_RESTOCK", amount: sumDecimals([li.price], [l.quantity]) };
    }),
    shipping,
    total,
    transactions: input.transactions.map((t) => ({
      id: store.newGid("OrderTransaction"),
      amount: t.amount,
      gateway: t.gateway,
      kind: "REFUND",
      parentId: t.parentId,
    })),
  };
  order.refunds = [...(order.refunds ?? []), refund];
  order.updatedAt = store.nowIso();
  return refund;
}

/** Order.displayFinancialStatus from what was paid and refunded. */
export function displayFinancialStatus(order: OrderRecord): string {
  if (order.financialStatus === "PENDING") return "PENDING";
  const refunded = cents(refundedAmount(order));
  if (refunded === 0n) return "PAID";
  return refunded >= cents(paidAmount(order)) ? "REFUNDED" : "PARTIALLY_REFUNDED";
}
